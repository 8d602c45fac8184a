"""Stop-and-think checks, the discussion prompt and the family sheet in a lesson's Markdown;
minutes computed from the words and activities, never written by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from helpers import LESSON, QUIZ, write_module
from PySide6.QtCore import Qt

from citizenship_app.core import activities, checks, paths, timing
from citizenship_app.core.content import load_catalog

STOP = """
<!-- stop-and-think -->
A friend asks for your password. What do you say?
<!-- reveal -->
Say no. Your password is only for you and your grown-ups.
<!-- end -->
"""
SECTIONS = """
<!-- discussion -->
# Talk about it

Ask the class: who may know your password?

<!-- family-sheet -->
# Passwords: a note for families

Your child learned to keep a password secret. Ask them who may know it.
"""


def load(root: Path):
    return load_catalog(root / "lessons", root / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)


def messages(catalog) -> list[str]:
    return [f"{p.path.name}:{p.line}: {p.message}" for p in catalog.problems]


def lesson(extra_page: str = STOP, sections: str = SECTIONS, tier: str = "k-2", id: str = "k2-a") -> str:
    return LESSON.format(id=id, tier=tier) + extra_page + sections


def test_a_lesson_with_a_stop_and_think_a_discussion_and_a_family_sheet_loads(tmp_path):
    write_module(tmp_path, "k-2", "k2-a", lesson=lesson())
    catalog = load(tmp_path)
    assert catalog.problems == []
    module = catalog.get("k2-a")
    assert len(module.pages) == 2  # the sections after the pages are not pages
    (stop,) = module.stops
    assert stop.prompt == "A friend asks for your password. What do you say?"
    assert stop.reveal.startswith("Say no.")
    assert module.discussion.startswith("# Talk about it") and "who may know" in module.discussion
    assert module.family_sheet.startswith("# Passwords: a note for families")
    assert "families" not in module.pages[-1] and "<!-- discussion -->" not in module.pages[-1]


def test_markers_out_of_place_are_reported_on_their_lines(tmp_path):
    unclosed = "\n<!-- stop-and-think -->\nWhat now?\n<!-- reveal -->\nTell.\n"
    write_module(tmp_path, "k-2", "k2-a", lesson=lesson(unclosed, ""))
    no_reveal = "\n<!-- stop-and-think -->\nWhat now?\n<!-- end -->\n"
    write_module(tmp_path, "k-2", "k2-b", lesson=lesson(no_reveal, "", id="k2-b"))
    empty = "\n<!-- stop-and-think -->\n<!-- reveal -->\nTell.\n<!-- end -->\n"
    write_module(tmp_path, "k-2", "k2-c", lesson=lesson(empty, "", id="k2-c"))
    page_after = SECTIONS + "\n<!-- page -->\n# More\n\nText.\n"
    write_module(tmp_path, "k-2", "k2-d", lesson=lesson("", page_after, id="k2-d"))
    found = messages(load(tmp_path))
    opened = LESSON.count("\n") + 2  # the line of the first marker after the template
    assert (
        f"k2-a.md:{opened}: this stop-and-think is not closed: add <!-- reveal --> and <!-- end -->" in found
    )
    assert (
        f"k2-b.md:{opened + 2}: <!-- end --> out of place: expected <!-- reveal --> first "
        "(docs/content-format.md)" in found
    )
    assert (
        f"k2-c.md:{opened + 1}: this stop-and-think has no prompt: write it before <!-- reveal -->" in found
    )
    assert any(
        m.startswith("k2-d.md:") and "a page after the discussion or family sheet: pages come first" in m
        for m in found
    )
    assert load(tmp_path).modules == {}  # each is left out: it would not show right


def test_a_translation_keeps_the_checks_and_sections(tmp_path):
    write_module(tmp_path, "k-2", "k2-a", lesson=lesson())
    spanish = (
        LESSON.format(id="k2-a", tier="k-2").replace(
            'title = "Keep your password secret"', 'language = "es"\ntitle = "Tu contraseña"'
        )
        + "\n<!-- discussion -->\n# Hablemos\n\n¿Quién puede saber tu contraseña?\n"
    )
    for kind, text, ext in (("lessons", spanish, "md"), ("quizzes", QUIZ.format(id="k2-a"), "toml")):
        path = tmp_path / kind / "es" / "k-2" / f"k2-a.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    catalog = load(tmp_path)
    found = messages(catalog)
    assert any("this page has 0 stop-and-think check(s); the English page has 1" in m for m in found)
    assert any(
        "the English lesson has a <!-- family-sheet --> section; the translation must match" in m
        for m in found
    )
    assert catalog.translations == {}


def test_minutes_are_computed_from_words_questions_and_checks(tmp_path):
    write_module(tmp_path, "k-2", "k2-a")
    write_module(tmp_path, "k-2", "k2-b", lesson=lesson(id="k2-b"))
    long_page = "\n<!-- page -->\n# More\n\n" + "Keep your password safe every day. " * 60 + "\n"
    write_module(tmp_path, "k-2", "k2-c", lesson=lesson(long_page, "", id="k2-c"))
    write_module(tmp_path, "6-8", "g68-a", lesson=lesson(long_page, "", tier="6-8", id="g68-a"))
    catalog = load(tmp_path)
    assert catalog.problems == []
    plain, with_check, longer, older = (catalog.get(i) for i in ("k2-a", "k2-b", "k2-c", "g68-a"))
    words = sum(timing.word_total(p) for p in plain.pages)
    question = timing.question_words(plain.quiz.questions[0])
    assert words == 22 and question == 29  # the template's words, counted as shown
    assert plain.minutes == math.ceil(words / 70 + 1 * (question / 70 + 30 / 60)) == 2
    # The check's prompt and reveal are read (21 words), and thought about (1 minute).
    assert with_check.minutes == math.ceil((words + 21) / 70 + question / 70 + 0.5 + 1) == 3
    assert longer.minutes == math.ceil((words + 361) / 70 + question / 70 + 0.5) == 7
    assert older.minutes < longer.minutes  # older students read faster
    assert with_check.minutes > plain.minutes


def test_a_written_minutes_line_loads_but_the_check_asks_to_delete_it(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "ACTIVITY_TIERS", ())
    write_module(
        tmp_path,
        "k-2",
        "k2-a",
        lesson=LESSON.format(id="k2-a", tier="k-2").replace("order = 1\n", "order = 1\nminutes = 15\n"),
    )
    catalog = load(tmp_path)
    module = catalog.get("k2-a")
    assert module is not None and module.minutes == 2  # the written 15 is not shown
    found = [str(p) for p in checks.check_activities(module)]
    assert found == [
        f"{module.lesson_path}:6: minutes are computed from the lesson's words and activities now "
        "(this module: 2): delete the `minutes =` line"
    ]


def test_tiers_that_require_activities_name_what_is_missing(tmp_path, monkeypatch):
    write_module(tmp_path, "k-2", "k2-a")
    write_module(tmp_path, "k-2", "k2-b", lesson=lesson(id="k2-b"))
    catalog = load(tmp_path)
    monkeypatch.setattr(checks, "ACTIVITY_TIERS", ())
    assert checks.check_activities(catalog.get("k2-a")) == []  # not required
    monkeypatch.setattr(checks, "ACTIVITY_TIERS", ("k-2",))
    found = [p.message for p in checks.check_activities(catalog.get("k2-a"))]
    assert found == [
        "k-2 modules need in-lesson activities: no <!-- stop-and-think --> check on any page: "
        "add at least one",
        "k-2 modules need in-lesson activities: no <!-- discussion --> section after the pages: add one",
        "k-2 modules need in-lesson activities: no <!-- family-sheet --> section after the pages: add one",
    ]
    assert checks.check_activities(catalog.get("k2-b")) == []


def test_a_check_does_not_count_toward_the_page_length_but_toward_the_reading_level(tmp_path):
    wordy = (
        "\n<!-- stop-and-think -->\n"
        + "Think about your password. " * 10
        + "\n<!-- reveal -->\nKeep it.\n<!-- end -->\n"
    )
    write_module(tmp_path, "k-2", "k2-a", lesson=lesson(wordy, SECTIONS))
    module = load(tmp_path).get("k2-a")
    found = [p.message for p in checks.check_module(module)]
    assert not any("pages have at most" in m for m in found), found  # the page's own words are few
    assert sum(timing.word_total(p) for p in module.pages) == 22 + 42  # but it is read (minutes)
    long_page = "\n<!-- page -->\n# More\n\n" + "Keep your password safe. " * 14 + "\n"
    write_module(tmp_path, "k-2", "k2-b", lesson=lesson(long_page, "", id="k2-b"))
    found = [p.message for p in checks.check_module(load(tmp_path).get("k2-b"))]
    assert any("k-2 pages have at most 55" in m for m in found)


@pytest.mark.parametrize("tier", ["k-2", "3-5"])
def test_the_shipped_k2_and_35_modules_have_every_activity_in_both_languages(catalog, tier):
    assert tier in checks.ACTIVITY_TIERS
    for module in catalog.for_tier(tier):
        spanish = catalog.localized(module, "es")
        for m in (module, spanish):
            assert m.stops and m.discussion and m.family_sheet, m.lesson_path
        assert spanish is not module and spanish.family_sheet != module.family_sheet


def test_the_shipped_68_modules_have_every_activity_in_english(catalog):
    """6-8 has no Spanish lessons: a Spanish-speaking student sees the English module (the
    family sheet is in Spanish all the same, a standalone sheet: see below)."""
    assert "6-8" in checks.ACTIVITY_TIERS
    modules = catalog.for_tier("6-8")
    assert len(modules) == 14
    for module in modules:
        assert module.stops and module.discussion and module.family_sheet, module.lesson_path
        assert catalog.localized(module, "es") is module
    assert [p for p in checks.check_content(catalog) if "/6-8/" in str(p.path)] == []


def test_the_shipped_912_modules_have_every_activity_in_english(catalog):
    assert "9-12" in checks.ACTIVITY_TIERS
    modules = catalog.for_tier("9-12")
    assert len(modules) == 13
    for module in modules:
        assert module.stops and module.discussion and module.family_sheet, module.lesson_path
        assert not [p for p in checks.check_activities(module)], module.lesson_path


def test_the_shipped_staff_modules_have_checks_and_a_discussion_but_no_family_sheet(catalog):
    # Staff training has no family to send a sheet home to: "staff" stays out of
    # ACTIVITY_TIERS, which would demand one.
    assert "staff" not in checks.ACTIVITY_TIERS
    modules = catalog.for_tier("staff")
    assert len(modules) == 10
    for module in modules:
        assert module.stops and module.discussion and not module.family_sheet, module.lesson_path


def test_a_family_sheet_fits_on_one_page(tmp_path):
    long_sheet = SECTIONS + "\nTalk about passwords at home together. " * 60 + "\n"
    write_module(tmp_path, "k-2", "k2-a", lesson=lesson(sections=long_sheet))
    module = load(tmp_path).get("k2-a")
    (problem,) = checks.check_activities(module)
    assert problem.message.startswith("the family sheet has ") and "at most 350" in problem.message
    assert problem.line == module.lesson_path.read_text().splitlines().index("<!-- family-sheet -->") + 1


def test_the_shipped_lessons_have_no_written_minutes(catalog):
    assert [m.id for m in catalog.modules.values() if m.meta.minutes is not None] == []
    for language in catalog.translations.values():
        assert [m.id for m in language.values() if m.meta.minutes is not None] == []


def test_stop_and_think_in_a_lesson_reveals_its_answer(qtbot, window, tmp_path):
    write_module(tmp_path, "3-5", "g35-a", lesson=lesson(tier="3-5", id="g35-a"))
    module = load(tmp_path).get("g35-a")
    page = window.lesson
    person = window.kiosk.db.execute("SELECT sourced_id FROM people WHERE role = 'student'").fetchone()[0]
    page.open(person, module)
    window.stack.setCurrentWidget(page)
    page.go(0)
    assert page.reveal.isHidden()  # the first page has no check
    page.go(1)
    assert page.reveal.isVisible() and page.reveal.text() == "Show the answer"
    text = page.reader.toPlainText()
    assert "Stop and think" in text and "A friend asks for your password." in text
    assert "Say no." not in text and "Then press" in text
    qtbot.mouseClick(page.reveal, Qt.LeftButton)
    text = page.reader.toPlainText()
    assert "The answer" in text and "Say no. Your password is only for you" in text
    assert page.reveal.isHidden()
    assert activities.FAMILY_SHEET not in text and "families" not in text


def test_a_family_sheet_prints_on_one_page_for_staff_only_and_is_audited(demo_db, tmp_path):
    import json

    from pypdf import PdfReader

    from citizenship_app.core import audit
    from citizenship_app.core.errors import NotAllowed, NotFound
    from citizenship_app.reports import exports

    write_module(tmp_path, "k-2", "k2-a", lesson=lesson())
    write_module(tmp_path, "k-2", "k2-b")
    catalog = load(tmp_path)
    module = catalog.get("k2-a")
    path = exports.family_sheet_pdf(demo_db, "t-okafor", module, tmp_path / "sheet.pdf")
    pages = PdfReader(path).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    assert "Passwords: a note for families" in text and "Ask them who may know it." in text
    assert "Talk about it" not in text  # the discussion prompt is the teacher's, not the families'
    row = demo_db.execute("SELECT actor, action, subject, detail FROM audit_log ORDER BY id DESC").fetchone()
    assert row[:3] == ("t-okafor", audit.EXPORT_FAMILY_SHEET, None)
    assert json.loads(row[3]) == {"format": "pdf", "language": "en", "module": "k2-a"}
    with pytest.raises(NotAllowed):
        exports.family_sheet_pdf(demo_db, "s-260011", module, tmp_path / "student.pdf")
    with pytest.raises(NotFound):
        exports.family_sheet_pdf(demo_db, "t-okafor", catalog.get("k2-b"), tmp_path / "none.pdf")
    assert not (tmp_path / "student.pdf").exists() and not (tmp_path / "none.pdf").exists()
    long_sheet = SECTIONS + "\nTalk about passwords at home together. " * 55 + "\n"
    write_module(tmp_path, "k-2", "k2-c", lesson=lesson(sections=long_sheet, id="k2-c"))
    longest = load(tmp_path).get("k2-c")
    assert checks.check_activities(longest) == []  # within the 350 words
    path = exports.family_sheet_pdf(demo_db, "t-okafor", longest, tmp_path / "long.pdf")
    assert len(PdfReader(path).pages) == 1


def test_a_k2_stop_and_think_answer_is_read_aloud_when_shown(qtbot, window, tmp_path):
    write_module(tmp_path, "k-2", "k2-a", lesson=lesson())
    module = load(tmp_path).get("k2-a")
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.available, timeout=20_000)
    page = window.lesson
    person = window.kiosk.db.execute("SELECT sourced_id FROM people WHERE role = 'student'").fetchone()[0]
    window.stack.setCurrentWidget(page)
    page.open(person, module)
    page.go(1)
    assert "A friend asks for your password." in speaker._texts  # the page, the prompt with it
    assert not any("Say no." in t for t in speaker._texts)
    qtbot.mouseClick(page.reveal, Qt.LeftButton)
    assert speaker._texts == ["Say no.", "Your password is only for you and your grown-ups."]


SHEET_ES = """<!-- family-sheet -->
# Contraseñas: una nota para las familias

