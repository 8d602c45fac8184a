"""Read-aloud with QtTextToSpeech, offline voices only, in a process of its own.

Windows uses its built-in voices (the `winrt`/`sapi` engines); Linux uses speech-dispatcher
with espeak-ng (`speechd`). `CITIZENSHIP_TTS_ENGINE` picks an engine by name (the tests use
Qt's `mock` engine). When no engine works the read-aloud buttons are hidden, not broken.

The engine runs in `speech_service`, a child process: speech-dispatcher without working audio
can hang inside a C call, and a hung call there cannot freeze the screen. Every request has a
deadline; on a missed one, or when the child dies, the child is killed (never waited for),
read-aloud is off until the next start, and `gave_up(code)` says why (core/readaloud.py).

Text is spoken one sentence at a time; `sentence_started(index)` follows the engine's
progress, so the screen can highlight the sentence being read.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections import deque

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..core import readaloud

log = logging.getLogger(__name__)

_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


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
            found.append(
                (block.position() + start, block.position() + end, text[start:end].replace("\ufffc", ""))
            )
        block = block.next()
    return found


def service_command() -> list[str]:
    """How the speech process is started: `python -m ...` from a venv; a packaged (frozen)
    build has no Python to run modules with, so it starts itself with `--speech-service`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--speech-service", str(os.getpid())]
    return [sys.executable, "-m", "citizenship_app.ui.speech_service", str(os.getpid())]


class _Bridge(QObject):
    """Lines from the child's reader thread, delivered in the GUI thread (queued signals)."""

    line = Signal(int, str)  # child serial, one JSON line
    ended = Signal(int)


class _Child:
    """The speech process and the threads that write to and read from it.

    Nothing here waits for the process: writes go through a queue to a writer thread (a hung
    child with a full pipe blocks that thread only), `kill` signals and returns, and the reader
    thread reaps the process after its output ends.
    """

    def __init__(self, serial: int, bridge: _Bridge) -> None:
        self.serial, self.bridge = serial, bridge
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console window
        # The voice needs none of the kiosk's secrets (the hub password may be in the environment).
        env = {k: v for k, v in os.environ.items() if not k.startswith("CITIZENSHIP_HUB_")}
        self.proc = subprocess.Popen(
            service_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, creationflags=flags
        )
        self.outbox: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._write, name="speech-writer", daemon=True).start()
        threading.Thread(target=self._read, name="speech-reader", daemon=True).start()

    def send(self, message: dict) -> None:
        self.outbox.put((json.dumps(message) + "\n").encode("ascii"))

    def kill(self) -> None:
        self.outbox.put(None)
        try:
            self.proc.kill()
        except OSError:  # already gone
            pass

    def close(self) -> None:
        """End of input: a healthy child quits by itself."""
        self.outbox.put(None)

    def _write(self) -> None:
        try:
            while (data := self.outbox.get()) is not None:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            self.proc.stdin.close()
        except (OSError, ValueError):  # the child is gone
            pass

    def _read(self) -> None:
        try:
            for raw in self.proc.stdout:
                self._emit("line", self.serial, raw.decode("utf-8", "replace").strip())
        except (OSError, ValueError):
            pass
        self._emit("ended", self.serial)
        self.proc.wait()  # reap it (here, never in the GUI thread)

    def _emit(self, signal: str, *args) -> None:
        try:
            getattr(self.bridge, signal).emit(*args)
        except RuntimeError:  # the window is already gone (the kiosk is quitting)
            pass


