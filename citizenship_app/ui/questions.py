"""One answer widget per question type. Each gives `response()` (None until complete),
emits `changed`, and can be `lock()`ed once the answer has been checked."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.content import Question
from ..core.paths import ASSETS_DIR
from ..core.progress import shuffled
from .i18n import translate
from .widgets import button, label


class _WholeRowRadio(QRadioButton):
    """A choice that a tap anywhere on its row selects, not just the circle and the words."""

    def hitButton(self, pos) -> bool:  # noqa: N802 (Qt name)
        return self.rect().contains(pos)


class _WholeRowCheck(QCheckBox):
    def hitButton(self, pos) -> bool:  # noqa: N802 (Qt name)
        return self.rect().contains(pos)


class AnswerWidget(QWidget):
    changed = Signal()
    locked = False

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Arrow keys move between choices (check boxes and pictures too, not only radios)."""
        buttons = list(getattr(self, "buttons", {}).values())
        if self.locked:
            return
        step = {Qt.Key_Up: -1, Qt.Key_Left: -1, Qt.Key_Down: 1, Qt.Key_Right: 1}.get(event.key())
        focused = next((b for b in buttons if b.hasFocus()), None)
        if step and focused is not None:
            target = buttons[(buttons.index(focused) + step) % len(buttons)]
            target.setFocus()
            if isinstance(target, (QRadioButton, QToolButton)):
                target.setChecked(True)  # as radio buttons do: moving selects
            return
        super().keyPressEvent(event)

    def response(self):
        raise NotImplementedError

    def set_response(self, response) -> None:
        """Show a stored answer (a resumed attempt)."""
        raise NotImplementedError

    def lock(self) -> None:
        """The answer has been checked: no more changes, but keep it readable in full colour
        (a disabled widget would grey the pictures out just when the feedback refers to them)."""
        self.locked = True
        for child in self.findChildren(QWidget):
            child.setAttribute(Qt.WA_TransparentForMouseEvents, True)
            child.setFocusPolicy(Qt.NoFocus)


class ChoiceAnswer(AnswerWidget):
    """single, scenario, true_false (words) and multiple: radio buttons or check boxes."""

    def __init__(self, question: Question, attempt_id: str = "") -> None:
        super().__init__()
        multiple = question.type == "multiple"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.buttons: dict[str, QRadioButton | QCheckBox] = {}
        for choice in _display_order(question, attempt_id):
            widget = _WholeRowCheck(choice.text) if multiple else _WholeRowRadio(choice.text)
            widget.setObjectName(f"choice-{choice.id}")
            widget.setAccessibleName(choice.text)
            widget.toggled.connect(self.changed)
            self.group.addButton(widget)
            layout.addWidget(widget)
            self.buttons[choice.id] = widget
        if multiple:
            layout.addWidget(label(translate("Kiosk", "Choose every answer that is right."), "hint"))

    def response(self):
        chosen = [cid for cid, b in self.buttons.items() if b.isChecked()]
        return chosen or None

    def set_response(self, response) -> None:
        for cid in response:
            self.buttons[cid].setChecked(True)

    def choose(self, *ids: str) -> None:
        for cid in ids:
            self.buttons[cid].setChecked(True)


class PictureAnswer(AnswerWidget):
    """picture questions and thumbs up/down: big tappable pictures, one to choose."""

    def __init__(self, question: Question, size: int = 200, attempt_id: str = "") -> None:
        super().__init__()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setSpacing(24)
        self.buttons: dict[str, QToolButton] = {}
        for choice in _display_order(question, attempt_id):
            if question.type == "true_false":
                image = ASSETS_DIR / "icons" / ("thumbs-up.svg" if choice.id == "true" else "thumbs-down.svg")
                caption = (
                    translate("Kiosk", "Yes, that is right")
                    if choice.id == "true"
                    else translate("Kiosk", "No, that is not right")
                )
                caption = choice.text if choice.text.lower() not in ("true", "false") else caption
            else:
                image, caption = ASSETS_DIR / choice.image, choice.text
            widget = QToolButton()
            widget.setObjectName(f"choice-{choice.id}")
            widget.setProperty("picture", True)
            widget.setCheckable(True)
            widget.setIcon(QIcon(str(image)))
            widget.setIconSize(QSize(size, size))
            widget.setText(caption)
            widget.setToolButtonStyle(Qt.ToolButtonTextUnderIcon)
            widget.setMinimumSize(size + 40, size + 70)
            widget.setAccessibleName(caption)
            widget.setFocusPolicy(Qt.StrongFocus)
            widget.toggled.connect(self.changed)
            self.group.addButton(widget)
            layout.addWidget(widget)
            self.buttons[choice.id] = widget
        layout.addStretch(1)

    def response(self):
        chosen = [cid for cid, b in self.buttons.items() if b.isChecked()]
        return chosen or None

    def set_response(self, response) -> None:
        for cid in response:
            self.buttons[cid].setChecked(True)

    choose = ChoiceAnswer.choose


