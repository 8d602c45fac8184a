"""Soak: a school day on one kiosk, compressed in time, while it syncs to a district hub.

    python bench/soak.py                 # 6 school hours at 12x: 30 minutes
    python bench/soak.py --minutes 10    # 10 real minutes (2 school hours at 12x)
    python bench/soak.py --quick         # 2 real minutes, a smoke run
    python bench/soak.py --json          # every sample, as JSON
    python bench/soak.py --prime         # every screen and content shown once before the day
    python bench/soak.py --prime --prime-stages   # and RSS after each class and language of it

The real kiosk (offscreen, lockdown engaged, demo school) runs in a child process; a scripted
day of students drives it through the real screens with QTest clicks, key presses and mouse
moves (Qt's own event path, so the lockdown and idle filters see them): students of every
tier sign in (class, name, PIN or pictures), some choose Spanish first or change their text
size or contrast, read lessons page by page, take quizzes with right and wrong answers, retake
some they failed, and sign out with the button or walk away and are signed out by the idle
watcher. The kiosk syncs to a real district hub process on 127.0.0.1 (SQLite) all day.

Time compression: the school clock runs `--speed` times faster than the real one (default
12). Every duration of the day is divided by it: a student's reading and answering pace
(a page 20-60 s, a question 10-30 s, a sign-in step 2-5 s, 20-120 s between students), the
kiosk's idle sign-out as the store sets it (default 3 min + 30 s countdown: 15 s + 3 s at
12x; the countdown ticks in whole seconds) and its sync interval (60 s: 5 s). Students move
the mouse while they read (10 moves a real second).

The child prints a sample every `--sample` seconds and at three milestones, each taken at
the sign-in screen between two students after a garbage collection: start (before the first
student), warm-up (after the first school hour, or a sixth of a shorter run: the screens
have been built by then) and end. Growth is end minus warm-up. Qt keeps state for content it
has shown (a module's first showing costs a few MB, the next nothing), so growth after the
warm-up includes each module's first showing that day; `--prime` shows everything once first
(see prime_content; its first students of each class are then left out of the day). A crash of
the child (an abort, a signal) is counted and the kiosk restarted for the rest of the day,
as the kiosk session of docs/deployment.md would. At the end one more sync runs and the hub
is checked to hold exactly the kiosk's outbox. `docs/benchmarks.md` records the figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TICK_MS = 100  # a mouse move (while reading) or a condition check this often, real time
MAX_RESTARTS = 5
HANG_SECONDS = 600  # past the end of the day: the kiosk process is stuck
PRIME_SECONDS = 3600  # the priming comes before the day (a few minutes on a busy machine)


# -- measurements (in the kiosk process) ------------------------------------------------------


def measure(data_dir: Path, full: bool = True) -> dict:
    """What the process holds now; the caller collects garbage first where it matters.

    Not `full` (periodic samples): no QObject count. Listing QObjects makes PySide wrappers
    for the children Qt creates itself (scroll bars, layouts), which outlive those children:
    counting often would itself grow the Python objects it counts.
    """
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from citizenship_app.core.paths import DB_NAME

    app = QApplication.instance()
    fds = os.listdir("/proc/self/fd")
    targets = []
    for fd in fds:
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass
    db_file = str(data_dir / DB_NAME)
    tops = QApplication.topLevelWidgets()
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status if line.startswith("Rss"))
    kb = {name: int(value.split()[0]) for name, value in fields.items()}
    return {
        "rss_kb": kb["RssAnon"] + kb["RssFile"] + kb.get("RssShmem", 0),
        # Heap and other private memory; the rest is pages of files (mostly Qt's libraries,
        # read in as code paths are used for the first time).
        "rss_anon_kb": kb["RssAnon"],
        "fds": len(fds),
        "threads": len(os.listdir("/proc/self/task")),
        "widgets": len(QApplication.allWidgets()),
        "qobjects": (
            len(app.findChildren(QObject)) + sum(1 + len(w.findChildren(QObject)) for w in tops)
            if full
            else None
        ),
        "python_objects": len(gc.get_objects()),
        "sqlite_connections": open_connections(),
        # SQLite keeps a closed connection's descriptor open while another connection of the
        # process holds locks on the file (POSIX locks are per process), and reuses it.
        "db_fds": sum(1 for t in targets if t == db_file),
        "none_refs": sys.getrefcount(None),
    }


def type_counts() -> dict:
    """Live objects the garbage collector tracks, by type (what objgraph counts)."""
    from collections import Counter

    gc.collect()
    return Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())


def open_connections() -> int:
    """Open sqlite3 connections anywhere in the process (the kiosk's, sync rounds', backups')."""
    count = 0
    for obj in gc.get_objects():
        if isinstance(obj, sqlite3.Connection):
            try:
                _ = obj.total_changes  # raises on a closed connection
            except sqlite3.ProgrammingError:
                continue
            count += 1
    return count


# -- the scripted day (in the kiosk process) ---------------------------------------------------


def think(seconds: float, moving: bool = True) -> tuple:
    """Wait this many school seconds; the student moves the mouse meanwhile if `moving`."""
    return ("think", seconds, moving)


def until(condition, school_seconds: float) -> tuple:
    """Wait, without input, until condition() holds; a script error after the timeout."""
    return ("until", condition, school_seconds)


class ScriptError(RuntimeError):
    pass


class Day:
    """The students of the demo school, one after another, through the real screens."""

    def __init__(
        self,
        window,
        speed: float,
        seconds: float,
        rng: random.Random,
        sample_s: float,
        warm_up_s: float,
        trace: bool,
        prime: bool = False,
        stages: bool = False,
    ) -> None:
        from citizenship_app.core import people

        self.window, self.speed, self.rng = window, speed, rng
        self.seconds, self.sample_s, self.warm_up_s, self.trace = seconds, sample_s, warm_up_s, trace
        self.data_dir = window.kiosk.data_dir
        db = window.kiosk.db
        self.students = [(c, s) for c in people.list_classes(db) for s in people.class_students(db, c.id)]
        self.counts = {
            k: 0
            for k in (
                "sessions",
                "spanish_sessions",
                "preference_changes",
                "pages",
                "answers",
                "answers_right",
                "passed",
                "failed",
                "retakes",
                "signed_out_by_button",
                "signed_out_by_idle",
                "idle_warnings",
                "mouse_moves",
                "key_presses",
                "sync_rounds",
                "sync_errors",
                "statements_sent",
                "script_errors",
                "slot_errors",
            )
        }
        self.began = time.monotonic()
        if prime:  # the first student of each class shows every screen once; the day skips them
            self._maybe_sample("before_priming")
            primers = {c.id: people.class_students(db, c.id)[0] for c in people.list_classes(db)}
            began = time.monotonic()
            shown = prime_content(window, primers, report=self._stage if stages else None)
            print(
                json.dumps({"mark": "primed", "real_s": round(time.monotonic() - began, 1), **shown}),
                flush=True,
            )
            self.students = [(c, s) for c, s in self.students if s != primers[c.id]]
        self.rng.shuffle(self.students)
        window.idle.warning.connect(lambda _s: self._count("idle_warnings"))
        window.sync.finished.connect(self._synced)
        self.began = time.monotonic()
        self.next_sample = self.began
        self.warmed = False
        self.generator = self._day()

    # the scheduler: one instruction at a time, Qt's event loop running in between

    def start(self) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self._next)

    def _next(self, error: Exception | None = None) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        try:
            kind, value, extra = self.generator.throw(error) if error else next(self.generator)
        except StopIteration:
            QApplication.instance().exit(0)  # not quit(): the locked window refuses to close
            return
        except Exception:  # the script itself broke: end the day, with a status that says so
            import traceback

            traceback.print_exc()
            QApplication.instance().exit(3)
            return
        if kind == "think":
            self.deadline, self.moving = time.monotonic() + value / self.speed, extra
            QTimer.singleShot(0, self._think)
        else:
            self.condition, self.deadline = value, time.monotonic() + extra / self.speed
            QTimer.singleShot(TICK_MS, self._until)

    def _think(self) -> None:
        from PySide6.QtCore import QTimer

        self._maybe_sample()
        left = self.deadline - time.monotonic()
        if left <= 0:
            self._next()
            return
        if self.moving:
            self._move_mouse()
        QTimer.singleShot(int(min(TICK_MS, left * 1000)) + 1, self._think)

    def _until(self) -> None:
        from PySide6.QtCore import QTimer

        self._maybe_sample()
        if self.condition():
            self._next()
        elif time.monotonic() > self.deadline:
            self._next(ScriptError("waited too long"))  # counted, the day goes on
        else:
            QTimer.singleShot(TICK_MS, self._until)

    # input through Qt's event path

    def _move_mouse(self) -> None:
        from PySide6.QtCore import QPoint
        from PySide6.QtTest import QTest

        screen = self.window.stack.currentWidget()
        QTest.mouseMove(
            screen,
            QPoint(self.rng.randrange(max(screen.width(), 1)), self.rng.randrange(max(screen.height(), 1))),
        )
        self.counts["mouse_moves"] += 1

    def click(self, name: str) -> None:
        click(self.window, name)

    def key(self, key) -> None:
        from PySide6.QtTest import QTest

        QTest.keyClick(self.window.stack.currentWidget(), key)
        self.counts["key_presses"] += 1

    # samples

    def _maybe_sample(self, milestone: str | None = None) -> None:
        now = time.monotonic()
        if milestone is None and now < self.next_sample:
            return
        if milestone is None:
            self.next_sample = now + self.sample_s
        gc.collect()
        figures = {
            "mark": milestone or "sample",
            "real_s": round(now - self.began, 1),
            "school_min": round((now - self.began) * self.speed / 60, 1),
            **measure(self.data_dir, full=milestone is not None),
            **self.counts,
        }
        print(json.dumps(figures), flush=True)

    def _synced(self, result) -> None:
        self.counts["sync_rounds"] += 1
        self.counts["statements_sent"] += max(result.sent, 0)
        if result.error and result.error != "waiting to retry":
            self.counts["sync_errors"] += 1

    def _stage(self, name: str) -> None:
        """A figure after each step of the priming (--prime-stages): what first showings cost."""
        gc.collect()
        print(
            json.dumps(
                {
                    "mark": "stage",
                    "stage": name,
                    "real_s": round(time.monotonic() - self.began, 1),
                    **measure(self.data_dir, full=False),
                }
            ),
            flush=True,
        )

    def _count(self, key: str) -> None:
        self.counts[key] += 1

    # the day

    def _day(self):
        window = self.window
        self._maybe_sample("start")
        n = 0
        while time.monotonic() - self.began < self.seconds:
            info, student = self.students[n % len(self.students)]
            n += 1
            try:
                yield from self._session(info, student)
            except Exception as exc:  # out of step with the screen: say so, start afresh
                self.counts["script_errors"] += 1
                print(
                    json.dumps(
                        {
                            "mark": "script_error",
                            "error": f"{type(exc).__name__}: {exc}",
                            "screen": type(window.stack.currentWidget()).__name__,
                        }
                    ),
                    flush=True,
                )
                window.show_sign_in()
            yield think(self.rng.uniform(20, 120), moving=False)  # the next student comes over
            if not self.warmed and time.monotonic() - self.began >= self.warm_up_s:
                self.warmed = True
                self._maybe_sample("warm_up")
                if self.trace:
                    import tracemalloc

                    self.types = type_counts()
                    tracemalloc.start(10)
                    self.snapshot = tracemalloc.take_snapshot()
        self._maybe_sample("end")
        if self.trace:
            import tracemalloc

            now = type_counts()
            grown = sorted(((now[t] - self.types.get(t, 0), t) for t in now), reverse=True)[:15]
            print(json.dumps({"mark": "types", "grown": grown}), flush=True)
            stats = tracemalloc.take_snapshot().compare_to(self.snapshot, "traceback")
            for stat in stats[:15]:
                print(
                    json.dumps(
                        {
                            "mark": "trace",
                            "size_kb": round(stat.size_diff / 1024, 1),
                            "count": stat.count_diff,
                            "where": stat.traceback.format()[-6:],
                        }
                    ),
                    flush=True,
                )

    def _session(self, info, student):
        from PySide6.QtCore import Qt

        from citizenship_app.core.demo import demo_code

        window, rng = self.window, self.rng
        if window.stack.currentWidget() is not window.signin:
            raise ScriptError("a session began away from the sign-in screen")
        self.counts["sessions"] += 1
        if rng.random() < 0.15:
            yield think(rng.uniform(2, 5))
            self.click("lang-es")
            self.counts["spanish_sessions"] += 1
        yield think(rng.uniform(2, 5))
        self.click(f"class-{info.id}")
        yield think(rng.uniform(2, 5))
        self.click(f"student-{student.id}")
        code = demo_code(student.tier)
        if "-" in code:
            for picture in code.split("-"):
                yield think(rng.uniform(1, 3))
                self.click(f"pic-{picture}")
        else:
            for digit in code:
                yield think(rng.uniform(0.5, 1.5))
                self.click(f"key{digit}")
            self.click("keyOk")
        yield until(lambda: window.stack.currentWidget() is window.home, 30)
        if rng.random() < 0.2:
            yield think(rng.uniform(2, 5))
            self.click(rng.choice(["textSize", "contrast"]))
            self.counts["preference_changes"] += 1
        walk_away = rng.random() < 0.3
        modules = rng.randint(1, 2)
        for m in range(modules):
            last = m == modules - 1
            yield from self._module(walk_away and last)
            if walk_away and last:
                return
        if rng.random() < 0.3:
            yield think(1)
            self.key(Qt.Key_Escape)  # tried to leave full screen: the lockdown swallows it
        yield think(rng.uniform(2, 6))
        self.click("signOut")
        self.counts["signed_out_by_button"] += 1

    def _module(self, walk_away: bool):
        window, rng = self.window, self.rng
        yield until(lambda: window.stack.currentWidget() is window.home, 10)
        from citizenship_app.core.progress import PASSED

        open_cards = [mid for mid, card in window.home.cards.items() if card.action.isEnabled()]
        unfinished = [mid for mid in open_cards if window.home.cards[mid].status.state != PASSED]
        module_id = unfinished[0] if unfinished and rng.random() < 0.8 else rng.choice(open_cards)
        yield think(rng.uniform(3, 8))
        self.click(f"open-{module_id}")
        lesson = window.lesson
        stop_at = rng.randrange(len(lesson.module.pages)) if walk_away else None
        while window.stack.currentWidget() is lesson:
            yield think(rng.uniform(20, 60))
            if stop_at is not None and lesson.page >= stop_at:
                yield from self._walk_away()
                return
            self.click("lessonNext")
            self.counts["pages"] += 1
        yield from self._quiz(rng.random() < 0.75)

    def _quiz(self, good_student: bool):
        window, rng = self.window, self.rng
        quiz = window.quiz
        while window.stack.currentWidget() is quiz:
            yield think(rng.uniform(10, 30))
            right = rng.random() < (0.95 if good_student else 0.5)
            answer(quiz, right)
            self.click("checkAnswer")
            self.counts["answers"] += 1
            self.counts["answers_right"] += right
            yield think(rng.uniform(3, 10))
            self.click("nextQuestion")
        yield until(lambda: window.stack.currentWidget() is window.result, 10)
        outcome = window.result_outcome
        self.counts["passed" if outcome.passed else "failed"] += 1
        yield think(rng.uniform(3, 8))
        if not outcome.passed and rng.random() < 0.5:
            self.click("retake")
            self.counts["retakes"] += 1
            yield from self._quiz(True)
        else:
            self.click("resultHome")

    def _walk_away(self):
        """No more input: the countdown shows, then the idle watcher signs the student out."""
        window = self.window
        warnings = self.counts["idle_warnings"]
        idle_s = window.idle.idle_ms / 1000 * self.speed
        yield until(
            lambda: window.stack.currentWidget() is window.signin,
            idle_s + (window.idle.countdown_s + 5) * self.speed,
        )
        if self.counts["idle_warnings"] == warnings:
            raise ScriptError("signed out without the countdown")
        self.counts["signed_out_by_idle"] += 1


