"""Checks of the build's folders, the theme and the page plan (``sitegen check`` runs the plan checks too).

- the output and reports folders: publishing swaps the output folder whole, so it must not hold the
  project's sources, and the webmaster reports must never land in it (checked before anything is written);
- the theme, checked after the content so that an editor sees every content problem in one run;
- anchors of links into other documents, and copied files that would overwrite a page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from sitegen.checks.attachments import check_linked
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.sources import inside
from sitegen.model.config import SiteConfig
from sitegen.model.pagespec import PageSpec
from sitegen.model.records import Document
from sitegen.store.folder import overlapping


def check_folders(config: SiteConfig, target: Path, reports: Path, diags: Diagnostics) -> bool:
    """The output and reports folders are safe to write; False after reporting why not."""
    clash = overlapping(target, [config.content_dir, config.catalogs_dir, config.theme_dir, config.path],
                        ancestors_of=[config.root])
    if clash is not None:
        diags.add("SG008", config.path, f"输出目录 {target} 与 {clash} 重叠：发布时会替换掉源文件。",
                  f"The output folder {target} overlaps {clash}; publishing would replace the sources.",
                  fix_zh="把输出目录设为项目中单独的文件夹，例如 _site。", fix_en="Use a folder of its own, e.g. _site.")
    elif overlapping(reports, [target]) is not None:
        diags.add("SG009", config.path, f"管理报表目录 {reports} 不能在输出目录 {target} 之内或与之重叠：报表不得发布。",
                  f"The reports folder {reports} must not overlap the output folder {target}: reports are never published.",
                  fix_zh="报表目录放在输出目录之外，例如 _reports。", fix_en="Put the reports outside the output, e.g. _reports.")
    else:
        return True
    return False


def check_theme(config: SiteConfig, diags: Diagnostics) -> bool:
    """The theme's templates exist; False after reporting that they do not."""
    if (config.theme_dir / "templates").is_dir():
        return True
    diags.add("SG004", config.path, f"找不到主题模板目录 {config.theme_dir / 'templates'}。",
              f"The theme's templates folder {config.theme_dir / 'templates'} does not exist.",
              fix_zh="检查 site.yaml 中的 theme_dir，默认为 themes/default。",
              fix_en="Check theme_dir in site.yaml; the default is themes/default.")
    return False


class BodyLinks(Protocol):
    """What these checks read of a rendered body (a RenderedBody, or the facts a render worker kept)."""

    site_links: list[tuple[str, int | None]]
    assets: list[tuple[str, str]]
    ids: set[str]


def anchors_of(bodies: Mapping[str, BodyLinks], templates: Path) -> dict[str, set[str]]:
    """The ids on each document page: its body's, plus those the theme writes on pages."""
    theme_ids = {found for template in sorted(templates.rglob("*.html"))
                 for found in re.findall(r'\bid="([^"{}]+)"', template.read_text("utf-8"))}
    return {url: theme_ids | body.ids for url, body in bodies.items()}


def check_anchors_and_files(documents: list[Document], bodies: Mapping[str, BodyLinks], specs: list[PageSpec],
                            files: dict[str, Path], templates: Path, diags: Diagnostics) -> None:
    anchors = anchors_of(bodies, templates)
    for doc in documents:
        for href, line in bodies[doc.url].site_links:
            path, _, fragment = href.split("?")[0].partition("#")
            if fragment and path in anchors and unquote(fragment) not in anchors[path]:
                diags.add("SG079", doc.source, f"链接“{href}”中的锚点“#{fragment}”在目标文档中不存在。",
                          f'The anchor "#{fragment}" of the link "{href}" does not exist in the target document.',
                          line=line, fix_zh="检查目标文档的标题文字（锚点由标题生成），或删除 # 之后的部分。",
                          fix_en="Check the heading text in the target (anchors come from headings), or drop the #part.")
    for relative in sorted(set(files) & {"/" + spec.output_path for spec in specs}):
        diags.add("SG080", files[relative], f"文件“{relative}”与生成的页面同名，会覆盖页面。",
                  f'The file "{relative}" has the same output path as a generated page.',
                  fix_zh="重命名该文件（不要使用 index.html 等页面文件名）。", fix_en="Rename the file (not index.html).")


def check_plan(config: SiteConfig, documents: list[Document], bodies: Mapping[str, BodyLinks], specs: list[PageSpec],
               diags: Diagnostics, today: dt.date) -> dict[str, Path]:
    """The files to copy beside the pages, after checking every link and file the bodies name."""
    files = _document_files(config, documents, bodies, diags, today)
    urls = {spec.url for spec in specs} | set(files)
    for doc in documents:
        for href, line in bodies[doc.url].site_links:
            path = href.split("#")[0].split("?")[0]
            if path and path not in urls and path.rstrip("/") + "/" not in urls:
                diags.add("SG077", doc.source, f"站内链接“{href}”指向的页面不存在。",
                          f'The internal link "{href}" points to a page that does not exist.', line=line,
                          fix_zh="改为指向文档源文件的相对链接（例如 ../2024/文件名.md），由系统生成地址。",
                          fix_en="Link to the document's source file instead (e.g. ../2024/name.md).")
    check_anchors_and_files(documents, bodies, specs, files, config.theme_dir / "templates", diags)
    return files


def _document_files(config: SiteConfig, documents: list[Document], bodies: Mapping[str, BodyLinks],
                    diags: Diagnostics, today: dt.date) -> dict[str, Path]:
    """Attachments and images of each public document, to be copied beside its page."""
    files: dict[str, Path] = {}
    for doc in documents:
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
            check_linked(doc, path, config, diags, today)
    return {"/" + k: v for k, v in files.items()}
