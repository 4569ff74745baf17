"""An XSS corpus planted in Markdown bodies, front matter, the catalog YAML and site.yaml of a test site.

Vectors the build accepts (often with warning SG076) must come out harmless: checked with an HTML
parser over every page, and by loading every page in Chromium with a hook that records any script
execution (alert/confirm/prompt/print, dialogs, a console marker) and any request to another origin.
Vectors that are errors by design (javascript: links, data: images, external images, ...) must fail
the build with their code, naming file and line, and publish nothing.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from sitegen.build import ConfigError
from sitegen.diagnostics.core import BuildFailed
from sitegen.render.markup import ALLOWED_TAGS
from tests import attachmentfiles
from tests.conftest import serve
from tests.sitefactory import CATALOG, SiteFactory

OK_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'

# Accepted: sanitised away (or escaped) without failing the build. Each goes in its own policy.
BODY_ACCEPTED = {
    "b01": "<script>alert('b01')</script>",
    "b02": "<SCRIPT>alert('b02')</SCRIPT>",
    "b03": "<scr<script>ipt>alert('b03')</script>",
    "b04": "<<script>alert('b04');//<</script>",
    "b05": "<script/xss>alert('b05')</script>",
    "b06": '<img src="ok.svg" alt="图" onerror="alert(\'b06\')">',
    "b07": '<img src="ok.svg" alt="图" onload="alert(\'b07\')">',
    "b08": "<img src=ok.svg alt=图 / onload=alert('b08')>",
    "b09": "<svg onload=\"alert('b09')\"></svg>",
    "b10": "<svg><script>alert('b10')</script></svg>",
    "b11": '<svg><animate onbegin="alert(\'b11\')" attributeName="x" dur="1s"></animate></svg>',
    "b12": "<math><mtext><table><mglyph><style><img src=ok.svg alt=x onerror=alert('b12')>",
    "b13": "<details open ontoggle=\"alert('b13')\"><summary>展开</summary>内容</details>",
    "b14": "<body onload=\"alert('b14')\">",
    "b15": "<div onmouseover=\"alert('b15')\">悬停</div>",
    "b16": "<input autofocus onfocus=\"alert('b16')\">",
    "b17": '<p tabindex="1" autofocus onfocus="alert(\'b17\')">段落</p>',
    "b18": "<marquee onstart=\"alert('b18')\">滚动</marquee>",
    "b19": "<video><source onerror=\"alert('b19')\"></video>",
    "b20": "<select autofocus onfocus=\"alert('b20')\"><option>1</option></select>",
    "b21": "<iframe srcdoc=\"&lt;script&gt;alert('b21')&lt;/script&gt;\"></iframe>",
    "b22": "<noscript><p title=\"</noscript><img src=ok.svg alt=x onerror=alert('b22')>\"></noscript>",
    "b23": "<template><script>alert('b23')</script></template>",
    "b24": "<style>@import 'https://evil.example/b24.css'; body { display: none }</style>",
    "b25": "<p style=\"background:url(javascript:alert('b25'))\">背景</p>",
    "b26": '<p style="display:none">隐藏文字b26</p>',
    "b27": '<a href="https://ok.example/" onclick="alert(\'b27\')">链接</a>',
    "b28": '<a href="https://ok.example/" target="_blank" ping="https://evil.example/b28">链接</a>',
    "b29": "<!-- <script>alert('b29')</script> -->",
    "b30": "<!--><script>alert('b30')</script>-->",
    "b31": "<p title=\"</p><script>alert('b31')</script>\">标题属性</p>",
    "b32": '<img src="ok.svg" alt="x&quot; onerror=&quot;alert(\'b32\')">',
    "b33": "![x\" onerror=\"alert('b33')](ok.svg)",
    "b34": '[链接](https://ok.example/ "t\\" onmouseover=\\"alert(\'b34\')")',
    "b35": "```html\n<script>alert('b35')</script>\n```",
    "b36": "`<img src=x onerror=alert('b36')>`",
    "b37": "&lt;script&gt;alert('b37')&lt;/script&gt;",
    "b38": '<meta http-equiv="refresh" content="0;url=javascript:alert(\'b38\')">',
    "b39": "<xss id=x tabindex=1 onfocus=alert('b39')></xss>",
    "b40": '<a href="https://ok.example/"><img src="ok.svg" alt="图" onerror="alert(\'b40\')"></a>',
    "b41": '<table><tr><td onmouseover="alert(\'b41\')" colspan="2">单元格</td></tr></table>',
    "b42": '<img src="ok.svg" alt="图" srcset="javascript:alert(\'b42\')">',
    "b43": '<img src="ok.svg" alt="图" onerror\n="alert(\'b43\')">',
    "b44": "<svg><foreignObject><iframe onload=\"alert('b44')\"></iframe></foreignObject></svg>",
    "b45": "\"><script>alert('b45')</script>",
    "b46": "<button onclick=\"alert('b46')\">按钮</button>",
    "b47": '<form><input type="submit" onclick="console.log(\'XSS b47\')"></form>',
    "b48": "<img src=x onerror=alert('b48')>",  # Markdown does not see a tag here: shown as text
}

# Errors by design: (Markdown, expected code). Each goes in its own policy of one site.
BODY_REJECTED = {
    "r01": ("[点我](javascript:alert('r01'))", "SG070"),
    "r02": ("[点我](JaVaScRiPt:alert('r02'))", "SG070"),
    "r03": ("[点我](&#106;avascript:alert('r03'))", "SG070"),
    "r04": ("[点我](java&#x09;script:alert('r04'))", "SG070"),
    "r05": ("<a href=\"jav&#x0A;ascript:alert('r05')\">点我</a>", "SG070"),
    "r06": (
        "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert('r06')\">点我</a>",
        "SG070",
    ),
    "r07": ("<a href=\"javascript&colon;alert('r07')\">点我</a>", "SG070"),
    "r08": ("<a href=\" &#14; javascript:alert('r08')\">点我</a>", "SG070"),
    "r09": ("[点我](vbscript:msgbox('r09'))", "SG070"),
    "r10": ("[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgncjEwJyk8L3NjcmlwdD4=)", "SG070"),
    "r11": ("![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoJ3IxMScpPg==)", "SG070"),
    "r12": ('<img src="javascript:alert(\'r12\')" alt="图">', "SG070"),
    "r13": ("[点我][r13]\n\n[r13]: javascript:alert('r13')", "SG070"),
    "r14": ("[点我](<javascript:alert('r14')>)", "SG070"),
    "r15": ("<iframe src=\"javascript:alert('r15')\"></iframe>", "SG070"),
    "r16": ("<object data=\"javascript:alert('r16')\"></object>", "SG070"),
    "r17": ("<embed src=\"javascript:alert('r17')\">", "SG070"),
    "r18": ("<form action=\"javascript:alert('r18')\"><button>提交</button></form>", "SG070"),
    "r19": ("<button formaction=\"javascript:alert('r19')\">提交</button>", "SG070"),
    "r20": ('<svg><a xlink:href="javascript:alert(\'r20\')"><text x="0" y="20">点我</text></a></svg>', "SG070"),
    "r21": ("<math><mi xlink:href=\"javascript:alert('r21')\">点我</mi></math>", "SG070"),
    "r22": ("<table background=\"javascript:alert('r22')\"><tr><td>单元格</td></tr></table>", "SG070"),
    "r23": ("<base href=\"javascript:alert('r23')//\">", "SG070"),
    "r24": ('<link rel="stylesheet" href="https://evil.example/r24.css">', "SG070"),
    "r25": ('<script src="https://evil.example/r25.js"></script>', "SG070"),
    "r26": ("<video poster=\"javascript:alert('r26')\"></video>", "SG070"),
    "r27": ('<isindex action="javascript:alert(\'r27\')" type="image">', "SG070"),
    "r28": ('<img src="https://evil.example/r28.png" alt="图">', "SG082"),
    "r29": ("![图](//evil.example/r29.png)", "SG082"),
    "r30": ('<img src="ok.svg" onerror="alert(\'r30\')">', "SG071"),
}

# Front matter of accepted documents: each value must be shown as text, never run.
FRONT_MATTER = {
    "f01": {"title": "\"><script>alert('f01')</script>"},
    "f02": {"title": "</title><script>alert('f02')</script>"},
    "f03": {"title": "' onmouseover='alert(\"f03\")' x='"},
    "f04": {"doc_number": "<img src=x onerror=alert('f04')>"},
    "f05": {"keywords": ["\"><svg onload=alert('f05')>", "低保"]},
    "f06": {"attachments": [{"title": "<script>alert('f06')</script>", "file": "ok.pdf"}]},
    "f07": {"title": "{{ 7*7 }}{% raw %}<img src=x onerror=alert('f07')>"},
}
INTERPRETATION_TITLE = "<iframe src=javascript:alert('i01')></iframe>解读"  # i01

CATALOG_VECTORS = {
    "c01": ("title", "</title><script>alert('c01')</script>目录"),
    "c02": ("owner", "\"><img src=x onerror=alert('c02')>"),
    "c03": ("node 01 title", "<svg/onload=alert('c03')>政策文件"),
    "c04": ("node 0101 title", "javascript:alert('c04')"),
    "c05": ("item title", "<a href=\"javascript:alert('c05')\">点我</a>"),
    "c06": ("content", "<script>alert('c06')</script>"),
    "c07": ("basis", "</td></tr></table><script>alert('c07')</script>"),
    "c08": ("channels", "<img src=x onerror=alert('c08')>"),
    "c09": ("responsible", "' autofocus onfocus='alert(\"c09\")' x='"),
    "c10": ("subject", "<style>*{display:none}</style>"),
}

SITE_VECTORS = {
    "s01": ("title", "测试区</title><script>alert('s01')</script>"),
    "s02": ("description", "\"><script>alert('s02')</script>"),
    "s03": ("sponsor", "<img src=x onerror=alert('s03')>"),
    "s04": ("contact.address", "<svg onload=alert('s04')>"),
    "s05": ("icp", "javascript:alert('s05')"),
    "s06": ("agency name", "<b onmouseover=alert('s06')>测试区机关</b>"),
    "s07": ("topic name", "\"><script>alert('s07')</script>"),
}

CORPUS_SIZE = (
    len(BODY_ACCEPTED) + len(BODY_REJECTED) + len(FRONT_MATTER) + 1 + len(CATALOG_VECTORS) + len(SITE_VECTORS) + 2
)  # + the attachment file name and base_url vectors below


def test_corpus_is_large_enough():
    assert CORPUS_SIZE >= 50


def _catalog() -> dict:
    catalog = copy.deepcopy(CATALOG)
    values = {where: value for where, value in CATALOG_VECTORS.values()}
    catalog["title"], catalog["owner"] = values["title"], values["owner"]
    group = catalog["nodes"][0]
    group["title"] = values["node 01 title"]
    group["children"][0]["title"] = values["node 0101 title"]
    item = group["children"][0]["children"][0]
    item["title"] = values["item title"]
    for key in ("content", "basis", "responsible", "subject"):
        item[key] = values[key]
    item["channels"] = [values["channels"], "政府网站"]
    return catalog


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The accepted vectors, all in one site; returns the built output folder."""
    factory = SiteFactory(tmp_path_factory.mktemp("xss"))
    site = {key: value for key, value in SITE_VECTORS.values()}
    factory.config.update(
        title=site["title"],
        description=site["description"],
        sponsor=site["sponsor"],
        icp=site["icp"],
        contact={"address": site["contact.address"], "postcode": "100000", "phone": "0539-12345678"},
        agencies=[*factory.config["agencies"], {"slug": "xss", "name": site["agency name"]}],
        topics=[*factory.config["topics"], {"slug": "xss", "name": site["topic name"]}],
    )
    factory.write("catalogs/main.yaml", yaml.safe_dump(_catalog(), allow_unicode=True, sort_keys=False))
    factory.write("content/policies/ok.svg", OK_SVG)
    factory.write("content/policies/ok.pdf", attachmentfiles.pdf(["ok"]))  # a readable PDF: attachments are scanned
    for key, vector in BODY_ACCEPTED.items():
        factory.policy(key, f"标记{key}。\n\n{vector}\n\n结束{key}。\n")
    for key, meta in FRONT_MATTER.items():
        factory.policy(key, f"标记{key}。\n", **meta)
    factory.policy("s06", "标记s06。\n", issuer=site["agency name"], topics=[site["topic name"]])
    factory.interpretation("i01", "f01", "标记i01。\n", title=INTERPRETATION_TITLE)
    result = factory.build()
    assert result.diagnostics.errors == []
    warned = {Path(d.path).stem for d in result.diagnostics.warnings if d.code == "SG076"}
    assert {"b01", "b09", "b15", "b21", "b25"} <= warned
    return result.output


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


