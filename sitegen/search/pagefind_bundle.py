"""Pagefind's output folder (the bundle): read its pages back, and make it byte-identical between builds.

Pagefind 1.5 writes each filter's values in hash-map order, so two builds of the same site differ in
``filter/*.pf_filter``, in the ``.pf_meta`` file that names them and in ``pagefind-entry.json``
that names the meta file. :func:`canonicalise` sorts the values, renames the rewritten files after a
hash of their new content (they are cached as immutable by name) and updates the references.
Every other file is left as Pagefind wrote it.

Bundle files are gzip of ``b"pagefind_dcd"`` followed by CBOR (index data) or JSON (fragments).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.store import cbor

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# Positions in Pagefind 1.5's meta record: [version, pages, index chunks, filters, sorts, meta fields].
META_PAGES = 1
META_FILTERS = 3


class BundleError(Exception):
    """The bundle is not in the format this module knows (another Pagefind version, a damaged file)."""


@dataclass(frozen=True)
class Fragment:
    """One indexed page as Pagefind stored it; ``content`` has U+200B between the indexer's words."""

    id: str
    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]


def read_packed(path: Path) -> bytes:
    try:
        packed = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"{path.name}: not a Pagefind file ({exc})") from None
    return unpack(path.name, packed)


def unpack(name: str, packed: bytes) -> bytes:
    """The payload of a Pagefind file's bytes (``name`` is for the message)."""
    try:
        data = gzip.decompress(packed)
    except (OSError, EOFError) as exc:
        raise BundleError(f"{name}: not a Pagefind file ({exc})") from None
    if not data.startswith(SIGNATURE):
        raise BundleError(f"{name}: missing the Pagefind signature")
    return data[len(SIGNATURE) :]


def write_packed(path: Path, payload: bytes) -> None:
    # mtime=0 keeps the gzip header, and so the file, identical between builds.
    path.write_bytes(gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0))


def _decode_checked(path: Path) -> Any:
    """Decode a CBOR file, refusing any file this module could not write back unchanged."""
    payload = read_packed(path)
    try:
        value = cbor.decode(payload)
    except (cbor.CborError, UnicodeDecodeError) as exc:
        raise BundleError(f"{path.name}: {exc}") from None
    if cbor.encode(value) != payload:
        raise BundleError(f"{path.name}: the CBOR encoding is not the canonical one this module writes")
    return value


def _entry(bundle: Path) -> dict[str, Any]:
    try:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        entry["languages"].items()
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        raise BundleError(f"{ENTRY}: {exc}") from None
    return entry


def _meta_path(bundle: Path, meta_hash: str) -> Path:
    return bundle / f"pagefind.{meta_hash}.pf_meta"


def _load_meta(bundle: Path, meta_hash: str) -> list[Any]:
    path = _meta_path(bundle, meta_hash)
    meta = _decode_checked(path)
    if (
        not isinstance(meta, list)
        or len(meta) <= META_FILTERS
        or not isinstance(meta[0], str)
        or not meta[0].startswith("1.5.")
        or not isinstance(meta[META_FILTERS], list)
        or not all(isinstance(f, list) and len(f) == 2 for f in meta[META_FILTERS])
    ):
        raise BundleError(f"{path.name}: not a Pagefind 1.5 meta record")
    return meta


def _name(language: str, payload: bytes, length: int, taken: set[str]) -> str:
    """``<language>_<hex digest>``, as Pagefind names its files; lengthened on a collision."""
    digest = hashlib.sha256(payload).hexdigest()
    while f"{language}_{digest[:length]}" in taken:
        length += 1
    name = f"{language}_{digest[:length]}"
    taken.add(name)
    return name


def _canonical_language(bundle: Path, language: str, meta_hash: str) -> str:
    meta = _load_meta(bundle, meta_hash)
    taken: set[str] = set()
    filters = []
    for filter_name, old_hash in sorted(meta[META_FILTERS]):
        old = bundle / "filter" / f"{old_hash}.pf_filter"
        index = _decode_checked(old)
        if not (isinstance(index, list) and len(index) == 2 and isinstance(index[1], list)):
            raise BundleError(f"{old.name}: not a Pagefind filter index")
        index[1].sort(key=lambda value: value[0])
        payload = cbor.encode(index)
        new_hash = _name(language, payload, 7, taken)
        old.unlink()
        write_packed(bundle / "filter" / f"{new_hash}.pf_filter", payload)
        filters.append([filter_name, new_hash])
    meta[META_FILTERS] = filters
    payload = cbor.encode(meta)
    new_meta = _name(language, payload, 13, set())
    _meta_path(bundle, meta_hash).unlink()
    write_packed(_meta_path(bundle, new_meta), payload)
    return new_meta


def canonicalise(bundle: Path) -> None:
    """Rewrite the order-dependent files of a Pagefind bundle so that equal input gives equal bytes."""
    entry = _entry(bundle)
    languages = {}
    for language, info in sorted(entry["languages"].items()):
        info["hash"] = _canonical_language(bundle, language, info["hash"])
        languages[language] = info
    entry["languages"] = languages
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def fragment_paths(bundle: Path) -> list[Path]:
    """The fragment file of every indexed page, in Pagefind's page order (language by language)."""
    return [
        bundle / "fragment" / f"{page_hash}.pf_fragment"
        for _language, info in sorted(_entry(bundle)["languages"].items())
        for page_hash, _word_count in _load_meta(bundle, info["hash"])[META_PAGES]
    ]


def read_fragment(path: Path, packed: bytes | None = None) -> Fragment:
    """One indexed page from its fragment file (or from that file's bytes, already read)."""
    try:
        payload = read_packed(path) if packed is None else unpack(path.name, packed)
        data = json.loads(payload.decode("utf-8"))
        return Fragment(path.stem, data["url"], data["content"], data.get("meta", {}), data.get("filters", {}))
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleError(f"{path.name}: {exc}") from None


def fragments(bundle: Path) -> list[Fragment]:
    """Every indexed page, in Pagefind's page order (language by language)."""
    return [read_fragment(path) for path in fragment_paths(bundle)]


def pagefind_start(bundle: Path, language: str) -> tuple[str, str]:
    """URLs of what Pagefind loads before its first search for ``language``, chosen the way pagefind.js
    chooses (findIndex: the language, its primary subtag, else the language with most pages)."""
    languages = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    key = language.lower()
    index = languages.get(key) or languages.get(key.split("-")[0])
    index = index or max(languages.values(), key=lambda entry: entry["page_count"])
    base = "/" + bundle.name + "/"
    return base + f"pagefind.{index['hash']}.pf_meta", base + f"wasm.{index['wasm'] or 'unknown'}.pagefind"
