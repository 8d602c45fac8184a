"""Runs sync off the UI thread and reports how many records wait and when it last synced.

Each round opens its own SQLite connection in a pool thread (connections are per thread), so
the student's screen never waits for the network.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal


class _Signals(QObject):
    done = Signal(object)  # core.sync.SyncResult


class _Round(QRunnable):
    def __init__(self, data_dir, signals: _Signals) -> None:
        super().__init__()
        self.data_dir, self.signals = data_dir, signals

    def run(self) -> None:
        from ..core.store import open_store
        from ..core.sync import SyncResult, due, sync_once

        db = open_store(self.data_dir)
        try:
            if due(db):
                result = sync_once(db)
            else:
                from ..core.outbox import counts

                c = counts(db)
                result = SyncResult(0, c["pending"], c["quarantined"], error="waiting to retry")
        except Exception as exc:  # never let a sync failure reach the student's screen
            result = SyncResult(0, -1, -1, error=f"sync failed: {type(exc).__name__}")
        finally:
            db.conn.close()
        self.signals.done.emit(result)


class SyncWorker(QObject):
    """Every `interval_ms`, and on `poke()`, runs one round unless one is running."""

    finished = Signal(object)

    def __init__(self, data_dir, interval_ms: int = 60_000, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.running = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _Signals()
        self.signals.done.connect(self._done)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poke)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(2_000, self.poke)

    def poke(self) -> None:
        if self.running:
            return
        self.running = True
        self.pool.start(_Round(self.data_dir, self.signals))

    def _done(self, result) -> None:
        self.running = False
        self.finished.emit(result)

    def stop(self) -> None:
        self.timer.stop()
        self.pool.waitForDone(10_000)
