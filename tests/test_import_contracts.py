"""The layers of docs/architecture.md, enforced: `lint-imports` with the contracts in
pyproject.toml ([tool.importlinter]) passes, and a copy of the code that breaks a contract
(with an import inside a function, which the tool sees too) fails it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """`lint-imports` over the package in `root` (found first on the path), with its config."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy(tmp_path) -> Path:
    """The package and its pyproject.toml, copied to change freely."""
    shutil.copytree(
        ROOT / "citizenship_app", tmp_path / "citizenship_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_lint_imports_is_installed():
    assert LINT_IMPORTS.is_file(), "import-linter is a test dependency (requirements-test.lock)"


def test_every_import_contract_is_kept():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_contracts_cover_what_the_architecture_promises():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert config["root_package"] == "citizenship_app"
    assert config["include_external_packages"] is True  # else PySide6 cannot be forbidden
    by_source = {
        tuple(c.get("source_modules", ())): set(c.get("forbidden_modules", ()))
        for c in config["contracts"]
        if c["type"] == "forbidden"
    }
    core = by_source[("citizenship_app.core",)]
    assert {"PySide6", "citizenship_app.ui", "citizenship_app.reports", "citizenship_app.commands"} <= core
    assert {"citizenship_app.cli", "citizenship_app.district"} <= core
    assert "citizenship_app.ui" in by_source[("citizenship_app.reports",)]
    types = {c["type"] for c in config["contracts"]}
    assert {"layers", "acyclic_siblings", "private_modules"} <= types
    acyclic = [c for c in config["contracts"] if c["type"] == "acyclic_siblings"]
    assert any("citizenship_app" in c["ancestors"] and not c.get("skip_descendants") for c in acyclic)


NOT_ALLOWED = "citizenship_app.{} is not allowed to import {}"
#: (module, code appended to it, what lint-imports says). Each import sits inside a function:
#: one that runs only when called still counts.
BREACHES = [
    ("core/paths.py", "from PySide6.QtGui import QImage", NOT_ALLOWED.format("core", "PySide6")),
    ("core/people.py", "from ..ui import widgets", NOT_ALLOWED.format("core", "citizenship_app.ui")),
    ("reports/pdf.py", "from ..ui import widgets", NOT_ALLOWED.format("reports", "citizenship_app.ui")),
    ("district/auth.py", "from ..core import store", NOT_ALLOWED.format("district", "citizenship_app.core")),
    ("ui/widgets.py", "from . import window", "No cycles are allowed in citizenship_app.ui"),
    # The core's own modules too: a restore reopens the store, which backs up before migrating.
    ("core/backup.py", "from .store import open_store", "No cycles are allowed in citizenship_app.core"),
    ("core/demo_roster.py", "from .demo import load_demo", "No cycles are allowed in citizenship_app.core"),
]


@pytest.mark.parametrize(("module", "statement", "broken"), BREACHES)
def test_a_broken_contract_fails_the_check(copy, module, statement, broken):
    with (copy / "citizenship_app" / module).open("a") as out:
        out.write(f"\n\ndef _breach():\n    {statement}\n")
    done = lint_imports(copy)
    assert done.returncode != 0
    assert broken in done.stdout, done.stdout
