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


# -- the core's messages ----------------------------------------------------------------------

CORE = ROOT / "citizenship_app" / "core"
#: Core modules whose errors reach the staff screens: none raises English words of its own.
SCREEN_FACING = (
    "access",
    "assignments",
    "audit",
    "auth",
    "compliance",
    "exports",
    "kiosk",
    "people",
    "records",
)


def test_every_code_the_core_raises_is_worded_by_the_screens():
    """A code raised anywhere in the core (Refused/NotAllowed/NotFound/ConfigError("code")) is
    one core.errors knows, and the screens' table (ui.messages) words every one of them."""
    import re

    from citizenship_app.core.errors import ENGLISH
    from citizenship_app.ui.messages import known_codes

    raised = set()
    for path in CORE.rglob("*.py"):
        raised |= set(
            re.findall(
                r"\b(?:Refused|NotAllowed|NotFound|ConfigError|TransientError|CoreError)\(\s*\"([a-z0-9-]+)\"",
                path.read_text(),
            )
        )
    assert len(raised) > 30, "the scan found the core's codes"
    assert raised <= set(ENGLISH), (
        f"codes raised but not in core.errors.ENGLISH: {sorted(raised - set(ENGLISH))}"
    )
    assert set(ENGLISH) <= known_codes(), (
        f"codes ui/messages.py does not word: {sorted(set(ENGLISH) - known_codes())}"
    )


def _fields(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_roster_problem_is_worded_by_the_screens_with_its_own_parameters(qapp):
    """The importer's problems are codes too (core.roster.ROSTER_ENGLISH): the admin screen
    words every one, in English and Spanish, from no parameter the code does not carry."""
    from citizenship_app.core.roster import ROSTER_ENGLISH
    from citizenship_app.ui import messages
    from citizenship_app.ui.i18n import set_language

    assert len(ROSTER_ENGLISH) > 40
    assert set(ROSTER_ENGLISH) == messages.roster_known_codes()
    english = messages._roster_texts()
    set_language("es")
    try:
        spanish = messages._roster_texts()
    finally:
        set_language("en")
    for code, line in ROSTER_ENGLISH.items():
        if code != "removals":  # worded by removals_message from its counts
            assert _fields(english[code]) <= _fields(line), code
        assert _fields(spanish[code]) == _fields(english[code]), code
        assert spanish[code] != english[code], f"{code} has no Spanish words"


def test_the_roster_importer_reports_no_english_sentences():
    """Every report.add / row.error in the importer gives a code, never words of its own."""
    import re

    from citizenship_app.core.roster import ROSTER_ENGLISH

    text = (CORE / "roster.py").read_text()
    calls = [c for c in re.findall(r"(?:report\.add|\.error)\([^)]*", text) if "code, **params" not in c]
    assert len(calls) > 40, "the scan found the importer's problems"
    literals = {c: re.findall(r'"((?:[^"\\]|\\.)*)"', c) for c in calls}
    sentences = [c for c in calls if any(re.search(r"[a-z]\s+[a-z]", s) for s in literals[c])]
    assert not sentences, f"give a ROSTER_ENGLISH code and parameters instead: {sentences}"
    # (a call with **params passes on a code an _Unreadable or _unsafe_zip carries)
    uncoded = [c for c in calls if "**" not in c and not set(literals[c]) & set(ROSTER_ENGLISH)]
    carried = set(re.findall(r'(?:_Unreadable\(|return )"([a-z0-9-]+)"[,)]', text))
    assert not uncoded and carried and carried <= set(ROSTER_ENGLISH), (
        uncoded,
        carried - set(ROSTER_ENGLISH),
    )


def test_the_core_raises_no_english_sentences_to_the_screens():
    import re

    for name in SCREEN_FACING:
        path = CORE / f"{name}.py"
        if not path.exists():
            continue
        text = path.read_text()
        found = re.findall(r"raise (?:ValueError|PermissionError|KeyError)\(f?\"[^\"]*\s[^\"]*\"", text)
        assert not found, f"{path.name} raises English text; raise a core.errors code instead: {found}"


def test_a_core_error_is_shown_in_spanish(qapp):
    from citizenship_app.core.errors import Refused
    from citizenship_app.ui.i18n import set_language
    from citizenship_app.ui.messages import error_text

    set_language("es")
    try:
        text = error_text(Refused("password-too-short", min=10))
    finally:
        set_language("en")
    assert "10" in text and "password" not in text.lower(), text
    assert (
        error_text(Refused("password-too-short", min=10)) == "A staff password needs at least 10 characters."
    )
