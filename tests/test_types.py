"""The type checker runs as part of the suite, so CI fails on a type error in the checked layers.

mypy reads its settings from `[tool.mypy]` in pyproject.toml: the core must annotate every
function (`db: Store` at each seam), the hub is checked with its untyped functions included.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["citizenship_app.core", "citizenship_app.district"]


def test_the_checked_packages_pass_mypy(tmp_path):
    """mypy (a test dependency) over the core and the hub: no error, no unused ignore."""
    packages = [arg for name in CHECKED for arg in ("-p", name)]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), *packages],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "No module named mypy" not in result.stderr, "mypy is a test dependency (requirements-test.lock)"
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
