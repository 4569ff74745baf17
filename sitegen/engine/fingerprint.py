"""Fingerprints of what a page's template sees, computed without rendering it.

A page is rebuilt only when one of its inputs changed. Its inputs are
- the page specification and its context values, digested by value: a document that appears as a
  member (in a listing, a related list, a catalog item) counts with its metadata only, never its
  body, so editing a body rebuilds that document's page and not the listings that show its title;
  the page's own body counts through its :class:`DeferredBody` key;
- the sources of its template and of every template it extends, includes or imports;
- the template globals those templates use (the site configuration, the asset names ...);
- the entries of the public site's tables (``documents_of``, ``nodes`` ...) read while it rendered,
  recorded during rendering (as Lektor does) because a template decides what it looks up.

Anything this module cannot digest (a foreign object, a builtin function) gets a fresh random
digest, so a page that depends on it is always rebuilt: unknown never means unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import PurePath
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.defaults import DEFAULT_NAMESPACE

from sitegen.model.kinds import KIND
from sitegen.model.records import Document
from sitegen.model.site import PublicSite

# Document fields a listing never shows: a member counts by its metadata, not its text.
BODY_FIELDS = frozenset({"body", "body_line", "meta_lines", "text_digest"})
ALL = "*"  # a recorded read of a whole table

_reads: set[tuple[str, Any]] | None = None


def _note(table: str, key: Any) -> None:
    if _reads is not None:
        _reads.add((table, key))


@contextmanager
def recording() -> Iterator[set[tuple[str, Any]]]:
    """Collect the table reads made while rendering one page (and, once done, count them for an enclosing one)."""
    global _reads
    previous, _reads = _reads, set()
    try:
        yield _reads
    finally:
        if previous is not None:
            previous.update(_reads)
        _reads = previous


class RecordingDict(dict):
    """A public-site table that notes which keys a template looked up."""

    def __init__(self, table: str, data: dict):
        super().__init__(data)
        self.table = table

    def __getitem__(self, key: Any) -> Any:
        _note(self.table, key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        _note(self.table, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        _note(self.table, key)
        return super().__contains__(key)

    def _whole(self) -> None:
        _note(self.table, ALL)

    def __iter__(self):
        self._whole()
        return super().__iter__()

    def __len__(self) -> int:
        self._whole()
        return super().__len__()

    def keys(self):
        self._whole()
        return super().keys()

    def values(self):
        self._whole()
        return super().values()

    def items(self):
        self._whole()
        return super().items()


class RecordingList(list):
    """A public-site list whose every use counts as a read of the whole list."""

    def __init__(self, table: str, data: list):
        super().__init__(data)
        self.table = table

    def _whole(self) -> None:
        _note(self.table, ALL)

    def __iter__(self):
        self._whole()
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        self._whole()
        return super().__getitem__(index)

    def __len__(self) -> int:
        self._whole()
        return super().__len__()

    def __contains__(self, item: object) -> bool:
        self._whole()
        return super().__contains__(item)

    def __reversed__(self):
        self._whole()
        return super().__reversed__()


def record_reads(site: PublicSite) -> None:
    """Wrap the public site's tables so that reads made while rendering are recorded."""
    for f in dataclasses.fields(site):
        value = getattr(site, f.name)
        if f.name == "listed":  # one table per kind, named after its section
            for name, docs in value.items():
                value[name] = RecordingList(KIND[name].section, docs)
        elif type(value) is dict:
            setattr(site, f.name, RecordingDict(f.name, value))
        elif type(value) is list:
            setattr(site, f.name, RecordingList(f.name, value))


class DeferredBody:
    """A document's rendered body, produced on first use (in the worker that renders the page).

    ``key`` digests everything the body's HTML depends on except the link targets it looks up,
    which :func:`sitegen.parallel` records and the build checks separately.
    """

    def __init__(self, key: str, render: Callable[[], Any]):
        self.key = key
        self._render = render
        self._value: Any = None
        self._reads: frozenset[tuple[str, Any]] = frozenset()

    @property
    def rendered(self) -> Any:
        if self._value is None:
            with recording() as reads:
                self._value = self._render()
            self._reads = frozenset(reads)
        # Whoever uses the body depends on the link targets it read, also when it was rendered earlier (the Q&A
        # library reads every interpretation's body while the pages are planned, before any page is rendered).
        for table, key in self._reads:
            _note(table, key)
        return self._value

    def release(self) -> None:
        """Drop the rendered HTML once its page is written."""
        self._value = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.rendered, name)


