"""One build's bookkeeping behind one face: the pipeline (:mod:`sitegen.build`) asks, the session remembers.

The session owns what a build keeps between runs (records in ``.sitegen-cache/``, one set per output
folder): the input scan, the cached sources, the page records and the planner's memo, the search
shards and their query data, and the stage with its commit or abort. Like Lektor's artifacts, every
record is written only when the stage was committed, so a failed build leaves the cache describing
the site that is still published.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from sitegen.checks.pagelinks import PageLinks
from sitegen.checks.privacy import CleanTexts
from sitegen.diagnostics.core import Diagnostics
from sitegen.engine.fingerprint import DeferredBody, Fingerprinter, RecordingDict, record_reads, recording
from sitegen.engine.incremental import (
    CLEAN_TEXTS,
    COMPARISONS,
    INPUTS,
    JSON_PARTS,
    LAST,
    LIVE,
    OUTPUT_KEYS,
    PAGE_LINKS,
    PAGE_TEXTS,
    PAGES,
    QUERY,
    QUERY_MEMO,
    QUESTIONS,
    SHARD_TEXTS,
    SHARDS,
    SPARE,
    TEMPLATES,
    LastBuild,
    load_catalogs_cached,
    load_documents_cached,
    options_key,
    scan_inputs,
    up_to_date,
)
from sitegen.engine.parallel import BodyFacts
from sitegen.engine.planner import PagePlanner, RenderOutcome, render_changed
from sitegen.engine.progress import BuildProgress
from sitegen.model.config import SiteConfig, site_suffix
from sitegen.model.pagespec import PageSpec
from sitegen.model.records import Catalog, CatalogNode, Document, Interpretation, Policy
from sitegen.model.site import PublicSite
from sitegen.outputs.memo import OutputMemo
from sitegen.render.compare import Comparison, compare_texts
from sitegen.render.markup import LinkTarget, render_body
from sitegen.render.qa import Question
from sitegen.render.service_pages import ServiceWork, find_questions
from sitegen.search.pagefind import write_search_data
from sitegen.search.pagetext import PageTexts
from sitegen.search.querydata import QueryFiles
from sitegen.search.querymemo import QueryMemo, pypinyin_version
from sitegen.search.shards import SearchShards
from sitegen.store.cache import BuildCache
from sitegen.store.staging import StagedOutput

# An interpretation's questions as kept between builds: the key of all they are made of, the questions, and the
# link-table reads their body made (whose entries the key digests).
Known = tuple[str, list[Question], frozenset]


@dataclass(frozen=True)
class BuildOptions:
    """What a build was asked to do, besides which site: part of what makes two builds the same."""

    today: dt.date
    strict: bool = False
    search: bool = True
    clean: bool = False  # ignore everything cached
    workers: int = 1


class BuildSession:
    """The cache, the input scan, the stage and the search shards of one build of one output folder."""

    def __init__(self, config: SiteConfig, target: Path, reports: Path, options: BuildOptions, progress: BuildProgress):
        self.config, self.target, self.options, self.progress = config, target, options, progress
        self.cache = BuildCache.open(config.root, clean=options.clean, suffix=site_suffix(config.path))
        self.scope = f":{target.resolve()}"  # records of what was published where: one set per output folder
        self.inputs = scan_inputs(config, self.cache, skip=[target, self.cache.folder, reports])
        self.options_key = options_key(target, reports, options.today, options.strict, options.search)
        self.fp = Fingerprinter()  # one per build: what it digested once (documents, comparisons) it knows after
        self.shards: SearchShards | None = None
        self.planner: PagePlanner | None = None
        self.outcome: RenderOutcome | None = None
        self.query: tuple[str, QueryFiles] | None = None
        self._stored_shard_texts: tuple[set[str], dict] = (set(), {})  # every stored name; those loaded as stored
        self._shard_texts: dict | None = None  # what each shard's query data was built from (read when needed:
        # several MB at 2,000 documents, a fifth of a build that finds nothing changed)
        self._page_texts: PageTexts | None = None  # what each page adds to it, when this build made query data
        self._stored_page_texts: set[str] = set()
        self._query_memo: QueryMemo | None = None
        self._questions: dict[str, Known] | None = None
        self._comparisons: dict[str, Comparison] | None = None
        self._stored_services: tuple[dict, dict] = ({}, {})  # the questions and comparisons as the cache held them
        self._page_links: PageLinks | None = None
        self._clean_texts: CleanTexts | None = None
        self._outputs: OutputMemo | None = None
        self.published: dict[str, str] | None = None  # after the commit: each published file's digest

    def __enter__(self) -> BuildSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.close()
        self.cache.close()

    def _get(self, name: str) -> Any:
        """This output folder's record ``name``."""
        return self.cache.get(name + self.scope)

    # -- before anything is loaded ---------------------------------------------------------------
    def previous_build(self) -> LastBuild | None:
        """The last build, when no input, option or published file changed since: nothing to do."""
        last = up_to_date(self.cache, self.inputs, self.options_key, self.target, self.scope)
        if last is None:
            self.cache.put(INPUTS, self.inputs.state())
        return last

    # -- sources (the pipeline's loading step calls these) ---------------------------------------
    def documents(self, config: SiteConfig, diags: Diagnostics) -> list[Document]:
        return load_documents_cached(config, diags, self.cache, self.inputs, self.options.workers, self.fp)

    def catalogs(self, config: SiteConfig, diags: Diagnostics) -> tuple[list[Catalog], dict[str, CatalogNode]]:
        return load_catalogs_cached(config, diags, self.cache, self.inputs)

    def clean_texts(self) -> CleanTexts:
        """What the personal-data scan found clean in the last build (checks/privacy.py CleanTexts)."""
        self._clean_texts = CleanTexts(frozenset(self._get(CLEAN_TEXTS) or ()))
        return self._clean_texts

    def digest(self, path: Path) -> str:
        return self.inputs.digest(path)

    # -- pages -----------------------------------------------------------------------------------
    def deferred_bodies(
        self, site: PublicSite, documents: list[Document], links: dict[str, LinkTarget]
    ) -> tuple[dict[str, DeferredBody], RecordingDict]:
        """Each published document's body, keyed by what its HTML depends on, rendered on first use by the
        worker that writes its page; the link table is recorded so that a page depending on a link target
        is rendered again when that target changes."""
        config = self.config
        recording = RecordingDict("links", links)
        record_reads(site)

        def renderer(doc: Document):
            return lambda: render_body(
                doc.body, doc.body_line, str(doc.source), str(config.content_dir), recording, str(config.root)
            )

        bodies = {
            doc.url: DeferredBody(
                f"{self.inputs.digest(doc.source)}:{doc.body_line}:{doc.source}:{config.content_dir}:{config.root}",
                renderer(doc),
            )
            for doc in documents
        }
        return bodies, recording

    def service_work(self, links: RecordingDict) -> ServiceWork:
        """The Q&A library's questions of each interpretation, kept between builds by everything they are made of
        (both records, the body's sources and the link targets the body looked up), so that an edit renders only
        the bodies it changed here, not every interpretation's (a title edit or an added policy changes the link
        table, and keying on the whole table re-rendered all 3,000 interpretation bodies at 10,000 documents:
        17 s); and the old-versus-new comparisons, kept by both texts."""
        stored: dict[str, Known] = self._get(QUESTIONS) or {}
        fp = self.fp
        self._questions = kept = {}

        def find(interp: Interpretation, policy: Policy, body: Any) -> list[Question]:
            made_of = f"{fp.digest((interp, policy)).hex()}:{getattr(body, 'key', '')}"
            known = stored.get(interp.url)
            read = fp.entries_digest(links, known[2]) if known is not None else None
            if known is not None and read is not None and known[0] == f"{made_of}:{read}":
                kept[interp.url] = known
                return known[1]
            with recording() as reads:
                questions = find_questions(interp, policy, body)
            kept[interp.url] = (f"{made_of}:{fp.entries_digest(links, reads)}", questions, frozenset(reads))
            return questions

        known_comparisons: dict[str, Comparison] = self._get(COMPARISONS) or {}
        self._stored_services = (stored, known_comparisons)
        self._comparisons = compared = {}

        def compare(old: str, new: str) -> Comparison:
            key = fp.digest((old, new)).hex()
            compared[key] = known_comparisons[key] if key in known_comparisons else compare_texts(old, new)
            fp.known(compared[key], f"@compare:{key}")  # made from the two texts alone: their digest stands for it
            return compared[key]

        return ServiceWork(find, compare)

    @contextmanager
    def stage(self) -> Iterator[StagedOutput]:
        """The next site, built beside the published one from its unchanged files, swapped in on success."""
        stored_live = self._get(LIVE)
        out = StagedOutput(self.target, stored_live, self._get(SPARE)).open()
        if self.options.search:
            self.shards = SearchShards(out, self._get(SHARDS), self.options.workers)
        try:
            yield out
            live, spare = out.commit()
        except BaseException:
            if self.shards is not None:
                self.shards.abort()
            self.cache.put(SPARE + self.scope, out.abort())
            raise
        if spare is not None and stored_live is not None and len(spare) == len(stored_live):
            # The old live folder is the new spare and every entry of its record held (verification only drops
            # entries): the stored record is the spare's, byte for byte, so it is copied, not pickled again.
            self.cache.copy(LIVE + self.scope, SPARE + self.scope)
        else:
            self.cache.put(SPARE + self.scope, spare)
        self.cache.put(LIVE + self.scope, live)
        self.published = {key: entry.digest for key, entry in live.items()}
        if self.outcome is not None:
            self.cache.put(PAGES + self.scope, self.outcome.records)
        if self.query is not None:
            self.cache.put(QUERY + self.scope, self.query)
        if self._shard_texts is not None:  # one record per shard: an edit writes the one or two it changed
            names, loaded = self._stored_shard_texts
            made = {
                key: (key, pickle.dumps(text, protocol=5))
                for key, text in self._shard_texts.items()
                if loaded.get(key) is not text
            }
            self.cache.store_pickled(SHARD_TEXTS + self.scope, made, names - set(self._shard_texts))
        if self._page_texts is not None:
            made = {key: (key, pickle.dumps(text, protocol=5)) for key, text in self._page_texts.made.items()}
            stale = self._page_texts.stale(self._stored_page_texts)
            self.cache.store_pickled(PAGE_TEXTS + self.scope, made, stale)
        if self._query_memo is not None:
            self.cache.put(QUERY_MEMO, self._query_memo.kept())
        # Written only when they changed: each is a key per entry that names all it is made of, so the same keys
        # are the same records (most edits change neither, and pickling them again was most of their cost).
        questions, comparisons = self._stored_services
        blind = self.cache.blind  # read nothing: what it holds is unknown, so it is replaced
        if self._questions is not None and (
            blind
            or self._questions.keys() != questions.keys()
            or any(questions[url][0] != key for url, (key, *_) in self._questions.items())
        ):
            self.cache.put(QUESTIONS + self.scope, self._questions)
        if self._comparisons is not None and (blind or self._comparisons.keys() != comparisons.keys()):
            self.cache.put(COMPARISONS + self.scope, self._comparisons)
        if self.planner is not None:
            self.cache.put(TEMPLATES, self.planner.templates.memo)
        if self._outputs is not None:
            self.cache.put(OUTPUT_KEYS + self.scope, self._outputs.keys)
            if self._outputs.parts_changed():
                self.cache.put(JSON_PARTS + self.scope, self._outputs.parts)

    def render(
        self, specs: list[PageSpec], env: jinja2.Environment, site: PublicSite, links: RecordingDict, out: StagedOutput
    ) -> RenderOutcome:
        """Keep the unchanged pages and render the others into the stage."""
        self.planner = PagePlanner(env, site, links, self.cache.get(TEMPLATES) or {}, self.fp)
        self.outcome = render_changed(
            specs, env, self.planner, out, self.shards, self._get(PAGES) or {}, self.options.workers, self.progress
        )
        return self.outcome

    def output_memo(self) -> OutputMemo:
        """What the last build's feeds, exports and sitemap were made from, to keep those still the same."""
        self._outputs = OutputMemo(self._get(OUTPUT_KEYS), self._get(JSON_PARTS))
        return self._outputs

    def body_facts(self) -> dict[str, BodyFacts]:
        """What each rendered body links to and loads, by page URL, for the plan checks."""
        assert self.outcome is not None
        return {url: record.body for url, record in self.outcome.records.items() if record.body is not None}

    # -- search ----------------------------------------------------------------------------------
    def index(self, out: StagedOutput) -> QueryFiles:
        """Finish indexing the changed shards and write the query data (kept while nothing it derives from
        changed: every shard and the configuration's synonyms and facets)."""
        if self.shards is None:
            return QueryFiles()
        self.progress.pages_ready(out.stage)
        self.progress.phase("建立搜索索引 search index", len(self.shards.dirty))
        self.cache.put(SHARDS + self.scope, self.shards.finish())
        config_key = self.inputs.digest(self.config.path)
        previous: tuple[str, QueryFiles] | None = self._get(QUERY)
        if not self.shards.index_changed() and previous is not None and previous[0] == config_key and previous[1].data:
            kept = previous[1]
            names = [kept.data, kept.chars, kept.terms, *kept.parts]
            names = [name.lstrip("/") for name in names if name]
            if all(out.live_digest(name) is not None for name in names):
                for name in names:
                    out.keep(name)
                self.query = (config_key, kept)
                return kept
        self._query_memo = QueryMemo.restore(self.cache.get(QUERY_MEMO), pypinyin_version())
        bundles = self.shards.bundles()
        if self._shard_texts is None:
            self._shard_texts = self._stored_texts()
        delta = (self.shards.delta_bundle(), frozenset(self.shards.state.superseded))
        files = write_search_data(out, self.config, bundles, self._shard_texts, self._pages(), self._query_memo, delta)
        self.query = (config_key, files)
        return files

    def _stored_texts(self) -> dict[str, Any]:
        """Each shard's text as stored, by its key (which names its content, so a stored one never changes)."""
        stored = self.cache.records(SHARD_TEXTS + self.scope)
        texts = {key: self.cache.load(record[1]) for key, record in stored.items() if record[0] == key}
        texts = {key: text for key, text in texts.items() if text is not None}
        self._stored_shard_texts = (set(stored), dict(texts))
        return texts

    def _pages(self) -> PageTexts:
        """The per-page summaries earlier builds stored for the query data, read on demand."""
        stored = self.cache.records(PAGE_TEXTS + self.scope)
        self._stored_page_texts = set(stored)

        def lookup(key: str) -> Any:
            record = stored.get(key)
            return self.cache.load(record[1]) if record is not None and record[0] == key else None

        self._page_texts = PageTexts(lookup)
        return self._page_texts

    def reindexed(self) -> list[int]:
        return sorted(self.shards.dirty) if self.shards is not None else []

    def delta_pages(self) -> tuple[str, ...]:
        """The pages the published delta search index holds (sitegen/search/shards.py)."""
        return self.shards.state.delta if self.shards is not None else ()

    # -- after the commit ------------------------------------------------------------------------
    def page_links(self) -> PageLinks:
        """The internal links of the published pages as the last audit read them; the audit updates them."""
        if self._page_links is None:
            self._page_links = self._get(PAGE_LINKS) or {}
        return self._page_links

    def remember(self, last: LastBuild) -> None:
        """The committed build's report, for the next build that finds nothing changed."""
        self.cache.put(LAST + self.scope, last)
        if self._page_links is not None:
            self.cache.put(PAGE_LINKS + self.scope, self._page_links)
        if self._clean_texts is not None:
            self.cache.put(CLEAN_TEXTS + self.scope, self._clean_texts.kept)
