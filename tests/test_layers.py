"""The core is Qt-free: no module of `core` imports PySide6, `reports`, `ui`, `commands` or `cli`,
not even inside a function (a lazy import still ties the layers together and made a cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

import citizenship_app.core

CORE = Path(citizenship_app.core.__file__).parent
FORBIDDEN = (
    "PySide6",
    "citizenship_app.reports",
    "citizenship_app.ui",
    "citizenship_app.commands",
    "citizenship_app.cli",
)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative to citizenship_app.core
                base = ["citizenship_app", "core"][: 3 - node.level] if node.level <= 2 else []
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found += [(node.lineno, f"{name}.{a.name}" if not node.module else name) for a in node.names]
    return found


def test_core_imports_no_qt_and_no_upper_layer():
    bad = [
        f"{path.name}:{line} imports {name}"
        for path in sorted(CORE.glob("*.py"))
        for line, name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert bad == []
