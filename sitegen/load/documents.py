"""Every document of every kind (:data:`sitegen.model.kinds.KINDS`), each read by its kind's loader."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sitegen.diagnostics.core import Diagnostics
from sitegen.load import fields as f
from sitegen.load.content import load_document, reference_keys
from sitegen.load.reports import load_reports
from sitegen.load.sources import find_files
from sitegen.model.config import SiteConfig
from sitegen.model.kinds import KINDS
from sitegen.model.records import Document

Loader = Callable[[SiteConfig, Diagnostics], Sequence[Document]]


def markdown_kinds() -> list[tuple[str, type[Document], dict[str, f.Field]]]:
    """(folder under content/, record class, front-matter schema) of each kind written in Markdown."""
    return [(kind.section, kind.record, f.schema(kind.record)) for kind in KINDS if kind.loader == "markdown"]


def load_markdown(config: SiteConfig, diags: Diagnostics) -> list[Document]:
    """The documents of every Markdown kind: content/<section>/**/*.md."""
    documents: list[Document] = []
    for folder, cls, schema in markdown_kinds():
        for path in find_files(config.content_dir / folder, "*.md", config.root, diags):
            doc = load_document(path, cls, schema, config, diags)
            if doc is not None:
                documents.append(doc)
            else:  # its error is reported; what refers to it is not an error of its own
                diags.unloadable(path, reference_keys(path, folder))
    return documents


# The loaders of the kinds that are not Markdown, by the name their Kind gives.
LOADERS: dict[str, Loader] = {"report": load_reports}


def load_sources(config: SiteConfig, diags: Diagnostics, markdown: Loader = load_markdown) -> list[Document]:
    """Every document, in the order of KINDS; ``markdown`` reads the Markdown kinds (the build's is cached)."""
    documents = list(markdown(config, diags))
    for loader in dict.fromkeys(kind.loader for kind in KINDS if kind.loader != "markdown"):
        documents += LOADERS[loader](config, diags)
    return documents
