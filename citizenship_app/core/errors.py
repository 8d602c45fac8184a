"""Refusals as codes with parameters: the core says what went wrong, the screens say it.

    >>> raise Refused("password-too-short", min=10)
    >>> exc.code, exc.params        # ("password-too-short", {"min": 10}): ui.messages words it

Each class is also the built-in error callers already catch (`Refused` is a ValueError,
`NotAllowed` a PermissionError, `NotFound` a KeyError), so `except ValueError` keeps working.
`str(exc)` is the English line in `ENGLISH`, for the command line (run by IT) and the logs;
the kiosk's screens never show it: `ui.messages.error_text` translates `code` and `params`,
and tests/test_translations.py checks that every code here has its words there.
"""

from __future__ import annotations

#: Every code the core raises, with its English line for the CLI. Parameters in braces.
ENGLISH: dict[str, str] = {
    # sign-in codes and passwords (auth)
    "pin-format": "a PIN is 4 to 6 digits",
    "picture-code-format": "a picture code is two different pictures of {pictures}, e.g. cat-sun",
    "code-kind": "a code is a pin or a picture code",
    "no-student": "no student {person!r}",
    "no-staff": "no staff member with username {username!r}",
    "password-too-short": "a staff password needs at least {min} characters",
    "one-time-code-wrong": "that one-time code is not right; ask an administrator for a new one",
    # who may do what (access, records, compliance, audit)
    "staff-only": "only signed-in staff may do this",
    "school-not-yours": "you may not see school {school!r}: it is not one of your schools",
    "class-not-at-your-schools": "you may not see class {class_id!r}: it is not at one of your schools",
    "class-not-yours": "you may not change class {class_id!r}: it is not one of your classes",
    "class-not-yours-to-see": "you may not see class {class_id!r}: it is not one of your classes",
    "student-not-at-your-schools": "you may not see student {person!r}: not at one of your schools",
    "student-not-yours": "you may not change student {person!r}: not in one of your classes",
    "student-not-yours-to-see": "you may not see student {person!r}: not in one of your classes",
    "records-for-counselors": "completion records are for counselors and administrators",
    "teacher-own-classes": "a teacher sees only the records of their own classes",
    "required-needs-administrator": "only an administrator sets the district's required modules",
    "audit-needs-administrator": "only an administrator may read the audit log",
    # assignments
    "no-class": "no class {class_id!r}",
    "no-family-sheet": "module {module} has no family sheet yet",
    "no-discussion": "module {module} has no discussion prompt yet",
    "assign-needs-teacher": "an assignment is made by a teacher (sign in as one)",
    "unassign-needs-teacher": "an assignment is withdrawn by a teacher (sign in as one)",
    "wrong-tier": "{module} is a {module_tier} module; class {class_id} is {class_tier}",
    "due-date-format": "a due date is YYYY-MM-DD, not {due!r}",
    "due-date-past": "the due date {due} has passed",
    # filters, settings and formats
    "status-unknown": "status must be one of {choices}",
    "tier-unknown": "tier must be one of {choices}",
    "format-unknown": "format must be one of {choices}",
    "school-year-format": "a school year is given as YYYY, the year it ends (2027 for 2026-2027)",
    "text-size-unknown": "text size is one of {choices}",
    "contrast-unknown": "contrast is normal or high",
    "idle-minutes-range": "idle minutes must be between {low} and {high}",
    "countdown-range": "the countdown must be between {low} and {high} seconds",
    "setting-managed": "{setting} is set by the district (citizenship-district settings); "
    "change it at the hub",
    # district hub settings (sync)
    "hub-url-scheme": "the hub URL must start with https:// (or http:// on a test network)",
    "hub-no-password": "no hub password: set it with `citizenship-app sync configure` (OS keyring) "
    "or CITIZENSHIP_HUB_PASSWORD",
    "hub-refused-credentials": "the hub refused this kiosk's credentials (HTTP {status}): "
    "check the username and password in `citizenship-app sync configure`",
    "hub-refused-device": "the hub refused this kiosk (HTTP 403): {reason}",
    "hub-not-configured": "no district hub is configured",
    "hub-wait": "the hub asks this kiosk to wait (HTTP 429: too many failed sign-ins)",
    "hub-failed": "the hub failed (HTTP {status})",
    "hub-unexpected": "unexpected answer from the hub: HTTP {status}",
    "hub-list-failed": "the hub could not list statements: HTTP {status}",
    "hub-about-failed": "the hub could not say what it takes (HTTP {status} from /about)",
    "hub-keys-failed": "the hub could not list its devices' keys: HTTP {status}",
    "hub-unreachable": "cannot reach the hub ({kind})",
    "sync-failed": "sync failed: {kind}",
    # the roster from a OneRoster REST source (roster_sync)
    "roster-source-unreachable": "cannot reach the roster source at {url} ({kind})",
    "roster-token-refused": "the token endpoint {url} refused the client id and secret (HTTP {status}): "
    "check them with whoever runs the district's OneRoster service",
    "roster-source-refused": "the roster source refused this kiosk at {url} (HTTP {status}): {reason}",
    "roster-source-missing": "there is no OneRoster collection at {url} (HTTP 404): check the source's "
    "address (it ends in /ims/oneroster/v1p1) and the school",
    "roster-source-failed": "the roster source failed at {url} (HTTP {status}); nothing was imported, "
    "try again later",
    "roster-source-bad": "the roster source's answer at {url} cannot be used ({detail}); "
    "nothing was imported",
    "roster-source-empty": "the roster source at {url} lists nobody for school {school!r}; nothing was "
    "imported: import the roster at the hub first, or check the school",
    "roster-import-refused": "the roster from the source was not imported ({count} problem(s), the first: "
    "{first}); nothing was changed",
    # exports
    "export-folder-missing": "the export folder {folder} does not exist or is not a folder; "
    "set one with `citizenship-app settings set export_dir PATH`",
    "export-folder-unwritable": "cannot write to the export folder {folder}: {detail}",
}


class CoreError(Exception):
    """A refusal with a code (a key of ENGLISH) and the parameters its words need."""

    def __init__(self, code: str, **params: object) -> None:
        if code not in ENGLISH:
            raise AssertionError(f"unknown error code {code!r}: add it to core.errors.ENGLISH")
        self.code, self.params = code, params
        super().__init__(str(self))  # args[0]: the CLI's line, as callers of KeyError read it

    def __str__(self) -> str:
        return ENGLISH[self.code].format(**self.params)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, **{self.params!r})"


class Refused(CoreError, ValueError):
    """Bad input: a value out of range or in the wrong form."""


class NotAllowed(CoreError, PermissionError):
    """The person may not do this."""


class NotFound(CoreError, KeyError):
    """No such student, staff member or class."""