def _unknown() -> bytes:
    return b"?" + os.urandom(16)


class Fingerprinter:
    """Digests of values by content; dataclass instances are digested once per build.

    A value becomes a list of tagged, length-prefixed tokens hashed once; the handler for each
    type is chosen on first sight and remembered (this runs for every page of every build).
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}
        self._handlers: dict[type, Callable[[list[str], Any], None]] = {}

    def digest(self, value: Any) -> bytes:
        out: list[str] = []
        self._feed(out, value)
        return hashlib.blake2b("\x1f".join(out).encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def entries_digest(self, table: RecordingDict, reads: Iterable[tuple[str, Any]]) -> str | None:
        """Digest of the entries of ``table`` that ``reads`` name (unnoted); None if they read anything else."""
        hasher = hashlib.blake2b(digest_size=16)
        for name, key in sorted(reads, key=repr):
            if name != table.table or key == ALL:
                return None
            value = dict.get(table, key)  # a table's values are records, never None
            hasher.update(repr(key).encode() + (b"-" if value is None else self.digest(value)))
        return hasher.hexdigest()

    def instance_digest(self, value: Any) -> str:
        """The token that stands for one dataclass instance in every digest that contains it, to be kept with the
        instance between builds and handed back to :meth:`known` (a record parsed once costs nothing after)."""
        out: list[str] = []
        self._feed(out, value)
        assert dataclasses.is_dataclass(value) and len(out) == 1, "only a dataclass instance has a token"
        return out[0]

    def known(self, value: Any, token: str) -> None:
        """Take ``token`` as the instance ``value``'s token without reading the value.

        The caller vouches for it: either :meth:`instance_digest` of an equal value (a record unpickled from the
        parse that made it; records are never changed after loading), or a digest of everything the value was
        computed from (``@`` plus the kind of computation, so it never equals a digest by value). Digesting every
        document and comparison again was most of the time of fingerprinting the pages of an edit."""
        self._memo[id(value)] = (value, token)

    def _feed(self, out: list[str], value: Any) -> None:
        kind = type(value)
        handler = self._handlers.get(kind)
        if handler is None:
            handler = self._handlers[kind] = self._handler(kind)
        handler(out, value)

    def _handler(self, kind: type) -> Callable[[list[str], Any], None]:  # noqa: C901 - one case per kind
        if kind is str:
            return lambda out, v: out.append(f"s{len(v)}:{v}")
        if kind in (int, float, bool, type(None)):
            return lambda out, v: out.append(f"{kind.__name__}:{v!r}")
        if kind is bytes:
            return lambda out, v: out.append(f"b:{v.hex()}")
        if issubclass(kind, (dt.date, dt.time)):
            return lambda out, v: out.append(f"d:{v.isoformat()}")
        if issubclass(kind, (PurePath, enum.Enum)):
            return lambda out, v: out.append(f"{kind.__name__}:{v}")
        if kind is DeferredBody:
            return lambda out, v: out.append(f"body:{v.key}")
        if kind in (RecordingDict, RecordingList):
            return lambda out, v: out.append(f"table:{v.table}")  # its reads are recorded per page
        if kind is PublicSite:
            return lambda out, v: out.append("public-site")  # every table of it records its reads
        if issubclass(kind, dict):
            return self._mapping
        if issubclass(kind, (list, tuple)):
            return self._sequence
        if issubclass(kind, (set, frozenset)):
            return lambda out, v: out.append("<" + ",".join(sorted(self.digest(i).hex() for i in v)) + ">")
        if dataclasses.is_dataclass(kind):
            skip = BODY_FIELDS if issubclass(kind, Document) else frozenset()
            names = tuple(f.name for f in dataclasses.fields(kind) if f.name not in skip)
            return lambda out, v: out.append(self._instance(v, names))
        if issubclass(kind, (types.FunctionType, types.MethodType)):
            return lambda out, v: out.append(self._function(v))
        return lambda out, v: out.append(_unknown().hex())

    def _mapping(self, out: list[str], value: dict) -> None:
        out.append(f"{{{len(value)}")
        memo = self._memo
        for key, item in value.items():
            self._feed(out, key)
            if (known := memo.get(id(item))) is not None and known[0] is item:
                out.append(known[1])
            else:
                self._feed(out, item)

    def _sequence(self, out: list[str], value: list | tuple) -> None:
        out.append(f"[{len(value)}")
        memo = self._memo
        for item in value:
            if type(item) is str:  # most items: inline the commonest cases, a string and a record seen before
                out.append(f"s{len(item)}:{item}")
            elif (known := memo.get(id(item))) is not None and known[0] is item:
                out.append(known[1])
            else:
                self._feed(out, item)

    def _instance(self, value: Any, names: tuple[str, ...]) -> str:
        memo = self._memo.get(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        out = [type(value).__qualname__]
        for name in names:
            item = getattr(value, name)
            kind = type(item)
            if kind is str:
                out.append(f"{name}=s{len(item)}:{item}")
            elif item is None or kind is bool or kind is int:
                out.append(f"{name}={item!r}")
            else:
                out.append(name)
                self._feed(out, item)
        digest = "@" + hashlib.blake2b("\x1f".join(out).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        self._memo[id(value)] = (value, digest)
        return digest

    def _function(self, value: Any) -> str:
        """A function by its name, the values it closes over and the object it is bound to."""
        function = getattr(value, "__func__", value)
        if function.__module__ is None or not function.__module__.startswith("sitegen"):
            return _unknown().hex()
        out = [f"fn:{function.__module__}.{function.__qualname__}"]
        for cell in function.__closure__ or ():
            self._feed(out, cell.cell_contents)
        if isinstance(value, types.MethodType):
            self._feed(out, value.__self__)
        return hashlib.blake2b("\x1f".join(out).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class _NameTracker(meta.TrackingCodeGenerator):
    """Jinja's tracker leaves out the environment's globals; a page depends on exactly those too."""

    def enter_frame(self, frame: Frame) -> None:
        CodeGenerator.enter_frame(self, frame)
        self.undeclared_identifiers.update(
            param for action, param in frame.symbols.loads.values() if action == "resolve"
        )


def names_looked_up(env: jinja2.Environment, tree: nodes.Template) -> frozenset[str]:
    """Every name a template resolves from its context at run time, globals included."""
    tracker = _NameTracker(env)
    tracker.visit(tree)
    return frozenset(tracker.undeclared_identifiers)


class TemplateInputs:
    """For each template: a digest of its source and the sources it pulls in, and the globals they use.

    ``memo`` maps a template source's digest to the names it leaves undeclared and the templates it
    references (parsing is the slow part); the build keeps it in the cache between builds.
    """

    def __init__(
        self,
        env: jinja2.Environment,
        fingerprinter: Fingerprinter,
        memo: dict[str, tuple[frozenset[str], tuple[str | None, ...]]] | None = None,
    ):
        self.env = env
        self.fp = fingerprinter
        self.memo = memo if memo is not None else {}
        self._sources: dict[str, str] = {}  # template name -> source digest
        self._templates: dict[str, tuple[str, frozenset[str]]] = {}
        self._globals: dict[str, bytes] = {}

    def _read(self, name: str) -> tuple[str, frozenset[str], tuple[str | None, ...]]:
        if name not in self._sources:
            assert self.env.loader is not None  # the theme's templates
            source, _, _ = self.env.loader.get_source(self.env, name)
            digest = hashlib.blake2b(source.encode(), digest_size=16).hexdigest()
            if digest not in self.memo:
                tree = self.env.parse(source)
                self.memo[digest] = (names_looked_up(self.env, tree), tuple(meta.find_referenced_templates(tree)))
            self._sources[name] = digest
        digest = self._sources[name]
        return (digest, *self.memo[digest])

    def of(self, name: str) -> tuple[str, frozenset[str]]:
        if name not in self._templates:
            hasher = hashlib.blake2b(digest_size=16)
            names: set[str] = set()
            seen: set[str] = set()
            queue = [name]
            while queue:
                current = queue.pop()
                if current in seen:
                    continue
                seen.add(current)
                digest, undeclared, references = self._read(current)
                hasher.update(f"{current}\0{digest}\0".encode())
                names |= undeclared
                if None in references:  # a computed template name: depend on every template and global
                    queue.extend(self.env.list_templates())
                    names |= set(self.env.globals)
                queue.extend(sorted(r for r in references if r is not None))
            used = frozenset(n for n in names if n in self.env.globals)
            self._templates[name] = (hasher.hexdigest(), used)
        return self._templates[name]

    def global_digest(self, name: str) -> bytes:
        if name not in self._globals:
            value = self.env.globals[name]
            constant = DEFAULT_NAMESPACE.get(name) is value
            self._globals[name] = b"jinja-default" if constant else self.fp.digest(value)
        return self._globals[name]
