"""Read-aloud can never freeze the kiosk (issue 12, point 3).

speech-dispatcher with no working audio hangs inside QTextToSpeech: a reading that never
ends, `stop()` that never returns, creating the engine that never returns. The engine runs
in a process of its own; these tests put a fake engine there that hangs where we say
(`CITIZENSHIP_TTS_ENGINE=test-hang:<where>`, understood only by the speech process), and
check that the screen stays live, the kiosk closes at once, idle sign-out still happens,
and read-aloud is turned off with a notice staff can see.
"""

from __future__ import annotations

import sys
import time

import pytest
from kiosk_driver import click, find, sign_in
from PySide6.QtWidgets import QLineEdit

from citizenship_app.core import people, readaloud
from citizenship_app.core.demo import DEMO_STAFF_PASSWORD, demo_code
from citizenship_app.ui.app import build_window, create_app
from citizenship_app.ui.speech import ReadAloud

#: A hang is a call that does not come back; anything under this is "promptly".
PROMPT = 2.0


@pytest.fixture
def engine(monkeypatch):
    """Choose the engine for the speech process, and short deadlines for the test."""

    def choose(name: str, **deadlines) -> None:
        monkeypatch.setenv("CITIZENSHIP_TTS_ENGINE", name)
        for attribute, seconds in deadlines.items():
            monkeypatch.setattr(ReadAloud, attribute, seconds, raising=False)

    return choose


@pytest.fixture
def kiosk(qtbot, demo_dir, catalog):
    """Build a window over the demo school (call again for a second start on the same data)."""
    made = []

    def start():
        create_app()
        window = build_window(demo_dir, catalog=catalog)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        made.append(window)
        return window

    yield start
    for window in made:
        window.idle.stop()


def k2_student(window):
    info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "k-2")
    return info.id, people.class_students(window.kiosk.db, info.id)[0]


def open_k2_lesson(qtbot, window) -> None:
    """A K-2 student signs in and opens a lesson: it is read aloud by itself."""
    class_id, kid = k2_student(window)
    sign_in(qtbot, window, class_id, kid.id, demo_code("k-2"))
    module = window.kiosk.catalog.for_tier("k-2")[0]
    click(qtbot, window, f"open-{module.id}")
    assert window.stack.currentWidget() is window.lesson


def timed(action) -> float:
    start = time.monotonic()
    action()
    return time.monotonic() - start


def teacher_sign_in(qtbot, window) -> None:
    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), "squreshi")
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")
    assert window.person.role == "teacher"


def test_engine_hanging_in_stop_neither_blocks_leaving_the_lesson_nor_closing(qtbot, kiosk, engine):
    engine("test-hang:stop", reply_timeout=30.0)  # stays hung for the whole test
    window = kiosk()
    open_k2_lesson(qtbot, window)
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.speaking, timeout=20_000)  # the K-2 page started reading
    assert window.lesson.read.isVisible()
    assert timed(lambda: click(qtbot, window, "lessonHome")) < PROMPT  # stop() hangs in the engine
    assert window.stack.currentWidget() is window.home
    process = speaker._child.proc
    assert timed(window.close) < PROMPT
    assert not window.isVisible()
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=5000)  # killed, not left hanging


def test_engine_hanging_in_stop_is_given_up_with_a_notice_for_staff(qtbot, kiosk, engine):
    engine("test-hang:stop", reply_timeout=1.0)
    window = kiosk()
    open_k2_lesson(qtbot, window)
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.speaking, timeout=20_000)
    process = speaker._child.proc
    with qtbot.waitSignal(speaker.gave_up, timeout=10_000) as gave_up:
        click(qtbot, window, "readAloud")  # the student stops the reading: the engine hangs
    assert gave_up.args == [readaloud.STALLED]
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=5000)
    assert not speaker.available and not window.lesson.read.isVisible()
    assert window.lesson.reader.extraSelections() == []
    assert readaloud.current_fault(window.kiosk.db).code == readaloud.STALLED
    assert not window.speech_notice.isVisible()  # not for students
    click(qtbot, window, "signOut")
    teacher_sign_in(qtbot, window)
    assert window.speech_notice.isVisible()
    assert "Read-aloud was turned off" in window.speech_notice.text()
    assert "stopped responding" in window.speech_notice.text()


