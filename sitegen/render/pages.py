"""Every page of the site as a specification (URL, template, context), derived from the public view.

Nothing here writes files; the build renders these specifications in order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.load.catalog import ELEMENTS
from sitegen.model.pagespec import PageSpec
from sitegen.model.records import FORMS, VALIDITY, CatalogNode, Document, Interpretation, Policy
from sitegen.model.site import PublicSite, predecessors_by_policy
from sitegen.render.markup import RenderedBody


@dataclass
class Listing:
    """One page of a paginated list, with the links to its neighbours."""

    items: list
    number: int
    count: int
    total: int
    base_url: str

    def url_of(self, number: int) -> str:
        return self.base_url if number == 1 else f"{self.base_url}page/{number}/"


def paginate(items: list, base_url: str, size: int) -> list[Listing]:
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    return [Listing(chunk, n, len(chunks), len(items), base_url) for n, chunk in enumerate(chunks, 1)]


@dataclass
class Facet:
    label: str
    values: list[tuple[str, str, int]]  # (label, url, count)


def policy_facets(site: PublicSite) -> list[Facet]:
    topics = Counter(t for p in site.policies for t in p.topics)
    issuers = Counter(p.issuer for p in site.policies)
    years = Counter(p.published.year for p in site.policies)
    validity = Counter(p.validity for p in site.policies)
    return [
        Facet("主题分类", [(t.name, t.url, topics[t.name]) for t in site.config.topics if topics[t.name]]),
        Facet("发文机关", [(a.name, a.url, issuers[a.name]) for a in site.config.agencies if issuers[a.name]]),
        Facet("发布年份", [(f"{y}年", f"/policies/year/{y}/", years[y]) for y in sorted(years, reverse=True)]),
        Facet(
            "有效性",
            [(label, f"/policies/validity/{key}/", validity[key]) for key, label in VALIDITY.items() if validity[key]],
        ),
    ]


def _listing_pages(
    items: list,
    base_url: str,
    template: str,
    title: str,
    crumbs: list[tuple[str, str]],
    section: str,
    size: int,
    **context: Any,
) -> Iterator[PageSpec]:
    for listing in paginate(items, base_url, size):
        page_title = title if listing.number == 1 else f"{title}（第{listing.number}页）"
        yield PageSpec(
            listing.url_of(listing.number),
            template,
            page_title,
            crumbs if listing.number == 1 else [*crumbs, (title, base_url)],
            section,
            {"listing": listing, "heading": title, **context},
            searchable=False,
        )


def catalog_path(site: PublicSite, node: CatalogNode) -> list[CatalogNode]:
    chain = [node]
    while chain[0].parent:
        chain.insert(0, site.nodes[chain[0].parent])
    return chain


def build_pages(site: PublicSite, bodies: dict[str, RenderedBody]) -> Iterator[PageSpec]:
    """All pages, in a fixed order (the output does not depend on dict or file-system order)."""
    config = site.config
    size = config.page_size
    facets = policy_facets(site)
    library = ("政策文件库", "/policies/")
    catalog_crumb = ("主动公开事项目录", "/catalog/")

    yield PageSpec(
        "/",
        "home.html",
        config.title,
        [],
        "home",
        {
            "latest_policies": site.policies[:8],
            "latest_interpretations": site.interpretations[:6],
            "facets": facets,
        },
        searchable=False,
    )

    # The standard catalog (网页版标准目录).
    yield PageSpec("/catalog/", "catalog_index.html", "主动公开事项目录", [], "catalog", {}, searchable=False)
    for code in sorted(site.nodes):
        node = site.nodes[code]
        chain = catalog_path(site, node)
        yield PageSpec(
            node.url,
            "catalog_node.html",
            f"{node.title}",
            [catalog_crumb] + [(n.title, n.url) for n in chain[:-1]],
            "catalog",
            {"node": node, "chain": chain},
            searchable=node.is_item,
        )

    # The policy library and its facets, each a static listing that needs no JavaScript.
    yield from _listing_pages(
        site.policies,
        "/policies/",
        "policy_list.html",
        "政策文件库",
        [],
        "policies",
        size,
        facets=facets,
        current_facet=None,
    )
    # Every level of an address is a page: a reader who shortens /policies/year/2024/ lands on the years.
    for facet, url, title in (
        (facets[2], "/policies/year/", "按发布年份浏览政策文件"),
        (facets[3], "/policies/validity/", "按有效性浏览政策文件"),
    ):
        yield PageSpec(
            url, "facet_index.html", title, [library], "policies", {"values": facet.values}, searchable=False
        )
    for year in sorted({p.published.year for p in site.policies}, reverse=True):
        members = [p for p in site.policies if p.published.year == year]
        yield from _listing_pages(
            members,
            f"/policies/year/{year}/",
            "policy_list.html",
            f"{year}年发布的政策文件",
            [library],
            "policies",
            size,
            facets=facets,
            current_facet=f"/policies/year/{year}/",
        )
    for key, label in VALIDITY.items():
        members = [p for p in site.policies if p.validity == key]
        if members:
            url = f"/policies/validity/{key}/"
            yield from _listing_pages(
                members,
                url,
                "policy_list.html",
                f"{label}的政策文件",
                [library],
                "policies",
                size,
                facets=facets,
                current_facet=url,
            )

    # Documents.
    predecessors = predecessors_by_policy(site.policies)
    packages_of: dict[str, list] = defaultdict(list)  # policy id -> the policy packages that list it
    for package in site.packages:
        for listed in package.policies:
            packages_of[listed].append(package)
    for policy in site.policies:
        yield PageSpec(
            policy.url,
            "policy.html",
            policy.title,
            [library],
            "policies",
            {
                "doc": policy,
                "body": bodies[policy.url],
                "interpretations": site.interpretations_of.get(policy.id, []),
                "replacement": site.policy_by_id.get(policy.amended_by or policy.replaced_by or ""),
                "predecessors": predecessors.get(policy.id, []),
                "topics": [site.topic(t) for t in policy.topics],
                "agency": site.agency(policy.issuer),
                "catalog_items": [site.nodes[c] for c in policy.catalog if c in site.nodes],
                "consultations": site.consultations_of.get(policy.id, []),
                "packages": packages_of.get(policy.id, []),
            },
        )
    yield from _listing_pages(
        site.interpretations,
        "/interpretations/",
        "interpretation_list.html",
        "政策解读",
        [],
        "interpretations",
        size,
        forms=FORMS,
    )
    for interp in site.interpretations:
        policy = site.policy_by_id[interp.policy]
        yield PageSpec(
            interp.url,
            "interpretation.html",
            interp.title,
            [("政策解读", "/interpretations/")],
            "interpretations",
            {
                "doc": interp,
                "body": bodies[interp.url],
                "policy": policy,
                "siblings": [i for i in site.interpretations_of.get(policy.id, []) if i.id != interp.id],
                "agency": site.agency(interp.issuer),
            },
        )

    # Topics and agencies.
    yield PageSpec("/topics/", "topic_index.html", "主题分类", [], "topics", {"facets": facets}, searchable=False)
    by_topic: dict[str, list[Policy]] = defaultdict(list)
    for policy in site.policies:
        for name in policy.topics:
            by_topic[name].append(policy)
    for topic in config.topics:
        yield from _listing_pages(
            by_topic.get(topic.name, []),
            topic.url,
            "policy_list.html",
            topic.name,
            [("主题分类", "/topics/")],
            "topics",
            size,
            facets=facets,
            current_facet=topic.url,
        )
    issued: list[Policy | Interpretation] = [*site.policies, *site.interpretations]
    yield PageSpec(
        "/agencies/",
        "agency_index.html",
        "发文机关",
        [],
        "agencies",
        {"counts": Counter(d.issuer for d in issued)},
        searchable=False,
    )
    by_issuer: dict[str, list[Document]] = defaultdict(list)  # one pass, not one per agency
    for doc in issued:
        by_issuer[doc.issuer].append(doc)
    for agency in config.agencies:
        docs: list[Document] = by_issuer.get(agency.name, [])
        docs.sort(key=lambda d: (d.published, d.kind, d.id), reverse=True)
        yield from _listing_pages(
            docs, agency.url, "document_list.html", agency.name, [("发文机关", "/agencies/")], "agencies", size
        )

    if site.pages:
        yield PageSpec(
            "/pages/",
            "facet_index.html",
            "网站信息",
            [],
            "pages",
            {"values": [(page.title, page.url, None) for page in site.pages]},
            searchable=False,
        )
    for page in site.pages:
        yield PageSpec(
            page.url,
            "page.html",
            page.title,
            [("网站信息", "/pages/")],
            "pages",
            {"doc": page, "body": bodies[page.url]},
        )

    yield PageSpec("/search/", "search.html", "站内搜索", [], "search", {"facets": facets}, searchable=False)
    yield PageSpec("/404.html", "404.html", "页面未找到", [], "", {}, searchable=False)


def template_globals(site: PublicSite) -> dict[str, Any]:
    """Site-wide names every template may use (the catalog tree is drawn on several page types)."""
    catalogs = {c.id: c for c in site.catalogs}

    def item_date(node: CatalogNode) -> str:
        dates = [d.published for d in site.documents_of.get(node.code, []) if d.published]
        updated = catalogs[node.catalog_id].updated
        best = max(dates) if dates else updated
        return best.isoformat() if best else "2000-01-01"

    return {
        "catalogs": site.catalogs,
        "nodes": site.nodes,
        "documents_of": site.documents_of,
        "count_under": site.count_under,
        "catalog_of": lambda node: catalogs[node.catalog_id],
        "item_date": item_date,
        "elements": ELEMENTS,
    }
