"""The linked site model: every loaded record, and the public view that alone reaches the renderer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitegen.diagnostics.codes import SG060, SG061, SG062, SG062_CLOSE, SG063, SG063_CLOSE
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.config import SiteConfig
from sitegen.model.kinds import KINDS
from sitegen.model.records import (
    Agency,
    AnnualReport,
    Catalog,
    CatalogNode,
    Consultation,
    Document,
    Event,
    Interpretation,
    Page,
    Policy,
    PolicyPackage,
    Topic,
)
from sitegen.model.schedule import is_due


@dataclass
class SiteModel:
    """Everything that was loaded, public or not. Rules check this; it is never rendered."""

    config: SiteConfig
    catalogs: list[Catalog]
    nodes: dict[str, CatalogNode]
    by_kind: dict[str, dict[str, Any]] = field(default_factory=lambda: {kind.name: {} for kind in KINDS})
    generated_index: set[str] = field(default_factory=set)  # URLs of documents whose 索引号 was not written down

    def tables(self) -> dict[str, dict[str, Any]]:
        """Kind name -> id -> record, in the order of :data:`sitegen.model.kinds.KINDS`."""
        return self.by_kind

    def documents(self) -> list[Document]:
        return [doc for table in self.by_kind.values() for doc in table.values()]

    def find(self, kind: str, doc_id: str) -> Document | None:
        return self.by_kind[kind].get(doc_id)

    # The kinds that checks and pages treat by name.
    @property
    def policies(self) -> dict[str, Policy]:
        return self.by_kind["policy"]

    @property
    def interpretations(self) -> dict[str, Interpretation]:
        return self.by_kind["interpretation"]

    @property
    def pages(self) -> dict[str, Page]:
        return self.by_kind["page"]

    @property
    def consultations(self) -> dict[str, Consultation]:
        return self.by_kind["consultation"]

    @property
    def events(self) -> dict[str, Event]:
        return self.by_kind["event"]

    @property
    def reports(self) -> dict[str, AnnualReport]:
        return self.by_kind["report"]

    @property
    def packages(self) -> dict[str, PolicyPackage]:
        return self.by_kind["package"]


@dataclass
class PublicSite:
    """Only public, reviewed documents and the relations between them: the renderer's whole input."""

    config: SiteConfig
    catalogs: list[Catalog]
    nodes: dict[str, CatalogNode]
    listed: dict[str, list[Any]]  # kind name -> its public documents, in the kind's declared order
    interpretations_of: dict[str, list[Interpretation]]
    documents_of: dict[str, list[Document]]  # catalog code -> documents attached to it
    policy_by_id: dict[str, Policy]
    today: dt.date  # the build date: consultations and events are open, upcoming or past as of it
    consultations_of: dict[str, list[Consultation]] = field(default_factory=dict)  # policy id -> consultations

    def with_bodies(self) -> list[Document]:
        """Public documents with a Markdown body (annual reports are tables and plain text)."""
        return [doc for kind in KINDS if kind.has_body for doc in self.listed[kind.name]]

    # The kinds that pages, feeds and exports treat by name.
    @property
    def policies(self) -> list[Policy]:  # newest first
        return self.listed["policy"]

    @property
    def interpretations(self) -> list[Interpretation]:  # newest first
        return self.listed["interpretation"]

    @property
    def pages(self) -> list[Page]:
        return self.listed["page"]

    @property
    def consultations(self) -> list[Consultation]:  # newest first
        return self.listed["consultation"]

    @property
    def events(self) -> list[Event]:  # latest start first
        return self.listed["event"]

    @property
    def reports(self) -> list[AnnualReport]:  # latest year first
        return self.listed["report"]

    @property
    def packages(self) -> list[PolicyPackage]:  # newest first
        return self.listed["package"]

    def topic(self, name: str) -> Topic | None:
        return self.config.topic_by_name(name)

    def agency(self, name: str) -> Agency | None:
        return self.config.agency_by_name(name)

    def count_under(self, code: str) -> int:
        """Distinct documents attached to a node or any node below it."""
        seen: set[str] = set()
        stack = [code]
        while stack:
            node = self.nodes[stack.pop()]
            seen.update(d.url for d in self.documents_of.get(node.code, []))
            stack.extend(node.children)
        return len(seen)


def _close(word: str, options: list[str]) -> str | None:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.4)
    return match[0] if match else None


def link(
    config: SiteConfig,
    documents: list[Document],
    catalogs: list[Catalog],
    nodes: dict[str, CatalogNode],
    diags: Diagnostics,
) -> SiteModel:
    """Put every record in its table, give policies their index numbers and check references by id."""
    model = SiteModel(config, catalogs, nodes)
    tables = model.tables()
    for doc in documents:
        table = tables[doc.kind]
        if doc.id in table:
            other = table[doc.id]
            diags.report(SG060, doc.source, line=doc.line_of("id") or 1, id=doc.id, other=diags.rel(other.source))
            continue
        table[doc.id] = doc
    # Records are not changed after loading: what linking derives goes into new records.
    derived: dict[str, dict[str, Any]] = defaultdict(dict)  # URL -> field -> value
    for url, number in _assign_index_numbers(model, diags).items():
        derived[url]["index_no"] = number
    for url, names in _check_vocabulary(model, diags).items():
        derived[url]["topics"] = names
    for table in tables.values():
        for doc_id, doc in table.items():
            if doc.url in derived:
                table[doc_id] = dataclasses.replace(doc, **derived[doc.url])
    return model


def _declaring(model: SiteModel, key: str) -> list[Any]:
    """The records of every kind whose record declares the field ``key``."""
    return [doc for kind in KINDS if kind.declares(key) for doc in model.by_kind[kind.name].values()]