def click(window, name: str) -> None:
    """A left click on the button of that object name, which must be on screen and enabled."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton

    widget = window.findChild(QAbstractButton, name)
    if widget is None or not (widget.isVisible() and widget.isEnabled()):
        raise ScriptError(f"{name!r} is not on screen to click")
    QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier, widget.rect().center())


def answer(quiz, right: bool) -> None:
    """Answer the question on screen, right or wrong, as a student would."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    question, widget = quiz.question, quiz.answer
    ids = question.correct_ids
    if question.type == "ordering":
        widget.set_order(ids if right else ids[1:] + ids[:1])
    elif question.type == "matching":
        widget.match({p: (p if right else ids[(i + 1) % len(ids)]) for i, p in enumerate(ids)})
    else:
        wrong = [c.id for c in question.choices if not c.correct]
        target = ids if right or not wrong else wrong[:1]
        for cid in target:
            button = widget.buttons[cid]
            QTest.mouseClick(button, Qt.LeftButton, Qt.NoModifier, button.rect().center())


def prime_content(window, primers: dict, report=None) -> dict:
    """Every screen and content a day can show, once, before the day is measured.

    Qt keeps state for content it has shown (text layouts, glyphs at each size, styled
    pixmaps, images) and the process reads library pages as code paths are first used; a
    day's first showing of each costs MB that are not a leak. Here, through the real screens
    with real clicks, for each language (the sign-in screen in Spanish too) and each class's
    first student: sign-in (class, name, PIN pad or pictures), every module of their tier, its
    lesson page by page (pictures included) and its quiz through the real attempts, answering
    what is on screen, right and wrong in turn, with a retake until the bank's every question
    has been asked, then one attempt all right: feedback right and wrong for every question
    type, the score screen failed and passed; every text size with and without high contrast
    (lesson pages and a quiz attempt at each); the Escape key the lockdown swallows; the idle
    countdown, touched away once, then to its sign-out; sign-out by the button; a sync round.
    `report(stage)`, if given, is called after each language and class (figures per stage).
    Returns what was shown.
    """
    from PySide6.QtCore import QEvent, QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from citizenship_app.core import people
    from citizenship_app.core.demo import demo_code

    app = QApplication.instance()
    rng = random.Random(0)
    shown = {
        k: 0
        for k in (
            "sign_ins",
            "pages",
            "questions",
            "answers_right",
            "answers_wrong",
            "passed",
            "failed",
            "retakes",
            "idle_sign_outs",
            "idle_cleared",
            "sync_rounds",
        )
    }

    def settle() -> None:  # paint it, and delete what was replaced (no event loop yet)
        app.processEvents()
        app.sendPostedEvents(None, QEvent.DeferredDelete)

    def wait_for(condition, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise ScriptError("priming: waited too long")
            app.processEvents()
            time.sleep(0.01)
        settle()

    def press(name: str) -> None:
        click(window, name)
        settle()

    def hover() -> None:  # hover styles, as the day's mouse moves show them
        screen = window.stack.currentWidget()
        for _ in range(8):
            QTest.mouseMove(
                screen, QPoint(rng.randrange(max(screen.width(), 1)), rng.randrange(max(screen.height(), 1)))
            )
        settle()

    def sign_in(info, person, language: str) -> None:
        if language != "en":
            press(f"lang-{language}")
        press(f"class-{info.id}")
        press(f"student-{person.id}")
        hover()
        code = demo_code(person.tier)
        for key in code.split("-") if "-" in code else code:
            press(f"pic-{key}" if "-" in code else f"key{key}")
        if "-" not in code:
            press("keyOk")
        wait_for(lambda: window.stack.currentWidget() is window.home, 10)
        window.idle.stop()  # no input comes between the steps: the idle sign-out must wait
        shown["sign_ins"] += 1
        hover()

    def set_look(person, size: str, contrast: str) -> None:
        people.set_preference(window.kiosk.db, person.id, "text_size", size)
        people.set_preference(window.kiosk.db, person.id, "contrast", contrast)
        window.apply_preferences()
        window.show_home()
        settle()
        hover()

    def read_lesson(module_id: str) -> None:
        window.open_lesson(module_id)
        settle()
        while window.stack.currentWidget() is window.lesson:
            hover()
            shown["pages"] += 1
            press("lessonNext")  # past the last page: the quiz

    def take_quiz(mode: str, seen: set) -> bool:
        """One attempt, answering what is on screen; `alternate` right and wrong, or `right`."""
        quiz = window.quiz
        while window.stack.currentWidget() is quiz:
            right = mode == "right" or rng.random() < 0.5
            settle()  # laid out at this text size before the click lands
            answer(quiz, right)
            seen.add(quiz.question.id)
            settle()
            press("checkAnswer")
            hover()
            shown["questions"] += 1
            shown["answers_right" if right else "answers_wrong"] += 1
            press("nextQuestion")
        wait_for(lambda: window.stack.currentWidget() is window.result, 10)
        passed = window.result_outcome.passed
        shown["passed" if passed else "failed"] += 1
        hover()
        return passed

    def module_quizzes(module) -> None:
        """Retakes until every question of the bank was asked, then one all right."""
        seen: set = set()
        for _ in range(8):
            if take_quiz("alternate", seen):
                window.open_quiz()
            elif len(seen) < len(module.quiz.questions):
                press("retake")
            else:
                break
            shown["retakes"] += 1
            settle()
            if len(seen) >= len(module.quiz.questions):
                break
        if window.stack.currentWidget() is not window.quiz:
            window.open_quiz()
            settle()
        take_quiz("right", seen)
        press("resultHome")

    def idle_out() -> None:
        idle_ms = window.idle.idle_ms
        window.idle.idle_ms = 200
        window.idle.start()
        wait_for(lambda: window.idle.tick.isActive(), 10)
        hover()  # touched during the countdown: it goes away
        shown["idle_cleared"] += 1
        wait_for(lambda: window.stack.currentWidget() is window.signin, window.idle.countdown_s + 10)
        shown["idle_sign_outs"] += 1
        window.idle.idle_ms = idle_ms

    classes = {c.id: c for c in people.list_classes(window.kiosk.db)}
    looks = [(size, contrast) for contrast in ("normal", "high") for size in people.TEXT_SIZES]
    for language in ("en", "es"):
        for n, (class_id, person) in enumerate(primers.items()):
            sign_in(classes[class_id], person, language)
            set_look(person, "normal", "normal")
            modules = window.student_modules()
            for module in modules:
                read_lesson(module.id)
                module_quizzes(module)
            for size, contrast in looks[1:]:  # each other look: the lessons and a quiz attempt
                set_look(person, size, contrast)
                for module in modules:
                    read_lesson(module.id)
                    take_quiz("alternate", set())
                    press("resultHome")
            set_look(person, "normal", "normal")
            QTest.keyClick(window.stack.currentWidget(), Qt.Key_Escape)  # the lockdown swallows it
            settle()
            if n == 0:
                idle_out()
            else:
                press("signOut")
            if report:
                report(f"primed {language} {class_id}")
    rounds = [0]
    window.sync.finished.connect(lambda _r: rounds.__setitem__(0, rounds[0] + 1))
    window.sync.poke()
    wait_for(lambda: rounds[0] > 0, 120)
    shown["sync_rounds"] = rounds[0]
    window.show_sign_in()
    settle()
    return shown


def child(
    data_dir: str,
    seconds: float,
    speed: float,
    seed: int,
    sample_s: float,
    warm_up_s: float,
    trace: bool,
    prime: bool,
    stages: bool = False,
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("CITIZENSHIP_TTS_ENGINE", "mock")  # read-aloud runs, without a voice
    from PySide6.QtTest import QTest

    from citizenship_app.core.kiosk import idle_settings
    from citizenship_app.ui.app import build_window, create_app

    app = create_app()
    window = build_window(data_dir)
    window.engage_lockdown()
    QTest.qWaitForWindowExposed(window)
    minutes, countdown = idle_settings(window.kiosk.db)  # the school's settings, compressed
    window.idle.idle_ms = int(minutes * 60_000 / speed)
    window.idle.countdown_s = max(1, round(countdown / speed))
    window.sync.timer.setInterval(int(60_000 / speed))
    window.start_sync()
    day = Day(window, speed, seconds, random.Random(seed), sample_s, warm_up_s, trace, prime, stages)
    slot_errors = sys.excepthook

    def count_slot_error(*exc) -> None:  # an exception in a Qt slot: PySide prints it, goes on
        day.counts["slot_errors"] += 1
        slot_errors(*exc)

    sys.excepthook = count_slot_error
    day.start()
    app.exec()
    window._may_close = True
    window.close()
    return 0


# -- the parent: school data, hub, the kiosk process, the report --------------------------------


def prepare(data_dir: Path) -> None:
    from citizenship_app.core.demo import load_demo
    from citizenship_app.core.store import open_store

    db = open_store(data_dir)
    load_demo(db)
    db.conn.close()


def run(args, data_dir: Path) -> dict:
    from crash import LocalHub, verify_hub

    prepare(data_dir)
    hub = LocalHub(str(data_dir.parent))
    report = {"marks": [], "samples": [], "crashes": [], "script_errors": [], "trace": [], "stages": []}
    began = time.monotonic()
    try:
        warm_up_s = min(3600 / args.speed, args.seconds / 6)
        attempt = 0
        while True:
            left = args.seconds - (time.monotonic() - began)
            proc = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(data_dir),
                    "--seconds",
                    str(max(left, 1)),
                    "--speed",
                    str(args.speed),
                    "--seed",
                    str(args.seed + attempt),
                    "--sample",
                    str(args.sample),
                    "--warm-up",
                    str(warm_up_s if attempt == 0 else 0),
                ]
                + (["--trace"] if args.trace else [])
                + (["--prime"] if args.prime else [])
                + (["--prime-stages"] if args.prime_stages and attempt == 0 else []),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            stderr_lines: list[str] = []
            drain = threading.Thread(target=stderr_lines.extend, args=(proc.stderr,), daemon=True)
            drain.start()
            watchdog = threading.Timer(
                left + HANG_SECONDS + (PRIME_SECONDS if args.prime else 0), proc.kill
            )  # a hung kiosk counts too
            watchdog.start()
            for line in proc.stdout:
                if not line.startswith("{"):
                    continue
                mark = json.loads(line)
                kind = mark["mark"]
                if kind == "sample":
                    report["samples"].append(mark)
                    if not args.json:
                        print(
                            f"  {mark['school_min']:>6.1f} school min  RSS {mark['rss_kb'] / 1024:.1f} MB  "
                            f"widgets {mark['widgets']}  fds {mark['fds']}  threads {mark['threads']}  "
                            f"sessions {mark['sessions']}",
                            flush=True,
                        )
                elif kind == "script_error":
                    report["script_errors"].append(mark)
                elif kind == "stage":
                    report["stages"].append(mark)
                    if not args.json:
                        print(
                            f"  {mark['stage']:<24} RSS {mark['rss_kb'] / 1024:.1f} MB  "
                            f"anonymous {mark['rss_anon_kb'] / 1024:.1f} MB  ({mark['real_s']} s)",
                            flush=True,
                        )
                elif kind in ("trace", "types"):
                    report["trace"].append(mark)
                else:
                    report["marks"].append(mark)
            proc.wait()
            watchdog.cancel()
            drain.join(timeout=10)
            if proc.returncode == 0:
                break
            report["crashes"].append(
                {"exit_status": proc.returncode, "stderr": "".join(stderr_lines)[-3000:]}
            )
            attempt += 1
            if attempt > MAX_RESTARTS or time.monotonic() - began >= args.seconds:
                break
        report["slot_error_output"] = [
            line for line in stderr_lines if "Traceback" in line or "Error" in line
        ][:20]
        report["hub_problems"] = verify_hub(str(data_dir), hub)
        report["on_hub"] = len(hub.statement_ids())
    finally:
        hub.stop()
    report["real_minutes"] = round((time.monotonic() - began) / 60, 1)
    return report


def trend(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of y over x: how fast RSS still grows after the warm-up."""
    if len(points) < 3:
        return None
    n = len(points)
    mx, my = sum(x for x, _ in points) / n, sum(y for _, y in points) / n
    var = sum((x - mx) ** 2 for x, _ in points)
    return round(sum((x - mx) * (y - my) for x, y in points) / var, 1) if var else None


def versions() -> dict:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "pyside6": version("pyside6-essentials"),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
    }


def summary(report: dict, args) -> dict:
    marks = {m["mark"]: m for m in report["marks"]}
    start, warm, end = marks.get("start"), marks.get("warm_up"), marks.get("end")
    out = {
        "versions": versions(),
        "speed": args.speed,
        "primed": args.prime,
        "real_minutes": report["real_minutes"],
        "school_hours": round(args.seconds * args.speed / 3600, 2),
        "crashes": len(report["crashes"]),
        "script_errors": len(report["script_errors"]),
        "hub_problems": report["hub_problems"],
        "on_hub": report["on_hub"],
    }
    if "before_priming" in marks and "primed" in marks:
        before, primed = marks["before_priming"], marks["primed"]
        out["priming"] = {
            "real_s": primed["real_s"],
            "rss_before_kb": before["rss_kb"],
            "rss_anon_before_kb": before["rss_anon_kb"],
            "shown": {k: v for k, v in primed.items() if k not in ("mark", "real_s")},
        }
        if start:
            out["priming"] |= {
                "rss_after_kb": start["rss_kb"],
                "rss_anon_after_kb": start["rss_anon_kb"],
                "rss_cost_kb": start["rss_kb"] - before["rss_kb"],
            }
    if start and warm and end:
        keys = (
            "rss_kb",
            "rss_anon_kb",
            "fds",
            "threads",
            "widgets",
            "qobjects",
            "python_objects",
            "sqlite_connections",
            "db_fds",
            "none_refs",
        )
        out["milestones"] = {
            name: {k: m[k] for k in keys} | {"school_min": m["school_min"]}
            for name, m in (("start", start), ("warm_up", warm), ("end", end))
        }
        out["growth_after_warm_up"] = {k: end[k] - warm[k] for k in keys}
        samples = [s for s in report["samples"] if s["real_s"] >= warm["real_s"]]
        out["rss_peak_after_warm_up_kb"] = max([s["rss_kb"] for s in samples] + [end["rss_kb"]])
        out["rss_trend_kb_per_school_hour"] = trend([(s["school_min"] / 60, s["rss_kb"]) for s in samples])
        out["activity"] = {
            k: end[k] for k in end if k not in keys and k not in ("mark", "real_s", "school_min")
        }
    return out


def print_summary(s: dict) -> None:
    v = s["versions"]
    print(
        f"\nPython {v['python']}, PySide6 {v['pyside6']}, SQLite {v['sqlite']}, {v['cpus']} CPUs, "
        f"load {v['load_average']}"
    )
    print(
        f"{s['school_hours']} school hours at {s['speed']}x in {s['real_minutes']} real minutes; "
        f"crashes {s['crashes']}, script errors {s['script_errors']}"
    )
    if "priming" in s:
        p = s["priming"]
        print(
            f"priming: {p['real_s']} s; RSS {p['rss_before_kb'] / 1024:.1f} MB before, "
            f"{p.get('rss_after_kb', 0) / 1024:.1f} MB after "
            f"(anonymous {p['rss_anon_before_kb'] / 1024:.1f} -> "
            f"{p.get('rss_anon_after_kb', 0) / 1024:.1f}); shown: "
            + ", ".join(f"{k} {v}" for k, v in p["shown"].items())
        )
    if "milestones" in s:
        m, g = s["milestones"], s["growth_after_warm_up"]
        print(f"{'':22}{'start':>10}{'warm-up':>10}{'end':>10}{'growth':>10}")
        for key, label, scale in (
            ("rss_kb", "RSS (MB)", 1024),
            ("rss_anon_kb", "  of it anonymous (MB)", 1024),
            ("fds", "open fds", 1),
            ("threads", "threads", 1),
            ("widgets", "QWidgets", 1),
            ("qobjects", "QObjects", 1),
            ("python_objects", "Python objects", 1),
            ("sqlite_connections", "SQLite connections", 1),
            ("db_fds", "fds on the database", 1),
            ("none_refs", "refs to None", 1),
        ):
            row = [m[n][key] / scale for n in ("start", "warm_up", "end")] + [g[key] / scale]
            fmt = "{:>10.1f}" if scale != 1 else "{:>10}"
            print(f"{label:<22}" + "".join(fmt.format(x) for x in row))
        print(
            f"RSS peak after warm-up: {s['rss_peak_after_warm_up_kb'] / 1024:.1f} MB; trend after warm-up: "
            f"{s['rss_trend_kb_per_school_hour']} KB per school hour"
        )
        print("activity: " + ", ".join(f"{k} {v}" for k, v in s["activity"].items()))
    print(f"statements on the hub after a final sync: {s['on_hub']}; problems: {s['hub_problems'] or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, help="real minutes to run (default: --hours at --speed)")
    parser.add_argument("--hours", type=float, default=6.0, help="school hours in the day (default 6)")
    parser.add_argument("--speed", type=float, default=12.0, help="school seconds per real second")
    parser.add_argument("--quick", action="store_true", help="two real minutes")
    parser.add_argument("--sample", type=float, default=30.0, help="real seconds between samples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--trace", action="store_true", help="tracemalloc after warm-up: where memory grew")
    parser.add_argument(
        "--prime", action="store_true", help="show every page and question once before the day (steady state)"
    )
    parser.add_argument(
        "--prime-stages",
        action="store_true",
        help="with --prime: RSS after each language and class of the priming",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--json-out", metavar="FILE", help="also write the whole report to FILE")
    parser.add_argument("--child", metavar="DATA_DIR", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--warm-up", type=float, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(
            args.child,
            args.seconds,
            args.speed,
            args.seed,
            args.sample,
            args.warm_up,
            args.trace,
            args.prime,
            args.prime_stages,
        )
    minutes = 2 if args.quick else args.minutes if args.minutes else args.hours * 60 / args.speed
    args.seconds = minutes * 60
    if args.quick:
        args.sample = min(args.sample, 10)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp:
        data_dir = Path(tmp) / "kiosk"
        report = run(args, data_dir)
    s = summary(report, args)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"summary": s, **report}, indent=2))
    if args.json:
        print(json.dumps({"summary": s, **report}, indent=2))
    else:
        print_summary(s)
        for crash in report["crashes"]:
            print(f"crash: exit status {crash['exit_status']}\n{crash['stderr']}")
        for error in report["script_errors"][:10]:
            print(f"script error: {error}")
        for line in report["trace"]:
            if line["mark"] == "types":
                print("object types grown since warm-up: " + ", ".join(f"{t} +{n}" for n, t in line["grown"]))
                continue
            print(
                f"grew {line['size_kb']} KB ({line['count']} blocks) at\n    " + "\n    ".join(line["where"])
            )
    ok = not report["crashes"] and not report["script_errors"] and not report["hub_problems"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
