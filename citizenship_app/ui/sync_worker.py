"""Runs sync off the UI thread, one round at a time, and says when each round is done.

Rounds run through `ui.ops` on a pool of one thread, so the student's screen never waits for
the network. The timer's rounds respect the backoff after failures (`core.sync.due`); a round
someone asks for ("Sync now") does not. Two rounds never overlap: a round asked for while one
runs is run right after it (the round's counters, e.g. `sync_failures`, are read-modify-write).
"""

from __future__ import annotations

import weakref
from typing import ClassVar

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from . import ops


def _round(db, forced: bool):
    from ..core.outbox import counts
    from ..core.sync import SyncResult, due, sync_once

    if forced or due(db):
        return sync_once(db)
    c = counts(db)
    return SyncResult(0, c["pending"], c["quarantined"], error="waiting to retry")


def _timed_round(db, forced: bool):
    """The round, and the minutes between rounds the district set (None: keep the timer's)."""
    from ..core.managed_settings import sync_interval_minutes

    return _round(db, forced), sync_interval_minutes(db)


class SyncWorker(QObject):
    """Every `interval_ms`, and on `poke()`, runs one round unless one is running;
    `request()` asks for a round now and returns its number."""

    #: A round ended: its core.sync.SyncResult, or the ops.OpError that stopped it.
    finished = Signal(object)
    #: Every worker alive: one left running after its window closed would sync for nobody (the
    #: tests check after each test that none was left running).
    instances: ClassVar[weakref.WeakSet[SyncWorker]] = weakref.WeakSet()

    def __init__(self, data_dir, interval_ms: int = 60_000, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.running = False
        self.rounds_started = self.rounds_done = 0
        self.requested = False  # a round asked for while another ran: it runs next
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poke)
        # The first round soon after start. A timer of its own, so that stop() stops it too: a
        # QTimer.singleShot fired after the window had closed and ran a round for it.
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.setInterval(2_000)
        self.first.timeout.connect(self.poke)
        self.stopped = False
        SyncWorker.instances.add(self)

    def start(self) -> None:
        self.stopped = False
        self.timer.start()
        self.first.start()

    def poke(self) -> None:
        """The timer's round, none while one runs or once stopped; during the backoff it only
        counts."""
        if not self.running and not self.stopped:
            self._start(forced=False)

    def request(self) -> int:
        """A round now, whatever the backoff; the number of the round that will serve it
        (the next one, if a round is running). `finished` reports it when
        `rounds_done` reaches that number."""
        if not self.running:
            self._start(forced=True)
            return self.rounds_started
        self.requested = True
        return self.rounds_started + 1

    def _start(self, forced: bool) -> None:
        self.running = True
        self.rounds_started += 1
        ops.run(self.data_dir, lambda db: _timed_round(db, forced), self._done, self._done, pool=self.pool)

    def _done(self, result) -> None:
        if isinstance(result, tuple):  # the round's result and the district's sync interval
            result, minutes = result
            if minutes:
                self.timer.setInterval(minutes * 60_000)
        self.running = False
        self.rounds_done += 1
        if self.requested:  # started before anyone hears of this one: rounds_done is exact
            self.requested = False
            self._start(forced=True)
        self.finished.emit(result)

    def stop(self) -> None:
        self.stopped = True
        self.timer.stop()
        self.first.stop()
        self.requested = False
        self.pool.waitForDone(10_000)
