"""What every `citizenship-district` command shares: the one-line user error, opening the hub's
database (its tables made or upgraded first)."""

from __future__ import annotations

from .storage import Store


class UserError(Exception):
    """A problem the user can fix; printed on stderr, exit status 1."""


def open_store(url: str) -> Store:
    try:
        store = Store(url)
        store.create_tables()
    except Exception as exc:  # a bad URL, an unreachable server: say which, without a traceback
        raise UserError(f"cannot open database {url}: {exc}") from exc
    return store