def _assign_index_numbers(model: SiteModel, diags: Diagnostics) -> dict[str, str]:
    """The index number of each document without index_no (by URL): the next free number of its year, in
    publication order.

    Explicit numbers are kept; generated ones never collide with them. Numbers depend only on the
    content, so two builds agree.
    """
    config = model.config
    docs: list[Any] = sorted(_declaring(model, "index_no"), key=lambda d: (d.published, d.kind, d.id))
    owner: dict[str, Document] = {}
    for doc in docs:
        if doc.index_no:
            if doc.index_no in owner:
                other = owner[doc.index_no]
                diags.report(
                    SG061,
                    doc.source,
                    line=doc.line_of("index_no"),
                    index_no=doc.index_no,
                    other=diags.rel(other.source),
                )
            else:
                owner[doc.index_no] = doc
    counters: dict[int, int] = defaultdict(int)
    generated: dict[str, str] = {}
    for doc in docs:
        if doc.index_no:
            continue
        year = doc.published.year
        while True:
            counters[year] += 1
            candidate = config.index_template.format(org_code=config.org_code, year=year, seq=counters[year])
            if candidate not in owner:
                break
        generated[doc.url] = candidate
        owner[candidate] = doc
        model.generated_index.add(doc.url)
    return generated


def _check_vocabulary(model: SiteModel, diags: Diagnostics) -> dict[str, list[str]]:
    """Report unknown issuers and topics; return the canonical topic names of documents (by URL) that
    named a topic by its slug or named an unknown one."""
    config = model.config
    canonical: dict[str, list[str]] = {}
    agencies = [a.name for a in config.agencies]
    topics = [t.name for t in config.topics]
    for doc in _declaring(model, "issuer"):
        # Where the issuer is optional (a package's 牵头单位) an empty one is no unknown agency.
        if doc.issuer and config.agency_by_name(doc.issuer) is None:
            close = _close(doc.issuer, agencies)
            diags.report(
                SG062_CLOSE if close else SG062, doc.source, line=doc.line_of("issuer"), issuer=doc.issuer, close=close
            )
    for policy in _declaring(model, "topics"):
        for name in policy.topics:
            if config.topic_by_name(name) is None:
                close = _close(name, topics)
                diags.report(
                    SG063_CLOSE if close else SG063,
                    policy.source,
                    line=policy.line_of("topics"),
                    name=name,
                    close=close,
                    topics=topics,
                )
        # Topics are kept by their canonical name so that a slug or a name both work.
        names = [found.name for n in policy.topics if (found := config.topic_by_name(n)) is not None]
        if names != policy.topics:
            canonical[policy.url] = names
    return canonical


def predecessors_by_policy(policies: list[Policy]) -> dict[str, list[Policy]]:
    """Policy id -> the policies it amends or replaces, in the order given (one pass: a scan per policy
    is quadratic, 45 s at 10,000 documents)."""
    found: dict[str, list[Policy]] = {}
    for policy in policies:
        for successor in dict.fromkeys(s for s in (policy.amended_by, policy.replaced_by) if s):
            found.setdefault(successor, []).append(policy)
    return found


def draft_reason(doc: Document, today: dt.date | None) -> str | None:
    """Why ``doc`` is not on the public site (None: it is), in the words of the draft banner."""
    if doc.disclosure != "public":
        return "不予公开" if doc.disclosure == "withheld" else "依申请公开"
    if doc.review is None:
        return "未经审核"
    if not is_due(doc.published, today) and doc.published is not None:
        return f"定时发布，{doc.published.year}年{doc.published.month}月{doc.published.day}日起公开"
    return None


def _feedback_as_of(consultation: Consultation, today: dt.date) -> Consultation:
    """Feedback dated after ``today`` is scheduled: it appears on its date, not before (nor in feeds or exports)."""
    feedback = consultation.feedback
    if feedback is None or feedback.published <= today:
        return consultation
    return dataclasses.replace(consultation, feedback=None)


def public_view(model: SiteModel, today: dt.date, drafts: bool = False) -> PublicSite:
    """The gate (公开属性 and 定时发布): only public documents with a review record whose publication date has come
    pass; nothing else is rendered.

    ``drafts`` (``sitegen serve --drafts`` only, into a folder of its own) lets every document through
    so that a reviewer sees the page before approving it; ``draft_reason`` tells the preview which."""
    listed = {
        kind.name: kind.order(
            [d for d in model.by_kind[kind.name].values() if drafts or (d.is_public and is_due(d.published, today))]
        )
        for kind in KINDS
    }
    if not drafts:
        listed["consultation"] = [_feedback_as_of(c, today) for c in listed["consultation"]]
    policy_by_id = {p.id: p for p in listed["policy"]}
    # An interpretation is shown only with its policy.
    listed["interpretation"] = [i for i in listed["interpretation"] if i.policy in policy_by_id]
    interpretations_of: dict[str, list[Interpretation]] = defaultdict(list)
    for interp in sorted(listed["interpretation"], key=lambda i: (i.published, i.id)):
        interpretations_of[interp.policy].append(interp)
    consultations_of: dict[str, list[Consultation]] = defaultdict(list)
    for consultation in listed["consultation"]:
        if consultation.policy in policy_by_id:
            consultations_of[consultation.policy].append(consultation)
    documents_of: dict[str, list[Document]] = defaultdict(list)
    for docs in listed.values():
        for doc in docs:
            for code in doc.catalog:
                if code in model.nodes:
                    documents_of[code].append(doc)
    return PublicSite(
        model.config,
        model.catalogs,
        model.nodes,
        listed,
        dict(interpretations_of),
        dict(documents_of),
        policy_by_id,
        today,
        dict(consultations_of),
    )
