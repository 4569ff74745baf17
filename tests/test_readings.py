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


# Characters where Python's and JavaScript's Unicode handling could differ: Han of every block, full-width
# forms, compatibility characters NFKC rewrites (①, ﬁ, ㍿), case pairs with special lowering (İ, Σ, ẞ),
# combining marks, astral characters, punctuation and spaces of both widths.
TITLE_ALPHABET = (
    "政务公开关于印发年度工作要点的通知办法试行暂行规定实施意见"
    "㐀䶵豈𠀀𪜀ＡＢＣａｂｃ０１２３①②Ⅻﬁ㍿ｶﾞİIıΣσςẞßÀÉüñ\u0301\u0308"
    "《》（）【】「」“”、，。：；！？—…·-_/.:()[]  \u3000\t123abcXYZ"
)


def generated_titles(count: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    titles = [
        "示例区人民政府关于印发《2025年政务公开工作要点》的通知",
        "ＡＢＣ　全角 Title-42",
        "低保（试行）",
        "𠀀扩展区汉字",
        "  ",
        "",
        "Ünïcode ÀÉ 办法",
        "ΟΔΟΣ ΣΟΦΙΑΣ",
    ]
    titles += ["".join(rng.choice(TITLE_ALPHABET) for _ in range(rng.randint(1, 40))) for _ in range(count)]
    return titles


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_python_and_javascript_title_keys_agree():
    """The query data names each page's title with title_key; the worker boosts a page whose key equals its
    titleKey of the query, so the two must agree on every title, whatever its characters."""
    import json

    from sitegen.search.querydata import title_key

    titles = generated_titles(2000, seed=13)
    module = (ROOT / "themes/default/static/js/search/query.js").as_uri()
    script = (
        f"const {{ titleKey }} = await import({json.dumps(module)});\n"
        "const titles = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));\n"
        "console.log(JSON.stringify(titles.map(titleKey)));"
    )
    done = subprocess.run(
        ["node", "--input-type=commonjs", "-e", f"(async () => {{ {script} }})()"],
        input=json.dumps(titles),
        capture_output=True,
        text=True,
        check=True,
    )
    keys = json.loads(done.stdout)
    differing = [(t, k, title_key(t)) for t, k in zip(titles, keys, strict=True) if k != title_key(t)]
    assert not differing, differing[:5]
