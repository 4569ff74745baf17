"""The build pipeline, top to bottom: config, sources, model, rules, render, index, publish."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from sitegen.catalog import load_catalogs
from sitegen.config import SiteConfig, load_config
from sitegen.content import load_documents
from sitegen.dashboard import write_dashboard
from sitegen.diagnostics import BuildFailed, Diagnostics
from sitegen.markup import LinkTarget, RenderedBody, render_body
from sitegen.output import OutputFolder, overlapping
from sitegen.pages import PageSpec, build_pages, template_globals
from sitegen.render import environment, hashed_assets
from sitegen.rules import run_rules
from sitegen.search import build_index
from sitegen.site import PublicSite, SiteModel, link, public_view
from sitegen.sources import inside


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
    report: Path | None = None  # the webmaster dashboard, outside the published folder


def load(config_path: Path, today: dt.date | None = None, strict: bool = False) -> Loaded:
    """Read and check everything; raise BuildFailed (content) or ConfigError (config) with all problems."""
    diags = Diagnostics(Path(config_path).resolve().parent)
    config = load_config(Path(config_path), diags)
    if config is None or diags.errors:
        raise ConfigError(diags)
    documents = load_documents(config, diags)
    catalogs, nodes = load_catalogs(config, diags)
    model = link(config, documents, catalogs, nodes, diags)
    run_rules(model, diags, today or build_date())
    site = public_view(model)
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
    return [*site.policies, *site.interpretations, *site.pages]


def _check_site_links(specs: list[PageSpec], loaded: Loaded, files: dict[str, Path]) -> None:
    pages = {spec.url for spec in specs}
    urls = pages | set(files)
    anchors = anchors_of(loaded.bodies, loaded.config.theme_dir / "templates")
    diags = loaded.diagnostics
    for doc in _published(loaded.site):
        for href, line in loaded.bodies[doc.url].site_links:
            path, _, fragment = href.split("?")[0].partition("#")
            if path and path not in urls and path.rstrip("/") + "/" not in urls:
                diags.add("SG077", doc.source, f"站内链接“{href}”指向的页面不存在。",
                          f'The internal link "{href}" points to a page that does not exist.', line=line,
                          fix_zh="改为指向文档源文件的相对链接（例如 ../2024/文件名.md），由系统生成地址。",
                          fix_en="Link to the document's source file instead (e.g. ../2024/name.md).")
            elif fragment and path in anchors and unquote(fragment) not in anchors[path]:
                diags.add("SG079", doc.source, f"链接“{href}”中的锚点“#{fragment}”在目标文档中不存在。",
                          f'The anchor "#{fragment}" of the link "{href}" does not exist in the target document.',
                          line=line, fix_zh="检查目标文档的标题文字（锚点由标题生成），或删除 # 之后的部分。",
                          fix_en="Check the heading text in the target (anchors come from headings), or drop the #part.")
    for relative in sorted(set(files) & {"/" + spec.output_path for spec in specs}):
        diags.add("SG080", files[relative], f"文件“{relative}”与生成的页面同名，会覆盖页面。",
                  f'The file "{relative}" has the same output path as a generated page.',
                  fix_zh="重命名该文件（不要使用 index.html 等页面文件名）。", fix_en="Rename the file (not index.html).")


def anchors_of(bodies: dict[str, RenderedBody], templates: Path) -> dict[str, set[str]]:
    """The ids on each document page: its body's plus those the theme writes on every page."""
    theme_ids = {m for t in sorted(templates.rglob("*.html")) for m in re.findall(r'\bid="([^"{}]+)"', t.read_text("utf-8"))}
    return {url: theme_ids | {html.unescape(i) for i in re.findall(r'\bid="([^"]+)"', body.html)}
            for url, body in bodies.items()}


def plan(loaded: Loaded) -> tuple[list[PageSpec], dict[str, Path]]:
    """The pages and copied files of a checked site, and the checks that need them (``check`` runs these too)."""
    specs = list(build_pages(loaded.site, loaded.bodies))
    files = _document_files(loaded)
    _check_site_links(specs, loaded, files)
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
    _check_folders(config, target, reports, loaded.diagnostics)
    result = BuildResult(output=target, diagnostics=loaded.diagnostics)

    assets = hashed_assets(config.theme_dir / "static")
    env = environment(config, assets)
    env.globals.update(template_globals(loaded.site))
    specs, files = plan(loaded)

    out = OutputFolder(target).open()
    try:
        for source_name, hashed in sorted(assets.items()):
            out.copy(config.theme_dir / "static" / source_name, hashed)
        for relative, source in sorted(files.items()):
            out.copy(source, relative)
        for number, spec in enumerate(specs, 1):
            html = env.get_template(spec.template).render(page=spec, **spec.context)
            out.write(spec.output_path, html)
            result.pages[spec.template] += 1
            if number % 500 == 0:
                progress(f"{number}/{len(specs)} pages")
        if search:
            progress("search index")
            build_index(out.stage)
        out.commit()
    except BaseException:
        out.abort()
        raise
    result.report = write_dashboard(loaded.model, loaded.site, loaded.diagnostics, today or build_date(), reports)
    result.seconds = time.monotonic() - started
    return result


def _check_folders(config: SiteConfig, target: Path, reports: Path, diags: Diagnostics) -> None:
    """The theme must exist, and the output folder, swapped whole on publishing, must not hold sources or reports."""
    clash = overlapping(target, [config.content_dir, config.catalogs_dir, config.theme_dir, config.path],
                        ancestors_of=[config.root])
    if not (config.theme_dir / "templates").is_dir():
        diags.add("SG004", config.path, f"找不到主题模板目录 {config.theme_dir / 'templates'}。",
                  f"The theme's templates folder {config.theme_dir / 'templates'} does not exist.",
                  fix_zh="检查 site.yaml 中的 theme_dir，默认为 themes/default。",
                  fix_en="Check theme_dir in site.yaml; the default is themes/default.")
    elif clash is not None:
        diags.add("SG008", config.path, f"输出目录 {target} 与 {clash} 重叠：发布时会替换掉源文件。",
                  f"The output folder {target} overlaps {clash}; publishing would replace the sources.",
                  fix_zh="把输出目录设为项目中单独的文件夹，例如 _site。", fix_en="Use a folder of its own, e.g. _site.")
    elif overlapping(reports, [target]) is not None:
        diags.add("SG009", config.path, f"管理报表目录 {reports} 不能在输出目录 {target} 之内或与之重叠：报表不得发布。",
                  f"The reports folder {reports} must not overlap the output folder {target}: reports are never published.",
                  fix_zh="报表目录放在输出目录之外，例如 _reports。", fix_en="Put the reports outside the output, e.g. _reports.")
    else:
        return
    raise ConfigError(diags)


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
