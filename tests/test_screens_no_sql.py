"""No SQL in screens (docs/architecture.md): every module under citizenship_app/ui reaches the
store only through core functions. Checked on the syntax tree, so that comments and the words
of the interface ("Select a class") do not count, and both the calls that run SQL and SQL text
written anywhere in a screen do."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[1] / "citizenship_app" / "ui"
#: sqlite3 and sqlite-utils calls that run SQL (a table's rows are written through `db["t"]`).
SQL_CALLS = {"execute", "executemany", "executescript", "query"}
SQL_TEXT = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA|CREATE\s+TABLE)\b")


def sql_in(source: str) -> list[str]:
    """Where a module runs or writes SQL: `line: what`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in SQL_CALLS:
            found.append(f"{node.lineno}: .{node.func.attr}(")
        elif isinstance(node, ast.Subscript) and _names_db(node.value):
            found.append(f"{node.lineno}: db[...]")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.search(node.value):
            found.append(f"{node.lineno}: {node.value.strip()[:60]!r}")
    return found


def _names_db(node) -> bool:
    """`db` or `anything.db`: the store (a sqlite-utils Database)."""
    return getattr(node, "id", None) == "db" or getattr(node, "attr", None) == "db"


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: p.relative_to(UI).as_posix())
def test_no_screen_runs_or_writes_sql(path):
    assert sql_in(path.read_text(encoding="utf-8")) == [], (
        f"SQL in {path.name}: move it behind a core function"
    )


@pytest.mark.parametrize(
    "source",
    [
        'rows = self.kiosk.db.execute("SELECT 1").fetchall()',
        "names = dict(db.query(sql))",
        'SQL = "SELECT sourced_id FROM classes WHERE tier = ?"',
        'db.executescript(f"DELETE FROM settings WHERE key = {key!r}")',
        'self.kiosk.db["people"].insert({"id": 1})',
    ],
)
def test_the_check_finds_sql(source):
    assert sql_in(source)


def test_the_words_of_the_interface_are_not_sql():
    assert sql_in('label(translate("Kiosk", "Select a class, then update the list."))') == []
    assert sql_in('self.code.insert("4")') == []  # QLineEdit.insert