class OrderingAnswer(AnswerWidget):
    """Put the steps in order: drag, or select a step and use Move up / Move down."""

    def __init__(self, question: Question, attempt_id: str) -> None:
        super().__init__()
        self.texts = {c.id: c.text for c in question.choices}
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                translate(
                    "Kiosk",
                    "Put these in order. The first step goes at the top. "
                    "Keyboard: pick a step, then Ctrl+Up or Ctrl+Down.",
                ),
                "hint",
            )
        )
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("orderList")
        self.list.setAccessibleName(translate("Kiosk", "Steps to put in order"))
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        for cid in shuffled(attempt_id, question.id, [c.id for c in question.choices], unsolved=True):
            item = QListWidgetItem(self.texts[cid])
            item.setData(Qt.UserRole, cid)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        # Every step visible at once: a scroll bar in a five-item list hides the puzzle.
        self.list.setSizeAdjustPolicy(QAbstractItemView.AdjustToContents)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.model().rowsMoved.connect(self.changed)
        self.list.installEventFilter(self)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        up = button(translate("Kiosk", "Move up"), "moveUp", secondary=True)
        down = button(translate("Kiosk", "Move down"), "moveDown", secondary=True)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        buttons.addWidget(up)
        buttons.addWidget(down)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        """Ctrl+Up / Ctrl+Down moves the selected step: ordering without a mouse."""
        from PySide6.QtCore import QEvent

        if obj is self.list and event.type() == QEvent.KeyPress and event.modifiers() & Qt.ControlModifier:
            if event.key() in (Qt.Key_Up, Qt.Key_Down):
                self.move(-1 if event.key() == Qt.Key_Up else 1)
                return True
        return False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        rows = sum(self.list.sizeHintForRow(i) for i in range(self.list.count()))
        self.list.setMinimumHeight(rows + 2 * self.list.frameWidth() + 8)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def response(self):
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())]

    def set_response(self, response) -> None:
        self.set_order(response)

    def set_order(self, ids: list[str]) -> None:
        self.list.clear()
        for cid in ids:
            item = QListWidgetItem(self.texts[cid])
            item.setData(Qt.UserRole, cid)
            self.list.addItem(item)
        self.changed.emit()


class MatchingAnswer(AnswerWidget):
    """Match each item on the left with one on the right (a drop-down each)."""

    def __init__(self, question: Question, attempt_id: str) -> None:
        super().__init__()
        layout = QGridLayout(self)
        layout.setHorizontalSpacing(20)
        layout.setVerticalSpacing(12)
        self.boxes: dict[str, QComboBox] = {}
        rights = shuffled(attempt_id, question.id, [p.id for p in question.pairs], unsolved=True)
        right_text = {p.id: p.right for p in question.pairs}
        for row, pair in enumerate(question.pairs):
            layout.addWidget(label(pair.left, "matchLeft"), row, 0)
            box = QComboBox()
            box.setObjectName(f"match-{pair.id}")
            box.setAccessibleName(translate("Kiosk", "Match for: {item}").format(item=pair.left))
            box.addItem(translate("Kiosk", "Choose…"), None)
            for rid in rights:
                box.addItem(right_text[rid], rid)
            box.currentIndexChanged.connect(self.changed)
            layout.addWidget(box, row, 1)
            self.boxes[pair.id] = box
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)

    def response(self):
        chosen = {pid: box.currentData() for pid, box in self.boxes.items()}
        return chosen if all(chosen.values()) else None

    def set_response(self, response) -> None:
        self.match(response)

    def match(self, mapping: dict[str, str]) -> None:
        for pid, rid in mapping.items():
            box = self.boxes[pid]
            box.setCurrentIndex(box.findData(rid))


def _display_order(question: Question, attempt_id: str) -> list:
    """Choices in a uniformly shuffled order fixed per attempt, so where the right answer was
    written says nothing; true/false too (True first would be a pattern of its own)."""
    if not attempt_id:
        return list(question.choices)
    by_id = {c.id: c for c in question.choices}
    return [by_id[cid] for cid in shuffled(attempt_id, question.id, list(by_id))]


def answer_widget(question: Question, attempt_id: str, tier: str) -> AnswerWidget:
    if question.type == "picture" or (question.type == "true_false" and question.style == "thumbs"):
        return PictureAnswer(question, 200 if tier == "k-2" else 160, attempt_id)
    if question.type == "ordering":
        return OrderingAnswer(question, attempt_id)
    if question.type == "matching":
        return MatchingAnswer(question, attempt_id)
    return ChoiceAnswer(question, attempt_id)
