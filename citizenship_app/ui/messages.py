"""The core's refusals (`core.errors`) and roster problems (`core.roster`) in the reader's language.

    self.status.setText(error_text(exc))
    self.roster_errors.addItems([roster_error_text(e) for e in result.errors])

Every code in `core.errors.ENGLISH` and `core.roster.ROSTER_ENGLISH` has its words here
(tests/test_translations.py checks); an error that is not a `CoreError` (a bug, a storage
failure) is said in general words, and its details go to the log, never to the screen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .i18n import translate

if TYPE_CHECKING:
    from ..core.roster import RosterError

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
        "no-family-sheet": translate("Kiosk", "This module has no family sheet yet."),
        "no-discussion": translate("Kiosk", "This module has no discussion prompt yet."),
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
        "setting-managed": translate(
            "Kiosk", "The district sets this on every kiosk; it cannot be changed here."
        ),
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
        "roster-source-unreachable": translate(
            "Kiosk", "The kiosk cannot reach the roster at {url} ({kind}). It tries again later."
        ),
        "roster-token-refused": translate(
            "Kiosk",
            "The roster service at {url} refused the kiosk's client id and secret (HTTP {status}). Ask IT.",
        ),
        "roster-source-refused": translate(
            "Kiosk", "The roster at {url} refused this kiosk (HTTP {status}). Tell IT what it said: {reason}"
        ),
        "roster-source-missing": translate(
            "Kiosk", "There is no roster at {url}. Ask IT to check the address and the school."
        ),
        "roster-source-failed": translate(
            "Kiosk",
            "The roster service had a problem (HTTP {status}). Nothing changed; the kiosk tries again later.",
        ),
        "roster-source-bad": translate(
            "Kiosk", "The roster from {url} could not be used ({detail}). Nothing changed. Ask IT."
        ),
        "roster-source-empty": translate(
            "Kiosk", "The roster at {url} lists nobody for this school. Nothing changed. Ask IT."
        ),
        "roster-import-refused": translate(
            "Kiosk",
            "The roster from the district was not imported ({count} problems). Nothing changed. Ask IT.",
        ),
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


def _roster_texts() -> dict[str, str]:
    """The roster importer's problems (`core.roster.ROSTER_ENGLISH`), for the admin screen."""
    return {
        "removals": translate(
            "Kiosk",
            "This import would remove people or classes the kiosk holds (the roster no longer "
            "lists them; a cut-short export looks like this): nothing was imported. Check the "
            "export; if they really left, import again and allow the removals.",
        ),
        "backup-failed": translate(
            "Kiosk",
            "The records could not be backed up before the removals ({detail}): nothing was "
            "imported. Free some disk space and import again.",
        ),
        "more-problems": translate("Kiosk", "{n} more problems are not shown: fix these and check again."),
        "no-such-path": translate(
            "Kiosk",
            "There is no such file or folder: give the roster folder or its .zip file.",
        ),
        "not-a-zip": translate(
            "Kiosk",
            "This is not a readable zip file ({detail}): give the roster folder, or a complete "
            ".zip of its CSV files (download it again if it was cut short).",
        ),
        "zip-too-many-files": translate(
            "Kiosk",
            "The zip holds {count} files, more than the {max} a roster zip may hold: zip only the"
            " roster's CSV files.",
        ),
        "zip-path-outside": translate(
            "Kiosk",
            "The zip holds a path outside its folder ({name}): make the zip again from the export folder.",
        ),
        "zip-in-zip": translate(
            "Kiosk",
            "The zip holds another zip ({name}): unzip the outer one and give the inner zip (or its folder).",
        ),
        "roster-too-big": translate(
            "Kiosk",
            "The roster's files are more than {max_mb:.0f} MB together, more than one import may "
            "be: import it in parts, or check that these are the right files.",
        ),
        "too-many-rows": translate(
            "Kiosk",
            "The roster has more than {max:,} rows in all: import it in parts (one delta file at "
            "a time), or check that these are the right files.",
        ),
        "zip-member-damaged": translate(
            "Kiosk",
            "The file cannot be read from the zip ({detail}): the zip is damaged or encrypted. "
            "Make it again without a password.",
        ),
        "file-too-big": translate(
            "Kiosk",
            "The file is {size_mb:.1f} MB, more than the {limit_mb:.1f} MB a roster file may be: "
            "check that it is the right file.",
        ),
        "file-unreadable": translate(
            "Kiosk",
            "The file cannot be read ({detail}): check that it is there and readable.",
        ),
        "utf16": translate(
            "Kiosk",
            "The file is UTF-16 text: save it as UTF-8 (in Excel: CSV UTF-8).",
        ),
        "binary": translate(
            "Kiosk",
            "The file holds binary data, not CSV text: export the roster as CSV UTF-8.",
        ),
        "line-too-long": translate(
            "Kiosk",
            "The line is longer than {max_mb:g} MB, far longer than a roster row: check the file "
            "(a quote that is never closed?).",
        ),
        "not-utf8": translate(
            "Kiosk",
            "Byte 0x{byte:02x} at character {position} is not UTF-8: save the file as UTF-8 (in "
            "Excel: CSV UTF-8).",
        ),
        "csv-field-too-long": translate(
            "Kiosk",
            "A field is longer than {max_kb} KB, far longer than a roster field: check the file "
            "(a quote that is never closed?).",
        ),
        "csv-unreadable": translate(
            "Kiosk",
            "The CSV cannot be read from here on ({detail}): a field with a comma, quote or line "
            'break must be in double quotes, and a quote inside it doubled ("").',
        ),
        "field-count": translate(
            "Kiosk",
            "The row has {fields} fields but the header has {header}: put a field with a comma in"
            " double quotes.",
        ),
        "field-too-long": translate(
            "Kiosk",
            "The field has more than {max:,} characters, far more than a roster field: check the file.",
        ),
        "file-empty": translate("Kiosk", "The file is empty: it needs the header row ({columns})."),
        "column-twice": translate("Kiosk", "The column {column} appears twice: keep one."),
        "column-missing": translate(
            "Kiosk",
            "The header has no {column} column: add it (the header is {columns}).",
        ),
        "no-manifest": translate(
            "Kiosk",
            "There is no manifest.csv in {source}: a OneRoster export has one; it says which "
            "files are bulk or delta.",
        ),
        "manifest-too-long": translate(
            "Kiosk",
            "manifest.csv has more than 1,000 rows (a OneRoster manifest has about 20): check "
            "that it is the right file.",
        ),
        "version-missing": translate(
            "Kiosk",
            "oneroster.version is missing: this kiosk reads OneRoster 1.1 and 1.2 CSV (set "
            "oneroster.version to 1.1 or 1.2).",
        ),
        "version-unsupported": translate(
            "Kiosk",
            "oneroster.version is {version}: this kiosk reads OneRoster 1.1 and 1.2 CSV (set "
            "oneroster.version to 1.1 or 1.2).",
        ),
        "mode-unknown": translate("Kiosk", "file.{name} is {mode!r}: use bulk, delta or absent."),
        "manifest-no-row": translate(
            "Kiosk",
            "{name}.csv is in the roster but manifest.csv has no file.{name} row: add "
            "file.{name},bulk (or delta).",
        ),
        "manifest-file-missing": translate(
            "Kiosk",
            "manifest.csv (line {line}) says file.{name} is {mode} but there is no {name}.csv: "
            "add the file or set it to absent.",
        ),
        "manifest-absent-present": translate(
            "Kiosk",
            "file.{name} is absent but {name}.csv is in the roster: set it to bulk or delta, or "
            "leave the file out.",
        ),
        "roles-need-users": translate(
            "Kiosk",
            "roles.csv needs users.csv in the same import: add users.csv.",
        ),
        "empty": translate("Kiosk", "{column} is empty: fill it in."),
        "status-empty-delta": translate(
            "Kiosk",
            "status is empty: a delta file says active or tobedeleted on every row.",
        ),
        "not-a-choice": translate("Kiosk", "{value!r} is not a {column}: use one of {choices}."),
        "not-a-boolean": translate("Kiosk", "{value!r} is not true or false: use true or false."),
        "not-a-date": translate("Kiosk", "{value!r} is not a date: use YYYY-MM-DD, e.g. 2026-08-26."),
        "not-a-timestamp": translate(
            "Kiosk",
            "{value!r} is not a date and time: use ISO 8601, e.g. 2026-08-26T14:05:00.000Z.",
        ),
        "not-a-year": translate(
            "Kiosk",
            "{value!r} is not a year: use four digits, the year the school year ends (e.g. 2027).",
        ),
        "grade-two-digits": translate("Kiosk", "{value!r} is not a grade: use two digits: {grade}."),
        "grade-kindergarten": translate("Kiosk", "{value!r} is not a grade: use KG for kindergarten."),
        "grade-unknown": translate(
            "Kiosk",
            "{value!r} is not a grade: use KG, 01 to 12, or another CEDS grade (IT, PR, PK, TK, "
            "13, PS, UG, Other).",
        ),
        "end-before-start": translate(
            "Kiosk",
            "endDate {end} is before startDate {start}: swap or correct them.",
        ),
        "end-before-begin": translate(
            "Kiosk",
            "endDate {end} is before beginDate {begin}: swap or correct them.",
        ),
        "duplicate-id": translate(
            "Kiosk",
            "{id!r} is also on line {first}: each sourcedId must appear once.",
        ),
        "username-twice": translate(
            "Kiosk",
            "The username {username!r} is also on line {first}: usernames must be unique.",
        ),
        "username-taken": translate(
            "Kiosk",
            "The username {username!r} belongs to {owner!r} already: usernames must be unique.",
        ),
        "role-user-missing": translate(
            "Kiosk",
            "{user!r} is not in users.csv: add the user or remove this role.",
        ),
        "user-no-role": translate(
            "Kiosk",
            "{user!r} has no role in roles.csv: add a roles.csv row with roleType primary.",
        ),
        "second-primary": translate(
            "Kiosk",
            "{user!r} already has a primary role (line {first}): make this one secondary.",
        ),
        "org-not-school": translate(
            "Kiosk",
            "{id!r} is an org but not a school: give the school's sourcedId.",
        ),
        "not-a-school": translate(
            "Kiosk",
            "{id!r} is not a school in orgs.csv: add it there with type school.",
        ),
        "missing-ref": translate(
            "Kiosk",
            "{id!r} is not in {kind}.csv: add it there or correct this id.",
        ),
        "enrollment-school": translate(
            "Kiosk",
            "{school!r} is not the school of class {class_id!r} ({class_school!r}): give the "
            "class's school, or enroll the person in a class of that school.",
        ),
    }


def roster_error_text(error: RosterError) -> str:
    """A roster problem in the reader's language, where it is first: `users.csv:12: role: ...`."""
    text = _roster_texts()[error.code].format(**error.params)
    where = f"{error.file}:{error.line}" if error.line else error.file
    return ": ".join(part for part in (where, error.column, text) if part)


def roster_known_codes() -> set[str]:
    """The roster codes this module words (for the translation test)."""
    return set(_roster_texts())
