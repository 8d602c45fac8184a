"""The outbox: xAPI statements waiting for the district, and what became of them.

Kept apart from `sync` (which needs httpx) so that the kiosk's header can show how many
records wait without loading an HTTP client at start-up.
"""

from __future__ import annotations

from .store import Store, get_setting, transaction


def counts(db: Store) -> dict[str, int]:
    rows = dict(db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
    return {state: rows.get(state, 0) for state in ("pending", "sent", "quarantined")}


def status(db: Store) -> dict:
    c = counts(db)
    return {
        "sent": c["sent"],
        "pending": c["pending"],
        "quarantined": c["quarantined"],
        "last_sync": get_setting(db, "sync_last_ok"),
        "last_error": get_setting(db, "sync_last_error"),  # English, for the CLI and the log
        "last_error_code": _code(get_setting(db, "sync_last_error_code")),  # [code, params], screens
        "next_try": get_setting(db, "sync_next_try"),
    }


def quarantined(db: Store) -> list[dict]:
    """Statements the hub rejected, with its reason: for the administrator's screen."""
    rows = db.execute(
        "SELECT id, kind, record_id, last_error, created_at FROM outbox"
        " WHERE state = 'quarantined' ORDER BY created_at"
    ).fetchall()
    return [dict(zip(("id", "kind", "record_id", "reason", "created_at"), r, strict=True)) for r in rows]


def release_quarantined(db: Store, statement_id: str) -> None:
    """Send a quarantined statement again (after the hub or its configuration was fixed)."""
    with transaction(db):
        db.execute(
            "UPDATE outbox SET state = 'pending', tries = 0 WHERE id = ? AND state = 'quarantined'",
            [statement_id],
        )


def _code(stored: str | None) -> list | None:
    import json

    try:
        return json.loads(stored) if stored else None
    except ValueError:
        return None
