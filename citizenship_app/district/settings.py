"""Kiosk settings set once at the hub, district-wide or for one school (`settings` commands).

    set_value(store, "idle-minutes", "5")                           # every school
    set_value(store, "idle-minutes", "8", school="org-hv")          # org-hv's kiosks: 8
    set_value(store, "exit-code", "the-new-code")                   # stored as its scrypt hash
    effective(store, "org-hv")     # {"idle-minutes": "8", "exit-code": "scrypt$...", ...}

The names and rules are core.fleet_settings' (the kiosk checks what it gets by the same rules).
A school's value overrides the district's. The exit code is hashed here with the kiosk's own
hashing (core.secret_hash) and only the hash is stored or sent. Every change is written to the
hub's audit log (district.audit) before it is made (never the code), so a failure to audit
changes nothing. Kiosks read `effective` through GET /xapi/kiosk-settings (routes/settings.py).

The table (`hub_settings`) is the hub's own: made by the first `settings` command (as the
database's owner); until then there are no settings and kiosks keep their own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Column, MetaData, String, Table, Text, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from ..core import fleet_settings as rules
from . import audit
from .storage import Store, now_us

log = logging.getLogger(__name__)

SET_SETTING = "set_setting"
UNSET_SETTING = "unset_setting"
DISTRICT = ""  # the `school` of a district-wide value

metadata = MetaData()
hub_settings = Table(
    "hub_settings",
    metadata,
    Column("school", String(255), primary_key=True),  # "" for the district
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("changed_us", String(32), nullable=False),
)


@dataclass(frozen=True)
class Setting:
    key: str
    value: str  # the exit code's hash, never the code
    school: str | None  # None: district-wide

    def to_json(self) -> dict:
        shown = "(set, hashed)" if self.key == rules.EXIT_CODE else self.value
        return {"key": self.key, "value": shown, "school": self.school}


def ensure_table(store: Store) -> None:
    metadata.create_all(store.engine, checkfirst=True)


def set_value(
    store: Store, key: str, value: str, *, school: str | None = None, actor: str | None = None, catalog=None
) -> Setting:
    """Set one setting (see the module's docstring); SettingError or ValueError (an unknown
    school) says what is wrong, and then nothing changed. `catalog` checks module ids
    (default: the catalog installed with the app)."""
    rules.check_key(key)
    stored = rules.hash_exit_code(value) if key == rules.EXIT_CODE else rules.normalise(key, value)
    if key.startswith(rules.REQUIRED_PREFIX):
        if catalog is None:
            from ..core.content import load_catalog

            catalog = load_catalog()
        band = key[len(rules.REQUIRED_PREFIX) :]
        rules.check_modules(key, stored, [m.id for m in catalog.for_tier(band)])
    _check_school(store, school)
    shown = "(hashed)" if key == rules.EXIT_CODE else stored
    ensure_table(store)
    audit.record(store, SET_SETTING, {"key": key, "value": shown, "school": school}, actor=actor)
    with store.transaction() as conn:
        where = (hub_settings.c.school == (school or DISTRICT)) & (hub_settings.c.key == key)
        conn.execute(hub_settings.delete().where(where))
        conn.execute(
            hub_settings.insert().values(
                school=school or DISTRICT, key=key, value=stored, changed_us=str(now_us())
            )
        )
    return Setting(key, stored, school)


def unset(store: Store, key: str, *, school: str | None = None, actor: str | None = None) -> bool:
    """Remove a setting (the district's value applies again, or the kiosk's own); False when
    it was not set."""
    rules.check_key(key)
    ensure_table(store)
    where = (hub_settings.c.school == (school or DISTRICT)) & (hub_settings.c.key == key)
    with store.engine.connect() as conn:
        if conn.execute(select(hub_settings.c.key).where(where)).first() is None:
            return False
    audit.record(store, UNSET_SETTING, {"key": key, "school": school}, actor=actor)
    with store.transaction() as conn:
        conn.execute(hub_settings.delete().where(where))
    return True


def listing(store: Store, school: str | None = None) -> list[Setting]:
    """The district's values, or with `school` what its kiosks get (each marked where it
    comes from: the school's own, or the district's)."""
    if school is not None:
        _check_school(store, school)
    rows = _rows(store, school)
    if school is None:
        return [Setting(k, v, None) for s, k, v in rows if s == DISTRICT]
    chosen: dict[str, Setting] = {}
    for s, k, v in rows:
        if s == school or k not in chosen:
            chosen[k] = Setting(k, v, school if s == school else None)
    return [chosen[k] for k in rules.KEYS if k in chosen]


def effective(store: Store, school: str | None) -> dict[str, str]:
    """{key: value} a kiosk of `school` (None: a district device) applies; {} before the
    first setting (no table yet)."""
    chosen: dict[str, str] = {}
    for s, k, v in _rows(store, school):
        if s == (school or DISTRICT) or k not in chosen:
            chosen[k] = v
    return chosen


def for_school(store: Store, school: str | None) -> dict[str, str] | None:
    """`effective`, or None when the hub's database role may not read the settings (the
    grant of docs/district-hub.md): enrollment still works, the kiosk's first round asks again."""
    try:
        return effective(store, school)
    except SQLAlchemyError as exc:
        if not _warned:  # once per process: every kiosk asks every round
            _warned.append(True)
            log.warning(
                "cannot read hub_settings (%s): see docs/district-hub.md for the grant", type(exc).__name__
            )
        return None


_warned: list[bool] = []


def _rows(store: Store, school: str | None) -> list[tuple[str, str, str]]:
    if not _exists(store):
        return []
    wanted = [DISTRICT] if school is None else [DISTRICT, school]
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(hub_settings.c.school, hub_settings.c.key, hub_settings.c.value)
            .where(hub_settings.c.school.in_(wanted))
            .order_by(hub_settings.c.school.desc(), hub_settings.c.key)
        )
        return [(r.school, r.key, r.value) for r in rows]


_made: set[int] = set()  # stores whose table was seen (it is never dropped)


def _exists(store: Store) -> bool:
    if id(store) not in _made and inspect(store.engine).has_table(hub_settings.name):
        _made.add(id(store))
    return id(store) in _made


def _check_school(store: Store, school: str | None) -> None:
    if school is None:
        return
    with store.engine.connect() as conn:
        store._check_scope(conn, "school", school)  # ValueError naming what to do
