"""Run a core query off the UI thread and deliver its result back on it.

    run(data_dir, lambda db: records.count_records(db, actor, modules, flt), on_done, on_error)

The function gets its own connection to the store (a SQLite connection belongs to the thread
that opened it); the result arrives through a queued signal, so the screen never waits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
_alive: set = set()  # keeps the signal objects of running jobs from being collected


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, data_dir, function, signals: _Signals) -> None:
        super().__init__()
        self.data_dir, self.function, self.signals = data_dir, function, signals

    def run(self) -> None:
        from ...core.store import connect, db_path

        db = connect(db_path(self.data_dir))
        try:
            result = self.function(db)
        except Exception as exc:  # delivered to the screen, which says what went wrong
            log.exception("background query failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            db.conn.close()


def run(data_dir, function, on_done, on_error=None) -> _Signals:
    """Queue `function(db)` on the global thread pool; call on_done(result) on the UI thread."""
    signals = _Signals()
    _alive.add(signals)
    signals.done.connect(on_done)
    if on_error is not None:
        signals.failed.connect(on_error)
    signals.done.connect(lambda _: _alive.discard(signals))
    signals.failed.connect(lambda _: _alive.discard(signals))
    QThreadPool.globalInstance().start(_Job(data_dir, function, signals))
    return signals
