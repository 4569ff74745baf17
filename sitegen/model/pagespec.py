"""A page of the site as planned: its URL, template, title and context. Pure data, rendered later."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Policy ids that would collide with the library's own listing pages.
RESERVED_POLICY_IDS = {"page", "year", "validity"}


@dataclass
class PageSpec:
    url: str
    template: str
    title: str
    crumbs: list[tuple[str, str]]  # ancestors as (label, url); home is implied
    section: str  # the main navigation entry to mark as current
    context: dict[str, Any] = field(default_factory=dict)
    searchable: bool = True

    @property
    def output_path(self) -> str:
        return self.url.lstrip("/") + ("index.html" if self.url.endswith("/") else "")
