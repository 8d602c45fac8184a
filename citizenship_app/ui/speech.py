"""Read-aloud with QtTextToSpeech, offline voices only.

Windows uses its built-in voices (the `winrt`/`sapi` engines); Linux uses speech-dispatcher
with espeak-ng (`speechd`). `CITIZENSHIP_TTS_ENGINE` picks an engine by name (the tests use
Qt's `mock` engine). When no engine works the read-aloud buttons are hidden, not broken.

Text is spoken one sentence at a time; `sentence_started(index)` follows the engine's word
progress, so the screen can highlight the sentence being read.
"""
from __future__ import annotations

import os
import re

from PySide6.QtCore import QLocale, QObject, Signal

_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_engine_cache: dict[str, bool] = {}


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text, skipping blanks and picture placeholders."""
    spans = []
    for match in _SENTENCE.finditer(text):
        chunk = match.group(0)
        stripped = chunk.strip().strip("\ufffc").strip()
        if stripped and re.search(r"\w", stripped):
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((match.start() + lead, match.start() + len(chunk.rstrip())))
    return spans


def document_sentences(document) -> list[tuple[int, int, str]]:
    """(start, end, text) of every sentence of a QTextDocument, in document positions."""
    found = []
    block = document.begin()
    while block.isValid():
        text = block.text()
        for start, end in sentences(text):
            found.append((block.position() + start, block.position() + end, text[start:end].replace("\ufffc", "")))
        block = block.next()
    return found


def _engine_name() -> str | None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    wanted = os.environ.get("CITIZENSHIP_TTS_ENGINE")
    engines = QTextToSpeech.availableEngines()
    if wanted:
        return wanted if wanted in engines else None
    real = [e for e in engines if e != "mock"]
    return real[0] if real else None


class ReadAloud(QObject):
    """One speaker for the whole window; `available` is False when no engine works."""

    sentence_started = Signal(int)
    finished = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tts = None
        self.available = False
        self.speaking = False
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            name = _engine_name()
            if name:
                tts = QTextToSpeech(name, self)
                if tts.state() != QTextToSpeech.State.Error:
                    self.tts, self.available = tts, True
                    tts.sayingWord.connect(self._word)
                    tts.stateChanged.connect(self._state)
        except ImportError:  # Qt without the speech module
            pass
        self._last = -1
        self._base = 0

    def set_language(self, language: str) -> None:
        if self.tts is not None:
            locale = QLocale(QLocale.Spanish, QLocale.UnitedStates) if language == "es" else QLocale(QLocale.English, QLocale.UnitedStates)
            if any(l.language() == locale.language() for l in self.tts.availableLocales()):
                self.tts.setLocale(locale)

    def speak(self, texts: list[str]) -> None:
        """Read each text in turn (one sentence or choice each)."""
        if not self.available:
            return
        self.stop()
        self._last = -1
        self.speaking = True
        ids = [self.tts.enqueue(text) for text in texts]
        self._base = ids[0] if ids else 0  # engines number utterances their own way

    def stop(self) -> None:
        if self.tts is not None and self.speaking:
            self.speaking = False
            self.tts.stop()

    def _word(self, _word: str, utterance: int, _start: int, _length: int) -> None:
        if utterance != self._last:
            self._last = utterance
            self.sentence_started.emit(utterance - self._base)

    def _state(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state == QTextToSpeech.State.Ready and self.speaking:
            self.speaking = False
            self.finished.emit()
