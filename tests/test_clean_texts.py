"""The personal-data scan between builds: a text found clean is not scanned again, a text with a number always is,
and a number planted into a file after a clean build is refused by the next (incremental) build."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from sitegen.checks import privacy
from sitegen.checks.privacy import CleanTexts, scan_text
from sitegen.diagnostics.core import BuildFailed
from sitegen.load.sources import SourceText
from tests.sitefactory import SiteFactory
from tests.test_privacy import resident_id

TODAY = dt.date(2026, 1, 1)
FILLER = (
    "本办法所称最低生活保障，是指对共同生活的家庭成员人均收入低于当地标准的家庭给予救助。第十二条 2025年3月1日起施行。"
)


def mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def texts(seed: int) -> list[SourceText]:
    """Ordinary text, text with a plain or disguised mobile or ID number, and the same texts edited."""
    rng = random.Random(seed)
    made = []
    for _ in range(60):
        lines = [FILLER[: rng.randint(10, len(FILLER))] for _ in range(rng.randint(1, 6))]
        roll = rng.random()
        if roll < 0.3:
            number = mobile(rng)
            if rng.random() < 0.5:
                number = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
            lines.insert(rng.randrange(len(lines) + 1), f"联系人电话{number}")
        elif roll < 0.45:
            lines.append(f"身份证号{resident_id(f'110105{rng.randint(1950, 2005)}0101{rng.randint(100, 999)}')}")
        made.append(SourceText(Path(f"{len(made)}.md"), "\n".join(lines)))
    return made


@pytest.mark.parametrize("seed", range(4))
def test_remembered_scans_find_exactly_what_a_fresh_scan_finds(seed):
    corpus = texts(seed)
    first = CleanTexts()
    assert [first.scan(t, TODAY) for t in corpus] == [list(scan_text(t.text, TODAY)) for t in corpus]
    assert any(first.scan(t, TODAY) for t in corpus), "the generated texts hold numbers"
    second = CleanTexts(frozenset(first.kept))
    assert [second.scan(t, TODAY) for t in corpus] == [list(scan_text(t.text, TODAY)) for t in corpus]
    # Kept only for clean texts; and only for the same day and the same skipped lines.
    assert len(first.kept) == len({t.text for t in corpus if not list(scan_text(t.text, TODAY))})
    later = CleanTexts(frozenset(first.kept))
    for text in corpus:
        later.scan(text, TODAY + dt.timedelta(days=1), skip=range(1, 2))
    assert not later.kept & first.kept


def test_a_number_planted_after_a_clean_build_is_refused_by_the_next_build(tmp_path):
    site = SiteFactory(tmp_path)
    site.policy("2025-a", body="正文第一段。\n\n咨询电话：区民政局。\n")
    site.build()
    published = (tmp_path / "_site" / "policies" / "2025-a" / "index.html").read_bytes()
    site.policy("2025-a", body="正文第一段。\n\n咨询电话：13912345678。\n")
    with pytest.raises(BuildFailed) as failed:
        site.build()
    assert [d.code for d in failed.value.diagnostics.errors] == ["SG151"]
    assert (tmp_path / "_site" / "policies" / "2025-a" / "index.html").read_bytes() == published


def test_a_rebuild_reads_only_the_documents_whose_text_changed(tmp_path, monkeypatch):
    """A document knows the digest of the text it was parsed from, so the rule does not read a clean one again;
    the text it scans is the text that is published, even if the file changes during the build."""
    site = SiteFactory(tmp_path)
    for n in range(5):
        site.policy(f"2025-{n}", body=f"正文第{n}段。\n\n咨询电话：区民政局。\n")
    site.build()
    read: list[str] = []
    real = privacy.read_text

    def counting(path, diags):
        read.append(path.name)
        return real(path, diags)

    monkeypatch.setattr(privacy, "read_text", counting)
    site.policy("2025-3", body="正文第三段，已修改。\n\n咨询电话：区民政局。\n")
    site.build()
    assert [n for n in read if n.endswith(".md")] == ["2025-3.md"]
    site.policy("2025-1", body="正文。\n\n咨询电话：13912345678。\n")
    with pytest.raises(BuildFailed) as failed:
        site.build()
    assert [d.code for d in failed.value.diagnostics.errors] == ["SG151"]
