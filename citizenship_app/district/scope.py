"""What a device may record: the hub's rules for the statements a school device sends.

    scope = Scope(store, sis_home_page="https://sis.example.org", content=None)
    scope.check(device, batch)      # raises Refused(reason, index, id, path): 403, nothing stored

A device added with a school (`device add NAME --school ORG`) records only people of that
school: every statement's actor must be an `account` under the district's SIS home page whose
`name` is the sourcedId of a person the hub's roster lists under that school (in their orgs) or
enrolls in one of its classes. A statement that records a result (passed, failed, completed)
must name a module of the catalog (core.content), and a passed or failed one must carry a score
that the module's pass mark makes a pass or a fail (core.quiz.passed, the kiosk's own rule).
Audit statements (verb under xapi.AUDIT_VERB_BASE: a kiosk's audit rows, core.audit) follow the
same actor rule when a staff member acted: staff are people of the school through their orgs.
What the kiosk's command line did has no person behind it: its actor is the machine's own
account under xapi.KIOSK_HOME_PAGE, which is taken for audit verbs only; as the actor of
anything else (a result above all) it is refused like any actor outside the roster.
Without a roster at the hub, school devices are refused with a reason saying to import one.
A device may void only its own statements (storage.Store.save). Read-only devices cannot
write at all (routes.common); district devices are trusted and not scoped.

What a school device may list (`check_read`): only its own school's statements, asked for as
`activity=<xapi.school_iri of its school>` (with `related_activities=true`, the statements
that carry the school as a context activity, which is what the kiosk's pull asks). A list
query without it, or for another school or any other activity, is refused with 403
`pull_scope`, so a kiosk never downloads the district's history and a lab credential never
reads another school's records. Fetching one statement by its id stays allowed (a kiosk asks
that of the statements it sent itself; ids are random UUIDs).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any

from ..core import paths, xapi
from ..core.content import Catalog, load_catalog
from ..core.quiz import passed as is_pass
from .storage import Device, Store

RESULT_VERBS = {xapi.VERBS[v]: v for v in ("passed", "failed", "completed")}
_AUDIT_VERB_PREFIX = xapi.AUDIT_VERB_BASE + "/"
_MODULE_PREFIX = xapi.module_iri("")


class Refused(Exception):
    """A statement the device may not record: 403 with this reason; nothing of the batch is stored."""

    def __init__(
        self, reason: str, *, index: int | None = None, statement_id: str | None = None, path: str = ""
    ):
        super().__init__(reason)
        self.reason, self.index, self.statement_id, self.path = reason, index, statement_id, path


class Scope:
    """The rules above for one hub; the catalog is loaded on first use (and kept)."""

    def __init__(self, store: Store, *, sis_home_page: str, content: Path | None = None):
        self.store, self.sis_home_page, self.content = store, sis_home_page, content

    @functools.cached_property
    def catalog(self) -> Catalog:
        if self.content is None:
            return load_catalog()
        return load_catalog(self.content / "lessons", self.content / "quizzes", paths.ASSETS_DIR)

    def check(self, device: Device, batch: list[dict]) -> None:
        """Raise Refused for the first statement of `batch` that `device` may not record."""
        if device.scope != "school":
            return  # district devices are trusted; read-only ones never get here
        if not self.store.has_roster():
            raise Refused(
                "the hub has no district roster yet, so it cannot tell whose records this device may "
                "send: IT must import it (citizenship-district roster import PATH); the kiosk keeps "
                "these records and can send them again after"
            )
        people: dict[str, int] = {}
        for index, st in enumerate(batch):
            actor = st.get("actor")
            if _kiosk_account(actor) and st["verb"]["id"].startswith(_AUDIT_VERB_PREFIX):
                continue  # the command line's audit row: no person of any school acted
            person = self._person(actor)
            if person is None and _kiosk_account(actor):
                raise Refused(
                    f"statement {index}: the kiosk's own account ({xapi.KIOSK_HOME_PAGE}) may be the "
                    "actor of audit statements only; a record of a person must name that person",
                    path="actor",
                    index=index,
                    statement_id=st.get("id"),
                )
            if person is None:
                raise Refused(
                    f"statement {index}: the actor must be a person of the district roster: an account "
                    f"whose homePage is {self.sis_home_page} and whose name is a OneRoster sourcedId",
                    path="actor",
                    index=index,
                    statement_id=st.get("id"),
                )
            people.setdefault(person, index)
            self._check_result(st, index)
        school = device.school or ""  # a school device always has one (storage.Store._check_scope)
        outside = set(people) - self.store.people_at_school(set(people), school)
        if outside:
            index = min(people[person] for person in outside)
            raise Refused(
                # The person is not named: kiosks log this reason, and logs hold no student ids.
                f"statement {index}: its actor is not a person of school {device.school!r} in the "
                f"district roster (neither listed under it nor enrolled in one of its classes); device "
                f"{device.name!r} may record only that school's people",
                index=index,
                statement_id=batch[index].get("id"),
                path="actor",
            )

    def check_read(self, device: Device, activity: str | None) -> None:
        """Raise Refused unless `device` may list statements filtered by `activity` (see above)."""
        if device.scope != "school":
            return
        own = xapi.school_iri(self.sis_home_page, device.school or "")
        if activity != own:
            raise Refused(
                f"device {device.name!r} belongs to school {device.school!r} and may list only its "
                f"statements: ask with activity={own}&related_activities=true (a kiosk of this "
                "version does; upgrade one that does not)"
            )

    def _person(self, actor: Any) -> str | None:
        if not isinstance(actor, dict) or actor.get("objectType", "Agent") != "Agent":
            return None
        account = actor.get("account")
        if not isinstance(account, dict) or account.get("homePage") != self.sis_home_page:
            return None
        return account.get("name")

    def _check_result(self, st: dict, index: int) -> None:
        verb = RESULT_VERBS.get(st["verb"]["id"])
        if verb is None:
            return
        sid = st.get("id")
        obj = st["object"]
        iri = obj.get("id", "") if obj.get("objectType", "Activity") == "Activity" else ""
        module = self.catalog.get(iri[len(_MODULE_PREFIX) :]) if iri.startswith(_MODULE_PREFIX) else None
        if module is None:
            raise Refused(
                f"statement {index}: {verb} names {iri or 'no activity'}, which is not a module of "
                "the catalog this hub knows",
                path="object.id",
                index=index,
                statement_id=sid,
            )
        if verb == "completed":
            return
        score = (st.get("result") or {}).get("score") or {}
        pass_mark = module.quiz.pass_mark
        raw, top, scaled = score.get("raw"), score.get("max"), score.get("scaled")
        if isinstance(raw, int | float) and isinstance(top, int | float) and top > 0:
            made = (
                is_pass(raw, int(top), pass_mark) if float(top).is_integer() else raw / top * 100 >= pass_mark
            )
        elif isinstance(scaled, int | float):
            made = math.floor(round(scaled * 100, 4)) >= pass_mark
        else:
            raise Refused(
                f"statement {index}: a {verb} statement needs result.score (raw and max, or scaled)",
                path="result.score",
                index=index,
                statement_id=sid,
            )
        success = (st.get("result") or {}).get("success")
        if made != (verb == "passed") or (success is not None and success != made):
            raise Refused(
                f"statement {index}: {verb} with a score of {raw if raw is not None else scaled}"
                f"{f' of {top}' if top is not None else ''} for {module.id!r}, whose pass mark is "
                f"{pass_mark}%: the score and the verb disagree",
                path="result.score",
                index=index,
                statement_id=sid,
            )


def _kiosk_account(actor: Any) -> bool:
    """Whether `actor` is a kiosk machine's own account (xapi.audit_statement's for the command line)."""
    if not isinstance(actor, dict) or actor.get("objectType", "Agent") != "Agent":
        return False
    account = actor.get("account")
    return (
        isinstance(account, dict)
        and account.get("homePage") == xapi.KIOSK_HOME_PAGE
        and isinstance(account.get("name"), str)
        and bool(account["name"])
    )
