"""The build pipeline, top to bottom: config, sources, model and rules, page plan, render, other outputs,
search index, output checks, commit.

``sitegen check`` runs the same loading, checking and planning steps without writing anything
(:func:`load` and :func:`plan`); ``sitegen build`` runs them inside a :class:`BuildSession`, which
keeps everything incremental builds need (:mod:`sitegen.engine`): unchanged sources are not parsed
again, unchanged pages keep their file, unchanged search shards are not re-indexed, and a build with
no changed input does nothing. Output goes to a stage that is swapped in atomically; a failed build
leaves the site as it was.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import jinja2

from sitegen.checks import run_rules
from sitegen.checks.audit import audit
from sitegen.checks.plan import check_folders, check_plan, check_theme
from sitegen.checks.privacy import CleanTexts
from sitegen.checks.selfcontained import check_self_contained
from sitegen.diagnostics.codes import SG110, SG182
from sitegen.diagnostics.core import Diagnostics, Severity
from sitegen.engine.incremental import LastBuild
from sitegen.engine.parallel import worker_count
from sitegen.engine.progress import BuildProgress
from sitegen.engine.session import BuildOptions, BuildSession
from sitegen.load.catalog import load_catalogs
from sitegen.load.config import load_config
from sitegen.load.documents import load_markdown, load_sources
from sitegen.model.config import SiteConfig, site_suffix
from sitegen.model.pagespec import PageSpec
from sitegen.model.records import Catalog, CatalogNode, Document
from sitegen.model.schedule import Scheduled, build_date, scheduled
from sitegen.model.site import PublicSite, SiteModel, draft_reason, link, public_view
from sitegen.outputs.calendars import write_calendars
from sitegen.outputs.dashboard import write_dashboard
from sitegen.outputs.exports import write_exports
from sitegen.outputs.feeds import write_feeds
from sitegen.outputs.memo import OutputMemo
from sitegen.outputs.nginx import write_server_config
from sitegen.outputs.precompress import precompress
from sitegen.outputs.redirects import Ledger, gone_specs, nginx_rules, redirect_specs
from sitegen.outputs.sitemap import write_sitemap
from sitegen.render.elder import elder_page, elder_path
from sitegen.render.identity import identity_files, identity_globals
from sitegen.render.markup import LinkTarget, RenderedBody, render_body
from sitegen.render.pages import build_pages, template_globals
from sitegen.render.portal_pages import portal_globals, portal_pages
from sitegen.render.service_pages import COMPUTE, ServiceWork, service_pages
from sitegen.render.templates import environment, hashed_assets
from sitegen.search.querydata import FACETS, QueryFiles
from sitegen.store.inputs import digest_file
from sitegen.store.staging import StagedOutput

SEARCH_TEMPLATE = "search.html"  # names the content-hashed query data, so it is rendered after indexing


class ConfigError(Exception):
    """The configuration itself is unusable (exit code 2)."""

    def __init__(self, diagnostics: Diagnostics):
        super().__init__("configuration error")
        self.diagnostics = diagnostics


@dataclass
class BuildResult:
    output: Path
    diagnostics: Diagnostics
    pages: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    server_config: Path | None = None
    report: Path | None = None  # the webmaster dashboard, outside the published folder
    rendered: int = 0  # pages rendered by this build (the rest were unchanged)
    reindexed: list[int] = field(default_factory=list)  # search shards indexed by this build
    delta: tuple[str, ...] = ()  # pages in the delta search index after this build (sitegen/search/shards.py)
    up_to_date: bool = False  # nothing had changed: nothing was done
    drafts: dict[str, str] = field(default_factory=dict)  # drafts preview only: page URL -> why it is not public
    scheduled: list[Scheduled] = field(default_factory=list)  # 定时发布: held back until their date


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
    drafts: bool = False,
) -> BuildResult:
    """Build the site into ``output`` (default: the configured output folder); ``clean`` ignores the cache.

    ``drafts`` lets every document through the gate, for ``sitegen serve --drafts`` only: it builds into a
    folder of its own, never the site's output (see :mod:`sitegen.cli.serve`)."""
    started = time.monotonic()
    config, diags = read_config(config_path)
    target = Path(output) if output else config.output_dir
    reports = Path(reports) if reports else target.parent / ("_reports" + site_suffix(config.path))
    options = BuildOptions(today or build_date(), strict, search, clean, worker_count(jobs))
    if not check_folders(config, target, reports, diags):
        raise ConfigError(diags)
    with BuildSession(config, target, reports, options, progress or BuildProgress(enabled=False)) as session:
        if drafts:  # the preview needs the drafts it marks, which the record of a build does not keep
            session.options_key = (*session.options_key, "drafts")
        elif (last := session.previous_build()) is not None:
            return unchanged(target, config, last, time.monotonic() - started)
        model, site = load_site(config, diags, options.today, session, drafts=drafts)
        if diags.errors:  # report body and link problems in the same run
            check_links(model, site, render_bodies(model, site, diags), diags, options.today)
            raise_errors(diags, strict)
        if not check_theme(config, diags):
            raise ConfigError(diags)
        bodies, links = session.deferred_bodies(site, site.with_bodies(), link_targets(model, site, diags))
        env, assets = page_environment(config, site)
        specs = plan_site(site, bodies, diags, session.service_work(links))
        ledger = Ledger(reports)  # what earlier builds published: vanished pages, 410 for withdrawn ones
        gone = [] if drafts else ledger.compare(model, site, diags)
        specs += gone_specs(gone)
        result = BuildResult(target, diags, Counter(spec.template for spec in specs))
        result.scheduled = scheduled(model.documents(), options.today, diags.rel)
        result.drafts = draft_reasons(site, options.today) if drafts else {}
        with session.stage() as out:
            rendered = session.render([s for s in specs if s.template != SEARCH_TEMPLATE], env, site, links, out)
            facts = session.body_facts()
            for body in facts.values():
                diags.extend(body.diagnostics)
            files = check_plan(config, site.with_bodies(), facts, specs, diags, options.today)
            raise_errors(diags, strict)
            copy_files(out, session, config, assets, {**files, **identity_files(config)})
            write_outputs(out, site, specs, session.output_memo())
            late = [s for s in specs if s.template == SEARCH_TEMPLATE]
            result.rendered = rendered.rendered + render_late(out, env, late, session.index(out))
            session.progress.phase("检查与压缩 checking and compressing", 0)
            check_self_contained(out.stage, out.target, out.changed(), diags, rendered.problems)
            raise_errors(diags, strict)
            precompress(out)
        result.reindexed = session.reindexed()
        result.delta = session.delta_pages()
        audited = audit(model, site, diags, options.today, target, session.page_links(), session.published)
        result.report = write_dashboard(model, site, diags, options.today, reports, result.scheduled, audited)
        result.server_config = server_config(target, config, diags, *nginx_rules(site, gone))
        if not drafts:
            ledger.save()
        remember(session, result)
        result.seconds = time.monotonic() - started
        return result


