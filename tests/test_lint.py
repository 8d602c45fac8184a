"""The code keeps the project's style: `ruff check` and `ruff format --check` find nothing.

Ruff comes from the test extra (pinned to one minor release in pyproject.toml, so a new
release's rules change nothing until the bound is raised); its settings are `[tool.ruff]`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "command",
    [("check", "--output-format", "concise"), ("format", "--check")],
    ids=["check", "format"],
)
def test_ruff_finds_nothing(command):
    result = ruff(*command)
    assert result.returncode == 0, (
        f"ruff {' '.join(command)} . found problems; run `ruff check --fix` and `ruff format`, "
        f"then fix the rest by hand:\n{result.stdout}{result.stderr}"
    )
