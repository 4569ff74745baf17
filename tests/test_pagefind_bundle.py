"""The Pagefind bundle: the CBOR subset, reading pages back and the canonical (deterministic) form."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.search.pagefind_bundle import (
    ENTRY,
    META_FILTERS,
    BundleError,
    canonicalise,
    fragments,
    read_packed,
    write_packed,
)
from sitegen.store import cbor

values = st.recursive(
    st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text() | st.binary(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=5), children, max_size=5),
    max_leaves=20,
)


@given(values)
def test_cbor_round_trips(value):
    assert cbor.decode(cbor.encode(value)) == value


def test_cbor_uses_the_shortest_head():
    assert cbor.encode(23) == b"\x17"
    assert cbor.encode(24) == b"\x18\x18"
    assert cbor.encode(256) == b"\x19\x01\x00"
    assert cbor.encode(-1) == b"\x20"
    assert cbor.encode("政") == b"\x63" + "政".encode()


@pytest.mark.parametrize("data", [b"\x9f\x01\xff", b"\x82\x01", b"\x01\x02", b"\xf5"])
def test_cbor_refuses_what_it_does_not_know(data):
    with pytest.raises(cbor.CborError):
        cbor.decode(data)


def _meta(bundle: Path) -> tuple[Path, list]:
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    meta_hash = entry["languages"]["zh-cn"]["hash"]
    path = bundle / f"pagefind.{meta_hash}.pf_meta"
    return path, cbor.decode(read_packed(path))


def _scramble(bundle: Path) -> None:
    """Write the filter files the way another Pagefind run might: other value order, other names."""
    meta_path, meta = _meta(bundle)
    shuffled = []
    for number, (name, file_hash) in enumerate(reversed(meta[META_FILTERS])):
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        index = cbor.decode(read_packed(path))
        index[1].reverse()
        path.unlink()
        write_packed(bundle / "filter" / f"zh-cn_scrambled{number}.pf_filter", cbor.encode(index))
        shuffled.append([name, f"zh-cn_scrambled{number}"])
    meta[META_FILTERS] = shuffled
    meta_path.unlink()
    write_packed(bundle / "pagefind.zh-cn_scrambledmeta.pf_meta", cbor.encode(meta))
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    entry["languages"]["zh-cn"]["hash"] = "zh-cn_scrambledmeta"
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


def _files(bundle: Path) -> dict[str, bytes]:
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def test_canonical_form_does_not_depend_on_the_order_pagefind_wrote(demo_site, tmp_path):
    bundle = tmp_path / "pagefind"
    shutil.copytree(demo_site / "pagefind", bundle)
    _scramble(bundle)
    assert _files(bundle) != _files(demo_site / "pagefind")
    canonicalise(bundle)
    assert _files(bundle) == _files(demo_site / "pagefind")


def test_canonical_filters_are_sorted_and_still_name_real_files(demo_site):
    bundle = demo_site / "pagefind"
    _, meta = _meta(bundle)
    names = [name for name, _ in meta[META_FILTERS]]
    assert names == sorted(names) and {"type", "topic", "issuer", "year", "validity"} <= set(names)
    for name, file_hash in meta[META_FILTERS]:
        index = cbor.decode(read_packed(bundle / "filter" / f"{file_hash}.pf_filter"))
        assert index[0] == name
        assert [v[0] for v in index[1]] == sorted(v[0] for v in index[1])
    assert len(list((bundle / "filter").iterdir())) == len(names)


def test_fragments_are_read_back_in_page_order(demo_site):
    pages = fragments(demo_site / "pagefind")
    _, meta = _meta(demo_site / "pagefind")
    assert [p.id for p in pages] == [h for h, _ in meta[1]]
    policy = next(p for p in pages if p.url.startswith("/policies/2025-lowincome-rules/"))
    assert policy.meta["type"] == "政策文件" and policy.filters["validity"] == ["现行有效"]
    assert "\u200b" in policy.content, "the indexer's word boundaries are kept in the content"


def test_an_unknown_bundle_is_refused_clearly(demo_site, tmp_path):
    bundle = tmp_path / "pagefind"
    shutil.copytree(demo_site / "pagefind", bundle)
    meta_path, meta = _meta(bundle)
    meta[0] = "2.0.0"
    write_packed(meta_path, cbor.encode(meta))
    with pytest.raises(BundleError, match="not a Pagefind 1.5 meta record"):
        canonicalise(bundle)
    meta_path.write_bytes(b"not gzip")
    with pytest.raises(BundleError, match="not a Pagefind file"):
        canonicalise(bundle)
