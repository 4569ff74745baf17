"""The registry of document kinds: every per-kind list is derived from it, and it covers every record class."""

from __future__ import annotations

import dataclasses

from sitegen.model import records
from sitegen.model.kinds import KIND, KINDS, search_types
from sitegen.model.site import PublicSite, SiteModel
from sitegen.render.feedplan import SECTION_FEEDS


def test_every_document_record_is_a_declared_kind_and_names_are_unique():
    declared = {kind.record for kind in KINDS}
    documents = {
        cls
        for cls in vars(records).values()
        if isinstance(cls, type) and issubclass(cls, records.Document) and cls is not records.Document
    }
    assert documents == declared
    for attr in ("name", "section", "label", "template"):
        values = [getattr(kind, attr) for kind in KINDS]
        assert len(values) == len(set(values)), attr
    assert all(KIND[kind.name] is kind for kind in KINDS)


def test_site_model_and_public_view_have_one_table_per_kind_in_declared_order(factory):
    model = SiteModel(config=None, catalogs=[], nodes={})  # type: ignore[arg-type]
    assert list(model.tables()) == [kind.name for kind in KINDS]
    assert "listed" in {f.name for f in dataclasses.fields(PublicSite)}


def test_derived_lists_follow_the_declarations():
    assert {k.section: f"/{k.section}/" for k in KINDS if k.feed} == SECTION_FEEDS
    assert set(SECTION_FEEDS) == {"policies", "interpretations", "consultations", "packages"}
    # Ranked search types lead the facet: the documents first, then pages and catalog items.
    assert search_types() == ["政策文件", "政策解读", "页面", "目录事项"]
    assert [k.name for k in KINDS if k.has_body] == [
        "policy",
        "interpretation",
        "page",
        "consultation",
        "event",
        "package",
    ]
    assert [k.name for k in KINDS if not k.in_feeds] == ["page", "package"]
