"""A module's discussion prompt on the teacher's screen: shown in the screen's language where
the module has it (English with a note otherwise), saved as an audited PDF, staff only."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from helpers import LESSON, write_module
from kiosk_driver import click
from test_staff_ui import pdf_pages, private, saves, staff_sign_in  # noqa: F401 (saves: a fixture)

from citizenship_app.core import assignments, audit, discussion, paths
from citizenship_app.core.content import load_catalog
from citizenship_app.core.errors import NotAllowed, NotFound
from citizenship_app.reports import exports
from citizenship_app.ui.staff.discussion import DiscussionDialog

DISCUSSION = """
<!-- discussion -->
# Talk about it

Ask the class: who may know your password? Listen for: only you and your grown-ups.
"""


def words(text: str) -> str:
    return " ".join(text.split())


def a_line_of(markdown: str) -> str:
    """The prompt's longest line as a reader sees it (Markdown marks dropped)."""
    longest = max(markdown.splitlines(), key=len)
    return words(re.sub(r"[*_#`]", "", longest))[:60]


def open_prompt(qtbot, window, catalog, module):
    assignments.assign(window.kiosk.db, "t-qureshi", "class-04", module, None)
    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    page.tabs.setCurrentIndex(1)
    page.assigned_view.setCurrentIndex(page.assigned_model.index(0, 0))
    click(qtbot, window, "discussionPrompt")
    dialog = page.discussion_dialog
    assert isinstance(dialog, DiscussionDialog) and dialog.isVisible()
    return dialog


def discussed(catalog, tier: str):
    return next(m for m in catalog.for_tier(tier) if m.discussion)


def test_a_teacher_opens_a_modules_discussion_prompt_and_saves_it_as_a_pdf(qtbot, window, catalog, saves):  # noqa: F811
    module = discussed(catalog, "3-5")
    dialog = open_prompt(qtbot, window, catalog, module)
    shown = words(dialog.text.toPlainText())
    assert a_line_of(module.discussion) in shown
    assert "<!--" not in shown and module.family_sheet.splitlines()[0].lstrip("# ") not in shown
    assert dialog.windowTitle() == f"Discussion prompt: {module.title}"
    assert dialog.note.isHidden()  # English asked, English shown

    click(qtbot, dialog, "discussionSave")
    assert dialog.saved.parent == saves and dialog.saved.name.startswith(f"discussion-{module.id}-en")
    assert str(dialog.saved) in dialog.status.text() and private(dialog.saved)
    [text] = pdf_pages(dialog.saved)
    assert module.title in text and a_line_of(module.discussion) in text
    row = window.kiosk.db.execute(
        "SELECT actor, action, subject, detail FROM audit_log ORDER BY id DESC"
    ).fetchone()
    assert row[:3] == ("t-qureshi", audit.EXPORT_DISCUSSION, None)
    assert json.loads(row[3]) == {"format": "pdf", "language": "en", "module": module.id}
    click(qtbot, dialog, "discussionClose")
    assert not dialog.isVisible()


def test_the_spanish_screen_shows_a_translated_modules_spanish_prompt(qtbot, window, catalog, saves):  # noqa: F811
    module = discussed(catalog, "3-5")
    spanish = catalog.localized(module, "es")
    assert spanish is not module and spanish.discussion
    click(qtbot, window, "lang-es")
    dialog = open_prompt(qtbot, window, catalog, module)
    shown = words(dialog.text.toPlainText())
    assert a_line_of(spanish.discussion) in shown and a_line_of(module.discussion) not in shown
    assert dialog.windowTitle() == f"Guía de conversación: {spanish.title}"
    assert dialog.note.isHidden()
    click(qtbot, dialog, "discussionSave")
    assert dialog.saved.name.startswith(f"discussion-{module.id}-es")
    [text] = pdf_pages(dialog.saved)
    assert a_line_of(spanish.discussion) in text
    dialog.accept()


@pytest.mark.parametrize("tier", ["k-2", "3-5"])
def test_every_translated_k2_and_35_prompt_is_given_in_spanish(demo_db, catalog, tier):
    for module in catalog.for_tier(tier):
        spanish = catalog.localized(module, "es")
        if not module.discussion or not spanish.discussion or spanish is module:
            continue
        prompt = discussion.prompt(demo_db, "t-qureshi", catalog, module.id, "es")
        assert (prompt.markdown, prompt.language, prompt.fallback) == (spanish.discussion, "es", False)
        assert prompt.title == spanish.title


def test_a_module_without_a_spanish_prompt_is_shown_in_english_with_a_note(qtbot, window, tmp_path):
    write_module(tmp_path, "k-2", "k2-a", lesson=LESSON.format(id="k2-a", tier="k-2") + DISCUSSION)
    catalog = load_catalog(tmp_path / "lessons", tmp_path / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    prompt = discussion.prompt(window.kiosk.db, "t-qureshi", catalog, "k2-a", "es")
    assert (prompt.language, prompt.fallback) == ("en", True)
    click(qtbot, window, "lang-es")
    dialog = DiscussionDialog(window.kiosk, "t-qureshi", prompt, window)
    dialog.open()
    assert dialog.note.isVisible() and "inglés" in dialog.note.text()
    assert "Ask the class: who may know your password?" in words(dialog.text.toPlainText())
    dialog.accept()


def test_the_prompt_and_its_pdf_are_for_staff_only(demo_db, catalog, tmp_path, monkeypatch):
    module = discussed(catalog, "3-5")
    with pytest.raises(NotAllowed):
        discussion.prompt(demo_db, "s-260011", catalog, module.id)
    prompt = discussion.prompt(demo_db, "t-qureshi", catalog, module.id)
    with pytest.raises(NotAllowed):
        exports.discussion_pdf(demo_db, "s-260011", prompt, tmp_path / "student.pdf")
    assert not (tmp_path / "student.pdf").exists()
    exports.discussion_pdf(demo_db, "t-qureshi", prompt, tmp_path / "prompt.pdf")
    [said] = audit.sentences(demo_db, "a-whitfield", {module.id: module.title}, limit=1)
    assert (said.code, said.params["module"], said.params["language"]) == (
        "export_discussion",
        module.title,
        "en",
    )
    # Every shipped module has a prompt now: one without, as an author's draft would be.
    bare = dataclasses.replace(catalog.for_tier("staff")[0], discussion="")
    monkeypatch.setitem(catalog.modules, bare.id, bare)
    with pytest.raises(NotFound) as refused:
        discussion.prompt(demo_db, "t-qureshi", catalog, bare.id)
    assert refused.value.code == "no-discussion"


def test_the_button_asks_for_a_module_first(qtbot, window):
    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    page.tabs.setCurrentIndex(1)
    click(qtbot, window, "discussionPrompt")
    assert page.status.text() == "Pick a module in the list first."
    assert getattr(page, "discussion_dialog", None) is None
