"""Which pages a build renders again, and the rendering of those pages into the stage.

A page keeps its published file when its fingerprint (spec, templates and the globals they use,
see :mod:`sitegen.engine.fingerprint`) and the site-table entries it read last time are unchanged;
the others are rendered by the worker processes of :mod:`sitegen.engine.parallel`, shard by shard,
so that each search shard can be indexed while later pages still render.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Any

import jinja2

from sitegen.checks.selfcontained import Problem
from sitegen.engine.fingerprint import ALL, Fingerprinter, RecordingDict, RecordingList, TemplateInputs
from sitegen.engine.parallel import BodyFacts, OutputFile, PageJob, render_pages
from sitegen.engine.progress import BuildProgress
from sitegen.model.pagespec import PageSpec
from sitegen.model.site import PublicSite
from sitegen.render.elder import elder_path
from sitegen.search.shards import SearchShards
from sitegen.store.staging import Manifest, StagedOutput

_MISSING = object()


@dataclass
class PageRecord:
    """What the previous build knew about one page."""

    static: str  # digest of the spec, its context, its templates and the globals they use
    reads: frozenset  # (table, key) read while rendering
    reads_digest: str  # digest of those entries' values then
    output: str
    digest: str  # of the published file
    body: BodyFacts | None


class PagePlanner:
    """Decides which pages must be rendered again, from their fingerprints and the previous records."""

    def __init__(
        self,
        env: jinja2.Environment,
        site: PublicSite,
        links: RecordingDict,
        templates_memo: dict,
        fp: Fingerprinter | None = None,
    ):
        self.fp = fp or Fingerprinter()  # the build's, which already knows the documents and comparisons
        self.templates = TemplateInputs(env, self.fp, templates_memo)
        self.tables: dict[str, Any] = {
            f.name: getattr(site, f.name)
            for f in dataclasses.fields(site)
            if isinstance(getattr(site, f.name), (RecordingDict, RecordingList))
        }
        listed = getattr(site, "listed", {})  # one table per kind (see record_reads)
        self.tables.update({docs.table: docs for docs in listed.values() if isinstance(docs, RecordingList)})
        self.tables[links.table] = links
        self._whole: dict[str, bytes] = {}
        self._template_keys: dict[str, bytes] = {}  # template -> digest of its sources and the globals it uses

    def static_key(self, spec: PageSpec) -> str:
        prefix = self._template_keys.get(spec.template)
        if prefix is None:  # once per template and build, not once per page
            template, used = self.templates.of(spec.template)
            hasher = hashlib.blake2b(template.encode(), digest_size=16)
            for name in sorted(used):
                hasher.update(name.encode() + self.templates.global_digest(name))
            prefix = self._template_keys[spec.template] = hasher.digest()
        return hashlib.blake2b(prefix + self.fp.digest(spec), digest_size=16).hexdigest()

    def _entry(self, table: str, key: Any) -> bytes:
        source = self.tables.get(table)
        if source is None:
            return b"?"
        if key == ALL:
            if table not in self._whole:
                plain = dict(dict.items(source)) if isinstance(source, dict) else list(list.__iter__(source))
                self._whole[table] = self.fp.digest(plain)
            return self._whole[table]
        value = dict.get(source, key, _MISSING) if isinstance(source, dict) else _MISSING
        return b"missing" if value is _MISSING else self.fp.digest(value)

    def reads_digest(self, reads: frozenset) -> str:
        hasher = hashlib.blake2b(digest_size=16)
        for table, key in sorted(reads, key=repr):
            hasher.update(f"{table}\0{key!r}\0".encode("utf-8", "surrogatepass") + self._entry(table, key))
        return hasher.hexdigest()

    def unchanged(self, spec: PageSpec, static: str, record: PageRecord | None, live: Manifest) -> bool:
        if record is None or record.static != static or record.output != spec.output_path:
            return False
        published = live.get(spec.output_path)
        if published is None or published.digest != record.digest:
            return False
        return self.reads_digest(record.reads) == record.reads_digest


@dataclass
class RenderOutcome:
    """What rendering a build's pages left behind for the rest of the build."""

    records: dict[str, PageRecord]  # every page's record, kept or new
    problems: dict[str, list[Problem]]  # what each rendered file loads from elsewhere
    rendered: int  # pages rendered (the rest were kept)


def render_changed(
    specs: list[PageSpec],
    env: jinja2.Environment,
    planner: PagePlanner,
    out: StagedOutput,
    shards: SearchShards | None,
    previous: dict[str, PageRecord],
    workers: int,
    progress: BuildProgress,
) -> RenderOutcome:
    """Keep the unchanged pages, render the others (in parallel), and feed the search shards."""
    # Fingerprints decide what to keep; with nothing to keep, the workers compute them as they render.
    statics: list[str | None] = [planner.static_key(spec) for spec in specs] if previous else [None] * len(specs)
    searchable = sorted(spec.output_path for spec in specs if spec.searchable)
    shard_of = shards.plan(searchable) if shards is not None else {}
    records: dict[str, PageRecord] = {}
    problems: dict[str, list[Problem]] = {}
    todo: list[int] = []
    for index, spec in enumerate(specs):
        record = previous.get(spec.url)
        elder = elder_path(spec.output_path)
        static = statics[index]
        if (
            record is not None
            and static is not None
            and planner.unchanged(spec, static, record, out.live)
            and out.live_digest(elder) is not None
        ):
            for name in (spec.output_path, elder):
                out.keep(name)
                if out.live_digest(name + ".gz") is not None:
                    out.keep(name + ".gz")
            records[spec.url] = record
            if shards is not None and spec.searchable:
                shards.staged(spec.output_path, shard_of[spec.output_path])
        else:
            todo.append(index)
    # Shard by shard, so that each shard's index can start while later pages still render.
    todo.sort(key=lambda i: shard_of.get(specs[i].output_path, len(specs)))

    def claim(name: str) -> OutputFile:
        return OutputFile(
            str(out.claim(name)), out.current(name), str(out.claim(name + ".gz")), out.current(name + ".gz")
        )

    jobs = [PageJob(i, claim(specs[i].output_path), claim(elder_path(specs[i].output_path))) for i in todo]
    progress.phase("生成页面 rendering pages", len(jobs))
    for outcome in render_pages(specs, env, jobs, workers, None if previous else planner.static_key):
        spec = specs[outcome.index]
        for name, written in ((spec.output_path, outcome.page), (elder_path(spec.output_path), outcome.elder)):
            out.record(name, written.digest)
            out.record(name + ".gz", written.gz_digest)
            problems[name] = written.problems
        static = statics[outcome.index] or outcome.key
        assert static is not None  # asked of the workers whenever it was not computed here
        records[spec.url] = PageRecord(
            static,
            outcome.reads,
            planner.reads_digest(outcome.reads),
            spec.output_path,
            outcome.page.digest,
            outcome.body,
        )
        if shards is not None:
            if spec.searchable:
                if out.live_digest(spec.output_path) != outcome.page.digest:
                    shards.changed(spec.output_path, shard_of[spec.output_path])
                shards.staged(spec.output_path, shard_of[spec.output_path])
            shards.poll()
        progress.advance()
    return RenderOutcome(records, problems, len(jobs))
