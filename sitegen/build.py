"""The build pipeline, top to bottom: config, sources, model, rules, render, index, publish.

``build`` reuses what it can from the previous build (:mod:`sitegen.incremental`, cache in
``.sitegen-cache/``): unchanged sources are not parsed again, unchanged pages keep their file,
unchanged search shards are not re-indexed, and a build with no changed input does nothing.
Pages are rendered in one worker process per core (:mod:`sitegen.parallel`), each body inside
the worker that writes its page, so no process holds the site's HTML. Output goes to a stage
that is swapped in atomically (:mod:`sitegen.staging`); a failed build leaves the site as it was.
``load`` and ``plan`` are the same pipeline without output, rendering every body: ``sitegen check``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from sitegen.cache import BuildCache
from sitegen.calendars import write_calendars
from sitegen.catalog import load_catalogs
from sitegen.config import SiteConfig, load_config, site_suffix
from sitegen.content import load_documents
from sitegen.dashboard import write_dashboard
from sitegen.diagnostics import Diagnostics
from sitegen.elder import elder_page, elder_path
from sitegen.exports import write_exports
from sitegen.feeds import write_feeds
from sitegen.fingerprint import DeferredBody, RecordingDict, record_reads
from sitegen.incremental import (INPUTS, LAST, LIVE, PAGES, QUERY, SHARD_TEXTS, SHARDS, SPARE, TEMPLATES, LastBuild,
                                 PagePlanner, PageRecord, load_catalogs_cached, load_documents_cached, options_key,
                                 scan_inputs, up_to_date)
from sitegen.inputs import InputFiles, digest_file
from sitegen.markup import LinkTarget, RenderedBody, render_body
from sitegen.model import Catalog, CatalogNode, Document
from sitegen.nginx import write_server_config
from sitegen.pages import PageSpec, build_pages, template_globals
from sitegen.parallel import OutputFile, PageJob, render_pages, worker_count
from sitegen.participation import load_participation
from sitegen.planchecks import BodyLinks, check_anchors_and_files, check_folders, check_theme
from sitegen.portal_pages import portal_globals, portal_pages
from sitegen.precompress import precompress
from sitegen.progress import BuildProgress
from sitegen.querydata import FACETS, QueryFiles, ShardText
from sitegen.render import environment, hashed_assets
from sitegen.reports import load_reports
from sitegen.rules import run_rules
from sitegen.rules.attachments import check_linked
from sitegen.search import write_search_data
from sitegen.selfcontained import Problem, check_self_contained
from sitegen.shards import SearchShards
from sitegen.site import PublicSite, SiteModel, link, public_view
from sitegen.sitemap import write_sitemap
from sitegen.sources import inside
from sitegen.staging import StagedOutput

SEARCH_TEMPLATE = "search.html"


class ConfigError(Exception):
    """The configuration itself is unusable (exit code 2)."""

    def __init__(self, diagnostics: Diagnostics):
        super().__init__("configuration error")
        self.diagnostics = diagnostics


def build_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH so that tests and reproducible builds agree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


@dataclass
class Loaded:
    config: SiteConfig
    model: SiteModel
    site: PublicSite
    bodies: dict[str, RenderedBody]
    diagnostics: Diagnostics


@dataclass
class BuildResult:
    output: Path
    pages: Counter = field(default_factory=Counter)
    diagnostics: Diagnostics | None = None
    seconds: float = 0.0
    server_config: Path | None = None
    report: Path | None = None  # the webmaster dashboard, outside the published folder
    rendered: int = 0  # pages rendered by this build (the rest were unchanged)
    reindexed: list[int] = field(default_factory=list)  # search shards indexed by this build
    up_to_date: bool = False  # nothing had changed: nothing was done


def read_config(config_path: Path) -> tuple[SiteConfig, Diagnostics]:
    """The site configuration and its warnings, or ConfigError with every problem in it."""
    diags = Diagnostics(Path(config_path).resolve().parent)
    config = load_config(Path(config_path), diags)
    if config is None or diags.errors:
        raise ConfigError(diags)
    return config, diags


def check_model(config: SiteConfig, documents: list[Document], diags: Diagnostics, today: dt.date,
                catalogs: tuple[list[Catalog], dict[str, CatalogNode]] | None = None) -> tuple[SiteModel, PublicSite]:
    """Catalogs (loaded here unless given), linking, the disclosure rules and the public gate."""
    catalogs, nodes = catalogs or load_catalogs(config, diags)
    model = link(config, documents, catalogs, nodes, diags)
    run_rules(model, diags, today)
    return model, public_view(model, today)


def load(config_path: Path, today: dt.date | None = None, strict: bool = False) -> Loaded:
    """Read and check everything; raise BuildFailed (content) or ConfigError (config) with all problems."""
    config, diags = read_config(config_path)
    documents = [*load_documents(config, diags), *load_participation(config, diags), *load_reports(config, diags)]
    model, site = check_model(config, documents, diags, today or build_date())
    bodies = render_bodies(model, site, diags)
    _raise(diags, strict)
    return Loaded(config, model, site, bodies, diags)


def link_targets(model: SiteModel, site: PublicSite) -> dict[str, LinkTarget]:
    """Every document's source path -> its page, and whether that page is published."""
    published = {id(doc) for doc in _published(site)}
    return {str(doc.source): LinkTarget(doc.url, id(doc) in published, doc.title) for doc in model.documents()}


