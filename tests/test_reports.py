"""The annual report: national tables, computed and checked totals, library counts, and its page."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from sitegen.cli.main import main
from sitegen.diagnostics.core import BuildFailed
from sitegen.model.report_format import APPLICANT_COLUMNS, application_row_labels, result_rows
from tests.conftest import PROJECT, soup_of
from tests.portalfactory import line_of, report_data, write_report


def errors_of(factory, code):
    return [d for d in factory.diagnostics().items if d.code == code]


def test_a_consistent_report_loads_with_computed_totals(factory):
    write_report(factory, report_data())
    loaded = factory.load()
    report = loaded.site.reports[0]
    assert report.url == "/reports/2024/" and report.title == "测试区人民政府2024年政府信息公开工作年度报告"
    assert not [d for d in loaded.diagnostics.items if d.code.startswith("SG3")]


def test_a_wrong_row_total_names_file_line_table_row_and_column(factory):
    data = report_data()
    data["applications"]["received"] = [5, 1, 0, 0, 0, 0, 7]
    path = write_report(factory, data)
    with pytest.raises(BuildFailed):
        factory.load()
    [problem] = errors_of(factory, "SG310")
    assert problem.path == "content/reports/2024.yaml"
    assert problem.line == line_of(path, "received:")
    assert "三、收到和处理政府信息公开申请情况" in problem.zh
    assert "“一、本年新收政府信息公开申请数量”行" in problem.zh and "“总计”列" in problem.zh
    assert "填写为 7" in problem.zh and "应为 6" in problem.zh
    assert "column" in problem.en


def test_a_wrong_grand_total_cell_is_named_by_its_column(factory):
    data = report_data()
    data["applications"]["total"] = [5, 2, 0, 0, 0, 0, 6]
    path = write_report(factory, data)
    [problem] = errors_of(factory, "SG310")
    assert "（七）总计" in problem.zh and "“商业企业”列" in problem.zh
    assert problem.line == line_of(path, "  total:")


def test_the_balance_of_each_column_is_checked(factory):
    data = report_data()
    data["applications"]["carried_forward"] = [0, 1, 0, 0, 0, 0]  # 一＋二 ≠ 三（七）＋四 in two columns
    write_report(factory, data)
    problems = errors_of(factory, "SG311")
    assert {re.search(r"“([^”]+)”列", p.zh).group(1) for p in problems} == {"自然人", "商业企业"}
    assert all("一＋二＝6" in p.zh or "一＋二＝1" in p.zh for p in problems)


def test_appeal_totals_are_checked(factory):
    data = report_data()
    data["appeals"]["review"] = [1, 1, 0, 0, 1]
    write_report(factory, data)
    [problem] = errors_of(factory, "SG310")
    assert "四、政府信息公开行政复议、行政诉讼情况" in problem.zh and "行政复议" in problem.zh


def test_a_missing_row_and_a_malformed_row_are_errors_with_lines(factory):
    data = report_data()
    del data["applications"]["withheld"]["inquiry"]
    data["applications"]["granted"] = [4, 1, 0]
    path = write_report(factory, data)
    problems = errors_of(factory, "SG304")
    assert any("withheld.inquiry" in p.zh for p in problems)
    assert any("granted" in p.zh and p.line == line_of(path, "granted:") for p in problems)


def test_normative_counts_come_from_the_library_and_an_override_needs_a_reason(factory):
    factory.policy("a", written=dt.date(2024, 3, 1), published=dt.date(2024, 3, 5))
    factory.policy(
        "b", written=dt.date(2023, 5, 1), published=dt.date(2023, 5, 5), validity="repealed", replaced_by="a"
    )
    factory.policy("c", written=dt.date(2024, 6, 1), published=dt.date(2024, 6, 5), catalog=["010102"])
    data = report_data()
    data["proactive"]["normative"] = {"issued": 9, "repealed": 9, "in_force": 9}
    path = write_report(factory, data)
    [problem] = errors_of(factory, "SG313")
    assert "本年制发件数 2、本年废止件数 1、现行有效件数 2" in problem.zh  # a and c issued, b repealed by a
    assert problem.line == line_of(path, "normative:")
    data["proactive"]["normative"]["reason"] = "以司法局备案统计为准"
    write_report(factory, data)
    assert errors_of(factory, "SG313") == []


def test_carry_over_must_follow_last_years_report(factory):
    write_report(factory, report_data())
    later = report_data(year=2025, published=dt.date(2026, 1, 20))
    later["applications"]["carried_over"] = [0, 0, 0, 0, 0, 0]
    later["applications"]["received"] = [6, 1, 0, 0, 0, 0]
    write_report(factory, later)
    warnings = [d for d in factory.diagnostics().items if d.code == "SG312"]
    assert {re.search(r"“([^”]+)”列", w.zh).group(1) for w in warnings} == {"自然人", "总计"}


def test_a_report_dated_inside_its_year_is_an_error(factory):
    write_report(
        factory, report_data(published=dt.date(2024, 12, 30), review={"date": dt.date(2024, 12, 1), "by": "甲"})
    )
    assert errors_of(factory, "SG316")


def test_an_unreviewed_report_is_not_published(factory):
    write_report(factory, report_data(review=None, disclosure="withheld"))
    assert factory.load().site.reports == []


def test_a_wrong_total_in_the_demo_fails_the_build_and_keeps_the_old_site(tmp_path, capsys):
    project = tmp_path / "demo"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns("_site", ".git", "tests", "tools", "__pycache__"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    report = project / "content" / "reports" / "2025.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("third_party:         [2, 1, 0, 0, 0, 0, 3]", "third_party:         [2, 1, 0, 0, 0, 0, 4]"),
        encoding="utf-8",
    )
    code = main(["build", "--config", str(project / "site.yaml"), "--output", str(out), "--no-search"])
    assert code == 1
    err = capsys.readouterr().err
    line = line_of(report, "third_party:")
    assert f"content/reports/2025.yaml:{line}" in err
    assert "（三）不予公开 4.保护第三方合法权益" in err and "“总计”列" in err and "[SG310]" in err
    assert (out / "index.html").read_text(encoding="utf-8") == "old"


def test_demo_report_has_the_six_national_sections_in_order(demo_site):
    soup = soup_of(demo_site, "/reports/2025/")
    headings = [h.get_text() for h in soup.select("article h2")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    captions = [c.get_text() for c in soup.select("table caption")]
    assert captions[:4] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]


def test_demo_applications_table_has_every_national_row_and_balances(demo_site):
    soup = soup_of(demo_site, "/reports/2025/")
    table = soup.find("table", class_="applications-table")
    headers = [th.get_text() for th in table.find("thead").find_all("th")]
    assert headers == ["申请人情况", "自然人", "法人或其他组织", "总计", *list(APPLICANT_COLUMNS.values())[1:]]
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(application_row_labels()) + 1  # plus （七）总计
    values = {}
    ids = {th["id"]: th.get_text() for th in table.find_all("th")}
    for row in rows:
        cells = [int(td.get_text()) for td in row.find_all("td")]
        assert len(cells) == 7 and cells[-1] == sum(cells[:-1])
        label = ids[row.find_all("td")[0]["headers"][-1]]
        values[label] = cells
        for td in row.find_all("td"):  # every data cell names its row and column headers
            assert all(h in ids for h in td["headers"])
    results = [values[label.split(" ")[-1]] for _, label in result_rows()]
    assert [sum(c) for c in zip(*results, strict=False)] == values["（七）总计"]
    for column in range(7):
        assert (
            values["一、本年新收政府信息公开申请数量"][column] + values["二、上年结转政府信息公开申请数量"][column]
            == values["（七）总计"][column] + values["四、结转下年度继续办理"][column]
        )
    assert values["二、上年结转政府信息公开申请数量"] == [2, 0, 0, 0, 0, 0, 2]  # the 2024 report carried 2 forward


def test_demo_normative_row_is_counted_from_the_library_or_explained(demo_site):
    current = soup_of(demo_site, "/reports/2025/")
    row = [td.get_text() for td in current.find("tr", class_="normative-row").find_all("td")]
    assert row == ["5", "1", "10"]  # five issued in 2025, one repealed by its replacement, ten in force
    assert "政策文件库统计生成" in current.find(class_="table-note").get_text()
    earlier = soup_of(demo_site, "/reports/2024/")
    assert [td.get_text() for td in earlier.find("tr", class_="normative-row").find_all("td")] == ["14", "5", "86"]
    assert "司法局" in earlier.find(class_="table-note").get_text()


def test_report_list_and_catalog_item_link_the_reports(demo_site):
    hrefs = [a["href"] for a in soup_of(demo_site, "/reports/").select("main .doc-list a")]
    assert hrefs == ["/reports/2025/", "/reports/2024/"]
    item = soup_of(demo_site, "/catalog/070102/")
    assert item.find("a", href="/reports/2025/") is not None


def test_report_tables_fit_an_a4_page_when_printed(site_url, page):
    page.set_viewport_size({"width": 658, "height": 1000})  # A4's 210 mm less 2 × 18 mm margins, at 96 dpi
    page.emulate_media(media="print")
    page.goto(site_url + "/reports/2025/")
    sizes = page.evaluate("""() => [...document.querySelectorAll('table.report-table')]
        .map(t => [t.scrollWidth, document.querySelector('main').clientWidth])""")
    assert len(sizes) == 6
    assert all(table <= width for table, width in sizes), sizes
    # The print keeps the site's name (as a printed government document does) but no navigation.
    for selector in (".main-nav", ".breadcrumbs", ".mode-bar", ".site-footer"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none", selector
