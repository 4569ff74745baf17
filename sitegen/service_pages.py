"""Policy services (issue 17) as PageSpecs: old-versus-new comparisons, policy packages and the Q&A library.

Contexts hold computed values (a :class:`~sitegen.compare.Comparison`, question records), never a
document's body: an incremental build digests a page's context by value, and a comparison changes
exactly when one of its two texts does.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.compare import compare_texts
from sitegen.model import Policy
from sitegen.pages import PageSpec
from sitegen.site import PublicSite

LIBRARY = ("政策文件库", "/policies/")


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


def compare_pages(site: PublicSite) -> Iterator[PageSpec]:
    for old, new in comparable(site):
        yield PageSpec(
            compare_url(old),
            "compare.html",
            f"新旧对照：{old.title}",
            [LIBRARY, (old.title, old.url)],
            "policies",
            {"old": old, "new": new, "comparison": compare_texts(old.body, new.body)},
            searchable=False,
        )


def service_pages(site: PublicSite) -> Iterator[PageSpec]:
    """Every page of the policy services, in a fixed order."""
    yield from compare_pages(site)
