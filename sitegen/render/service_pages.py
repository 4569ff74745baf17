"""Policy services (issue 17) as PageSpecs: old-versus-new comparisons, policy packages and the Q&A library.

Contexts hold computed values (a :class:`~sitegen.compare.Comparison`, :class:`~sitegen.qa.Question`
records), never a document's body: an incremental build digests a page's context by value, so a
comparison or a question changes exactly when its source text does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sitegen.model.pagespec import PageSpec
from sitegen.model.records import Interpretation, Policy
from sitegen.model.site import PublicSite
from sitegen.render.compare import Comparison, compare_texts
from sitegen.render.qa import Question, questions_of

LIBRARY = ("政策文件库", "/policies/")
PACKAGES = ("政策服务包", "/packages/")
QA = ("政策问答库", "/qa/")


def compare_url(policy: Policy) -> str:
    """The comparison page of an amended or replaced policy, under the old policy's own address."""
    return f"{policy.url}compare/"


def comparable(site: PublicSite) -> list[tuple[Policy, Policy]]:
    """(old, new) for every public policy whose amended_by or replaced_by names a public policy."""
    pairs = []
    for policy in site.policies:
        successor = site.policy_by_id.get(policy.amended_by or policy.replaced_by or "")
        if successor is not None and successor.id != policy.id:
            pairs.append((policy, successor))
    return sorted(pairs, key=lambda pair: pair[0].id)


def compare_pages(site: PublicSite, compare: Comparer = compare_texts) -> Iterator[PageSpec]:
    for old, new in comparable(site):
        yield PageSpec(
            compare_url(old),
            "compare.html",
            f"新旧对照：{old.title}",
            [LIBRARY, (old.title, old.url)],
            "policies",
            {"old": old, "new": new, "comparison": compare(old.body, new.body)},
            searchable=False,
        )


QuestionFinder = Callable[[Interpretation, Policy, Any], list[Question]]
Comparer = Callable[[str, str], Comparison]


def find_questions(interp: Interpretation, policy: Policy, body: Any) -> list[Question]:
    """The questions of one interpretation, from its rendered body."""
    return questions_of(interp, policy, body.html)


def all_questions(site: PublicSite, bodies: Mapping[str, Any], find: QuestionFinder = find_questions) -> list[Question]:
    """Every question of every public interpretation, newest interpretation first, in body order within one."""
    found: list[Question] = []
    for interp in site.interpretations:
        found.extend(find(interp, site.policy_by_id[interp.policy], bodies[interp.url]))
    return found


def package_pages(site: PublicSite, bodies: Mapping[str, Any], questions: list[Question]) -> Iterator[PageSpec]:
    yield PageSpec(
        "/packages/", "package_list.html", "政策服务包", [], "packages", {"packages": site.packages}, searchable=False
    )
    interpretations: dict[str, Interpretation] = {i.id: i for i in site.interpretations}
    by_interpretation: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        by_interpretation[question.interpretation].append(question)
    for package in site.packages:
        listed = [interpretations[i] for i in package.interpretations if i in interpretations]
        yield PageSpec(
            package.url,
            "package.html",
            package.title,
            [PACKAGES],
            "packages",
            {
                "doc": package,
                "body": bodies[package.url],
                "policies": [site.policy_by_id[p] for p in package.policies if p in site.policy_by_id],
                "interpretations": listed,
                "catalog_items": [site.nodes[c] for c in package.catalog_items if c in site.nodes],
                "agency": site.agency(package.issuer) if package.issuer else None,
                "questions": [q for i in listed for q in by_interpretation.get(i.id, [])],
            },
        )


def qa_pages(site: PublicSite, questions: list[Question]) -> Iterator[PageSpec]:
    by_topic: dict[str, list[Question]] = defaultdict(list)
    by_agency: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        by_topic[question.topic].append(question)
        by_agency[question.issuer].append(question)
    topic_order = [t.name for t in site.config.topics if t.name in by_topic]
    topic_order += sorted(set(by_topic) - set(topic_order))
    agency_order = [a.name for a in site.config.agencies if a.name in by_agency]
    topics = [(name, f"topic-{index}", by_topic[name]) for index, name in enumerate(topic_order, 1)]
    agencies = [(name, f"agency-{index}", by_agency[name]) for index, name in enumerate(agency_order, 1)]
    yield PageSpec(
        "/qa/",
        "qa_index.html",
        "政策问答库",
        [],
        "qa",
        {"groups": topics, "total": len(questions), "by": "topic"},
        searchable=False,
    )
    yield PageSpec(
        "/qa/agencies/",
        "qa_index.html",
        "政策问答库（按解读机关）",
        [QA],
        "qa",
        {"groups": agencies, "total": len(questions), "by": "agency"},
        searchable=False,
    )
    for question in questions:
        yield PageSpec(
            question.url,
            "qa_question.html",
            question.question,
            [QA],
            "qa",
            {
                "question": question,
                "topic": site.topic(question.topic),
                "siblings": [q for q in by_topic[question.topic] if q.anchor != question.anchor][:8],
            },
        )


@dataclass(frozen=True)
class ServiceWork:
    """How the services compute what is costly: a build passes versions that remember results between builds."""

    find: QuestionFinder = find_questions  # an interpretation's questions
    compare: Comparer = compare_texts  # an old and a new policy text


COMPUTE = ServiceWork()  # computes everything afresh: `sitegen check` and the tests


def service_pages(site: PublicSite, bodies: Mapping[str, Any], work: ServiceWork = COMPUTE) -> Iterator[PageSpec]:
    """Every page of the policy services, in a fixed order."""
    yield from compare_pages(site, work.compare)
    questions = all_questions(site, bodies, work.find)
    yield from package_pages(site, bodies, questions)
    yield from qa_pages(site, questions)