SCRIPT_ASSET = re.compile(r"^/assets/js/(mode|search|readaloud)\.[0-9a-f]{10}\.js$")
# Anywhere on a page (templates use none of them); inside .doc-body only the sanitiser's ALLOWED_TAGS may appear.
FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "style",
    "base",
    "template",
    "noscript",
    "video",
    "audio",
    "source",
    "marquee",
    "isindex",
    "xss",
    "mglyph",
    "foreignobject",
}
FORBIDDEN_ATTRIBUTES = {
    "style",
    "srcset",
    "srcdoc",
    "formaction",
    "ping",
    "target",
    "background",
    "poster",
    "xlink:href",
    "autofocus",
}


def test_every_page_is_clean_to_an_html_parser(xss_site):
    pages = html_pages(xss_site)
    assert len(pages) > len(BODY_ACCEPTED) + len(FRONT_MATTER)
    for path in pages:
        where = path.relative_to(xss_site)
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert SCRIPT_ASSET.match(script.get("src", "")) and not script.string, (where, script)
        assert not soup.find_all(FORBIDDEN_TAGS), (where, soup.find_all(FORBIDDEN_TAGS))
        assert not soup.find("meta", attrs={"http-equiv": True}), where
        for form in soup.find_all("form"):
            assert form.get("action") in ("/search/", "/elder/search/"), where
        for tag in soup.find_all(True):
            bad = [name for name in tag.attrs if name.startswith("on") or name in FORBIDDEN_ATTRIBUTES]
            assert not bad, (where, tag.name, bad)
            for name in ("href", "src", "action"):
                value = tag.get(name)
                if value is not None:
                    assert urlsplit(value).scheme in ("", "http", "https", "mailto", "tel"), (where, value)
                    # Browsers drop these before reading the scheme, so none may hide one.
                    assert not re.search(r"^ |[\x00-\x1f]", value), (where, value)
        for body in soup.select(".doc-body"):
            assert {t.name for t in body.find_all(True)} <= ALLOWED_TAGS, where