def render_bodies(model: SiteModel, site: PublicSite, diags: Diagnostics) -> dict[str, RenderedBody]:
    """Markdown of every public document to safe HTML, keyed by page URL; link problems are reported."""
    config = model.config
    links = link_targets(model, site)
    bodies: dict[str, RenderedBody] = {}
    for doc in _published(site):
        body = render_body(doc.body, doc.body_line, str(doc.source), str(config.content_dir), links, str(config.root))
        diags.extend(body.diagnostics)
        bodies[doc.url] = body
    return bodies


def _published(site: PublicSite) -> list:
    """Public documents with a Markdown body (annual reports are tables and plain text)."""
    return [*site.policies, *site.interpretations, *site.pages, *site.consultations, *site.events]


def plan(loaded: Loaded) -> tuple[list[PageSpec], dict[str, Path]]:
    """The pages and copied files of a checked site, and the checks that need them (``check`` runs these too)."""
    specs = [*build_pages(loaded.site, loaded.bodies), *portal_pages(loaded.site, loaded.bodies)]
    files = _check_plan(loaded.config, loaded.site, loaded.bodies, specs, loaded.diagnostics)
    loaded.diagnostics.raise_if_errors()
    return specs, files


def _check_plan(config: SiteConfig, site: PublicSite, bodies: Mapping[str, BodyLinks], specs: list[PageSpec],
                diags: Diagnostics) -> dict[str, Path]:
    """The files to copy beside the pages, after checking every link and file the bodies name."""
    files = _document_files(config, site, bodies, diags)
    urls = {spec.url for spec in specs} | set(files)
    for doc in _published(site):
        for href, line in bodies[doc.url].site_links:
            path = href.split("#")[0].split("?")[0]
            if path and path not in urls and path.rstrip("/") + "/" not in urls:
                diags.add("SG077", doc.source, f"站内链接“{href}”指向的页面不存在。",
                          f'The internal link "{href}" points to a page that does not exist.', line=line,
                          fix_zh="改为指向文档源文件的相对链接（例如 ../2024/文件名.md），由系统生成地址。",
                          fix_en="Link to the document's source file instead (e.g. ../2024/name.md).")
    check_anchors_and_files(_published(site), bodies, specs, files, config.theme_dir / "templates", diags)
    return files


