"""`citizenship-app`: the kiosk window, or a subcommand that calls the same core.

    citizenship-app [--data-dir DIR] [--demo]          start the kiosk
    citizenship-app [--data-dir DIR] content check      validate lessons and quizzes
    citizenship-app [--data-dir DIR] roster import PATH import a OneRoster CSV folder or zip

Exit status: 0 on success, 1 on a user error (the error on stderr), 2 on a usage error.
Subcommands live in `citizenship_app.commands`, one module each with `register(subparsers)`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Subcommand modules, in the order `--help` lists them.
COMMAND_MODULES = [
    "content",
    "roster",
    "staff",
    "sync",
    "key",
    "kiosk",
    "db",
    "records",
    "compliance",
    "export",
    "audit",
]


class UserError(Exception):
    """A problem the user can fix; printed on stderr, exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citizenship-app",
        description="Citizenship Kiosk: digital citizenship lessons for school computer labs.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data directory (default: $CITIZENSHIP_DATA_DIR, else the user data directory)",
    )
    parser.add_argument("--demo", action="store_true", help="load the bundled demo school before starting")
    from .version import version

    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    parser.add_argument("--windowed", action="store_true", help="run in a normal window (development only)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"citizenship_app.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet in this checkout
            if exc.name != f"citizenship_app.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--speech-service"]:  # the read-aloud process of a packaged build (ui.speech)
        from .ui.speech_service import main as speech_service

        speech_service(argv[1:])
        return 0
    # The GUI path is taken before argparse builds every subcommand: start-up time matters.
    if not any(arg in argv for arg in ("-h", "--help")) and _is_gui(argv):
        from .ui.app import run_gui

        return run_gui(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from .ui.app import run_gui

        return run_gui(argv)
    from .core.storage_errors import StorageError

    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"citizenship-app: {exc}", file=sys.stderr)
        return 1
    except StorageError as exc:  # read-only, locked, full disk...: for every command
        from .commands.storage_messages import describe

        print(f"citizenship-app: {describe(exc)}", file=sys.stderr)
        return 1


def _is_gui(argv: list[str]) -> bool:
    """True when argv holds only global options (no subcommand)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--data-dir":
            if not rest:
                return False
            rest.pop(0)
        elif arg.startswith("--data-dir=") or arg in ("--demo", "--windowed"):
            continue
        else:
            return False
    return True


if __name__ == "__main__":
    # `python -m citizenship_app.cli` runs this file as __main__; the commands raise the
    # UserError of citizenship_app.cli, so run that module's main (else: a traceback).
    from citizenship_app.cli import main as package_main

    sys.exit(package_main())
