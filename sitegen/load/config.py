"""Loading the site configuration (site.yaml): every problem is collected with its line.

The keys, their converters and which are required are declared once, on the records
(:mod:`sitegen.model.config`, :mod:`sitegen.model.portal`); this module reads the file, takes in shared
lists, applies the declarations and finds the files and folders they name."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from pathlib import Path

from sitegen.diagnostics.codes import CONFIG_KEYS, SG001, SG002, SG003, SG453, SG550
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import Phrase
from sitegen.load import fields as f
from sitegen.load.sources import read_text
from sitegen.load.yamlio import LineMap, YamlProblem, load_yaml, read_mapping
from sitegen.model.config import SiteConfig, config_keys, site_suffix
from sitegen.model.config_values import folder
from sitegen.model.portal import PortalSettings

# The keys naming folders of the project (content_dir, ...).
FOLDERS = [name for name, spec in f.schema(SiteConfig).items() if spec.convert is folder]

# Lists a site may take from a shared file (a multi-site repository's agencies, say): `agencies: ../agencies.yaml`.
SHARED_LISTS = ("agencies", "topics")


def _include_shared_lists(raw: LineMap, path: Path, diags: Diagnostics) -> list[Path]:
    """Replace ``key: FILE`` (a YAML file holding the list, relative to site.yaml) by the list it holds."""
    included = []
    for key in SHARED_LISTS:
        name = raw.get(key)
        if not isinstance(name, str) or not name.endswith((".yaml", ".yml")):
            continue
        shared = (path.parent / name).resolve()
        source = read_text(shared, Diagnostics(diags.root)) if shared.is_file() else None
        problem = None if source is not None else ("找不到或无法读取", "does not exist or cannot be read")
        if source is not None:
            try:
                raw[key] = load_yaml(source.text)
                included.append(shared)
            except YamlProblem as exc:
                problem = (f"第 {exc.line} 行有语法错误：{exc.zh}", f"has a syntax error at line {exc.line}: {exc.en}")
        if problem is not None:
            diags.report(
                SG550, path, line=raw.line_of(key), key=key, name=name, config=path.name, problem=Phrase(*problem)
            )
            raw[key] = []
    return included


def _project_file(name: Path, key: str, root: Path, path: Path, lines: dict[str, int], diags: Diagnostics) -> Path:
    """The file ``name`` (a logo, a badge) that site.yaml names; outside the project or missing is an error."""
    found = (root / name).resolve()
    if not found.is_file() or not found.is_relative_to(root):
        diags.report(SG453, path, line=lines.get(key), key=key, name=name)
    return found


def load_config(path: Path, diags: Diagnostics) -> SiteConfig | None:
    """Load site.yaml; report problems to ``diags`` (config errors exit with 2) and return None on failure."""
    if not path.is_file():
        diags.report(SG001, path, path=path)
        return None
    raw = read_mapping(path, diags, SG002, SG003)
    if raw is None:
        return None
    included = _include_shared_lists(raw, path, diags)
    values = f.apply_schema(raw, config_keys(), path, diags, codes=CONFIG_KEYS)
    if values is None:
        return None
    root = path.parent.resolve()
    lines = dict(raw.key_lines)
    portal_keys = f.schema(PortalSettings)
    portal = PortalSettings(**{k: v for k, v in values.items() if k in portal_keys}, lines=lines)
    if portal.logo is not None:
        portal = replace(portal, logo=_project_file(portal.logo, "logo", root, path.resolve(), lines, diags))
    if portal.badge is not None:
        image = _project_file(portal.badge.image, "badge", root, path.resolve(), lines, diags)
        portal = replace(portal, badge=replace(portal.badge, image=image))
    if diags.errors:
        return None
    site = {k: v for k, v in values.items() if k not in portal_keys}
    site.setdefault("short_title", site["title"])
    site.setdefault("description", "")
    site.setdefault("output_dir", Path("_site" + site_suffix(path)))
    # Folders are relative to site.yaml; the record keeps them absolute.
    defaults = {field.name: field.default for field in dataclasses.fields(SiteConfig)}
    for name in FOLDERS:
        site[name] = (root / site.get(name, defaults[name])).resolve()
    return SiteConfig(root=root, path=path.resolve(), **site, included=included, lines=lines, portal=portal)
