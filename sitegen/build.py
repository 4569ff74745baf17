"""The build pipeline, top to bottom: config, sources, model, rules, render, index, publish."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.calendars import write_calendars
from sitegen.catalog import load_catalogs
from sitegen.config import SiteConfig, load_config
from sitegen.content import load_documents
from sitegen.dashboard import write_dashboard
from sitegen.diagnostics import BuildFailed, Diagnostics
from sitegen.elder import write_elder_edition
from sitegen.exports import write_exports
from sitegen.feeds import write_feeds
from sitegen.markup import LinkTarget, RenderedBody, render_body
from sitegen.nginx import write_server_config
from sitegen.output import OutputFolder
from sitegen.participation import load_participation
from sitegen.reports import load_reports
from sitegen.pages import PageSpec, build_pages, template_globals
from sitegen.planchecks import check_anchors_and_files, check_folders
from sitegen.portal_pages import portal_globals, portal_pages
from sitegen.precompress import precompress
from sitegen.querydata import FACETS, QueryFiles
from sitegen.render import environment, hashed_assets
from sitegen.rules import run_rules
from sitegen.search import build_search
from sitegen.selfcontained import check_self_contained
from sitegen.site import PublicSite, SiteModel, link, public_view
from sitegen.sitemap import write_sitemap
from sitegen.sources import inside

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


def load(config_path: Path, today: dt.date | None = None, strict: bool = False) -> Loaded:
    """Read and check everything; raise BuildFailed (content) or ConfigError (config) with all problems."""
    diags = Diagnostics(Path(config_path).resolve().parent)
    config = load_config(Path(config_path), diags)
    if config is None or diags.errors:
        raise ConfigError(diags)
    documents = [*load_documents(config, diags), *load_participation(config, diags), *load_reports(config, diags)]
    catalogs, nodes = load_catalogs(config, diags)
    model = link(config, documents, catalogs, nodes, diags)
    today = today or build_date()
    run_rules(model, diags, today)
    site = public_view(model, today)
    bodies = render_bodies(model, site, diags)
    if strict:
        diags.promote_warnings()
    diags.raise_if_errors()
    return Loaded(config, model, site, bodies, diags)


def render_bodies(model: SiteModel, site: PublicSite, diags: Diagnostics) -> dict[str, RenderedBody]:
    """Markdown of every public document to safe HTML, keyed by page URL; link problems are reported."""
    config = model.config
    published = {id(doc) for doc in _published(site)}
    links = {str(doc.source): LinkTarget(doc.url, id(doc) in published, doc.title) for doc in model.documents()}
    bodies: dict[str, RenderedBody] = {}
    for doc in _published(site):
        body = render_body(doc.body, doc.body_line, str(doc.source), str(config.content_dir), links, str(config.root))
        diags.extend(body.diagnostics)
        bodies[doc.url] = body
    return bodies


def _published(site: PublicSite) -> list:
    """Public documents with a Markdown body (annual reports are tables and plain text)."""
    return [*site.policies, *site.interpretations, *site.pages, *site.consultations, *site.events]


def _check_site_links(specs: list[PageSpec], loaded: Loaded, files: set[str]) -> None:
    urls = {spec.url for spec in specs} | files
    diags = loaded.diagnostics
    for doc in _published(loaded.site):
        for href, line in loaded.bodies[doc.url].site_links:
            path = href.split("#")[0].split("?")[0]
            if path and path not in urls and path.rstrip("/") + "/" not in urls:
                diags.add("SG077", doc.source, f"站内链接“{href}”指向的页面不存在。",
                          f'The internal link "{href}" points to a page that does not exist.', line=line,
                          fix_zh="改为指向文档源文件的相对链接（例如 ../2024/文件名.md），由系统生成地址。",
                          fix_en="Link to the document's source file instead (e.g. ../2024/name.md).")


def plan(loaded: Loaded) -> tuple[list[PageSpec], dict[str, Path]]:
    """The pages and copied files of a checked site, and the checks that need them (``check`` runs these too)."""
    specs = [*build_pages(loaded.site, loaded.bodies), *portal_pages(loaded.site, loaded.bodies)]
    files = _document_files(loaded)
    _check_site_links(specs, loaded, set(files))
    check_anchors_and_files(_published(loaded.site), loaded.bodies, specs, files,
                            loaded.config.theme_dir / "templates", loaded.diagnostics)
    loaded.diagnostics.raise_if_errors()
    return specs, files


def build(
    config_path: Path,
    output: Path | None = None,
    *,
    reports: Path | None = None,
    today: dt.date | None = None,
    strict: bool = False,
    search: bool = True,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    started = time.monotonic()
    loaded = load(config_path, today, strict)
    config = loaded.config
    target = Path(output) if output else config.output_dir
    reports = Path(reports) if reports else target.parent / "_reports"
    if not check_folders(config, target, reports, loaded.diagnostics):
        raise ConfigError(loaded.diagnostics)
    result = BuildResult(output=target, diagnostics=loaded.diagnostics)

    assets = hashed_assets(config.theme_dir / "static")
    env = environment(config, assets)
    env.globals.update(template_globals(loaded.site), **portal_globals(loaded.site))
    specs, files = plan(loaded)

    out = OutputFolder(target).open()
    try:
        for source_name, hashed in sorted(assets.items()):
            out.copy(config.theme_dir / "static" / source_name, hashed)
        for relative, source in sorted(files.items()):
            out.copy(source, relative)

        def render(spec: PageSpec, **extra: object) -> None:
            out.write(spec.output_path, env.get_template(spec.template).render(page=spec, **spec.context, **extra))
            result.pages[spec.template] += 1

        # The search page names the content-hashed query data, which exists only after indexing.
        late = [spec for spec in specs if spec.template == SEARCH_TEMPLATE]
        for number, spec in enumerate(specs, 1):
            if spec.template != SEARCH_TEMPLATE:
                render(spec)
            if number % 500 == 0:
                progress(f"{number}/{len(specs)} pages")
        write_feeds(out, loaded.site)
        write_exports(out, loaded.site)
        write_calendars(out, loaded.site)
        write_sitemap(out, config.base_url, specs)
        query_files = QueryFiles()
        if search:
            progress("search index")
            query_files = build_search(out, config)
        for spec in late:
            render(spec, query_files=query_files, search_facets=FACETS)
        write_elder_edition(out, specs)  # after the index, so that search lists each page once
        check_self_contained(out.stage, out.target, loaded.diagnostics)
        loaded.diagnostics.raise_if_errors()
        precompress(out)
        out.commit()
    except BaseException:
        out.abort()
        raise
    result.report = write_dashboard(loaded.model, loaded.site, loaded.diagnostics, today or build_date(), reports)
    result.server_config, placeholder_line = write_server_config(target, config.base_url, config.deploy_root or None)
    if placeholder_line is not None:
        loaded.diagnostics.add("SG182", result.server_config, "输出目录的路径不能写入 nginx 配置，root 为占位路径。",
                               "The output path cannot be written into the nginx configuration; root is a placeholder.",
                               line=placeholder_line,
                               fix_zh="在 site.yaml 中设置 deploy_root（服务器上网站目录的绝对路径）。",
                               fix_en="Set deploy_root in site.yaml (the absolute path of the site on the server).",
                               warning=True)
    result.seconds = time.monotonic() - started
    return result


def _document_files(loaded: Loaded) -> dict[str, Path]:
    """Attachments and images of each public document, to be copied beside its page."""
    files: dict[str, Path] = {}
    diags = loaded.diagnostics
    for doc in _published(loaded.site):
        base = doc.url.lstrip("/")
        for attachment in getattr(doc, "attachments", []):
            files[base + attachment.name] = attachment.source
        for source, name in loaded.bodies[doc.url].assets:
            path = Path(source)
            if not inside(path, loaded.config.root):
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
    return {"/" + k: v for k, v in files.items()}
