"""The read-aloud fault staff are told about: kept in the store until read-aloud works again.

When the speech engine stalls or crashes, the kiosk turns read-aloud off for the rest of the
run and records why here, as a code; the screens translate the code. The next start tries the
engine again, and the first reading that finishes clears the fault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .store import Store, get_setting, now, set_setting, transaction

SETTING = "read_aloud_fault"
#: The engine missed a deadline (starting, accepting text, stopping, or making progress).
STALLED = "engine_stalled"
#: The speech process ended by itself (a crash in the engine or its audio library).
CRASHED = "engine_crashed"
#: The engine reported an error while reading.
FAILED = "engine_failed"
CODES = (STALLED, CRASHED, FAILED)


@dataclass(frozen=True)
class Fault:
    code: str
    at: str  # UTC, ISO 8601


def record_fault(db: Store, code: str) -> Fault:
    if code not in CODES:
        raise ValueError(f"unknown read-aloud fault {code!r}")
    fault = Fault(code, now())
    set_setting(db, SETTING, json.dumps({"code": fault.code, "at": fault.at}))
    return fault


def current_fault(db: Store) -> Fault | None:
    raw = get_setting(db, SETTING)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Fault(str(data["code"]), str(data["at"]))
    except (ValueError, KeyError, TypeError):
        return Fault(STALLED, "")  # unreadable: still worth telling IT


def clear_fault(db: Store) -> None:
    with transaction(db):
        db.execute("DELETE FROM settings WHERE key = ?", [SETTING])