Su hijo aprendió a guardar en secreto su contraseña. Pregúntele quién puede saberla.
"""


def write_sheet(root: Path, tier: str, module_id: str, text: str = SHEET_ES) -> Path:
    path = root / "lessons" / "es" / tier / f"{module_id}{activities.SHEET_SUFFIX}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_standalone_spanish_family_sheet_loads_for_a_module_with_no_translation(tmp_path):
    write_module(tmp_path, "6-8", "g68-a", lesson=lesson(tier="6-8", id="g68-a"))
    write_sheet(tmp_path, "6-8", "g68-a")
    catalog = load(tmp_path)
    assert catalog.problems == [] and catalog.translations == {}  # not a lesson translation
    english = catalog.get("g68-a")
    assert catalog.localized(english, "es") is english  # the student still reads English
    sheet = catalog.family_sheet(english, "es")
    assert sheet.family_sheet.startswith("# Contraseñas: una nota para las familias")
    assert sheet.meta.language == "es" and sheet.id == "g68-a" and sheet.discussion == ""
    assert [m.meta.language for m in catalog.family_sheet_versions("g68-a")] == ["en", "es"]


def test_standalone_family_sheet_problems_name_the_file_and_line(tmp_path):
    write_module(tmp_path, "6-8", "g68-a", lesson=lesson(tier="6-8", id="g68-a"))
    write_module(tmp_path, "6-8", "g68-b", lesson=lesson("", "", tier="6-8", id="g68-b"))
    write_module(tmp_path, "k-2", "k2-a", lesson=lesson())
    write_sheet(tmp_path, "6-8", "g68-zz")  # no such module
    write_sheet(tmp_path, "9-12", "g68-a")  # wrong tier folder
    write_sheet(tmp_path, "6-8", "g68-b")  # the English module has no sheet
    write_sheet(tmp_path, "6-8", "g68-a", "\n# Sin marcador\n\nTexto.\n")
    (tmp_path / "lessons" / "es" / "k-2").mkdir(parents=True)
    write_sheet(tmp_path, "k-2", "k2-a")  # k2-a has a full translation (below)
    for kind, ext in (("lessons", "md"), ("quizzes", "toml")):
        path = tmp_path / kind / "es" / "k-2" / f"k2-a.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found = messages(load(tmp_path))
    assert "g68-zz.family-sheet.md:1: no English module 'g68-zz' for this family sheet" in found
    assert "g68-a.family-sheet.md:1: g68-a is a 6-8 module: move this file to the 6-8 folder" in found
    assert "g68-b.family-sheet.md:1: the English module g68-b has no family sheet to translate" in found
    assert (
        "g68-a.family-sheet.md:2: a family sheet file starts with a <!-- family-sheet --> line, "
        "then the sheet" in found
    )
    assert (
        "k2-a.family-sheet.md:1: k2-a has a full translation (k2-a.md): its family sheet goes there, "
        "after its pages; delete this file" in found
    )
    assert load(tmp_path).family_sheets == {}


def test_a_standalone_sheet_fits_on_one_page_and_the_required_tiers_have_one(tmp_path, monkeypatch):
    write_module(tmp_path, "6-8", "g68-a", lesson=lesson(tier="6-8", id="g68-a"))
    write_module(tmp_path, "6-8", "g68-b", lesson=lesson(tier="6-8", id="g68-b"))
    write_sheet(tmp_path, "6-8", "g68-a", SHEET_ES + "\nHablen juntos de las contraseñas en casa. " * 60)
    monkeypatch.setattr(checks, "SHEET_LANGUAGE_TIERS", ("6-8",))
    catalog = load(tmp_path)
    found = [f"{p.path.name}:{p.line}: {p.message}" for p in checks.check_family_sheets(catalog)]
    assert found[0].startswith("g68-a.family-sheet.md:1: the family sheet has ") and "at most 350" in found[0]
    sheet_line = lesson(tier="6-8", id="g68-b").splitlines().index(activities.FAMILY_SHEET) + 1
    assert found[1:] == [
        f"g68-b.md:{sheet_line}: no 'es' family sheet: translate this one into "
        "lessons/es/6-8/g68-b.family-sheet.md (docs/content-format.md)"
    ]


def test_the_spanish_family_sheet_of_a_68_module_prints(demo_db, tmp_path):
    from pypdf import PdfReader

    from citizenship_app.reports import exports

    write_module(tmp_path, "6-8", "g68-a", lesson=lesson(tier="6-8", id="g68-a"))
    write_sheet(tmp_path, "6-8", "g68-a")
    catalog = load(tmp_path)
    english, spanish = catalog.family_sheet_versions("g68-a")
    texts = []
    for n, module in enumerate((english, spanish)):
        path = exports.family_sheet_pdf(demo_db, "t-okafor", module, tmp_path / f"{n}.pdf")
        (page,) = PdfReader(path).pages
        texts.append(" ".join(page.extract_text().split()))
    assert "Passwords: a note for families" in texts[0]
    assert "Contraseñas: una nota para las familias" in texts[1]
    assert "Pregúntele quién puede saberla." in texts[1]
    detail = demo_db.execute("SELECT detail FROM audit_log ORDER BY id DESC").fetchone()[0]
    assert '"language": "es"' in detail and '"module": "g68-a"' in detail


def test_the_shipped_68_and_912_modules_have_a_spanish_family_sheet(catalog):
    assert {"6-8", "9-12"} <= set(checks.SHEET_LANGUAGE_TIERS)
    for tier in ("6-8", "9-12"):
        for module in catalog.for_tier(tier):
            sheet = catalog.family_sheet(module, "es")
            assert sheet is not None and sheet.meta.language == "es", module.id
            assert sheet.family_sheet != module.family_sheet and "familia" in sheet.family_sheet.lower()
            assert sheet.family_sheet.lstrip().startswith("# "), module.id


def test_the_teachers_family_sheet_button_saves_the_english_and_the_spanish_sheet(
    qtbot, window, catalog, tmp_path
):
    """A 6-8 module has no Spanish lesson; its Spanish sheet still comes out of the export."""
    from kiosk_driver import click, find
    from pypdf import PdfReader
    from PySide6.QtWidgets import QLineEdit

    from citizenship_app.core import assignments, exports
    from citizenship_app.core.demo import DEMO_STAFF_PASSWORD
    from citizenship_app.ui.staff.teacher import TeacherPage

    exports.set_export_dir(window.kiosk.db, tmp_path)
    module = catalog.get("g68-sextortion")
    assignments.assign(window.kiosk.db, "t-brennan", "class-07", module, "2026-09-01")
    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), "pbrennan")
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")
    page = window.stack.currentWidget()
    assert isinstance(page, TeacherPage)
    page.open_class("class-07")
    page.tabs.setCurrentIndex(1)
    assert page.assigned_model.keys == ["g68-sextortion"]
    page.assigned_view.setCurrentIndex(page.assigned_model.index(0, 0))
    click(qtbot, window, "familySheet")
    saved = sorted(tmp_path.glob("family-sheet-*.pdf"))
    assert len(saved) == 2, page.status.text()
    texts = {p.name: " ".join(PdfReader(p).pages[0].extract_text().split()) for p in saved}
    (english,) = [t for name, t in texts.items() if "-en" in name]
    (spanish,) = [t for name, t in texts.items() if "-es" in name]
    assert "Sextortion: Don't Pay, Get Help." in english
    assert "Sextorsión: no pagues, pide ayuda." in spanish and "Take It Down" in spanish
