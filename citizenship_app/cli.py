"""`citizenship-app`: the kiosk window, or a subcommand that calls the same core.

    citizenship-app [--data-dir DIR] [--demo]          start the kiosk
    citizenship-app [--data-dir DIR] content check      validate lessons and quizzes
    citizenship-app [--data-dir DIR] roster import PATH import a OneRoster CSV folder or zip

Exit status: 0 on success, 1 on a user error (the error on stderr), 2 on a usage error.
Subcommands live in `citizenship_app.commands`, one module each with `register(subparsers)`;
they raise `commands.errors.UserError` for the one-line errors. The global options are defined
once, in `add_global_options`.
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
    "enroll",
    "key",
    "kiosk",
    "db",
    "records",
    "compliance",
    "export",
    "audit",
]


class _NotOnlyGlobal(Exception):
    """argv holds more than the global options (or a mistake the full parser words)."""


class _GlobalParser(argparse.ArgumentParser):
    def error(self, message):
        raise _NotOnlyGlobal(message)


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options before any subcommand, defined here once: for the kiosk's quick start and
    for the full parser alike."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data directory (default: $CITIZENSHIP_DATA_DIR, else the user data directory)",
    )
    parser.add_argument("--demo", action="store_true", help="load the bundled demo school before starting")
    parser.add_argument("--windowed", action="store_true", help="run in a normal window (development only)")


def gui_options(argv: list[str]) -> argparse.Namespace | None:
    """The global options when argv holds nothing else (then the kiosk starts), else None.

    Parsed without building the subcommands: start-up time matters.
    """
    parser = _GlobalParser(prog="citizenship-app", add_help=False)
    add_global_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotOnlyGlobal:
        return None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citizenship-app",
        description="Citizenship Kiosk: digital citizenship lessons for school computer labs.",
    )
    add_global_options(parser)
    from .version import version

    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
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
    options = gui_options(argv)
    if options is None:
        options = build_parser().parse_args(argv)
    config = _machine_config()
    options.data_dir = _machine_data_dir(options.data_dir, config)
    if getattr(options, "command", None) is not None:
        return _run_command(options)
    if config is not None and config.enroll_token:
        _first_start(options.data_dir, config)
    from .ui.app import run_gui

    return run_gui(options.data_dir, demo=options.demo, windowed=options.windowed)


def _machine_config():
    """The machine-wide kiosk.toml (core.machine_config), or None; a bad one is reported on
    stderr (and the log) and ignored, so a typo in it never keeps the kiosk from starting."""
    from .core import machine_config

    try:
        return machine_config.load()
    except machine_config.MachineConfigError as exc:
        print(f"citizenship-app: warning: {exc}", file=sys.stderr)
        return None


def _machine_data_dir(explicit, config):
    from .core import machine_config

    return machine_config.data_dir(explicit, config)


def _first_start(data_dir, config) -> None:
    """Enroll with the file's token before the window opens (core.machine_config)."""
    from .core import machine_config
    from .core.storage_errors import StorageError
    from .core.store import open_store

    try:
        machine_config.first_start(open_store(data_dir), config)
    except StorageError as exc:  # the window reports the data directory's trouble itself
        print(f"citizenship-app: warning: not enrolled: {exc}", file=sys.stderr)


def _run_command(args: argparse.Namespace) -> int:
    from .commands.errors import UserError
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


if __name__ == "__main__":
    sys.exit(main())