def _document_files(config: SiteConfig, site: PublicSite, bodies: Mapping[str, BodyLinks],
                    diags: Diagnostics) -> dict[str, Path]:
    """Attachments and images of each public document, to be copied beside its page."""
    files: dict[str, Path] = {}
    for doc in _published(site):
        base = doc.url.lstrip("/")
        for attachment in getattr(doc, "attachments", []):
            files[base + attachment.name] = attachment.source
        for source, name in bodies[doc.url].assets:
            path = Path(source)
            if not inside(path, config.root):
                diags.add("SG010", doc.source, f"正文引用的“{diags.rel(path)}”是指向项目之外的符号链接，已拒绝。",
                          f'"{diags.rel(path)}", referenced in the text, is a symbolic link out of the project; refused.',
                          fix_zh="把文件复制到项目目录内，不要用符号链接引用外部文件。",
                          fix_en="Copy the file into the project instead of linking to it.")
                continue
            if not path.is_file():
                diags.add("SG078", doc.source, f"正文引用的文件“{diags.rel(path)}”不存在。",
                          f'The file "{diags.rel(path)}" referenced in the text does not exist.',
                          fix_zh="检查文件路径；图片和附件放在文档旁边。",
                          fix_en="Check the path; keep images and files beside the document.")
                continue
            files[base + name] = path
            check_linked(doc, path, config, diags, build_date())
    return {"/" + k: v for k, v in files.items()}


