"""The site configuration as a record: what site.yaml says, with defaults. Loading and checking it is
:mod:`sitegen.load.config`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitegen.model.portal import PortalSettings
from sitegen.model.records import Agency, Topic


@dataclass
class SiteConfig:
    root: Path
    path: Path
    title: str
    short_title: str
    description: str
    base_url: str
    site_code: str = ""
    icp: str = ""
    police_record: str = ""
    police_record_code: str = ""
    sponsor: str = ""
    contact: dict[str, str] = field(default_factory=dict)
    org_code: str = "000000000000000000"
    index_template: str = "{org_code}/{year}-{seq:05d}"
    public_phones: list[str] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    page_size: int = 50
    content_dir: Path = Path("content")
    catalogs_dir: Path = Path("catalogs")
    theme_dir: Path = Path("themes/default")
    output_dir: Path = Path("_site")
    deploy_root: str = ""  # the published folder on the web server, for the generated nginx configuration
    included: list[Path] = field(default_factory=list)  # shared lists read from other files (agencies: FILE)
    catalog_order: list[str] = field(default_factory=list)  # catalog ids (file names) first on the catalog page
    lines: dict[str, int] = field(default_factory=dict)  # the line of each key in site.yaml, for later messages
    portal: PortalSettings = field(default_factory=PortalSettings)  # identity, mourning, HTTPS, audit, words

    def agency_by_name(self, name: str) -> Agency | None:
        return next((a for a in self.agencies if a.name == name), None)

    def topic_by_name(self, name: str) -> Topic | None:
        return next((t for t in self.topics if t.name == name or t.slug == name), None)


def site_suffix(config_path: Path) -> str:
    """ "" for site.yaml, "-NAME" for NAME.yaml: several sites configured in one folder get their own default
    output (_site-NAME), dashboard (_reports-NAME) and cache (.sitegen-cache-NAME) instead of sharing them."""
    path = Path(config_path)
    return "" if path.name in ("site.yaml", "site.yml") else f"-{path.stem}"
