"""The one way screens run core work off their thread (in the spirit of Anki's QueryOp).

    ops.run(data_dir, lambda db: records.count_records(db, actor, modules, flt),
            on_done=self._counted, on_failed=lambda error: self.status.setText(ops.error_text(error)))

- One connection rule: the function gets a connection of its own (a SQLite connection belongs
  to the thread that opened it), opened by `core.store.open_existing`. A pool thread never
  creates, migrates or backs up the store: only start-up (`open_store`) does.
- One result path: the function's result, or an `OpError`, comes back through a queued
  signal, so `on_done` and `on_failed` always run on the screen's (GUI) thread.
- Errors as codes: a storage failure keeps its code (`locked`, `disk-full`, ...), a
  PermissionError is `not-allowed`, anything else `failed`; `error_text` says them in the
  screen's language.

Work that must never overlap (a sync round) runs on a pool of one thread that its owner
guards (`ui.sync_worker`); everything else on Qt's global pool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from .i18n import translate

log = logging.getLogger(__name__)
_alive: set[Op] = set()  # running ops, kept from the garbage collector until they report


@dataclass(frozen=True)
class OpError:
    """Why background work failed: a code the screen translates, and a line for IT.

    `code` is a core.storage_errors code, `not-allowed` or `failed`; `detail` is the storage
    error's technical line (path and the system's words) or the exception's type, never
    student data.
    """

    code: str
    detail: str = ""
    #: A refusal the core raised with a code of its own (core.errors): worded by ui.messages.
    refusal: Exception | None = field(default=None, compare=False)


def as_op_error(exc: BaseException, path) -> OpError:
    """The code for an exception raised by work on the store at `path`."""
    from ..core.errors import CoreError
    from ..core.storage_errors import as_storage_error

    if isinstance(exc, CoreError):  # a refusal with its code (not allowed, not found, bad input)
        return OpError(exc.code, refusal=exc)
    storage = as_storage_error(exc, path)
    if storage is not None:
        return OpError(storage.code, storage.technical)
    if isinstance(exc, PermissionError):  # core.access refused the reader
        return OpError("not-allowed")
    if isinstance(exc, OSError):  # a file the work writes (an export) could not be written
        return OpError("io-error", " · ".join(str(p) for p in (exc.filename, exc.strerror) if p))
    # The type only: an exception's message may quote records. The traceback for debugging.
    log.error("background work failed: %s", type(exc).__name__)
    log.debug("background work failed", exc_info=exc)
    return OpError("failed", type(exc).__name__)


def error_text(error: OpError) -> str:
    """What went wrong, in the screen's language, with IT's detail where there is one."""
    if error.refusal is not None:
        from .messages import error_text as refusal_text

        return refusal_text(error.refusal)
    texts = {
        "locked": translate("Kiosk", "the records are in use by another program; try again in a moment"),
        "disk-full": translate("Kiosk", "the disk is full"),
        "read-only": translate("Kiosk", "the file or folder cannot be written"),
        "damaged": translate("Kiosk", "the records file is damaged; IT can restore it"),
        "newer-database": translate("Kiosk", "the records were written by a newer version of the kiosk"),
        "not-allowed": translate("Kiosk", "you may not see these records"),
        "io-error": translate("Kiosk", "the computer could not read or write the file"),
        "cannot-open": translate("Kiosk", "the computer could not read or write the file"),
    }
    text = texts.get(error.code) or translate("Kiosk", "something went wrong")
    return f"{text} ({error.detail})" if error.detail else text


class Op(QObject):
    """One piece of work: `done(result)` or `failed(OpError)`, on the GUI thread."""

    done = Signal(object)
    failed = Signal(object)
    _finished = Signal(object, object)  # (result, error), emitted on the pool thread

    def __init__(self) -> None:
        super().__init__()  # created on the GUI thread: its slots run there
        self._finished.connect(self._deliver)  # across threads: queued

    @Slot(object, object)
    def _deliver(self, result, error) -> None:
        _alive.discard(self)
        if error is None:
            self.done.emit(result)
        else:
            self.failed.emit(error)


class _Runnable(QRunnable):
    def __init__(self, data_dir, function: Callable[[Any], Any], op: Op) -> None:
        super().__init__()
        self.data_dir, self.function, self.op = data_dir, function, op

    def run(self) -> None:
        from ..core.store import db_path, open_existing

        try:
            db = open_existing(self.data_dir)
            try:
                result = self.function(db)
            finally:
                db.conn.close()
        except Exception as exc:  # reported to the screen, never a crash
            self.op._finished.emit(None, as_op_error(exc, db_path(self.data_dir)))
        else:
            self.op._finished.emit(result, None)


def run(
    data_dir,
    function: Callable[[Any], Any],
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[OpError], None] | None = None,
    pool: QThreadPool | None = None,
) -> Op:
    """Queue `function(db)` on `pool` (Qt's global pool by default); call `on_done(result)`
    or `on_failed(error)` on the GUI thread. Call it from the GUI thread."""
    op = Op()
    if on_done is not None:
        op.done.connect(on_done)
    if on_failed is not None:
        op.failed.connect(on_failed)
    _alive.add(op)
    (pool or QThreadPool.globalInstance()).start(_Runnable(data_dir, function, op))
    return op
