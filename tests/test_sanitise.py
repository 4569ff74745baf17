"""The sanitiser's allow-list keeps what policy documents need and nothing that can run or hide."""

from __future__ import annotations

from bs4 import BeautifulSoup

from sitegen.render.markup import render_body

POLICY_MARKUP = """## 第一条 目的

为规范**最低生活保障**工作，制定本办法<sup>注1</sup>，H<sub>2</sub>O。

*[低保]: 最低生活保障

1. 第一项
2. 第二项

- 甲
- 乙

<table>
<caption>工作任务</caption>
<thead><tr><th scope="col">任务</th><th scope="col">责任单位</th></tr></thead>
<tbody>
<tr><td rowspan="2">推进低保扩围</td><td>民政局</td></tr>
<tr><td>财政局</td></tr>
<tr><td colspan="2">合计</td></tr>
</tbody>
</table>

| 补贴对象 | 金额（元） |
| :--- | ---: |
| 低保家庭 | 6 |

![示意图的文字说明](chart.svg)

见[国务院文件](https://www.gov.cn/zhengce/)，电话<a href="tel:0539-12345678">0539-12345678</a>，
邮箱<a href="mailto:zwgk@example.gov.cn">zwgk@example.gov.cn</a>，或<a href="//www.gov.cn/">中国政府网</a>。
低保标准见<abbr title="最低生活保障">低保</abbr>。
"""


def render(body: str):
    return render_body(body, 1, "content/policies/a.md", "content", {}, ".")


def test_policy_markup_survives():
    result = render(POLICY_MARKUP)
    soup = BeautifulSoup(result.html, "html.parser")
    assert soup.find("h2", id=True) is not None
    assert soup.find("sup").get_text() == "注1" and soup.find("sub").get_text() == "2"
    assert soup.find("ol") and soup.find("ul")
    table = soup.find("caption", string="工作任务").find_parent("table")
    assert table.find("td", rowspan="2") and table.find("td", colspan="2")
    assert [th["scope"] for th in table.find_all("th")] == ["col", "col"]
    assert soup.find("img", alt="示意图的文字说明")["src"] == "chart.svg"
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["https://www.gov.cn/zhengce/", "tel:0539-12345678", "mailto:zwgk@example.gov.cn", "//www.gov.cn/"]
    assert soup.find("abbr", title="最低生活保障") is not None
    # Column alignment becomes a class (a style attribute would be removed, and blocked by the CSP).
    assert [td.get("class") for td in soup.find_all("table")[1].find_all("td")] == [["align-left"], ["align-right"]]
    assert "style=" not in result.html
    assert [d.code for d in result.diagnostics] == []


def test_style_attributes_are_removed_with_a_warning_at_their_line():
    result = render('正文。\n\n<p style="display:none">被隐藏的内容</p>\n')
    assert "被隐藏的内容" in result.html and "style" not in result.html
    [warning] = result.diagnostics
    assert (warning.code, warning.line, warning.severity.value) == ("SG076", 3, "warning")
    assert "style" in warning.en


def test_external_image_is_an_error_at_its_line():
    result = render("正文。\n\n第二段。\n\n![统计图](https://cdn.example.com/chart.png)\n")
    [error] = result.diagnostics
    assert (error.code, error.line) == ("SG082", 5)
    assert "cdn.example.com" in error.zh and "cdn.example.com" in error.en


def test_markdown_only_bodies_give_the_url_collectors_findings_without_parsing():
    """The fast path (no HTMLParser pass for bodies that are Markdown's own tags) finds exactly what the
    collector finds, on random mixes of Markdown and raw HTML; and it is taken for plain Markdown."""
    import random

    from sitegen.render.markup import _converter, _markdown_urls, _UrlCollector

    pieces = [
        "## 第一章 总则",
        "正文 **加粗** *强调* `code`",
        '[政策](../policies/a.md "标题")',
        "[外链](https://www.gov.cn/)",
        "[脚本](javascript:alert(1))",
        "[坏](jav&#x61;script:x)",
        "![图](chart.png)",
        "![](empty-alt.png)",
        "![外图](https://cdn.example.com/x.png)",
        "![图](data:image/png;base64,AAAA)",
        "脚注[^1]\n\n[^1]: 注释",
        "*[低保]: 最低生活保障\n\n低保",
        "| 甲 | 乙 |\n|:--|--:|\n| 1 | 2 |",
        "1. 一\n2. 二",
        "3. 三\n4. 四",
        "> 引用",
        "```\n<script>x</script>\n```",
        "    <b>code</b>",
        '<a href="tel:123">电话</a>',
        '<a href="javascript:x">x</a>',
        '<p<a href="javascript:x">>',
        '<img src="x.png">',
        "<script>alert(1)</script>",
        '<div style="color:red">x</div>',
        '<span onclick="x">y</span>',
        '<!-- <a href="javascript:x"> -->',
        '<form action="https://evil.example/"><button>b</button></form>',
        '<td rowspan="2">x</td>',
        "a < b > c",
        '<a class="x" href="//evil.example/">x</a>',
        "<P>x</P>",
        '</a href="javascript:x">',
        "& &amp; &#60;",
    ]
    rng = random.Random(14)
    fast = 0
    for _ in range(400):
        body = "\n\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        converter = _converter(1)
        converter.reset()
        raw = converter.convert(body)
        found = _markdown_urls(raw)
        parsed = _UrlCollector()
        parsed.feed(raw)
        parsed.close()
        if found is None:
            assert "<" in raw
            continue
        fast += 1
        assert (found.urls, found.images_without_alt, found.unsafe) == (
            parsed.urls,
            parsed.images_without_alt,
            parsed.unsafe,
        ), body
    assert fast > 50