def soup_of_policy(site: Path, key: str) -> BeautifulSoup:
    return BeautifulSoup((site / "policies" / key / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_vectors_are_shown_as_text_not_dropped_pages(xss_site):
    for key in [*BODY_ACCEPTED, *FRONT_MATTER]:
        assert f"标记{key}" in soup_of_policy(xss_site, key).get_text(), key
    # Text after the vector survives too, except where an unclosed <math> takes the rest of the body with it.
    for key in BODY_ACCEPTED.keys() - {"b12"}:
        assert f"结束{key}" in soup_of_policy(xss_site, key).get_text(), key
    # Titles survive exactly, as text: escaped, not stripped, and never evaluated as a template.
    for key in ("f01", "f02", "f03", "f07"):
        assert soup_of_policy(xss_site, key).h1.get_text() == FRONT_MATTER[key]["title"]
    assert "{{ 7*7 }}" in soup_of_policy(xss_site, "f07").h1.get_text()
    assert soup_of_policy(xss_site, "b35").find("code").get_text().strip() == "<script>alert('b35')</script>"
    assert soup_of_policy(xss_site, "b26").find(string=re.compile("隐藏文字b26")) is not None
    catalog = (xss_site / "catalog" / "index.html").read_text(encoding="utf-8")
    for key in ("c05", "c06", "c07"):
        assert CATALOG_VECTORS[key][1] in BeautifulSoup(catalog, "html.parser").get_text(), key


HOOK = """
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__xss(name + ':' + args.map(String).join(',')); };
}
"""
DOM_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on') || a.name === 'style' || a.name === 'srcdoc') bad.push(`${el.tagName} ${a.name}`);
    }
  }
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (!['http:', 'https:', 'mailto:', 'tel:'].includes(a.protocol)) bad.push('href ' + a.getAttribute('href'));
  }
  // Links that load something (not rel=canonical/alternate, which only name the site's public address).
  for (const el of document.querySelectorAll('[src], link[href]:not([rel~=canonical]):not([rel~=alternate])')) {
    const url = new URL(el.getAttribute('src') ?? el.getAttribute('href'), location.href);
    if (url.origin !== location.origin) bad.push(`${el.tagName} ${url.href}`);
  }
  for (const s of document.scripts) {
    const path = new URL(s.src || 'x:', location.href).pathname;
    if (!/^\\/assets\\/js\\/(mode|search|readaloud)\\.[0-9a-f]+\\.js$/.test(path) || s.text.trim())
      bad.push('script ' + s.outerHTML.slice(0, 80));
  }
  const foreign = ['iframe', 'frame', 'object', 'embed', 'svg', 'math', 'style', 'base', 'template',
                   'meta[http-equiv]'];
  for (const sel of foreign)
    if (document.querySelector(sel)) bad.push(sel);
  // Fire what a surviving handler would wait for.
  for (const el of document.querySelectorAll('main *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'error', 'load', 'toggle', 'animationstart'])
      el.dispatchEvent(new Event(type));
  }
  return bad;
}"""


class ScriptRecorder:
    """Records every sign of script execution and every request to another origin in one browser context."""

    def __init__(self, browser, base: str):
        self.base = base
        self.calls: list[str] = []
        self.external: list[str] = []
        self.context = browser.new_context(locale="zh-CN")
        self.context.expose_binding("__xss", lambda source, text: self.calls.append(f"{source['page'].url} {text}"))
        self.context.add_init_script(HOOK)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda dialog: (self.calls.append(f"dialog {dialog.message}"), dialog.dismiss()))
        self.page.on("console", lambda m: "XSS" in m.text and self.calls.append(f"console {m.text}"))

    def _route(self, route) -> None:
        if route.request.url.startswith(self.base + "/"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def visit(self, url: str) -> list[str]:
        self.page.goto(url, wait_until="load")
        return self.page.evaluate(DOM_CHECK)


def test_the_recorder_sees_script_that_runs(browser, tmp_path):
    """Control: the hook and the DOM check report a page that does contain live XSS."""
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html><body><main><img src=missing.png onerror=\"alert('control')\">"
        '<a href="javascript:void(0)">x</a><img src="https://evil.example/p.png" alt=""></main></body></html>',
        encoding="utf-8",
    )
    base, server = serve(tmp_path)
    recorder = ScriptRecorder(browser, base)
    try:
        bad = recorder.visit(base + "/")
        recorder.page.wait_for_timeout(200)
    finally:
        recorder.context.close()
        server.shutdown()
    assert any("alert:control" in call for call in recorder.calls)
    assert any(b.startswith("href javascript:") for b in bad) and any("evil.example" in b for b in bad)
    assert recorder.external == ["https://evil.example/p.png"]


def test_no_vector_runs_in_chromium(xss_site, browser):
    base, server = serve(xss_site)
    recorder = ScriptRecorder(browser, base)
    problems = {}
    try:
        for path in html_pages(xss_site):
            url = "/" + path.relative_to(xss_site).as_posix().removesuffix("index.html")
            bad = recorder.visit(base + url)
            if bad:
                problems[url] = bad
    finally:
        recorder.context.close()
        server.shutdown()
    assert problems == {}
    assert recorder.calls == []
    assert recorder.external == []


@pytest.fixture
def rejected(factory) -> tuple[SiteFactory, dict[str, tuple[Path, int, int]]]:
    """One site holding every error-by-design vector, each in its own policy: key -> (file, first, last line)."""
    factory.write("content/policies/ok.svg", OK_SVG)
    factory.write("content/policies/javascript:alert('fm01').pdf", b"%PDF-1.4\n%%EOF\n")
    places = {}
    for key, (vector, _code) in BODY_REJECTED.items():
        path = factory.policy(key, f"标记{key}。\n\n{vector}\n")
        lines = path.read_text(encoding="utf-8").split("\n")
        first = lines.index(vector.split("\n")[0]) + 1
        places[key] = (path, first, first + vector.count("\n"))
    path = factory.policy("fm01", attachments=[{"title": "附件", "file": "javascript:alert('fm01').pdf"}])
    line = path.read_text(encoding="utf-8").split("\n").index("attachments:") + 1
    places["fm01"] = (path, line, line)
    return factory, places


def test_rejected_vectors_fail_the_build_naming_file_and_line(rejected, tmp_path):
    factory, places = rejected
    out = tmp_path / "out"
    with pytest.raises(BuildFailed) as caught:
        factory.build(out)
    errors = caught.value.diagnostics.errors
    expected = {**{key: code for key, (_, code) in BODY_REJECTED.items()}, "fm01": "SG070"}
    for key, code in expected.items():
        path, first, last = places[key]
        mine = [d for d in errors if d.path == path.relative_to(factory.root).as_posix()]
        assert [d.code for d in mine] == [code], (key, mine)
        assert mine[0].line is not None and first <= mine[0].line <= last, (key, mine[0].line, first, last)
        assert mine[0].zh and mine[0].en
    assert not out.exists()


def test_rejected_vector_leaves_the_published_site_unchanged(factory, tmp_path):
    factory.policy("a", "正文。\n")
    out = tmp_path / "out"
    factory.build(out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    factory.policy("a", f"正文。\n\n{BODY_REJECTED['r01'][0]}\n")
    with pytest.raises(BuildFailed):
        factory.build(out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_script_url_as_base_url_is_a_configuration_error(factory):
    factory.config["base_url"] = "javascript:alert('cfg01')//"
    with pytest.raises(ConfigError) as caught:
        factory.build()
    [error] = caught.value.diagnostics.errors
    assert error.code == "SG006" and error.path == "site.yaml" and error.line is not None
    assert not (factory.root / "_site").exists()


# SVG images beside a page are documents of their own: opened on their address they run with the site's origin.
SVG_IMAGES = {
    "v01": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("v01")</script></svg>',
    "v02": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'v02\')"><rect width="4" height="4"/></svg>',
    "v03": "<svg xmlns='http://www.w3.org/2000/svg'><foreignObject><iframe/></foreignObject></svg>",
    "v04": '<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:alert(4)"><rect width="4"/></a></svg>',
    "v05": '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/v05.png"/></svg>',
    "v06": '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
    "v07": '<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/v07.css";</style></svg>',
    "v08": '<svg xmlns="http://www.w3.org/2000/svg"><svg:script xmlns:svg="http://www.w3.org/2000/svg">1</svg:script></svg>',
}


@pytest.mark.parametrize("name", sorted(SVG_IMAGES))
def test_svg_image_with_active_content_is_refused(tmp_path: Path, name: str) -> None:
    factory = SiteFactory(tmp_path)
    factory.write(f"content/policies/{name}.svg", "\n" + SVG_IMAGES[name] + "\n")
    factory.write("content/policies/ok.svg", OK_SVG)
    factory.policy("a", body=f"![示意图]({name}.svg)\n\n![图](ok.svg)\n")
    with pytest.raises(BuildFailed) as failed:
        factory.build()
    found = [(d.code, d.path, d.line) for d in failed.value.diagnostics.items if d.code == "SG580"]
    assert found == [("SG580", f"content/policies/{name}.svg", 2)]
    assert not (tmp_path / "_site").exists()
