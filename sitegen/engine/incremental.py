"""What a build reuses from the previous one: parsed sources, unchanged pages, and whole no-op builds.

Every reuse is keyed on content digests (of sources, templates, configuration and sitegen's own
code, see :mod:`sitegen.cache`), never on time stamps:

- a source whose bytes (and the configuration, and for documents with attachments the attachment
  files) are unchanged is not parsed again; its record and its diagnostics come from the cache;
- a page whose inputs (:mod:`sitegen.fingerprint`) are unchanged keeps its published file;
- a build whose every input file, option and date is unchanged, and whose published folder
  still matches its manifest, does nothing but report the previous build's diagnostics.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.diagnostics.core import Diagnostic, Diagnostics
from sitegen.engine.fingerprint import Fingerprinter
from sitegen.engine.parallel import fork_map
from sitegen.load.catalog import load_catalogs
from sitegen.load.content import load_document, reference_keys
from sitegen.load.documents import markdown_kinds
from sitegen.load.sources import find_files
from sitegen.model.config import SiteConfig
from sitegen.model.records import Catalog, CatalogNode, Document
from sitegen.store.cache import BuildCache
from sitegen.store.inputs import InputFiles, InputState, digest_file
from sitegen.store.staging import Manifest, verified

DOCUMENTS, CATALOGS = "document", "catalogs"  # cache records: one per source file, one for all catalogs
PAGE_TEXTS = "page-text"  # cache records: one per indexed page's content (sitegen/search/pagetext.py)
QUERY_MEMO = "query-memo"  # pinyin readings and sampled terms of the query data (sitegen/search/querymemo.py)
CLEAN_TEXTS = "clean-texts"  # digests of the texts the personal-data scan found nothing in (checks/privacy.py)
PAGE_LINKS = "page-links"  # the audit's reading of each published page's internal links (checks/pagelinks.py)
COMPARISONS = "comparisons"  # old-versus-new comparisons by a digest of both texts
QUESTIONS = "questions"  # the Q&A library's questions of each interpretation, by what they are made of
OUTPUT_KEYS = "output-keys"  # what each feed, export and sitemap file was made from (outputs/memo.py)
JSON_PARTS = "json-parts"  # the JSON text of each exported record, by the record (outputs/memo.py)
INPUTS, PAGES, LIVE, SPARE, SHARDS, QUERY, SHARD_TEXTS, LAST, TEMPLATES = (
    "inputs",
    "pages",
    "live",
    "spare",
    "shards",
    "query",
    "shard-texts",
    "last-build",
    "templates",
)
_MISSING = object()


def _digest(*parts: object) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(str(part).encode("utf-8", "surrogatepass") + b"\0")
    return hasher.hexdigest()


def input_roots(config: SiteConfig) -> list[Path]:
    """Everything a build reads: the configuration and every folder it names except the output."""
    folders = [
        value
        for f in dataclasses.fields(config)
        if isinstance(value := getattr(config, f.name), Path) and f.name not in ("root", "path", "output_dir")
    ]
    # Files site.yaml names outside those folders (logo, badge) are inputs too.
    files = [p for p in (config.portal.logo, config.portal.badge_image) if p is not None]
    return [config.path, *config.included, *sorted(set(folders) | set(files))]


def scan_inputs(config: SiteConfig, cache: BuildCache, skip: list[Path]) -> InputFiles:
    previous = cache.get(INPUTS) or InputState.empty()
    return InputFiles(previous).scan(input_roots(config), skip)


@dataclass
class ParsedSource:
    document: Document | None
    diagnostics: list[Diagnostic]
    attachments: str | None  # digest of the attachment files the parse looked at, if it looked
    token: str | None = None  # the document's fingerprint token (Fingerprinter.instance_digest), made once


def _attachments_digest(config: SiteConfig, inputs: InputFiles) -> str:
    content = str(config.content_dir)
    return _digest(
        *sorted((p, s.digest) for p, s in inputs.files.items() if p.startswith(content) and not p.endswith(".md"))
    )


def _markdown_files(folder: Path, config: SiteConfig, diags: Diagnostics, inputs: InputFiles) -> list[Path]:
    """What :func:`sitegen.sources.find_files` finds, taken from the input scan when no symlink needs checking."""
    scanned = inputs.under(folder, ".md")
    return scanned if scanned is not None else find_files(folder, "*.md", config.root, diags)


def load_documents_cached(
    config: SiteConfig,
    diags: Diagnostics,
    cache: BuildCache,
    inputs: InputFiles,
    workers: int,
    fp: Fingerprinter | None = None,
) -> list[Document]:
    """:func:`sitegen.load.documents.load_markdown`, parsing only the sources that changed (in parallel).

    Each document's fingerprint token is made when it is parsed and kept with it; ``fp`` is told every token,
    so that the pages of a build do not digest the metadata of every unchanged document again."""
    records = cache.records(DOCUMENTS)
    config_key = inputs.digest(config.path)
    attachments = _attachments_digest(config, inputs)
    sources = [
        (path, cls, schema, folder)
        for folder, cls, schema in markdown_kinds()
        for path in _markdown_files(config.content_dir / folder, config, diags, inputs)
    ]
    keys = [_digest(folder, inputs.digest(path), config_key) for path, _, _, folder in sources]
    parsed: list[ParsedSource | None] = [None] * len(sources)
    for index, (path, _, _, _) in enumerate(sources):
        record = records.get(str(path))
        if record is not None and record[0] == keys[index]:
            found = cache.load(record[1])  # (document, diagnostics, attachments digest, token), as parse() makes it
            if found is not None and found[2] in (None, attachments):
                parsed[index] = ParsedSource(*found)
    todo = [i for i, found in enumerate(parsed) if found is None]

    def parse(position: int) -> bytes:
        path, cls, schema, _ = sources[todo[position]]
        local = Diagnostics(diags.root)
        document = load_document(path, cls, schema, config, local)
        looked = document is not None and "attachments" in document.meta_lines
        token = Fingerprinter().instance_digest(document) if document is not None else None
        return pickle.dumps((document, local.items, attachments if looked else None, token), protocol=5)

    fresh: dict[str, tuple[str, bytes]] = {}
    for position, blob in enumerate(fork_map(parse, len(todo), workers)):
        document, found, looked, token = pickle.loads(blob)
        index = todo[position]
        parsed[index] = ParsedSource(document, found, looked, token)
        if document is not None:
            fresh[str(sources[index][0])] = (keys[index], blob)
        else:  # its error is reported; what refers to it is not an error of its own
            diags.unloadable(sources[index][0], reference_keys(sources[index][0], sources[index][3]))
    documents: list[Document] = []
    for source in parsed:
        assert source is not None  # every index was either found in the cache or parsed
        diags.extend(source.diagnostics)
        if source.document is not None:
            documents.append(source.document)
            if fp is not None and source.token is not None:
                fp.known(source.document, source.token)
    cache.store_pickled(DOCUMENTS, fresh, removed=set(records) - {str(s[0]) for s in sources})
    return documents


def load_catalogs_cached(
    config: SiteConfig, diags: Diagnostics, cache: BuildCache, inputs: InputFiles
) -> tuple[list[Catalog], dict[str, CatalogNode]]:
    """:func:`sitegen.catalog.load_catalogs`, read again only when a catalog file or the configuration changed."""
    folder = str(config.catalogs_dir) + os.sep
    key = _digest(
        inputs.digest(config.path), *sorted((p, s.digest) for p, s in inputs.files.items() if p.startswith(folder))
    )
    record = cache.records(CATALOGS).get(CATALOGS)
    found = cache.load(record[1]) if record is not None and record[0] == key else None
    if found is None:
        local = Diagnostics(diags.root)
        catalogs, nodes = load_catalogs(config, local)
        found = (catalogs, nodes, local.items, local.unloaded)
        cache.store_pickled(CATALOGS, {CATALOGS: (key, pickle.dumps(found, protocol=5))})
    catalogs, nodes, items, *unloaded = found  # caches written before failed files were noted have three parts
    diags.merge(Diagnostics(diags.root, list(items), dict(unloaded[0]) if unloaded else {}))
    return catalogs, nodes


@dataclass
class LastBuild:
    """A successful build's inputs and report, for builds that change nothing."""

    inputs: str
    options: tuple
    diagnostics: list[Diagnostic]
    pages: Counter
    server_config: Path | None
    report: Path | None
    scheduled: list = field(default_factory=list)  # 定时发布: what later builds will publish
    report_digest: str | None = None  # the dashboard as written: another site's build may overwrite it


def options_key(target: Path, reports: Path, today: dt.date, strict: bool, search: bool) -> tuple:
    return (str(Path(target).resolve()), str(Path(reports).resolve()), today.isoformat(), strict, search)


def up_to_date(cache: BuildCache, inputs: InputFiles, options: tuple, target: Path, scope: str) -> LastBuild | None:
    last: LastBuild | None = cache.get(LAST + scope)
    if last is None or last.inputs != inputs.combined() or last.options != options:
        return None
    live: Manifest | None = cache.get(LIVE + scope)
    if not live or len(verified(target, live)) != len(live):
        return None
    if last.report is not None and (not last.report.is_file() or digest_file(last.report) != last.report_digest):
        return None
    return last
