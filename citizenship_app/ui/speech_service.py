"""The read-aloud engine in a process of its own: `python -m citizenship_app.ui.speech_service`.

A speech engine can hang inside a C call (speech-dispatcher with no working audio never
returns from creating the engine or stopping it). In this process that hang blocks nobody:
the kiosk gives each request a deadline and kills this process when one is missed.

One JSON object per line. In: `{"op": "say", "seq": n, "texts": [...]}`, `{"op": "stop"}`,
`{"op": "language", "language": "es"}`; end of input quits. Out: `{"ev": "ready"}` or
`{"ev": "unavailable"}` once the engine is created (or not), then `{"ev": "said", "seq"}`
when a text is queued, `{"ev": "utterance", "seq", "index"}` as each text starts,
`{"ev": "finished", "seq"}`, `{"ev": "stopped"}`, `{"ev": "error", "seq"}`.

`CITIZENSHIP_TTS_ENGINE` picks the engine; `test-hang:<where>` (tests only) is a fake that
never returns from `create`, `say` or `stop`, or (`silent`) takes text and never reads it.
"""

from __future__ import annotations

import json
import os
import sys
import threading

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

FAKE = "test-hang:"


def _die_with_parent(parent: int | None) -> None:
    """Linux: the kernel kills this process when the kiosk ends, even if we are hung."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent and os.getppid() != parent:  # the kiosk was gone before we got here
        os._exit(0)


def engine_name() -> str | None:
    wanted = os.environ.get("CITIZENSHIP_TTS_ENGINE")
    if wanted and wanted.startswith(FAKE):
        return wanted
    from PySide6.QtTextToSpeech import QTextToSpeech

    engines = QTextToSpeech.availableEngines()
    if wanted:
        return wanted if wanted in engines else None
    real = [e for e in engines if e != "mock"]
    return real[0] if real else None


def _forever() -> None:
    threading.Event().wait()


class HangingEngine(QObject):
    """Tests only: an engine stuck where `where` says, as speech-dispatcher gets stuck."""

    utterance = Signal(int, int)  # seq, index
    finished = Signal(int)
    error = Signal(int)

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        if where == "create":
            _forever()

    def say(self, seq: int, texts: list[str]) -> None:
        if self.where == "say":
            _forever()
        # Otherwise the text is taken and never read (no audio): no progress, no end.

    def stop(self) -> None:
        if self.where == "stop":
            _forever()

    def set_language(self, language: str) -> None:
        pass


class QtEngine(QObject):
    """QTextToSpeech, reporting which of the queued texts is being read."""

    utterance = Signal(int, int)
    finished = Signal(int)
    error = Signal(int)

    def __init__(self, name: str) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        super().__init__()
        self.tts = QTextToSpeech(name, self)
        if self.tts.state() == QTextToSpeech.State.Error:
            raise RuntimeError(self.tts.errorString())
        self.seq, self.ids, self.last, self.speaking = 0, [], -1, False
        self.tts.aboutToSynthesize.connect(self._started)
        self.tts.sayingWord.connect(lambda _w, utterance, _s, _l: self._started(utterance))
        self.tts.stateChanged.connect(self._state)

    def say(self, seq: int, texts: list[str]) -> None:
        self.seq, self.last, self.speaking = seq, -1, True
        self.ids = [self.tts.enqueue(text) for text in texts]

    def stop(self) -> None:
        self.speaking = False
        self.tts.stop()

    def set_language(self, language: str) -> None:
        locale = QLocale(QLocale.Spanish if language == "es" else QLocale.English, QLocale.UnitedStates)
        if any(known.language() == locale.language() for known in self.tts.availableLocales()):
            self.tts.setLocale(locale)

    def _started(self, utterance: int) -> None:
        # Engines number utterances their own way: the index is the place in this queue.
        if self.speaking and utterance in self.ids and utterance != self.last:
            self.last = utterance
            self.utterance.emit(self.seq, self.ids.index(utterance))

    def _state(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if not self.speaking:
            return
        if state == QTextToSpeech.State.Ready:
            self.speaking = False
            self.finished.emit(self.seq)
        elif state == QTextToSpeech.State.Error:
            self.speaking = False
            self.error.emit(self.seq)


class Service(QObject):
    line = Signal(str)  # from the stdin thread, handled in the main thread

    def __init__(self) -> None:
        super().__init__()
        self.engine = None
        self.line.connect(self.handle)

    def start(self) -> None:
        try:
            name = engine_name()
            if name is None:
                raise RuntimeError("no engine")
            self.engine = HangingEngine(name[len(FAKE) :]) if name.startswith(FAKE) else QtEngine(name)
        except (ImportError, RuntimeError):
            send({"ev": "unavailable"})
            QCoreApplication.exit(0)
            return
        self.engine.utterance.connect(
            lambda seq, index: send({"ev": "utterance", "seq": seq, "index": index})
        )
        self.engine.finished.connect(lambda seq: send({"ev": "finished", "seq": seq}))
        self.engine.error.connect(lambda seq: send({"ev": "error", "seq": seq}))
        send({"ev": "ready", "engine": name})

    def read(self) -> None:
        """The stdin thread. End of input means the kiosk is gone or done with us: exit now,
        even if the engine has the main thread stuck."""
        for raw in sys.stdin:
            self.line.emit(raw)
        os._exit(0)

    def handle(self, raw: str) -> None:
        if self.engine is None:
            return
        request = json.loads(raw)
        op = request.get("op")
        if op == "say":
            self.engine.say(int(request["seq"]), [str(t) for t in request["texts"]])
            send({"ev": "said", "seq": request["seq"]})
        elif op == "stop":
            self.engine.stop()
            send({"ev": "stopped"})
        elif op == "language":
            self.engine.set_language(str(request["language"]))


def send(message: dict) -> None:
    try:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()
    except OSError:  # the kiosk is gone
        os._exit(0)


def main(argv: list[str] | None = None) -> None:
    """argv[0] (default sys.argv[1]): the kiosk's process id."""
    from PySide6.QtCore import QTimer

    args = sys.argv[1:] if argv is None else argv
    _die_with_parent(int(args[0]) if args else None)
    app = QCoreApplication(sys.argv[:1])
    service = Service()
    threading.Thread(target=service.read, name="stdin", daemon=True).start()
    QTimer.singleShot(0, service.start)
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
