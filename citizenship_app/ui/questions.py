"""One answer widget per question type. Each gives `response()` (None until complete),
emits `changed`, and can be `lock()`ed once the answer has been checked."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
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
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.content import Question
from ..core.paths import ASSETS_DIR
from ..core.progress import shuffled
from ..core.quiz import Graded
from .i18n import translate
from .widgets import button, label, repolish, wrap_items


def marked(text: str, right: bool, chosen: bool) -> str:
    """A choice's words after the answer is checked, with a mark and words (never colour
    alone): the right answer, the student's own, or both."""
    if right and chosen:
        return translate("Kiosk", "\u2713 {text} (your answer: right)").format(text=text)
    if right:
        return translate("Kiosk", "\u2713 {text} (the right answer)").format(text=text)
    if chosen:
        return translate("Kiosk", "\u2717 {text} (your answer: not right)").format(text=text)
    return text


class _WrappingChoice:
    """A choice row whose words wrap: a long answer at the largest text on a small screen
    takes two lines instead of being cut off. The button draws its frame and its circle or
    box; a label inside it draws the words. A tap anywhere on the row selects it."""

    _element = QStyle.SE_RadioButtonContents
    _control = QStyle.CE_RadioButton

    def _add_words(self, text: str) -> None:
        self.words = label(text, "choiceText")
        self.words.setParent(self)
        self.words.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.words.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        # Narrower than its words on one line (they wrap), as tall as they then need.
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum, self.sizePolicy().controlType())
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _room(self, width: int, height: int = 200) -> QRect:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, height)
        return self.style().subElementRect(self._element, option, self)

    def hitButton(self, pos) -> bool:  # noqa: N802 (Qt name)
        return self.rect().contains(pos)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        room = self._room(width)
        return max(super().sizeHint().height(), self.words.heightForWidth(room.width()) + 200 - room.height())

    def minimumSizeHint(self):  # noqa: N802 (Qt name)
        from PySide6.QtCore import QSize

        metrics = self.words.fontMetrics()
        longest = max((metrics.horizontalAdvance(w) for w in self.text().split()), default=0)
        return QSize(longest + 200 - self._room(200).width() + 2, super().sizeHint().height())

    def sizeHint(self):  # noqa: N802 (Qt name)
        from PySide6.QtCore import QSize

        # Preferred: the words on one line; the layout may narrow it (and it wraps).
        width = self.words.fontMetrics().horizontalAdvance(self.text()) + 200 - self._room(200).width() + 2
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.words.setGeometry(self._room(self.width(), self.height()))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""  # the label draws the words
        painter.drawControl(self._control, option)


class _WholeRowRadio(_WrappingChoice, QRadioButton):
    def __init__(self, text: str) -> None:
        QRadioButton.__init__(self, text)
        self._add_words(text)


class _WholeRowCheck(_WrappingChoice, QCheckBox):
    _element = QStyle.SE_CheckBoxContents
    _control = QStyle.CE_CheckBox

    def __init__(self, text: str) -> None:
        QCheckBox.__init__(self, text)
        self._add_words(text)