def build(
    config_path: Path,
    output: Path | None = None,
    *,
    reports: Path | None = None,
    today: dt.date | None = None,
    strict: bool = False,
    search: bool = True,
    clean: bool = False,
    jobs: int | None = None,
    progress: BuildProgress | None = None,
) -> BuildResult:
    """Build the site into ``output`` (default: the configured output folder); ``clean`` ignores the cache."""
    started = time.monotonic()
    config, config_diags = read_config(config_path)
    target = Path(output) if output else config.output_dir
    reports = Path(reports) if reports else target.parent / ("_reports" + site_suffix(config.path))
    today = today or build_date()
    progress = progress or BuildProgress(enabled=False)
    workers = worker_count(jobs)
    if not check_folders(config, target, reports, config_diags):
        raise ConfigError(config_diags)
    cache = BuildCache.open(config.root, clean=clean, suffix=site_suffix(config.path))
    mine = f":{target.resolve()}"  # records of what was published where: one set per output folder
    try:
        # 1. Nothing changed since the last successful build: report it again and stop.
        inputs = scan_inputs(config, cache, skip=[target, cache.folder, reports])
        options = options_key(target, reports, today, strict, search)
        last = up_to_date(cache, inputs, options, target, mine)
        if last is not None:
            return BuildResult(target, last.pages, Diagnostics(config.root, list(last.diagnostics)),
                               time.monotonic() - started, last.server_config, last.report, up_to_date=True)
        cache.put(INPUTS, inputs.state())

        # 2. Sources, model, rules and the public gate (parsed sources come from the cache).
        diags = config_diags
        documents = [*load_documents_cached(config, diags, cache, inputs, workers),
                     *load_participation(config, diags), *load_reports(config, diags)]
        model, site = check_model(config, documents, diags, today, load_catalogs_cached(config, diags, cache, inputs))
        if diags.errors:
            render_bodies(model, site, diags)  # report body problems in the same run
            _raise(diags, strict)
        if not check_theme(config, diags):
            raise ConfigError(diags)

        # 3. Page specifications; each body is rendered later, by the worker that writes its page.
        links = RecordingDict("links", link_targets(model, site))
        record_reads(site)
        assets = hashed_assets(config.theme_dir / "static")
        env = environment(config, assets)
        env.globals.update(template_globals(site), **portal_globals(site))
        bodies = _deferred_bodies(config, site, links, inputs)
        specs = [*build_pages(site, bodies), *portal_pages(site, bodies)]
        # The search page names the content-hashed query data, which exists only after indexing.
        late = [spec for spec in specs if spec.template == SEARCH_TEMPLATE]
        early = [spec for spec in specs if spec.template != SEARCH_TEMPLATE]
        result = BuildResult(output=target, diagnostics=diags, pages=Counter(spec.template for spec in specs))

        # 4. Render what changed into the stage, index it, publish it.
        out = StagedOutput(target, cache.get(LIVE + mine), cache.get(SPARE + mine)).open()
        shards = SearchShards(out, cache.get(SHARDS + mine), workers) if search else None
        try:
            planner = PagePlanner(env, site, links, cache.get(TEMPLATES) or {})
            problems: dict[str, list[Problem]] = {}
            shard_texts = cache.get(SHARD_TEXTS + mine) or {}
            records = _render(early, env, planner, out, shards, cache.get(PAGES + mine) or {}, result, workers,
                              progress, problems)
            facts = {url: records[url].body for url in records if records[url].body is not None}
            for body in facts.values():
                diags.extend(body.diagnostics)
            files = _check_plan(config, site, facts, specs, diags)
            _raise(diags, strict)
            for source_name, hashed in sorted(assets.items()):
                source = config.theme_dir / "static" / source_name
                out.copy(source, hashed, inputs.digest(source))
            for relative, source in sorted(files.items()):
                out.copy(source, relative, inputs.digest(source))
            # Files the theme publishes at the site root under their own names: browsers ask every site for
            # /favicon.ico, which was a 404 on every visit.
            for source in sorted((config.theme_dir / "root").glob("*")):
                if source.is_file() and not source.name.startswith("."):
                    out.copy(source, source.name, inputs.digest(source))
            write_feeds(out, site)
            write_exports(out, site)
            write_calendars(out, site)
            write_sitemap(out, config.base_url, specs)
            query_files = QueryFiles()
            if shards is not None:
                progress.phase("建立搜索索引 search index", len(shards.dirty))
                cache.put(SHARDS + mine, shards.finish())
                result.reindexed = sorted(shards.dirty)
                config_key = inputs.digest(config.path)
                query_files = _query_files(out, config, shards, cache.get(QUERY + mine), config_key, shard_texts)
            for spec in late:
                html = env.get_template(spec.template).render(page=spec, **spec.context, query_files=query_files,
                                                              search_facets=FACETS)
                out.write(spec.output_path, html)
                out.write(elder_path(spec.output_path), elder_page(html, spec.url))
                # Rendered on every build (it is one page); counted, like the others, when it changed.
                result.rendered += out.current(spec.output_path) != out.live_digest(spec.output_path)
            progress.phase("检查与压缩 checking and compressing", 0)
            check_self_contained(out.stage, out.target, out.changed(), diags, problems)
            _raise(diags, strict)
            precompress(out)
            live, spare = out.commit()
        except BaseException:
            if shards is not None:
                shards.abort()
            cache.put(SPARE + mine, out.abort())
            raise
        cache.put(LIVE + mine, live)
        cache.put(SPARE + mine, spare)
        cache.put(PAGES + mine, records)
        if shards is not None:
            cache.put(QUERY + mine, (config_key, query_files))
        cache.put(SHARD_TEXTS + mine, shard_texts)
        cache.put(TEMPLATES, planner.templates.memo)
        result.report = write_dashboard(model, site, diags, today, reports)
        result.server_config = _server_config(target, config, diags)
        cache.put(LAST + mine, LastBuild(inputs.combined(), options, list(diags.items), result.pages,
                                         result.server_config, result.report, digest_file(result.report)))
        result.seconds = time.monotonic() - started
        return result
    finally:
        progress.close()
        cache.close()


def _raise(diags: Diagnostics, strict: bool) -> None:
    if strict:
        diags.promote_warnings()
    diags.raise_if_errors()


def _server_config(target: Path, config: SiteConfig, diags: Diagnostics) -> Path:
    written, placeholder_line = write_server_config(target, config.base_url, config.deploy_root or None)
    if placeholder_line is not None:
        diags.add("SG182", written, "输出目录的路径不能写入 nginx 配置，root 为占位路径。",
                  "The output path cannot be written into the nginx configuration; root is a placeholder.",
                  line=placeholder_line,
                  fix_zh="在 site.yaml 中设置 deploy_root（服务器上网站目录的绝对路径）。",
                  fix_en="Set deploy_root in site.yaml (the absolute path of the site on the server).",
                  warning=True)
    return written


