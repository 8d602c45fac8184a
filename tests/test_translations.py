"""The Spanish interface is complete: every marked string of the screens is translated, and
the compiled file the kiosk loads matches the translators' file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from citizenship_app.core.paths import ASSETS_DIR, ROOT

TS = ASSETS_DIR / "translations" / "kiosk_es.ts"


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    assert Path(found).exists(), f"{name} is part of PySide6; is the project installed?"
    return found


def test_every_interface_string_has_a_spanish_translation(tmp_path):
    copy = tmp_path / "kiosk_es.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "citizenship_app" / "ui").rglob("*.py"))
    run = subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-ts", str(copy)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "run pyside6-lupdate and translate the new strings"


def test_the_compiled_translations_are_current(tmp_path):
    out = tmp_path / "kiosk_es.qm"
    run = subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(out)], capture_output=True, text=True)
    assert run.returncode == 0 and "0 unfinished" in run.stdout, run.stdout
    assert out.read_bytes() == (ASSETS_DIR / "translations" / "kiosk_es.qm").read_bytes(), (
        "run pyside6-lrelease (see citizenship_app/ui/i18n.py)"
    )
