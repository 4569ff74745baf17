"""The package's shape: layers import only downward, no private names cross modules, no import cycles, no module
over 400 lines.

The layers, lowest first. A module may import its own layer and the layers below it; ``build`` is the
pipeline and ``cli`` the commands on top of it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sitegen"
LAYERS = [
    {"diagnostics", "model", "store", "data"},
    {"load"},
    {"checks"},
    {"render"},
    {"outputs"},
    {"search"},
    {"engine"},
    {"build"},
    {"cli", "__main__"},
]


def rank(module: str) -> int:
    """The layer of ``sitegen.X...``; the package root (``__version__``) is below everything."""
    parts = module.split(".")
    if len(parts) == 1:
        return -1
    return next(i for i, layer in enumerate(LAYERS) if parts[1] in layer)


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports() -> dict[str, set[tuple[str, str]]]:
    """Each module -> the (module, name) pairs it imports from sitegen, at any depth of the file."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "sitegen":
                for alias in node.names:
                    found[name].add((node.module, alias.name))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "sitegen":
                        found[name].add((alias.name, ""))
    return found


def test_every_module_belongs_to_a_layer():
    for path in PACKAGE.rglob("*.py"):
        rank(module_name(path))  # raises StopIteration for a folder no layer names


def test_layers_import_only_downward():
    upward = [
        f"{module} imports {target}"
        for module, targets in imports().items()
        for target, _ in targets
        if rank(target) > rank(module)
    ]
    assert upward == []


def test_no_private_names_cross_modules():
    private = [
        f"{module} imports {target}.{name}"
        for module, targets in imports().items()
        for target, name in targets
        if name.startswith("_") and not name.startswith("__") and target != module
    ]
    assert private == []


def test_no_import_cycles():
    graph: dict[str, set[str]] = defaultdict(set)
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    for module, targets in imports().items():
        for target, name in targets:
            submodule = f"{target}.{name}"
            # ``from sitegen.load import fields`` imports a module; ``from sitegen.x import y`` a name of x
            graph[module].add(submodule if submodule in modules else target)
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if nxt == node or nxt not in modules:
                continue
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(modules):
        if module not in state:
            visit(module, [module])
    assert cycles == []


MAX_LINES = 400  # a module longer than this holds more than one concern: split it by concern


def test_modules_are_small():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
