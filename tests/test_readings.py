"""The pinyin table (sitegen/search/readings.py) and the worker's pure JavaScript parts (node --test tests/js/)."""

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from sitegen.search.querydata import STOP, syllable_list
from sitegen.search.readings import ReadingTable, phrases, split_parts

ROOT = Path(__file__).resolve().parent.parent


def test_every_word_and_single_page_phrase_is_keyed_by_pinyin_and_initials():
    runs = [["社会", "救助", "暂行", "办法"], ["就业", "指导"]]
    grams = Counter(phrases(runs))  # one page: every phrase occurs once
    words = Counter(w for run in runs for w in run)
    table = ReadingTable(syllable_list, STOP).table(words, grams)
    assert table["f"]["jiuye"] == [["就业", 1]]
    assert ["就业指导", 1] in table["i"]["jyzd"]
    assert ["社会救助", 1] in table["i"]["shjz"]
    assert ["社会救助暂行", 1] in table["i"]["shjzzx"]
    # a single-page phrase's full pinyin is read from its words, not stored
    assert "jiuyezhidao" not in table["f"]


def test_phrases_skip_function_words_and_respect_the_length_limit():
    table = ReadingTable(syllable_list, STOP).table(Counter(), Counter({"的\u200b规定": 5, "规定\u200b的": 5}))
    assert not table["i"]
    assert all(len(p.replace("\u200b", "")) <= 8 for p in phrases([["中华人民共和国", "政府", "信息", "公开"]]))


def test_parts_cover_every_key_once_and_stay_small():
    words = Counter({f"词{i}": i + 1 for i in range(3000)})
    table = ReadingTable(lambda w: ["ci", "yi"][: len(w)] if False else ["ci"] * len(w), STOP).table(words, Counter())
    parts = split_parts({"f": {f"k{i:05d}": [["甲", 1]] for i in range(20000)}, "i": {}})
    keys = [key for part in parts.values() for key in part["f"]]
    assert len(keys) == len(set(keys)) == 20000
    assert len(parts) > 1 and table is not None


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_unit_tests_pass():
    done = subprocess.run(
        ["node", "--experimental-detect-module", "--test", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_python_and_javascript_title_keys_agree():
    import json
    import re

    from sitegen.search.querydata import title_key

    titles = [
        "示例区人民政府关于印发《2025年政务公开工作要点》的通知",
        "ＡＢＣ　全角 Title-42",
        "低保（试行）",
        "𠀀扩展区汉字",
        "  ",
        "Ünïcode ÀÉ 办法",
    ]
    worker = (ROOT / "themes/default/static/js/search-worker.js").read_text(encoding="utf-8")
    function = re.search(r"function titleKey\(text\) \{.*?\n\}", worker, re.S)
    assert function, "search-worker.js defines titleKey"
    script = function.group(0) + f"\nconsole.log(JSON.stringify({json.dumps(titles)}.map(titleKey)));"
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [title_key(t) for t in titles]