class ReadAloud(QObject):
    """One speaker for the whole window; `available` is True once the engine is ready.

    The engine starts in the background on first need: `available_changed` tells the screens
    when to show (or hide) their read-aloud buttons.
    """

    sentence_started = Signal(int)
    finished = Signal()  # a reading ended by itself (not stopped)
    available_changed = Signal(bool)
    gave_up = Signal(str)  # a core.readaloud fault code

    #: Deadlines, in seconds: the engine starting (a Python process and the engine's own
    #: start-up), a reply to a request, and each text's reading (base + per character).
    start_timeout = 20.0
    reply_timeout = 4.0
    progress_timeout = 8.0
    progress_per_char = 0.2

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status = "starting"  # then ready, unavailable, gave-up or closed
        self.speaking = False
        self.language = "en"
        self._seq = 0
        self._texts: list[str] = []
        self._replies: deque[tuple[str, float]] = deque()  # the child answers in order
        self._progress: float | None = None
        self._ready_by = time.monotonic() + self.start_timeout
        self._bridge = _Bridge(self)
        self._bridge.line.connect(self._line)
        self._bridge.ended.connect(self._ended)
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(200)
        self._watchdog.timeout.connect(self._check_deadlines)
        self._serial = 1
        try:
            self._child: _Child | None = _Child(self._serial, self._bridge)
        except OSError:
            log.exception("read-aloud: the speech process did not start")
            self._child, self.status = None, "unavailable"
            return
        self._watchdog.start()
        QCoreApplication.instance().aboutToQuit.connect(self.shutdown)

    @property
    def available(self) -> bool:
        return self.status == "ready"

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            if self.available:
                self._child.send({"op": "language", "language": language})

    def speak(self, texts: list[str]) -> None:
        """Read each text in turn (one sentence or choice each)."""
        if not self.available:
            return
        self.stop()
        self._seq += 1
        self._texts = list(texts)
        self.speaking = True
        self._child.send({"op": "say", "seq": self._seq, "texts": self._texts})
        self._expect("said")
        self._progress = self._budget(0)

    def stop(self) -> None:
        if self.available and self.speaking:
            self.speaking = False
            self._progress = None
            self._child.send({"op": "stop"})
            self._expect("stopped")

    def shutdown(self) -> None:
        """The kiosk is closing: end the speech process now, without waiting for it."""
        if self._child is not None:
            self._child.kill()
            self._child = None
        self.status, self.speaking = "closed", False
        self._watchdog.stop()

    # -- from the child ---------------------------------------------------------------------

    def _line(self, serial: int, raw: str) -> None:
        if serial != self._serial or self._child is None:
            return  # a child given up on, still talking
        try:
            message = json.loads(raw)
        except ValueError:
            return
        event = message.get("ev")
        if event == "ready":
            self.status = "ready"
            self._child.send({"op": "language", "language": self.language})
            self.available_changed.emit(True)
        elif event == "unavailable":
            self.status = "unavailable"
            self._child.close()
            self._child = None
            self._watchdog.stop()
        elif event in ("said", "stopped"):
            if self._replies and self._replies[0][0] == event:
                self._replies.popleft()
        elif message.get("seq") != self._seq or not self.speaking:
            return  # about a reading since stopped
        elif event == "utterance":
            index = int(message["index"])
            self._progress = self._budget(index)
            self.sentence_started.emit(index)
        elif event == "finished":
            self.speaking, self._progress = False, None
            self.finished.emit()
        elif event == "error":
            self._give_up(readaloud.FAILED, "the engine reported an error")

    def _ended(self, serial: int) -> None:
        if serial == self._serial and self._child is not None and self.status in ("starting", "ready"):
            self._give_up(readaloud.CRASHED, f"the speech process ended (exit {self._child.proc.poll()})")

    # -- deadlines --------------------------------------------------------------------------

    def _expect(self, reply: str) -> None:
        self._replies.append((reply, time.monotonic() + self.reply_timeout))

    def _budget(self, index: int) -> float:
        text = self._texts[index] if 0 <= index < len(self._texts) else ""
        return time.monotonic() + self.progress_timeout + self.progress_per_char * len(text)

    def _check_deadlines(self) -> None:
        now = time.monotonic()
        if self.status == "starting" and now > self._ready_by:
            self._give_up(readaloud.STALLED, f"the engine did not start within {self.start_timeout:g} s")
        elif self._replies and now > min(deadline for _, deadline in self._replies):
            self._give_up(
                readaloud.STALLED, f"no reply ({self._replies[0][0]}) within {self.reply_timeout:g} s"
            )
        elif self.speaking and self._progress is not None and now > self._progress:
            self._give_up(readaloud.STALLED, "the reading made no progress")

    def _give_up(self, code: str, why: str) -> None:
        log.warning("read-aloud turned off until the next start: %s (%s)", why, code)
        was_available = self.available
        self.shutdown()
        self.status = "gave-up"
        self._replies.clear()
        self._progress = None
        if was_available:
            self.available_changed.emit(False)
        self.gave_up.emit(code)


def fault_text(code: str, when: str) -> str:
    """The staff notice for a core.readaloud fault code."""
    from .i18n import translate

    why = {
        readaloud.CRASHED: translate("Kiosk", "the speech engine stopped unexpectedly"),
        readaloud.FAILED: translate("Kiosk", "the speech engine reported an error"),
    }.get(code, translate("Kiosk", "the speech engine stopped responding"))
    notice = translate(
        "Kiosk",
        "Read-aloud was turned off ({when}): {why}. "
        "IT: check the sound and the speech service (speech-dispatcher on Linux).",
    )
    return notice.format(when=when, why=why)