def test_engine_hanging_at_creation_blocks_neither_start_up_nor_the_lesson(qtbot, kiosk, engine):
    engine("test-hang:create", start_timeout=2.0)
    window = kiosk()
    assert getattr(window, "_speaker", None) is None  # no speech process for the sign-in screen
    assert timed(lambda: open_k2_lesson(qtbot, window)) < 3 * PROMPT
    speaker = window.speaker
    assert not window.lesson.read.isVisible()  # nothing to offer until the engine is ready
    assert timed(lambda: click(qtbot, window, "lessonHome")) < PROMPT
    with qtbot.waitSignal(speaker.gave_up, timeout=10_000) as gave_up:
        pass
    assert gave_up.args == [readaloud.STALLED]
    assert readaloud.current_fault(window.kiosk.db) is not None
    assert timed(window.close) < PROMPT

    # The next start (the same data) tries once more, in the background; staff see the notice.
    again = kiosk()
    teacher_sign_in(qtbot, again)
    assert again.speech_notice.isVisible()
    assert timed(again.close) < PROMPT


def test_engine_hanging_in_say_is_given_up_and_the_buttons_hide(qtbot, kiosk, engine):
    engine("test-hang:say", reply_timeout=1.0)
    window = kiosk()
    open_k2_lesson(qtbot, window)
    speaker = window.speaker
    with qtbot.waitSignal(speaker.gave_up, timeout=20_000) as gave_up:
        pass  # ready, then the automatic reading hangs the engine
    assert gave_up.args == [readaloud.STALLED]
    assert not window.lesson.read.isVisible()
    click(qtbot, window, "lessonNext")  # pages still turn, without reading
    assert window.lesson.page == 1 and not speaker.speaking


def test_reading_that_never_progresses_is_given_up(qtbot, kiosk, engine):
    """What speech-dispatcher does with no audio: takes the text, says it is speaking, never ends."""
    engine("test-hang:silent", progress_timeout=1.0, progress_per_char=0.0)
    window = kiosk()
    open_k2_lesson(qtbot, window)
    speaker = window.speaker
    with qtbot.waitSignal(speaker.gave_up, timeout=20_000) as gave_up:
        pass
    assert gave_up.args == [readaloud.STALLED]
    assert not window.lesson.read.isVisible()
    assert window.lesson.read.text() == "Read to me"


def test_idle_sign_out_happens_while_the_engine_hangs(qtbot, kiosk, engine):
    engine("test-hang:say", reply_timeout=60.0)  # never given up during the test
    window = kiosk()
    open_k2_lesson(qtbot, window)
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.speaking, timeout=20_000)  # the say request is in the engine
    window.idle.idle_ms, window.idle.countdown_s = 300, 1  # the test's short idle timeout
    window.idle.start()
    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        pass
    assert window.stack.currentWidget() is window.signin and window.person is None
    assert timed(window.close) < PROMPT


def test_speech_process_that_dies_is_given_up(qtbot, kiosk, engine):
    engine("mock")
    window = kiosk()
    open_k2_lesson(qtbot, window)
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.available, timeout=20_000)
    with qtbot.waitSignal(speaker.gave_up, timeout=10_000) as gave_up:
        speaker._child.proc.kill()  # as a crash in the audio library would
    assert gave_up.args == [readaloud.CRASHED]
    assert not window.lesson.read.isVisible()
    assert readaloud.current_fault(window.kiosk.db).code == readaloud.CRASHED


def test_a_reading_that_finishes_clears_the_fault(qtbot, kiosk, engine):
    engine("mock")
    window = kiosk()
    readaloud.record_fault(window.kiosk.db, readaloud.STALLED)  # from an earlier run
    teacher_sign_in(qtbot, window)
    assert window.speech_notice.isVisible()
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.available, timeout=20_000)
    with qtbot.waitSignal(speaker.finished, timeout=10_000):
        speaker.speak(["Hello."])
    assert readaloud.current_fault(window.kiosk.db) is None
    assert not window.speech_notice.isVisible()


def test_k2_reading_starts_when_the_engine_becomes_ready(qtbot, kiosk, engine):
    """The engine starts in the background: a K-2 page opened before it is ready is read then."""
    engine("mock")
    window = kiosk()
    open_k2_lesson(qtbot, window)
    with qtbot.waitSignal(window.speaker.sentence_started, timeout=20_000):
        pass
    assert window.lesson.read.isVisible() and window.lesson.read.text() == "Stop reading"