def unchanged(target: Path, config: SiteConfig, last: LastBuild, seconds: float) -> BuildResult:
    """The result of a build that found nothing changed: the last build's, which it leaves as it is."""
    diags = Diagnostics(config.root, list(last.diagnostics))
    return BuildResult(
        target, diags, last.pages, seconds, last.server_config, last.report, up_to_date=True, scheduled=last.scheduled
    )


def remember(session: BuildSession, result: BuildResult) -> None:
    """Record the finished build, so that the next one with the same inputs does nothing."""
    session.remember(
        LastBuild(
            session.inputs.combined(),
            session.options_key,
            list(result.diagnostics.items),
            result.pages,
            result.server_config,
            result.report,
            result.scheduled,
            report_digest=digest_file(result.report) if result.report else None,
        )
    )


def draft_reasons(site: PublicSite, today: dt.date) -> dict[str, str]:
    """For the drafts preview: each page that is not public, and why."""
    documents = [*site.with_bodies(), *site.reports]
    return {doc.url: reason for doc in documents if (reason := draft_reason(doc, today))}


def read_config(config_path: Path) -> tuple[SiteConfig, Diagnostics]:
    """The site configuration and its warnings, or ConfigError with every problem in it."""
    diags = Diagnostics(Path(config_path).resolve().parent)
    config = load_config(Path(config_path), diags)
    if config is None or diags.errors:
        raise ConfigError(diags)
    return config, diags


