"""Old-versus-new comparison of an amended policy (新旧政策对照), aligned by article and paragraph.

Pure: text in, rows out; no I/O and no HTML. The page template draws the rows.

The two texts are cut into *units*: a unit starts at a numbered block (第X条, 第X章, 一、, （一）, 1.)
and holds the paragraphs up to the next one; text before the first number is one unit a paragraph.
Units are aligned in two passes:

1. an order-keeping alignment (dynamic programming) that maximises the summed similarity of the pairs
   it keeps, comparing text *without* its number, so that renumbering alone is not a change;
2. the units left over on both sides are paired once more, best similarity first, regardless of
   order: an article that was moved keeps its partner and is reported as moved, not as one deletion
   and one addition.

Inside a pair the paragraphs are aligned the same way, and each paragraph pair is compared word by
word (a Han character, a number or a Latin word is one token), so that 600元 → 1000元 marks the
number, not three digits.

Similarity is the Dice coefficient of character bigrams, which is cheap (sets) and tolerant of
small edits; pairs below ``THRESHOLD`` are not the same article. Measured on programmatically
amended real regulations (tests/test_compare.py), 0.5 kept every modified article paired and paired
no added article with a deleted one.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.render.articles import Unit, plain, start_of, units

THRESHOLD = 0.5
# Below this a paragraph pair is shown as one deletion and one insertion: a word diff of two unrelated
# paragraphs is a confetti of marks nobody can read.
WORD_DIFF_MIN = 0.3

_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:[.．]\d+)?%?|\s+|.", re.DOTALL)

STATUS_LABELS = {
    "unchanged": "未修改",
    "renumbered": "序号调整",
    "modified": "修改",
    "moved": "移动",
    "added": "新增",
    "deleted": "删除",
}


@dataclass(frozen=True)
class Segment:
    op: str  # "eq", "del" or "ins"
    text: str


@dataclass(frozen=True)
class Row:
    """One line of the comparison: the old unit and the new unit (either may be absent) and their marks."""

    status: str
    old: Unit | None
    new: Unit | None
    old_paragraphs: tuple[tuple[Segment, ...], ...]
    new_paragraphs: tuple[tuple[Segment, ...], ...]
    context: str = ""  # the section or chapter the unit stands in: （二） alone says little

    @property
    def gist(self) -> str:
        """The first words of a numbered unit, to tell （二） of one section from （二） of another."""
        unit = self.new or self.old
        assert unit is not None
        return start_of(unit) if unit.label and unit.kind != "article" else ""

    @property
    def status_label(self) -> str:
        if self.status == "moved" and self.old and self.new and self.old.paragraphs != self.new.paragraphs:
            return "移动并修改"
        return STATUS_LABELS[self.status]

    @property
    def name(self) -> str:
        """How the row is called: 第九条（原第七条）, or the start of an unnumbered paragraph."""
        old, new = self.old, self.new
        if old and new and old.label != new.label:
            return f"{new.label or start_of(new)}（原{old.label or '无序号'}）"
        unit = new or old
        assert unit is not None
        return unit.label or start_of(unit)

    @property
    def changed(self) -> bool:
        return self.status not in ("unchanged", "renumbered")


@dataclass(frozen=True)
class Comparison:
    rows: tuple[Row, ...]

    @property
    def main_kinds(self) -> frozenset[str]:
        """What the summary counts: articles in a text of articles, else every numbered item (一、（一）1.)."""
        kinds = {row.new.kind for row in self.rows if row.new} | {row.old.kind for row in self.rows if row.old}
        return frozenset({"article"}) if "article" in kinds else frozenset({"section", "item", "point"})

    def _counted(self, row: Row) -> bool:
        return (row.new or row.old).kind in self.main_kinds  # type: ignore[union-attr]

    def count(self, status: str) -> int:
        """Counted units (articles or items) with this status."""
        return sum(1 for row in self.rows if row.status == status and self._counted(row))

    @property
    def unit_word(self) -> str:
        return "条" if "article" in self.main_kinds else "项"

    @property
    def changed_units(self) -> int:
        """Articles (or items) added, deleted, modified or moved: the number the summary leads with."""
        return sum(1 for row in self.rows if row.changed and self._counted(row))

    @property
    def other_changes(self) -> int:
        """Changed paragraphs outside the articles: the covering notice, chapter headings, signatures."""
        return sum(1 for row in self.rows if row.changed and not self._counted(row))


def _bigrams(text: str) -> frozenset[str]:
    squeezed = re.sub(r"\s+", "", text)
    if len(squeezed) < 2:
        return frozenset({squeezed})
    return frozenset(squeezed[i : i + 2] for i in range(len(squeezed) - 1))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def align(
    old: Sequence[str], new: Sequence[str], threshold: float = THRESHOLD
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs (old index, new index) kept in order, and pairs of moved items (out of order).

    The in-order pairs maximise the summed similarity (the classic alignment recurrence); a pair
    counts only at ``threshold`` or above. Identical texts score a little more than 1 so that an
    exact match wins a tie against a near one.
    """
    grams_old = [_bigrams(t) for t in old]
    grams_new = [_bigrams(t) for t in new]

    def score(i: int, j: int) -> float:
        if old[i] == new[j]:
            return 1.01
        value = _dice(grams_old[i], grams_new[j])
        return value if value >= threshold else 0.0

    n, m = len(old), len(new)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    scores: dict[tuple[int, int], float] = {}
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            value = score(i, j)
            scores[(i, j)] = value
            row[j] = max(below[j], row[j + 1], below[j + 1] + value if value else 0.0)
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        value = scores[(i, j)]
        if value and best[i][j] == best[i + 1][j + 1] + value:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    used_old = {p[0] for p in pairs}
    used_new = {p[1] for p in pairs}
    candidates = sorted(
        (
            (scores[(a, b)], a, b)
            for a in range(n)
            if a not in used_old
            for b in range(m)
            if b not in used_new and scores[(a, b)]
        ),
        reverse=True,
    )
    moved: list[tuple[int, int]] = []
    for _, a, b in candidates:
        if a not in used_old and b not in used_new:
            moved.append((a, b))
            used_old.add(a)
            used_new.add(b)
    return pairs, sorted(moved, key=lambda p: p[1])


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The old text with deletions marked and the new text with insertions marked."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if old != new and matcher.ratio() < WORD_DIFF_MIN:
        return _whole("del", old), _whole("ins", new)
    opcodes = matcher.get_opcodes()
    # A lone equal token between two changes (一 in 不超过一万元 → 不超过两万元) reads better inside them.
    merged: list[list] = []
    for tag, i1, i2, j1, j2 in opcodes:
        after_change = bool(merged) and merged[-1][0] != "equal"
        lone = tag == "equal" and i2 - i1 == 1 and len(a[i1]) == 1 and (i2, j2) != (len(a), len(b))
        if after_change and (lone or tag != "equal"):
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        else:
            merged.append([tag, i1, i2, j1, j2])
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in merged:
        if tag == "equal":
            left.append(Segment("eq", "".join(a[i1:i2])))
            right.append(Segment("eq", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Segment("ins", "".join(b[j1:j2])))
    return tuple(left), tuple(right)


def _whole(op: str, text: str) -> tuple[Segment, ...]:
    return (Segment(op, text),) if text else ()


def _pair_paragraphs(old: Unit, new: Unit) -> tuple[tuple[tuple[Segment, ...], ...], tuple[tuple[Segment, ...], ...]]:
    """Paragraph by paragraph: aligned ones diffed word by word, the others wholly deleted or inserted."""
    pairs, moved = align(old.paragraphs, new.paragraphs, WORD_DIFF_MIN)
    partner = dict(pairs + moved)
    left: list[tuple[Segment, ...]] = []
    right: dict[int, tuple[Segment, ...]] = {}
    for i, paragraph in enumerate(old.paragraphs):
        if i in partner:
            marked_old, marked_new = word_diff(paragraph, new.paragraphs[partner[i]])
            left.append(marked_old)
            right[partner[i]] = marked_new
        else:
            left.append(_whole("del", paragraph))
    return tuple(left), tuple(right.get(j, _whole("ins", p)) for j, p in enumerate(new.paragraphs))


def _row(status: str, old: Unit | None, new: Unit | None) -> Row:
    if old is not None and new is not None:
        left, right = _pair_paragraphs(old, new)
        if status == "same":
            status = "unchanged" if old.label == new.label else "renumbered"
            if old.paragraphs != new.paragraphs:
                status = "modified"
        return Row(status, old, new, left, right)
    if old is not None:
        return Row(status, old, None, tuple(_whole("del", p) for p in old.paragraphs), ())
    assert new is not None
    return Row(status, None, new, (), tuple(_whole("ins", p) for p in new.paragraphs))


def compare_units(old: Sequence[Unit], new: Sequence[Unit]) -> Comparison:
    """Rows in the order of the new text; deleted units where they stood, before the next kept one."""

    def key(unit: Unit) -> str:
        # The kind's initial keeps chapters pairing with chapters and articles with articles.
        return unit.kind[0] + "|" + unit.text

    pairs, moved = align([key(u) for u in old], [key(u) for u in new])
    in_order = {j: i for i, j in pairs}
    moved_from = {j: i for i, j in moved}
    placed = set(in_order.values()) | set(moved_from.values())
    rows: list[Row] = []
    next_old = 0

    def deleted_before(limit: int) -> None:
        nonlocal next_old
        while next_old < limit:
            if next_old not in placed:
                rows.append(_row("deleted", old[next_old], None))
            next_old += 1

    for j, unit in enumerate(new):
        if j in in_order:
            deleted_before(in_order[j])
            rows.append(_row("same", old[in_order[j]], unit))
            next_old = max(next_old, in_order[j] + 1)
        elif j in moved_from:
            rows.append(_row("moved", old[moved_from[j]], unit))
        else:
            rows.append(_row("added", None, unit))
    deleted_before(len(old))
    return Comparison(tuple(_with_context(rows)))


def _with_context(rows: list[Row]) -> list[Row]:
    """Each item (（一）, 1.) with the section or chapter above it, as the reader sees it in the new text."""
    section = ""
    result = []
    for row in rows:
        unit = row.new or row.old
        assert unit is not None
        if unit.kind in ("chapter", "section", "heading"):
            section = f"{unit.label}{unit.paragraphs[0][:12]}"
            result.append(row)
        elif unit.kind in ("item", "point") and section:
            result.append(dataclasses.replace(row, context=section))
        else:
            result.append(row)
    return result


def compare_texts(old_markdown: str, new_markdown: str) -> Comparison:
    """The comparison of two Markdown bodies."""
    return compare_units(units(plain(old_markdown)), units(plain(new_markdown)))
