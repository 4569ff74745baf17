"""Outputs made from the whole site (feeds, open data, the sitemap) kept from the last build while what they are
made of is unchanged, so that an edit costs the outputs it changes, not all of them.

Each such output is written as ``render(view)``: ``view`` is a plain value (tuples, strings, numbers, dates)
holding everything the file shows, made cheaply from the public site, and ``render`` a function of the view
alone. The digest of the view's ``repr`` is the output's key. When the key equals the one the last committed
build recorded for that path and the live folder still holds that build's file, the file is published as it is
(a hard link, :meth:`StagedOutput.keep`) and ``render`` is not called. ``repr`` of such values is exact and
deterministic; a value whose ``repr`` is not (an object with an address in it) only makes the key differ every
time, which costs a render, never a stale file. The keys are saved only with a committed build
(:mod:`sitegen.engine.session`), and sitegen's own code keys the whole cache, so a changed renderer never meets
an old key.

Large JSON files are also made from memoised parts (:class:`JsonParts`): a list of records serialised one record
at a time, each record's text kept by the digest of the record, so that an edit re-serialises the records it
changed (``json.dumps`` with ``indent`` runs in pure Python: 0.4 s for the exports at 1,000 documents).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from sitegen.store.staging import StagedOutput

View = TypeVar("View")


def view_key(view: object) -> str:
    """The digest of a view: equal views, equal keys (``repr`` of plain values is exact)."""
    return hashlib.blake2b(repr(view).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class OutputMemo:
    """The keys (and JSON parts) of the memoised outputs: those of the last committed build in, this build's out."""

    def __init__(self, known: dict[str, str] | None = None, parts: dict[str, dict[str, str]] | None = None):
        self.known = known or {}
        self.known_parts = parts or {}
        self.keys: dict[str, str] = {}  # this build's: path -> key
        self.parts: dict[str, dict[str, str]] = {}  # this build's: path -> record key -> text
        self.rendered: list[str] = []  # paths rendered by this build (the rest were kept)

    def write(
        self, out: StagedOutput, path: str, view: View, render: Callable[[View], str | bytes], key: str | None = None
    ) -> None:
        """Publish ``render(view)`` at ``path``, or the live file when it was made from an equal view.

        ``key``: the view's key when the caller has it (two files of one view), made by :func:`view_key` of the
        view or of a lossless plain copy of it (named tuples' ``repr`` runs in Python: tuples' does not)."""
        key = key or view_key(view)
        self.keys[path] = key
        if self.known.get(path) == key and out.keep(path):
            return
        out.write(path, render(view))
        self.rendered.append(path)

    def write_json(self, out: StagedOutput, path: str, data: dict[str, Any]) -> None:
        """:meth:`write` of ``data`` as indented JSON, made of the record texts kept for ``path``."""
        parts = JsonParts(self.known_parts.get(path, {}))
        self.write(out, path, data, parts.dumps)
        # A kept file keeps its parts: they are right for any later build whose records they match.
        self.parts[path] = parts.used if path in self.rendered else self.known_parts.get(path, {})

    def parts_changed(self) -> bool:
        """Whether the JSON parts need saving (they are megabytes at 10,000 documents: not on every build)."""
        return any(path.endswith(".json") for path in self.rendered) or set(self.parts) != set(self.known_parts)


class JsonParts:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` of a dict, with the records of its lists of records
    serialised once per distinct record."""

    def __init__(self, known: dict[str, str]):
        self.known = known
        self.used: dict[str, str] = {}  # record key -> text, of this build (what the next build gets)
        self.made = 0  # records serialised by this build

    def _record(self, record: dict[str, Any]) -> str:
        key = view_key(record)
        text = self.used.get(key) or self.known.get(key)
        if text is None:
            text = json.dumps(record, ensure_ascii=False, indent=2)
            self.made += 1
        self.used[key] = text
        return text

    def dumps(self, data: dict[str, Any]) -> str:
        """The text ``json.dumps`` gives, with a final newline (tests/test_output_memo.py compares the two).

        JSON text never holds a raw line break (strings escape it), so indenting a record's text by a level is
        a replacement of its line breaks."""
        members = []
        for name, value in data.items():
            head = "  " + json.dumps(name, ensure_ascii=False) + ": "
            if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
                items = ["    " + self._record(item).replace("\n", "\n    ") for item in value]
                members.append(head + "[\n" + ",\n".join(items) + "\n  ]")
            else:
                members.append(head + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        return "{\n" + ",\n".join(members) + "\n}\n" if members else "{}\n"
