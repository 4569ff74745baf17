"""The search worker is a folder of ES modules importing one another by relative path (js/search/):
published under one content-hashed folder name, every relative import still resolves."""

import re
from pathlib import Path

from sitegen.render.templates import hashed_assets

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "themes/default/static"
# Static imports and re-exports, and dynamic import() of a relative path.
IMPORT = re.compile(
    r"""^\s*(?:import|export)\b[^'"]*?from\s+["'](\.[^"']+)["']|\bimport\(\s*["'](\.[^"']+)["']\s*\)""", re.M
)


def test_every_relative_import_of_the_published_modules_resolves():
    names = hashed_assets(STATIC)
    published = set(names.values())
    modules = [name for name in names if name.startswith("js/search/") and name.endswith(".js")]
    assert "js/search/index.js" in modules and len(modules) >= 6
    imported = {a or b for name in modules for a, b in IMPORT.findall((STATIC / name).read_text(encoding="utf-8"))}
    assert "./engine.js" in imported and "./query.js" in imported
    for name in modules:
        for target in (a or b for a, b in IMPORT.findall((STATIC / name).read_text(encoding="utf-8"))):
            resolved = (Path(names[name]).parent / target).as_posix()
            assert resolved in published, f"{name} imports {target}, published nowhere ({resolved})"


def test_a_module_folder_is_renamed_when_any_module_changes(tmp_path: Path):
    for name, text in {"js/m/index.js": "import './a.js';", "js/m/a.js": "1", "js/single.js": "2"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = hashed_assets(tmp_path)
    assert re.fullmatch(r"assets/js/m\.[0-9a-f]{10}/index\.js", before["js/m/index.js"])
    assert Path(before["js/m/a.js"]).parent == Path(before["js/m/index.js"]).parent
    assert re.fullmatch(r"assets/js/single\.[0-9a-f]{10}\.js", before["js/single.js"])
    (tmp_path / "js/m/a.js").write_text("3", encoding="utf-8")
    after = hashed_assets(tmp_path)
    assert after["js/m/index.js"] != before["js/m/index.js"] and after["js/single.js"] == before["js/single.js"]
    assert hashed_assets(tmp_path) == after  # deterministic


def test_the_search_page_preloads_every_module_and_what_pagefind_loads_first(demo_site: Path):
    """The worker's modules, Pagefind's script, index metadata and WebAssembly are hinted on the page, so
    that a phone fetches them with the page rather than one round trip after another; each hint names a
    published file (a stale name would download something nobody uses)."""
    page = (demo_site / "search/index.html").read_text(encoding="utf-8")
    modules = re.findall(r'<link rel="modulepreload" href="([^"]+)">', page)
    fetches = re.findall(r'<link rel="preload" href="([^"]+)" as="fetch" crossorigin>', page)
    worker = re.search(r'data-worker="([^"]+)"', page).group(1)
    folder = (demo_site / worker.lstrip("/")).parent
    assert sorted(m for m in modules if m.startswith("/assets/")) == sorted(
        "/" + p.relative_to(demo_site).as_posix() for p in folder.glob("*.js")
    )
    assert "/pagefind/pagefind.js" in modules
    assert [Path(f).suffix for f in fetches] == [".pf_meta", ".pagefind"]
    for url in modules + fetches:
        assert (demo_site / url.lstrip("/")).is_file(), url