def wrap_words(text: str, metrics, width: int) -> str:
    """`text` broken into lines no wider than `width` (a picture's caption under it)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


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

    def fit(self, width: int) -> None:
        """Arrange for this width (the quiz's), where the widget has more than one way."""

    def spoken(self) -> list[str]:
        """What read-aloud says for the answers, in the order they are on the screen."""
        return []

    def show_result(self, graded: Graded) -> None:
        """After the check: mark the right answer and what the student got wrong."""

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
        self.captions = {c.id: c.text for c in question.choices}
        if multiple:
            layout.addWidget(label(translate("Kiosk", "Choose every answer that is right."), "hint"))

    def spoken(self) -> list[str]:
        return [self.captions[cid] for cid in self.buttons]

    def show_result(self, graded: Graded) -> None:
        for widget, text in _mark_buttons(self, graded):
            widget.setText(text)
            widget.words.setText(text)
            widget.updateGeometry()

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
        self.captions: dict[str, str] = {}
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
            widget.ensurePolished()  # the style sheet's font, to wrap the caption with
            # A tool button does not wrap its words: the caption is broken into lines as wide
            # as the picture, so a long one is never cut off at the sides.
            widget.setText(wrap_words(caption, widget.fontMetrics(), size + 10))
            widget.setToolButtonStyle(Qt.ToolButtonTextUnderIcon)
            widget.setMinimumSize(widget.sizeHint().expandedTo(QSize(size + 40, size + 70)))
            widget.setAccessibleName(caption)
            widget.setFocusPolicy(Qt.StrongFocus)
            widget.toggled.connect(self.changed)
            self.group.addButton(widget)
            layout.addWidget(widget)
            self.buttons[choice.id] = widget
            self.captions[choice.id] = caption
        self.picture_size = size
        layout.addStretch(1)

    spoken = ChoiceAnswer.spoken

    def show_result(self, graded: Graded) -> None:
        for widget, text in _mark_buttons(self, graded):
            widget.setText(wrap_words(text, widget.fontMetrics(), self.picture_size + 10))
            widget.setMinimumSize(
                widget.sizeHint().expandedTo(QSize(self.picture_size + 40, self.picture_size + 70))
            )

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
        wrap_items(self.list)  # a long step wraps (the largest text, a small screen)
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
        self._fit_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_height()  # wrapped steps take more lines when the list is narrower

    def _fit_height(self) -> None:
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

    def spoken(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def show_result(self, graded: Graded) -> None:
        """Each step marked in place: in the right place, or which step it is."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            cid = item.data(Qt.UserRole)
            if cid in graded.wrong_ids:
                step = graded.right_ids.index(cid) + 1
                item.setText(
                    translate("Kiosk", "\u2717 {text} (goes at step {n})").format(
                        text=self.texts[cid], n=step
                    )
                )
            else:
                item.setText(
                    translate("Kiosk", "\u2713 {text} (in the right place)").format(text=self.texts[cid])
                )
        wrap_items(self.list)
        self._fit_height()

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
        self.rows: list[tuple] = []  # (left label, drop-down), placed by _arrange
        self.grid = layout
        self.stacked: bool | None = None
        rights = shuffled(attempt_id, question.id, [p.id for p in question.pairs], unsolved=True)
        right_text = {p.id: p.right for p in question.pairs}
        for row, pair in enumerate(question.pairs):
            left = label(pair.left, "matchLeft")
            layout.addWidget(left, row, 0)
            box = QComboBox()
            # As narrow as need be (fit() gives it its longest answer's width where it can);
            # the list that opens shows every answer whole.
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            box.setObjectName(f"match-{pair.id}")
            box.setAccessibleName(translate("Kiosk", "Match for: {item}").format(item=pair.left))
            box.addItem(translate("Kiosk", "Choose…"), None)
            for rid in rights:
                box.addItem(right_text[rid], rid)
            box.currentIndexChanged.connect(self.changed)
            layout.addWidget(box, row, 1)
            self.boxes[pair.id] = box
            self.rows.append((left, box))
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)

    def fit(self, width: int) -> None:
        """Each item beside its drop-down where both fit, else the drop-down under its item
        at the full width (a drop-down cannot wrap its words)."""
        self.ensurePolished()
        margins = self.grid.contentsMargins()
        width -= margins.left() + margins.right()
        longest = max(
            box.fontMetrics().horizontalAdvance(box.itemText(i))
            for _, box in self.rows
            for i in range(box.count())
        )
        box_width = longest + 64  # the arrow and the padding
        left_width = max(left.minimumSizeHint().width() for left, _ in self.rows) * 3
        stacked = box_width + left_width + self.grid.horizontalSpacing() > width
        for _, box in self.rows:
            box.setMinimumWidth(min(box_width, width))
        if stacked == self.stacked:
            return
        self.stacked = stacked
        for left, box in self.rows:
            self.grid.removeWidget(left)
            self.grid.removeWidget(box)
        for row, (left, box) in enumerate(self.rows):
            if stacked:
                self.grid.addWidget(left, 2 * row, 0, 1, 2)
                self.grid.addWidget(box, 2 * row + 1, 0, 1, 2)
            else:
                self.grid.addWidget(left, row, 0)
                self.grid.addWidget(box, row, 1)

    def response(self):
        chosen = {pid: box.currentData() for pid, box in self.boxes.items()}
        return chosen if all(chosen.values()) else None

    def spoken(self) -> list[str]:
        """Each item, then the answers to match in the drop-downs' order."""
        first = next(iter(self.boxes.values()))
        return [left.text() for left, _ in self.rows] + [first.itemText(i) for i in range(1, first.count())]

    def show_result(self, graded: Graded) -> None:
        for left, box in self.rows:
            pid = next(p for p, b in self.boxes.items() if b is box)
            right = pid not in graded.wrong_ids
            left.setText(("\u2713 " if right else "\u2717 ") + left.text())
            left.setProperty("result", "right" if right else "wrong")
            repolish(left)

    def set_response(self, response) -> None:
        self.match(response)

    def match(self, mapping: dict[str, str]) -> None:
        for pid, rid in mapping.items():
            box = self.boxes[pid]
            box.setCurrentIndex(box.findData(rid))


def _mark_buttons(answer, graded: Graded) -> list[tuple]:
    """Each choice button with its marked words; its accessible name and `result` (for the
    style sheet's border) set. The caller shows the words its own way."""
    marks = []
    for cid, widget in answer.buttons.items():
        right, chosen = cid in graded.right_ids, widget.isChecked()
        text = marked(answer.captions[cid], right, chosen)
        widget.setAccessibleName(text)
        widget.setProperty("result", "right" if right else "wrong" if chosen else "")
        repolish(widget)
        marks.append((widget, text))
    return marks


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