def test_the_real_speech_dispatcher_never_blocks_the_kiosk(qtbot, kiosk, engine):
    """Qt's real speech-dispatcher engine, whatever the machine has: with speech-dispatcher
    and no audio it hangs (as reported; seen with speech-dispatcher 0.11.4 and espeak-ng), without
    speech-dispatcher it fails to start. Either way leaving the lesson and closing come back at once."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    if "speechd" not in QTextToSpeech.availableEngines():
        pytest.skip("this Qt has no speechd plugin; the fake engines above cover the faults")
    engine("speechd", start_timeout=5.0, reply_timeout=2.0, progress_timeout=3.0)
    window = kiosk()
    assert timed(lambda: open_k2_lesson(qtbot, window)) < 3 * PROMPT
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.status != "starting", timeout=10_000)
    assert timed(lambda: click(qtbot, window, "lessonHome")) < PROMPT
    assert timed(window.close) < PROMPT


KIOSK_THAT_DIES = """
import json, os, subprocess, sys
from citizenship_app.ui.speech import service_command
child = subprocess.Popen(service_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
print(child.pid, flush=True)
if sys.argv[1] == "hung":  # wait until the engine is ready, then hang it in a request
    json.loads(child.stdout.readline())
    child.stdin.write(b'{"op": "say", "seq": 1, "texts": ["Hi."]}\\n')
    child.stdin.flush()
os._exit(0)  # as a crash would: nothing cleaned up
"""


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")  # ended (not reaped)
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("engine_name, when", [("mock", "at-once"), ("test-hang:say", "hung")])
def test_speech_process_ends_when_the_kiosk_dies(qtbot, engine_name, when):
    """A kiosk that crashes leaves no speech process behind (not even one the engine hung)."""
    import os
    import subprocess

    env = dict(os.environ, CITIZENSHIP_TTS_ENGINE=engine_name)
    kiosk = subprocess.run(
        [sys.executable, "-c", KIOSK_THAT_DIES, when], env=env, capture_output=True, text=True, timeout=60
    )
    pid = int(kiosk.stdout.split()[0])
    qtbot.waitUntil(lambda: gone(pid), timeout=20_000)


KIOSK_THAT_QUITS = """
import sys, time
from PySide6.QtCore import QTimer
from citizenship_app.core import people
from citizenship_app.ui.app import build_window, create_app
app = create_app()
window = build_window(sys.argv[1])
window.show()
info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "k-2")
kid = people.class_students(window.kiosk.db, info.id)[0]
window.on_signed_in(kid.id, info.id)
window.open_lesson(window.kiosk.catalog.for_tier("k-2")[0].id)

def check():
    if not window.speaker.speaking:
        return
    timer.stop()
    window.show_home()  # stop(): the engine hangs in it
    print(time.monotonic(), flush=True)
    app.quit()

timer = QTimer()
timer.timeout.connect(check)
timer.start(50)
app.exec()
"""


def test_kiosk_process_exits_at_once_with_the_engine_hung(demo_dir):
    """Quitting (the exit code, end of session) never waits for a hung speech process."""
    import os
    import subprocess

    env = dict(os.environ, CITIZENSHIP_TTS_ENGINE="test-hang:stop", QT_QPA_PLATFORM="offscreen")
    kiosk = subprocess.Popen(
        [sys.executable, "-c", KIOSK_THAT_QUITS, str(demo_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        quitting = float(kiosk.stdout.readline())  # the stop request is in the hung engine
        kiosk.wait(timeout=60)
    finally:
        kiosk.kill()
    assert kiosk.returncode == 0
    assert time.monotonic() - quitting < 3 * PROMPT


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_speech_process_gets_none_of_the_hub_secrets(qtbot, monkeypatch):
    monkeypatch.setenv("CITIZENSHIP_HUB_PASSWORD", "device-secret")
    monkeypatch.setenv("CITIZENSHIP_TTS_ENGINE", "mock")
    speaker = ReadAloud()
    try:
        with open(f"/proc/{speaker._child.proc.pid}/environ", "rb") as environ:
            names = [entry.split(b"=", 1)[0] for entry in environ.read().split(b"\0")]
        assert b"CITIZENSHIP_TTS_ENGINE" in names and b"CITIZENSHIP_HUB_PASSWORD" not in names
    finally:
        speaker.shutdown()


def test_a_packaged_build_starts_the_speech_process_through_its_own_program(monkeypatch):
    """A frozen (PyInstaller) kiosk has no Python to run `-m` with: it starts itself with
    `--speech-service`, which the command line hands to the speech process's main."""
    import json
    import subprocess
    import sys

    from citizenship_app.ui import speech

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = speech.service_command()
    assert command[:2] == [sys.executable, "--speech-service"]
    # The same entry, through the real command line: the engine answers, and it quits at the
    # end of its input.
    child = subprocess.Popen(
        [sys.executable, "-m", "citizenship_app.cli", *command[1:]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**__import__("os").environ, "CITIZENSHIP_TTS_ENGINE": "mock"},
    )
    import threading

    guard = threading.Timer(60, child.kill)  # a child that never answers fails, never hangs
    guard.start()
    try:
        first = child.stdout.readline() or "{}"  # the child answers within its own start-up time
        child.stdin.close()
        assert json.loads(first).get("ev") == "ready", first
        assert child.wait(timeout=60) == 0
    finally:
        guard.cancel()
        child.kill()
