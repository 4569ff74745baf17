"""The build-time query data: vocabulary, pinyin, synonyms, facet rows, popular terms, files."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

from sitegen.model.config_values import synonyms as config_synonyms
from sitegen.model.records import Agency, Topic
from sitegen.model.values import LineMap
from sitegen.search.pagefind_bundle import Fragment, fragments
from sitegen.search.pagetext import runs, summarise
from sitegen.search.querydata import (
    FACETS,
    char_table,
    default_synonyms,
    doc_table,
    popular_terms,
    query_data,
    syllables,
    synonym_table,
    title_key,
    vocabulary,
)
from tests.conftest import soup_of

ZW = "\u200b"


def page(number: int, content: str, title: str = "", **filters: list[str]) -> Fragment:
    return Fragment(f"zh-cn_{number:07x}", f"/p/{number}/", content, {"title": title, "date": "2025-03-14"}, filters)


def words(*parts: str) -> str:
    """Content as the indexer stores it: its words separated by U+200B."""
    return ZW.join(parts)


class Config:
    """The few settings the query data reads."""

    def __init__(self, synonyms: dict[str, list[str]] | None = None):
        self.synonyms = synonyms or {}
        self.topics = [Topic("social", "社会保障"), Topic("general", "综合政务")]
        self.agencies = [Agency("office", "测试区人民政府办公室"), Agency("civil", "测试区民政局")]


def test_pinyin_is_toneless_by_syllable_with_v_for_u_umlaut():
    assert syllables("政务公开") == "zheng wu gong kai"
    assert syllables("绿色") == "lv se"
    assert syllables("重庆银行") == "chong qing yin hang", "phrases pick the right reading of a polyphone"


def test_title_key_ignores_punctuation_spaces_case_and_width():
    assert title_key("关于印发《办法》的通知") == title_key("关于印发办法的通知")
    assert title_key("ＡＢＣ 2025") == title_key("abc2025")
    assert title_key("政务公开") != title_key("政务服务")
    assert re.fullmatch("[0-9a-f]{8}", title_key("政务公开"))


def test_runs_follow_the_indexers_words_and_stop_at_anything_else():
    content = words("最低", "生活", "保障", "（", "低保", "）", "2025", "年", "标准") + ". " + words("申请", "条件")
    assert runs(content) == [["最低", "生活", "保障"], ["低保"], ["年", "标准"], ["申请", "条件"]]


def test_vocabulary_counts_words_and_keeps_recurring_whole_terms():
    texts = [
        "提高 最低 生活 保障 标准",
        "最低 生活 保障 家庭",
        "提高 最低 生活 保障 标准",
        "申请 最低 生活 保障",
        "最低 工资",
        "生活 垃圾",
    ]
    vocab = vocabulary(
        [summarise([page(i, words(*t.split()) + "。" + words("的", "通知")) for i, t in enumerate(texts)])]
    )
    assert vocab.words["最低"] == 5 and vocab.words["保障"] == 4
    assert vocab.terms["最低生活保障"] == 4
    # 生活保障 never occurs without 最低 before it: a piece of a term, not a term.
    assert "生活保障" not in vocab.terms and "最低生活" not in vocab.terms
    # A term recurs on at least three pages; function words never start or end one.
    assert "最低工资" not in vocab.terms and not any(t.endswith("的") or t.startswith("的") for t in vocab.terms)


def test_unknown_two_character_words_become_terms():
    pages = [
        page(i, words(before, "托", "育", after))
        for i, (before, after) in enumerate([("普惠", "服务"), ("发展", "机构"), ("婴幼儿", "补助")])
    ]
    assert "托育" in vocabulary([summarise(pages)]).terms


def test_synonyms_extend_the_built_in_table():
    built_in = default_synonyms()
    assert built_in["低保"] == ["最低生活保障"] and "户籍" in built_in["户口"]
    table = synonym_table(Config({"低保": ["低保金"], "开放日": ["政府开放活动"]}))
    assert table["低保"] == ["最低生活保障", "低保金"]
    assert table["开放日"] == ["政府开放活动"]
    assert list(table) == sorted(table)


def test_site_synonyms_may_be_grouped_by_area_like_the_built_in_table():
    grouped = config_synonyms(LineMap({"住房": LineMap({"装修房子": ["装饰装修"]}), "低保": ["低保金"]}))
    assert grouped == {"装修房子": ["装饰装修"], "低保": ["低保金"]}


def test_doc_rows_index_facet_values_in_the_configured_order():
    pages = [
        page(
            1,
            "",
            "甲",
            type=["政策文件"],
            topic=["综合政务", "社会保障"],
            issuer=["测试区民政局"],
            year=["2024"],
            validity=["现行有效"],
        ),
        page(2, "", "乙", type=["目录事项"]),
        page(3, "", "丙", type=["政策解读"], topic=["新主题"], year=["2025"]),
    ]
    facets, rows = doc_table(pages, Config())
    assert [f[0] for f in facets] == [key for key, _ in FACETS]
    values = {key: labels for key, _, labels in facets}
    assert values["type"] == ["政策文件", "政策解读", "目录事项"]
    assert values["topic"] == ["社会保障", "综合政务", "新主题"], "config order, then unknown values"
    assert values["year"] == ["2025", "2024"]
    first = rows[0]
    assert first[0] == "zh-cn_0000001" and first[1] == 20250314 and first[2] == title_key("甲")
    assert values["issuer"] == ["测试区民政局"], "only values some page has"
    assert first[3] == [[0], [1, 0], [0], [1], [0]]
    assert rows[1][3] == [[2], [], [], [], []]


def test_popular_terms_are_topical_not_administrative():
    titles = [
        "测试区民政局关于提高最低生活保障标准的通知",
        "测试区人民政府办公室关于印发最低生活保障办法的通知",
        "最低生活保障问答",
        "测试区民政局关于临时救助工作的通知",
        "临时救助图解",
    ]
    pages = [
        page(
            i,
            words("最低", "生活", "保障") + "。" + words("临时", "救助") + "。" + words("测试", "区", "民政", "局"),
            title,
        )
        for i, title in enumerate(titles)
    ]
    text = summarise(pages)
    popular = popular_terms(text.titles, vocabulary([text]), Config())
    assert popular[:2] == ["最低生活保障", "临时救助"]
    assert not any("测试区" in t or t.endswith("局") for t in popular)


def test_character_table_covers_common_characters_with_every_reading():
    table = char_table({"犇"})
    assert "政" in table["zheng"] and "证" in table["zheng"]
    assert "长" in table["zhang"] and "长" in table["chang"]
    assert "犇" in table["ben"], "the site's own rare characters are added"
    assert sum(len(v) for v in table.values()) >= 3755


def test_demo_query_data_is_small_and_consistent(demo_site: Path):
    soup = soup_of(demo_site, "/search/")
    app = soup.find(id="search-app")
    data_file = demo_site / app["data-query-data"].lstrip("/")
    raw = data_file.read_bytes()
    assert hashlib.sha256(raw).hexdigest()[:10] in data_file.name, "the name changes with the content"
    assert (demo_site / app["data-pinyin-chars"].lstrip("/")).is_file()
    assert len(gzip.compress(raw)) < 80_000
    data = json.loads(raw)
    indexed = fragments(demo_site / "pagefind")
    assert sorted(row[0] for row in published_rows(demo_site, data["docs"])) == sorted(p.id for p in indexed)
    word_list = {w for w, _, _ in data["words"]}
    assert {"低保", "政务", "公开"} <= word_list
    terms = json.loads((demo_site / data["termsUrl"].lstrip("/")).read_text(encoding="utf-8"))
    assert ["政务公开", "zheng wu gong kai"] in [[t, py] for t, _, py in terms]
    assert "terms" not in data, "the terms are loaded only by the queries that need them"
    assert data["synonyms"]["开放日"] == ["政府开放活动"], "site.yaml extends the table"
    assert "最低生活保障" in data["popular"]
    assert data["total"] == sum(n for _, n, _ in data["words"])


def published_rows(site: Path, manifest: dict) -> list[list]:
    """The per-page rows of all the parts the manifest names."""
    folder = site / manifest["url"].strip("/")
    return [row for n in range(manifest["parts"]) for row in json.loads((folder / f"{n}.json").read_bytes())]


def test_demo_query_data_is_rebuilt_from_the_bundle_alone(demo_site: Path):
    from sitegen.build import load
    from tests.conftest import PROJECT

    config = load(PROJECT / "site.yaml").config
    rebuilt = query_data([summarise(fragments(demo_site / "pagefind"))], config)
    name = soup_of(demo_site, "/search/").find(id="search-app")["data-query-data"]
    published = json.loads((demo_site / name.lstrip("/")).read_bytes())
    manifest = published.pop("readings")  # the pinyin table's parts, written beside it (sitegen/search/readings.py)
    # The terms are written beside it too, loaded only by the queries that need them.
    published["terms"] = json.loads((demo_site / published.pop("termsUrl").lstrip("/")).read_bytes())
    # The rows are written in parts beside it too (sitegen/search/docrows.py), each in page order.
    rows = published_rows(demo_site, published.pop("docs"))
    assert sorted(rows) == sorted(json.loads(json.dumps(rebuilt.pop("docs"))))
    assert published == json.loads(json.dumps(rebuilt))
    assert manifest and all((demo_site / url.lstrip("/")).is_file() for url in manifest.values())


def test_a_build_that_keeps_the_query_data_keeps_every_file_it_names(tmp_path: Path, monkeypatch):
    """A theme edit re-renders the pages but leaves the index, so the query files are kept: every file the
    search page and the query data name is still there."""
    import shutil

    from sitegen.build import build
    from tests.conftest import BUILD_DATE, PROJECT, SOURCE_DATE_EPOCH

    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    for name in ("site.yaml", "content", "catalogs", "static", "themes"):
        copy = shutil.copytree if (PROJECT / name).is_dir() else shutil.copy
        copy(PROJECT / name, tmp_path / name)
    build(tmp_path / "site.yaml", tmp_path / "_site", today=BUILD_DATE)
    with (tmp_path / "themes/default/static/css/print.css").open("a", encoding="utf-8") as css:
        css.write("\n/* edited */\n")
    again = build(tmp_path / "site.yaml", tmp_path / "_site", today=BUILD_DATE)
    assert again.rendered > 0 and not again.reindexed
    out = tmp_path / "_site"
    app = soup_of(out, "/search/").find(id="search-app")
    data = json.loads((out / app["data-query-data"].lstrip("/")).read_bytes())
    count = data["docs"]["parts"]
    parts = [f"{data['docs']['url']}{prefix}{n}.json" for n in range(count) for prefix in ("", "t")[: 1 + (count > 1)]]
    named = [app["data-pinyin-chars"], data["termsUrl"], *data["readings"].values(), *parts]
    assert [url for url in named if not (out / url.lstrip("/")).is_file()] == []
