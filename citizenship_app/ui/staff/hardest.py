"""The "hardest questions" tab: the quiz questions a class (teacher) or a school (counselor)
gets wrong most, from core.item_analysis, with the authors' flags in words.

The figures come from the core on the thread pool (ui.ops), held to what the person may see
(core.access: a teacher their own classes, a counselor their schools)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core import item_analysis
from .. import ops
from ..i18n import translate
from ..widgets import label
from . import common
from .models import RowsModel

if TYPE_CHECKING:
    from ...core.kiosk import Kiosk


def flag_text(flag: str) -> str:
    return {
        "too-easy": translate("Kiosk", "too easy"),
        "too-hard": translate("Kiosk", "too hard"),
        "negative": translate("Kiosk", "strong students miss it: check the answer"),
        "weak": translate("Kiosk", "tells little apart"),
    }.get(flag, flag)


class HardestPanel(QWidget):
    """A table of the hardest questions, hardest first, and a line saying what it shows."""

    def __init__(self, kiosk: Kiosk, name: str, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.stats: list[item_analysis.ItemStat] | None = None
        self.serial = 0  # a result for an earlier class or person is dropped
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                translate(
                    "Kiosk",
                    "The quiz questions answered wrong most often (submitted quizzes; a question "
                    "shows after {n} answers). \u201cRight\u201d is the share of answers that were "
                    "right; \u201cTells apart\u201d is how well it separates students who know the "
                    "lesson from those who do not (below 0: check the question).",
                ).format(n=item_analysis.VIEW_LISTED),
                "hint",
            )
        )
        self.model = RowsModel(
            [
                translate("Kiosk", "Module"),
                translate("Kiosk", "Question"),
                translate("Kiosk", "Right"),
                translate("Kiosk", "Tells apart"),
                translate("Kiosk", "Answers"),
                translate("Kiosk", "Check"),
            ]
        )
        self.view = common.table_view(name, self.model)
        self.view.setAccessibleName(translate("Kiosk", "Hardest questions"))
        layout.addWidget(self.view, 1)
        self.status = label("", "hint")
        self.status.setObjectName(f"{name}Status")
        layout.addWidget(self.status)

    def load(self, compute: Callable) -> None:
        """Run `compute(db)` (a core.item_analysis view) and show what it returns."""
        self.stats = None
        self.serial += 1
        serial = self.serial
        self.status.setText(translate("Kiosk", "Loading…"))
        ops.run(
            self.kiosk.data_dir,
            compute,
            lambda stats: serial == self.serial and self.show_stats(stats),
            lambda error: serial == self.serial and self._failed(error),
        )

    def _failed(self, error) -> None:
        self.status.setText(
            translate("Kiosk", "Could not compute: {error}").format(error=ops.error_text(error))
        )

    def clear(self) -> None:
        self.serial += 1
        self.stats = None
        self.model.set_rows([])
        self.status.clear()

    def show_stats(self, stats: list[item_analysis.ItemStat]) -> None:
        catalog = self.kiosk.catalog
        rows = []
        for s in stats:
            module = catalog.get(s.module_id)
            question = (
                next((q for q in module.quiz.questions if q.id == s.question_id), None) if module else None
            )
            rows.append(
                (
                    module.title if module else s.module_id,
                    question.prompt if question else s.question_id,
                    f"{round(100 * s.difficulty)}%",
                    "" if s.discrimination is None else f"{s.discrimination:.2f}",
                    s.responses,
                    ", ".join(flag_text(f) for f in s.flags),
                )
            )
        self.model.set_rows(rows, [(s.module_id, s.question_id) for s in stats])
        common.fit_columns(self.view)
        self.stats = stats
        self.status.setText(
            ""
            if stats
            else translate("Kiosk", "No question has {n} answers yet.").format(n=item_analysis.VIEW_LISTED)
        )
