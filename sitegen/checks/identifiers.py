"""发文字号 and 索引号: well-formed, unique, and (for 索引号) written down so that they never move.

发文字号 follow GB/T 9704-2012 7.2.4: 机关代字, the full year in 六角括号 〔〕, the sequence without
第 and without padding, then 号 — 周政办字〔2024〕9号. Square, round or lenticular brackets, a padded
or 第-prefixed sequence and a missing 号 are warnings that show the corrected form; two documents with
the same number (compared in corrected form) are an error.

An explicit 索引号 must be what the site's template makes for the organisation code, the document's
own year (of publication, or for a policy also of writing) and a sequence; duplicates are SG061. A
public document whose number is generated at build time is a warning: generated numbers follow
publication order, so a back-dated or deleted document would renumber it. ``sitegen number`` writes
the numbers into the files (as ``sitegen new`` and ``sitegen import`` do) and they never move again.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import defaultdict

from sitegen.diagnostics.codes import SG420, SG421, SG422, SG422_SEQUENCE, SG422_YEAR, SG423
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import Code, Message
from sitegen.model.config import SiteConfig
from sitegen.model.records import Document, Policy
from sitegen.model.site import SiteModel

_OPEN, _CLOSE = "〔[【(（［｛{", "〕]】)）］｝}"
_DOC_NUMBER = re.compile(
    rf"^(?P<org>.+?)\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}})\s*[{re.escape(_CLOSE)}]\s*"
    r"(?P<first>第?)\s*(?P<seq>\d+)\s*(?P<hao>号?)\s*$"
)


def corrected_doc_number(number: str) -> str | None:
    """The GB/T 9704 form of a 发文字号 with a bracketed year, or None when it has no such shape
    (国务院令第708号 and the like are left as they are)."""
    match = _DOC_NUMBER.match(number.strip())
    if match is None:
        return None
    return f"{match['org'].strip()}〔{match['year']}〕{int(match['seq'])}号"


def index_pattern(config: SiteConfig) -> re.Pattern[str]:
    """The site's index-number template as a pattern capturing year and seq."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(config.index_template):
        parts.append(re.escape(literal))
        if name == "org_code":  # the site's code, or an issuing agency's own 18-character 统一社会信用代码
            parts.append(rf"(?P<org>{re.escape(config.org_code)}|[0-9A-HJ-NPQRTUWXY]{{18}})")
        elif name == "year":
            parts.append(r"(?P<year>\d{4})")
        elif name == "seq":
            parts.append(r"(?P<seq>\d+)")
    return re.compile("^" + "".join(parts) + "$")


def _years(doc: Document) -> set[int]:
    years = {doc.published.year} if doc.published else set()
    if isinstance(doc, Policy) and doc.written:
        years.add(doc.written.year)
    return years


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    _check_doc_numbers(model, diags)
    config = model.config
    pattern = index_pattern(config)
    highest: dict[int, int] = defaultdict(int)  # year -> highest sequence in use: the suggestion is the next one
    for doc in model.documents():
        match = pattern.match(getattr(doc, "index_no", None) or "")
        if match:
            highest[int(match["year"])] = max(highest[int(match["year"])], int(match["seq"]))
    for doc in model.documents():
        number = getattr(doc, "index_no", None)
        if number is None:
            continue
        if doc.url in model.generated_index:
            if doc.is_public:
                diags.report(SG423, doc.source, line=1, number=number)
            continue
        match = pattern.match(number)
        years = _years(doc)
        year = min(years) if years else today.year
        message: Code | Message
        if match is None:
            message = SG422
        elif int(match["year"]) not in years:
            message = SG422_YEAR
        elif int(match["seq"]) < 1 or number != config.index_template.format(
            org_code=match["org"], year=int(match["year"]), seq=int(match["seq"])
        ):
            message = SG422_SEQUENCE
        else:
            continue
        wanted = config.index_template.format(org_code=config.org_code, year=year, seq=highest[year] + 1)
        diags.report(
            message,
            doc.source,
            line=doc.line_of("index_no"),
            number=number,
            year=match and match["year"],
            template=config.index_template,
            org_code=config.org_code,
            wanted=wanted,
        )


def _check_doc_numbers(model: SiteModel, diags: Diagnostics) -> None:
    owner: dict[str, Policy] = {}
    for policy in sorted(model.policies.values(), key=lambda p: (p.published or dt.date.min, p.id)):
        number = policy.doc_number
        if not number:
            continue
        corrected = corrected_doc_number(number)
        if corrected is not None and corrected != number:
            diags.report(SG421, policy.source, line=policy.line_of("doc_number"), number=number, corrected=corrected)
        if policy.disclosure != "public":
            continue  # an unpublished copy (an internal version, a draft) may carry the published one's number
        key = re.sub(r"\s+", "", corrected or number)
        if key in owner:
            other = owner[key]
            diags.report(
                SG420, policy.source, line=policy.line_of("doc_number"), number=number, other=diags.rel(other.source)
            )
        else:
            owner[key] = policy
