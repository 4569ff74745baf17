"""Property tests: whatever an editor saves, sitegen answers with diagnostics, never with a traceback."""

from __future__ import annotations

import datetime as dt
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import ConfigError, build, plan
from sitegen.diagnostics.core import BuildFailed, Diagnostics
from sitegen.model.records import Policy
from sitegen.model.spec import schema
from tests.sitefactory import REVIEW, front_matter
from tests.test_rule_codes import add_theme

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(
        [
            "public",
            "主动公开",
            "withheld",
            "in_force",
            "已废止",
            "2024-13-45",
            "010101",
            "../x",
            "",
            "测试区人民政府",
            "综合政务",
            "a.pdf",
            "\x00",
            "13912345678",
            "---",
            "*a",
            "&a",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["date", "by", "title", "file", "value", "reason"]) | st.text(max_size=8), inner, max_size=4
        )
    ),
    max_leaves=12,
)
keys = st.sampled_from(sorted(schema(Policy))) | st.text(max_size=12)
markdown = st.text(
    alphabet=st.sampled_from(list("#>*-_[]()!`|<>/\\:\n 0123456789abc中文\t&;\"'=.md")) | st.characters(), max_size=300
) | st.builds(
    lambda marker, n: marker * n + "x\n",
    st.sampled_from(["- ", "1. ", "> ", "    ", "<div>", "*", "[", "#"]),
    st.integers(0, 3000),
)

BASE = {
    "title": "测试区人民政府关于随机的通知",
    "issuer": "测试区人民政府",
    "written": dt.date(2025, 3, 1),
    "published": dt.date(2025, 3, 3),
    "catalog": ["010101"],
    "disclosure": "public",
    "review": REVIEW,
    "interpretation_required": False,
    "no_interpretation_reason": "测试",
}


def checked(factory) -> Diagnostics | None:
    """Load and plan like ``sitegen check``; any exception but a collected failure fails the test."""
    try:
        loaded = factory.load()
        plan(loaded)
        return loaded.diagnostics
    except (BuildFailed, ConfigError) as exc:
        assert exc.diagnostics.errors, "a failed run must say why"
        return exc.diagnostics


def assert_clean(diags: Diagnostics | None) -> None:
    for d in diags.items if diags else []:
        assert re.fullmatch(r"SG\d{3}", d.code), d
        assert d.path and d.zh and d.en, d
        assert d.line is None or d.line >= 1, d
        assert "Traceback" not in d.zh + d.en


@SETTINGS
@given(
    changes=st.dictionaries(keys, values, max_size=6),
    removed=st.sets(st.sampled_from(sorted(BASE)), max_size=3),
    body=markdown,
)
def test_random_front_matter_and_body_give_diagnostics_only(factory, changes, removed, body):
    meta = {k: v for k, v in {**BASE, **changes}.items() if k not in removed}
    try:
        text = front_matter(meta, body)
    except (yaml.YAMLError, TypeError, ValueError):
        return  # not representable as YAML at all; nothing an editor could save
    factory.write("content/policies/random.md", text)
    assert_clean(checked(factory))


@SETTINGS
@given(data=st.binary(max_size=600), prefix=st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf---\r\n", b"---\ntitle: "]))
def test_random_bytes_in_a_document_give_diagnostics_only(factory, data, prefix):
    factory.write("content/policies/random.md", prefix + data)
    assert_clean(checked(factory))


@SETTINGS
@given(
    data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode),
    target=st.sampled_from(["site.yaml", "catalogs/main.yaml", "content/interpretations/random.md"]),
)
def test_random_bytes_in_config_and_catalogs_give_diagnostics_only(factory, data, target):
    factory.policy("a")
    original = (factory.root / target).read_bytes() if (factory.root / target).exists() else None
    factory.write(target, data)
    try:
        assert_clean(checked(factory))
    finally:
        if original is not None:
            factory.write(target, original)


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=st.text(min_size=1, max_size=60), body=markdown)
def test_random_titles_and_bodies_build_or_fail_cleanly(factory, tmp_path, title, body):
    """Through rendering too: a checked site either builds or fails with diagnostics."""
    add_theme(factory)
    factory.policy("a", title=title, body=body)
    try:
        build(factory.root / "site.yaml", tmp_path / "out", today=dt.date(2026, 1, 1), search=False)
    except (BuildFailed, ConfigError) as exc:
        assert_clean(exc.diagnostics)
