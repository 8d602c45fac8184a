"""The core's refusals (`core.errors`) in the reader's language.

    self.status.setText(error_text(exc))

Every code in `core.errors.ENGLISH` has its words here (tests/test_translations.py checks);
an error that is not a `CoreError` (a bug, a storage failure) is said in general words, and
its details go to the log, never to the screen.
"""

from __future__ import annotations

import logging

from .i18n import translate

log = logging.getLogger(__name__)


def _texts() -> dict[str, str]:
    return {
        "pin-format": translate("Kiosk", "A PIN is 4 to 6 digits."),
        "picture-code-format": translate("Kiosk", "A picture code is two different pictures."),
        "code-kind": translate("Kiosk", "A code is a PIN or a picture code."),
        "no-student": translate("Kiosk", "That student is not on this kiosk's roster."),
        "no-staff": translate("Kiosk", "That username is not on this computer's roster."),
        "password-too-short": translate("Kiosk", "A staff password needs at least {min} characters."),
        "one-time-code-wrong": translate(
            "Kiosk", "That one-time code is not right. Ask an administrator for a new one."
        ),
        "staff-only": translate("Kiosk", "Only signed-in staff may do this."),
        "school-not-yours": translate("Kiosk", "That school is not one of your schools."),
        "class-not-at-your-schools": translate("Kiosk", "That class is not at one of your schools."),
        "class-not-yours": translate("Kiosk", "You may change only the classes you teach."),
        "class-not-yours-to-see": translate("Kiosk", "You may see only the classes you teach."),
        "student-not-at-your-schools": translate("Kiosk", "That student is not at one of your schools."),
        "student-not-yours": translate("Kiosk", "That student is not in one of your classes."),
        "student-not-yours-to-see": translate("Kiosk", "That student is not in one of your classes."),
        "records-for-counselors": translate(
            "Kiosk", "Completion records are for counselors and administrators."
        ),
        "teacher-own-classes": translate("Kiosk", "A teacher sees only the records of their own classes."),
        "required-needs-administrator": translate(
            "Kiosk", "Only an administrator sets the district's required modules."
        ),
        "audit-needs-administrator": translate("Kiosk", "Only an administrator may read the audit log."),
        "no-class": translate("Kiosk", "That class is not on this kiosk's roster."),
        "assign-needs-teacher": translate("Kiosk", "Modules are assigned by a teacher of the class."),
        "unassign-needs-teacher": translate("Kiosk", "Modules are withdrawn by a teacher of the class."),
        "wrong-tier": translate("Kiosk", "That module is for another grade band than this class."),
        "due-date-format": translate("Kiosk", "A due date is a day of the calendar."),
        "due-date-past": translate("Kiosk", "The due date {due} has already passed. Pick a later day."),
        "status-unknown": translate("Kiosk", "Pick a status from the list."),
        "tier-unknown": translate("Kiosk", "Pick a grade band from the list."),
        "format-unknown": translate("Kiosk", "Pick a file format from the list."),
        "school-year-format": translate("Kiosk", "Pick a school year from the list."),
        "text-size-unknown": translate("Kiosk", "Pick a text size from the list."),
        "contrast-unknown": translate("Kiosk", "Pick normal or high contrast."),
        "idle-minutes-range": translate("Kiosk", "The idle time is between {low} and {high} minutes."),
        "countdown-range": translate("Kiosk", "The countdown is between {low} and {high} seconds."),
        "hub-url-scheme": translate(
            "Kiosk", "The hub's address starts with https:// (or http:// on a test network)."
        ),
        "hub-no-password": translate("Kiosk", "No hub password is set on this kiosk. Type it and save."),
        "hub-refused-credentials": translate(
            "Kiosk", "The hub refused this kiosk's username or password (HTTP {status}). Check them."
        ),
        "hub-refused-device": translate(
            "Kiosk", "The hub does not let this kiosk send records yet. Tell IT what it said: {reason}"
        ),
        "hub-not-configured": translate("Kiosk", "No district hub is set up on this kiosk."),
        "hub-wait": translate("Kiosk", "The hub asks this kiosk to wait (too many failed sign-ins)."),
        "hub-failed": translate(
            "Kiosk", "The hub had a problem (HTTP {status}). The kiosk tries again later."
        ),
        "hub-unexpected": translate("Kiosk", "The hub gave an unexpected answer (HTTP {status})."),
        "hub-list-failed": translate(
            "Kiosk", "The hub could not list the district's records (HTTP {status})."
        ),
        "hub-about-failed": translate(
            "Kiosk", "The hub did not say what it takes (HTTP {status}). The kiosk tries again later."
        ),
        "hub-keys-failed": translate(
            "Kiosk", "The hub did not list its kiosks' keys (HTTP {status}). The kiosk tries again later."
        ),
        "hub-unreachable": translate(
            "Kiosk", "The kiosk cannot reach the hub ({kind}). Check the network; it tries again later."
        ),
        "sync-failed": translate("Kiosk", "The sync failed ({kind}). The kiosk tries again later."),
        "export-folder-missing": translate(
            "Kiosk", "The export folder {folder} is missing. Ask IT to set one up, then try again."
        ),
        "export-folder-unwritable": translate(
            "Kiosk", "Nothing was saved: the export folder {folder} cannot be written. Ask IT."
        ),
    }


def error_text(exc: BaseException) -> str:
    """What to show for an error the core raised, in the reader's language."""
    from ..core.errors import CoreError
    from ..core.storage_errors import StorageError

    if isinstance(exc, CoreError):
        text = _texts().get(exc.code)
        if text is not None:
            return text.format(**exc.params)
    if isinstance(exc, StorageError):
        return translate(
            "Kiosk", "The records could not be read or written ({code}). Try again, or tell IT."
        ).format(code=exc.code)
    log.error("shown as a general error: %s", type(exc).__name__)  # no ids or names in the log
    return translate("Kiosk", "Something went wrong. Try again, or tell IT (the kiosk's log says more).")


def code_text(code: str, params: dict) -> str:
    """A code and parameters stored by the core (e.g. the last sync error) in words."""
    from ..core.errors import ENGLISH, CoreError

    if code not in ENGLISH:
        return error_text(Exception(code))
    return error_text(CoreError(code, **params))


def known_codes() -> set[str]:
    """The codes this module words (for the translation test)."""
    return set(_texts())
