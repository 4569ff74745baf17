"""The build refuses output that loads anything from another site (SG180) or runs inline code (SG181)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.checks.selfcontained import check_self_contained
from sitegen.cli.main import main
from sitegen.diagnostics.core import BuildFailed, Diagnostics
from tests.sitefactory import THEME

STATS_SCRIPT = '<script src="https://cdn.example.com/stats.js"></script>'


def theme_with(tmp_path: Path, planted: str, before: str = "</body>", template: str = "base.html") -> Path:
    """A copy of the default theme with ``planted`` inserted into ``template`` before ``before``."""
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    path = theme / "templates" / template
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, planted + "\n" + before, 1), encoding="utf-8")
    return theme


def scan(folder: Path) -> list[tuple[str, int | None, str]]:
    diags = Diagnostics()
    files = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
    check_self_contained(folder, folder, files, diags)
    return [(d.code, d.line, d.en) for d in diags.items]


def test_demo_output_is_self_contained(demo_site):
    assert scan(demo_site) == []


def test_external_script_fails_the_build_and_publishes_nothing(factory, tmp_path):
    factory.policy("a")
    out = tmp_path / "out"
    with pytest.raises(BuildFailed) as caught:
        factory.build(out, theme=theme_with(tmp_path, STATS_SCRIPT))
    [error] = caught.value.diagnostics.errors
    assert error.code == "SG180"
    assert "https://cdn.example.com/stats.js" in error.zh and "https://cdn.example.com/stats.js" in error.en
    assert "pages" in error.en  # one template problem, reported once for all pages
    assert error.path.startswith("out/") and error.path.endswith(".html") and error.line > 1
    assert not out.exists()


def test_failed_check_leaves_the_published_site_alone_and_exits_1(factory, tmp_path, capsys):
    factory.policy("a")
    out = tmp_path / "out"
    factory.build(out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # site.yaml now names the default theme: point it at a copy with the planted script.
    theme = theme_with(tmp_path, STATS_SCRIPT)
    config = (factory.root / "site.yaml").read_text(encoding="utf-8").replace(str(THEME), str(theme))
    factory.write("site.yaml", config)
    code = main(["build", "--config", str(factory.root / "site.yaml"), "--output", str(out), "--no-search"])
    err = capsys.readouterr().err
    assert code == 1
    assert "[SG180]" in err and "页面从其他网站加载资源" in err and "loads a resource from another site" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    "planted, before, code",
    [
        ('<link rel="stylesheet" href="https://fonts.example.com/css?family=Noto+Sans+SC">', "</head>", "SG180"),
        ('<link rel="icon" href="//static.example.com/favicon.ico">', "</head>", "SG180"),
        ('<img src="https://stats.example.com/pixel.gif" alt="">', "</body>", "SG180"),
        ('<iframe src="https://map.example.com/embed" title="地图"></iframe>', "</body>", "SG180"),
        ('<video src="https://video.example.com/a.mp4" controls></video>', "</body>", "SG180"),
        ('<object data="https://example.com/a.swf"></object>', "</body>", "SG180"),
        ("<script>window.stats = 1;</script>", "</head>", "SG181"),
        ("<style>body { color: red; }</style>", "</head>", "SG181"),
        ('<p style="display:none">隐藏</p>', "</body>", "SG181"),
        ('<button onclick="history.back()">返回</button>', "</body>", "SG181"),
        ('<a href="javascript:history.back()">返回</a>', "</body>", "SG181"),
        ('<form action="https://search.example.com/"><input name="q"></form>', "</body>", "SG181"),
        ('<a href="https://www.gov.cn/">中国政府网</a>', "</body>", None),
        (
            '<link rel="alternate" type="application/rss+xml" href="https://www.example.gov.cn/feed.xml">',
            "</head>",
            None,
        ),
        ('<script type="application/ld+json">{"@type": "GovernmentOrganization"}</script>', "</head>", None),
    ],
)
def test_planted_template_markup(factory, tmp_path, planted, before, code):
    factory.policy("a")
    theme = theme_with(tmp_path, planted, before)
    if code is None:
        factory.build(tmp_path / "out", theme=theme)
        return
    with pytest.raises(BuildFailed) as caught:
        factory.build(tmp_path / "out", theme=theme)
    assert [d.code for d in caught.value.diagnostics.errors] == [code]


def test_external_import_in_a_style_sheet(factory, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    css = theme / "static" / "css" / "site.css"
    css.write_text(
        "/* url(https://commented.example.com/x.css) */\n"
        + css.read_text(encoding="utf-8")
        + '\n@import url("https://fonts.example.com/noto.css");\n',
        encoding="utf-8",
    )
    factory.policy("a")
    with pytest.raises(BuildFailed) as caught:
        factory.build(tmp_path / "out", theme=theme)
    [error] = caught.value.diagnostics.errors
    assert error.code == "SG180" and "fonts.example.com" in error.en and "commented" not in error.en
    assert error.path.endswith(".css") and error.line == css.read_text(encoding="utf-8").count("\n")


@pytest.mark.parametrize(
    "markup, expected",
    [
        # Browsers end a comment at "<!-->", so the script after it is real.
        ('<!--><script src="//evil.example.com/x.js"></script>-->', ["SG180"]),
        ('<!-- <script src="//evil.example.com/x.js"></script> -->', []),
        # Raw text of a script is not markup.
        ('<script type="application/json">"<img src=https://evil.example.com/x.png>"</script>', []),
        ('<img/src="https://evil.example.com/x.png" alt="">', ["SG180"]),
        ('<IMG SRC=&#x2F;&#x2F;evil.example.com/x.png alt="">', ["SG180"]),
        ('<img src="/\\evil.example.com/x.png" alt="">', ["SG180"]),
        ('<img srcset="/a.png 1x, https://evil.example.com/b.png 2x" alt="">', ["SG180"]),
        ('<img src="data:image/png;base64,iVBORw0KGgo=" alt="">', []),
        ('<script src="data:text/javascript,alert(1)"></script>', ["SG181"]),
        ('<a href="java&#x09;script:alert(1)">x</a>', ["SG181"]),
        ('<p title="a > b" onmouseover="alert(1)">x</p>', ["SG181"]),
        ('<svg><use href="https://evil.example.com/s.svg#i"></use></svg>', ["SG180"]),
        ('<base href="https://evil.example.com/">', ["SG180"]),
        ('<a href="//www.gov.cn/">x</a><a href="mailto:a@example.gov.cn">y</a>', []),
    ],
)
def test_scanner_reads_markup_as_browsers_do(tmp_path, markup, expected):
    (tmp_path / "page.html").write_text(f"<!DOCTYPE html>\n<html><body>\n{markup}\n</body></html>\n", encoding="utf-8")
    found = scan(tmp_path)
    assert [code for code, _, _ in found] == expected
    assert all(line == 3 for _, line, _ in found)


ELDER_PROBES = [
    '<img src="x.png" alt="">',
    '<img src="\\evil.example.com/x.png" alt="">',
    '<img src="\t/evil.example.com/x" alt="">',
    '<img src=" //evil.example.com/x" alt="">',
    '<a href="page/">x</a>',
    '<a href="/a/b.html#c">x</a>',
    '<form action="search/"></form>',
    '<img src="data:image/png;base64,AA" alt="">',
    '<script src="/js/a.js"></script>',
    '<script src="js/a.js"></script>',
    '<link rel="stylesheet" href="css/a.css">',
    '<a data-edition="standard" href="/">s</a>',
    '<button data-mode="elder">长辈版</button>',
    "<!-- <html> -->",
    "<meta content=' href=\"x\"'>",
    '<a href="#top">t</a>',
    '<img src="https://evil.example.com/x.png" alt="">',
    "<script>x()</script>",
    '<p style="color:red">x</p>',
    '<a href="javascript:x">x</a>',
    '<img src="evil.example.com:80/x" alt="">',
]


def test_elder_copy_of_a_clean_page_is_clean():
    """The render workers skip checking an elder copy when its page passed (copy_loads_what_page_loads): on
    random pages, whenever that says so and the page is clean, the copy really is clean."""
    import random

    from sitegen.checks.selfcontained import page_problems
    from sitegen.render.elder import copy_loads_what_page_loads, elder_page

    rng = random.Random(14)
    skipped = 0
    for _ in range(600):
        markup = "\n".join(rng.choice(ELDER_PROBES) for _ in range(rng.randint(1, 5)))
        head = rng.choice(['<!DOCTYPE html>\n<html lang="zh-CN">', "<html>", '<p title="<html">x</p><html>'])
        page = f"{head}<body>\n{markup}\n</body></html>\n"
        for url in ("/", "/policies/a/", "/a/b.html", "//evil.example.com/"):
            if not copy_loads_what_page_loads(page, url):
                continue
            skipped += 1
            if not page_problems(page):
                assert page_problems(elder_page(page, url)) == [], (page, url)
    assert skipped > 500