def _query_files(out: StagedOutput, config: SiteConfig, shards: SearchShards,
                 previous: tuple[str, QueryFiles] | None, config_key: str,
                 shard_texts: dict[str, ShardText]) -> QueryFiles:
    """The search page's query data: derived from every shard and from the configuration (synonyms, facet
    order), so kept as published while neither changed."""
    if not shards.dirty and previous is not None and previous[0] == config_key and previous[1].data:
        kept = previous[1]
        names = [kept.data.lstrip("/"), kept.chars.lstrip("/"), *(part.lstrip("/") for part in kept.parts)]
        if all(out.live_digest(name) is not None for name in names):
            for name in names:
                out.keep(name)
            return kept
    return write_search_data(out, config, shards.bundles(), shard_texts)


def _deferred_bodies(config: SiteConfig, site: PublicSite, links: RecordingDict,
                     inputs: InputFiles) -> dict[str, DeferredBody]:
    """Each published document's body, keyed by what its HTML depends on, rendered on first use."""
    def renderer(doc: Document):
        return lambda: render_body(doc.body, doc.body_line, str(doc.source), str(config.content_dir), links,
                                   str(config.root))

    return {doc.url: DeferredBody(f"{inputs.digest(doc.source)}:{doc.body_line}:{doc.source}:"
                                  f"{config.content_dir}:{config.root}", renderer(doc))
            for doc in _published(site)}


def _render(specs: list[PageSpec], env: jinja2.Environment, planner: PagePlanner, out: StagedOutput,
            shards: SearchShards | None, previous: dict[str, PageRecord], result: BuildResult, workers: int,
            progress: BuildProgress, problems: dict[str, list[Problem]]) -> dict[str, PageRecord]:
    """Keep the unchanged pages, render the others (in parallel), and feed the search shards; what the
    rendered pages load from elsewhere goes into ``problems``."""
    # Fingerprints decide what to keep; with nothing to keep, the workers compute them as they render.
    statics: list[str | None] = [planner.static_key(spec) for spec in specs] if previous else [None] * len(specs)
    searchable = sorted(spec.output_path for spec in specs if spec.searchable)
    shard_of = shards.plan(searchable) if shards is not None else {}
    records: dict[str, PageRecord] = {}
    todo: list[int] = []
    for index, spec in enumerate(specs):
        record = previous.get(spec.url)
        elder = elder_path(spec.output_path)
        if planner.unchanged(spec, statics[index], record, out.live) and out.live_digest(elder) is not None:
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
        return OutputFile(str(out.claim(name)), out.current(name), str(out.claim(name + ".gz")), out.current(name + ".gz"))

    jobs = [PageJob(i, claim(specs[i].output_path), claim(elder_path(specs[i].output_path))) for i in todo]
    progress.phase("生成页面 rendering pages", len(jobs))
    for outcome in render_pages(specs, env, jobs, workers, None if previous else planner.static_key):
        spec = specs[outcome.index]
        for name, written in ((spec.output_path, outcome.page), (elder_path(spec.output_path), outcome.elder)):
            out.record(name, written.digest)
            out.record(name + ".gz", written.gz_digest)
            problems[name] = written.problems
        records[spec.url] = PageRecord(statics[outcome.index] or outcome.key, outcome.reads,
                                       planner.reads_digest(outcome.reads),
                                       spec.output_path, outcome.page.digest, outcome.body)
        if shards is not None:
            if spec.searchable:
                if out.live_digest(spec.output_path) != outcome.page.digest:
                    shards.changed(spec.output_path, shard_of[spec.output_path])
                shards.staged(spec.output_path, shard_of[spec.output_path])
            shards.poll()
        progress.advance()
    result.rendered = len(jobs)
    return records