class Sources(Protocol):
    """Where the documents and catalogs come from: read afresh (check) or from the build cache (build)."""

    def documents(self, config: SiteConfig, diags: Diagnostics) -> list[Document]: ...

    def catalogs(self, config: SiteConfig, diags: Diagnostics) -> tuple[list[Catalog], dict[str, CatalogNode]]: ...

    def clean_texts(self) -> CleanTexts: ...


class ReadSources:
    """Every source read from disk."""

    def documents(self, config: SiteConfig, diags: Diagnostics) -> list[Document]:
        return load_markdown(config, diags)

    def catalogs(self, config: SiteConfig, diags: Diagnostics) -> tuple[list[Catalog], dict[str, CatalogNode]]:
        return load_catalogs(config, diags)

    def clean_texts(self) -> CleanTexts:
        return CleanTexts()


def load_site(
    config: SiteConfig, diags: Diagnostics, today: dt.date, sources: Sources, drafts: bool = False
) -> tuple[SiteModel, PublicSite]:
    """Sources, catalogs, linking, the disclosure rules and the public gate (``drafts``: see ``build``)."""
    documents = load_sources(config, diags, sources.documents)
    catalogs, nodes = sources.catalogs(config, diags)
    model = link(config, documents, catalogs, nodes, diags)
    run_rules(model, diags, today, sources.clean_texts())
    if drafts:  # 先审后发: the preview is what the reviewer approves, so a missing review cannot stop it
        diags.items = [replace(d, severity=Severity.WARNING) if d.code == SG110.id else d for d in diags.items]
    return model, public_view(model, today, drafts=drafts)


@dataclass
class Loaded:
    config: SiteConfig
    model: SiteModel
    site: PublicSite
    bodies: dict[str, RenderedBody]
    diagnostics: Diagnostics
    today: dt.date


def load(config_path: Path, today: dt.date | None = None, strict: bool = False) -> Loaded:
    """``sitegen check``: read and check everything, rendering every body; raise BuildFailed (content) or
    ConfigError (config) with all problems."""
    config, diags = read_config(config_path)
    today = today or build_date()
    model, site = load_site(config, diags, today, ReadSources())
    bodies = render_bodies(model, site, diags)
    if diags.errors:  # stopping here: the links of the site are checked in the same round
        check_links(model, site, bodies, diags, today)
    raise_errors(diags, strict)
    return Loaded(config, model, site, bodies, diags, today)


def check_links(
    model: SiteModel, site: PublicSite, bodies: dict[str, RenderedBody], diags: Diagnostics, today: dt.date
) -> None:
    """Links to pages, anchors and files (SG077–SG080) need the page plan, which a run that stops on earlier
    errors never reaches: checked here too, so that every link problem of a run is reported at once."""
    check_plan(model.config, site.with_bodies(), bodies, plan_site(site, bodies, diags), diags, today)


def plan(loaded: Loaded) -> tuple[list[PageSpec], dict[str, Path]]:
    """The pages and copied files of a checked site, and the checks that need them."""
    specs = plan_site(loaded.site, loaded.bodies, loaded.diagnostics)
    files = check_plan(loaded.config, loaded.site.with_bodies(), loaded.bodies, specs, loaded.diagnostics, loaded.today)
    loaded.diagnostics.raise_if_errors()
    return specs, files


