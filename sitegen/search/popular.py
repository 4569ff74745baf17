"""Popular terms of the search page: topical multi-word terms that several page titles share.

Counting which terms each title holds reads every substring of every title (about 200 per title, three
million set lookups at 10,000 documents). An edit changes a title or two and perhaps a few terms, so
:class:`TitleCounts` keeps, between builds (in the query memo), the titles and how many hold each candidate
term, and updates them by the titles that changed and the candidates that are new; the popular terms are
chosen from those counts exactly as from a full count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitegen.search.terms import MAX_TERM_CHARS

# Document genres and agency endings: frequent in titles, but not what citizens look for.
GENRE = (
    "通知",
    "印发",
    "关于",
    "办法",
    "细则",
    "方案",
    "意见",
    "决定",
    "规定",
    "措施",
    "解读",
    "问答",
    "图解",
    "清单",
    "要点",
    "报告",
    "规划",
    "纲要",
    "工作",
    "实施",
    "公告",
    "说明",
    "试行",
    "年度",
)
ADMIN_SUFFIXES = ("局", "委员会", "政府", "办公室")
MAX_POPULAR = 12
# New candidate terms beyond this many are counted by a full pass over the titles' substrings instead of
# searching every title for each (a substring search over 15,000 titles costs about a millisecond).
MAX_SEARCHED = 64


def place_name(agencies: list[str]) -> str:
    """The common beginning of all agency names (示例区), which makes a term administrative, not topical."""
    prefix = agencies[0] if agencies else ""
    for name in agencies[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    return prefix if len(prefix) >= 2 else "\0"


def candidates(terms: Iterable[str], agencies: list[str]) -> set[str]:
    place = place_name(agencies)
    return {
        term
        for term in terms
        if place not in term
        and not term.startswith(GENRE)
        and not term.endswith(GENRE)
        and not term.endswith(ADMIN_SUFFIXES)
    }


def held(titles: Counter, wanted: set[str]) -> Counter:
    """wanted term -> number of titles holding it (a term is 2 to MAX_TERM_CHARS characters long)."""
    found: Counter = Counter()
    for title, copies in titles.items():
        subs = {title[i:j] for i in range(len(title)) for j in range(i + 2, min(len(title), i + MAX_TERM_CHARS) + 1)}
        for term in subs & wanted:
            found[term] += copies
    return found


@dataclass
class TitleCounts:
    """The titles (with how many pages have each) and, for every candidate term, how many titles hold it."""

    titles: Counter = field(default_factory=Counter)
    held: dict[str, int] = field(default_factory=dict)

    def update(self, titles: list[str], wanted: set[str]) -> dict[str, int]:
        """The counts for ``titles`` and the candidates ``wanted``, from these by the difference."""
        now = Counter(titles)
        new = wanted - self.held.keys()
        if not self.titles or len(new) > MAX_SEARCHED:
            found = held(now, wanted)
            # Every candidate is listed, those in no title with 0: a candidate not listed is counted as new.
            self.titles, self.held = now, {term: found.get(term, 0) for term in wanted}
            return self.held
        counts = {term: n for term, n in self.held.items() if term in wanted}
        for changed, sign in ((self.titles - now, -1), (now - self.titles, 1)):
            for term, n in held(changed, wanted - new).items():
                counts[term] = counts.get(term, 0) + sign * n
        for term in new:
            counts[term] = sum(copies for title, copies in now.items() if term in title)
        self.titles, self.held = now, counts
        return counts


def popular_terms(
    titles: list[str], terms: Iterable[str], agencies: list[str], memo: TitleCounts | None = None
) -> list[str]:
    """Topical multi-word terms that several page titles share, most frequent first, without overlaps."""
    wanted = candidates(terms, agencies)
    in_titles = (memo or TitleCounts()).update(titles, wanted)
    counts = {term: count for term, count in in_titles.items() if count >= 2}
    chosen: list[str] = []
    for term in sorted(counts, key=lambda t: (-counts[t] * min(len(t), 6), t)):
        if not any(term in c or c in term for c in chosen):
            chosen.append(term)
        if len(chosen) == MAX_POPULAR:
            break
    return chosen
