"""The small subset of CBOR (RFC 8949) that Pagefind's index files use.

Integers, byte and text strings, arrays and maps, all of definite length. Encoding always picks the
shortest head, as Pagefind's encoder (minicbor) does, so that ``encode(decode(data)) == data`` for
the files we rewrite; callers check that round trip before trusting this module with a file.
"""

from __future__ import annotations

from typing import Any


class CborError(ValueError):
    pass


def decode(data: bytes) -> Any:
    value, end = _decode(data, 0)
    if end != len(data):
        raise CborError(f"{len(data) - end} trailing bytes after the CBOR item")
    return value


def _head(data: bytes, pos: int) -> tuple[int, int, int]:
    if pos >= len(data):
        raise CborError("truncated CBOR item")
    major, info = data[pos] >> 5, data[pos] & 0x1F
    pos += 1
    if info < 24:
        return major, info, pos
    if info > 27:
        raise CborError(f"unsupported CBOR head {data[pos - 1]:#x} (indefinite length or reserved)")
    size = 1 << (info - 24)
    if pos + size > len(data):
        raise CborError("truncated CBOR item")
    return major, int.from_bytes(data[pos : pos + size], "big"), pos + size


def _decode(data: bytes, pos: int) -> tuple[Any, int]:
    major, arg, pos = _head(data, pos)
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        if pos + arg > len(data):
            raise CborError("truncated CBOR string")
        raw = bytes(data[pos : pos + arg])
        return (raw if major == 2 else raw.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        mapping = {}
        for _ in range(arg):
            key, pos = _decode(data, pos)
            mapping[key], pos = _decode(data, pos)
        return mapping, pos
    raise CborError(f"unsupported CBOR major type {major}")


def _encode_head(major: int, arg: int, out: bytearray) -> None:
    if arg < 24:
        out.append(major << 5 | arg)
        return
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            out.append(major << 5 | info)
            out += arg.to_bytes(size, "big")
            return
    raise CborError(f"integer {arg} does not fit in CBOR")


def _encode(value: Any, out: bytearray) -> None:
    if isinstance(value, bool) or value is None:
        raise CborError(f"unsupported CBOR value {value!r}")
    if isinstance(value, int):
        _encode_head(0, value, out) if value >= 0 else _encode_head(1, -1 - value, out)
    elif isinstance(value, bytes):
        _encode_head(2, len(value), out)
        out += value
    elif isinstance(value, str):
        raw = value.encode("utf-8")
        _encode_head(3, len(raw), out)
        out += raw
    elif isinstance(value, list):
        _encode_head(4, len(value), out)
        for item in value:
            _encode(item, out)
    elif isinstance(value, dict):
        _encode_head(5, len(value), out)
        for key, item in value.items():
            _encode(key, out)
            _encode(item, out)
    else:
        raise CborError(f"unsupported CBOR value of type {type(value).__name__}")


def encode(value: Any) -> bytes:
    out = bytearray()
    _encode(value, out)
    return bytes(out)