def link_targets(model: SiteModel, site: PublicSite, diags: Diagnostics) -> dict[str, LinkTarget]:
    """Every document's source path -> its page, and whether that page is published; and the documents that
    failed to load (a link to one is not an error of its own)."""
    published = {id(doc) for doc in site.with_bodies()}
    failed = {
        str(model.config.root / source): LinkTarget("", False, "", failed=True)
        for key, source in diags.unloaded.items()
        if key == source
    }
    targets = {str(doc.source): LinkTarget(doc.url, id(doc) in published, doc.title) for doc in model.documents()}
    faulty = {d.path for d in diags.errors}
    for doc in model.documents():  # not public because of an error of its own (e.g. no review): said there
        if not targets[str(doc.source)].public and diags.rel(doc.source) in faulty:
            targets[str(doc.source)] = LinkTarget(doc.url, False, doc.title, failed=True)
    return failed | targets


def render_bodies(model: SiteModel, site: PublicSite, diags: Diagnostics) -> dict[str, RenderedBody]:
    """Markdown of every public document to safe HTML, keyed by page URL; link problems are reported."""
    config = model.config
    links = link_targets(model, site, diags)
    bodies: dict[str, RenderedBody] = {}
    for doc in site.with_bodies():
        body = render_body(doc.body, doc.body_line, str(doc.source), str(config.content_dir), links, str(config.root))
        diags.extend(body.diagnostics)
        bodies[doc.url] = body
    return bodies


def plan_site(site: PublicSite, bodies: dict, diags: Diagnostics, work: ServiceWork = COMPUTE) -> list[PageSpec]:
    """Every page of the site: its own, and the redirect stubs of its old addresses (aliases)."""
    specs = [*build_pages(site, bodies), *portal_pages(site, bodies), *service_pages(site, bodies, work)]
    return specs + redirect_specs(site, {spec.url for spec in specs}, diags)


def page_environment(config: SiteConfig, site: PublicSite) -> tuple[jinja2.Environment, dict[str, str]]:
    """The theme's templates with the site's globals, and its static files by content-hashed name."""
    assets = hashed_assets(config.theme_dir / "static")
    env = environment(config, assets)
    env.globals.update(template_globals(site), **portal_globals(site), **identity_globals(site))
    return env, assets


def copy_files(
    out: StagedOutput, session: BuildSession, config: SiteConfig, assets: dict[str, str], files: dict[str, Path]
) -> None:
    """The theme's static files and every document's attachments and images."""
    for source_name, hashed in sorted(assets.items()):
        source = config.theme_dir / "static" / source_name
        out.copy(source, hashed, session.digest(source))
    for relative, source in sorted(files.items()):
        out.copy(source, relative, session.digest(source))
    # Files the theme publishes at the site root under their own names: browsers ask every site for
    # /favicon.ico, which was a 404 on every visit.
    for source in sorted((config.theme_dir / "root").glob("*")):
        if source.is_file() and not source.name.startswith("."):
            out.copy(source, source.name, session.digest(source))


def write_outputs(out: StagedOutput, site: PublicSite, specs: list[PageSpec], memo: OutputMemo) -> None:
    write_feeds(out, site, memo)
    write_exports(out, site, memo)
    write_calendars(out, site)
    write_sitemap(out, site.config.base_url, specs, memo)


def render_late(out: StagedOutput, env: jinja2.Environment, specs: list[PageSpec], query_files: QueryFiles) -> int:
    """The search page, rendered on every build (it is one page); counted, like the others, when it changed."""
    changed = 0
    for spec in specs:
        html = env.get_template(spec.template).render(
            page=spec, **spec.context, query_files=query_files, search_facets=FACETS
        )
        out.write(spec.output_path, html)
        out.write(elder_path(spec.output_path), elder_page(html, spec.url))
        changed += out.current(spec.output_path) != out.live_digest(spec.output_path)
    return changed


def raise_errors(diags: Diagnostics, strict: bool) -> None:
    if strict:
        diags.promote_warnings()
    diags.raise_if_errors()


def server_config(
    target: Path, config: SiteConfig, diags: Diagnostics, moves: list[tuple[str, str]], gone: list[str]
) -> Path:
    portal = config.portal
    tls = (portal.tls_certificate, portal.tls_key) if portal.tls_certificate else None
    written, placeholder_line = write_server_config(
        target, config.base_url, config.deploy_root or None, moves, gone, tls
    )
    if placeholder_line is not None:
        diags.report(SG182, written, line=placeholder_line)
    return written
