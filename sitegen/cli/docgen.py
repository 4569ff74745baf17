"""Generated parts of docs/*.md: the key tables of docs/content.md (one per document kind) and of docs/config.md.

The tables come from the declarations (:mod:`sitegen.model.spec`): run ``python -m sitegen.cli.docgen``
after changing one; ``--check`` exits with 1 when a committed file differs from what they generate (the
test suite checks the same). A generated table sits between ``<!-- generated: NAME -->`` and
``<!-- end generated -->``; everything around it is written by hand.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from sitegen.model.config import config_keys
from sitegen.model.kinds import KINDS
from sitegen.model.spec import Field, schema
from sitegen.model.values import Choice

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
BLOCK = re.compile(r"(<!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end generated -->)", re.S)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def key_row(name: str, spec: Field, section: str = "") -> str:
    meaning = spec.label
    if spec.doc:
        meaning += "：" + spec.doc.replace("<section>", section)
    if isinstance(spec.convert, Choice):
        meaning += "。可选：" + "、".join(f"`{k}` {label}" for k, label in spec.convert.labels.items())
    required = "是" if spec.required else spec.required_doc
    return f"| `{name}` | {_cell(required)} | {_cell(meaning)} |"


def key_table(keys: dict[str, Field], section: str = "", heading: str = "字段 key") -> str:
    rows = [f"| {heading} | 必填 | 含义 |", "| --- | --- | --- |"]
    rows += [key_row(name, spec, section) for name, spec in keys.items()]
    return "\n".join(rows) + "\n"


def blocks() -> dict[str, Callable[[], str]]:
    """Generated block name -> its text."""
    result: dict[str, Callable[[], str]] = {}
    for kind in KINDS:
        result[f"fields-{kind.name}"] = lambda kind=kind: key_table(schema(kind.record), kind.section)  # type: ignore[misc]
    result["config-keys"] = lambda: key_table(config_keys(), heading="键 key")
    return result


def generate(text: str, made: dict[str, Callable[[], str]]) -> str:
    """``text`` with every generated block replaced by what the declarations say now."""

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in made:
            raise KeyError(f"unknown generated block {name!r}")
        return match.group(1) + made[name]() + match.group(4)

    return BLOCK.sub(replace, text)


FILES = ("content.md", "services.md", "config.md")


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    made = blocks()
    stale = []
    for name in FILES:
        path = DOCS / name
        text = path.read_text(encoding="utf-8")
        fresh = generate(text, made)
        if fresh != text:
            stale.append(name)
            if not check:
                path.write_text(fresh, encoding="utf-8")
    if check and stale:
        print(f"生成的文档已过期 generated docs are stale: {', '.join(stale)}; run python -m sitegen.cli.docgen")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
