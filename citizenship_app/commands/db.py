"""`citizenship-app db check | backup | restore [FILE]`."""

from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser("db", help="check, back up or restore the records database")
    sub = parser.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    sub.add_parser("check", help="integrity check of the database").set_defaults(handler=run_check)
    sub.add_parser("backup", help="write a backup now (the last 14 are kept)").set_defaults(
        handler=run_backup
    )
    restore = sub.add_parser("restore", help="restore FILE, or the newest good backup")
    restore.add_argument("file", nargs="?", help="a backup file (default: the newest good one)")
    restore.set_defaults(handler=run_restore)


def _data_dir(args) -> Path:
    from ..core.paths import data_dir

    return data_dir(args.data_dir)


def run_check(args) -> int:
    from ..core.backup import check_database, list_backups
    from ..core.store import db_path
    from .errors import UserError

    path = db_path(args.data_dir)
    if not path.exists():  # a fresh data directory: made as the kiosk would make it, then checked
        from ..core.store import open_store

        open_store(args.data_dir).conn.close()
    problems = check_database(path)
    for problem in problems:
        print(f"{path}: {problem}")
    if problems:
        raise UserError(
            "the database is damaged; `citizenship-app db restore` puts back the newest good backup"
        )
    backups = list_backups(_data_dir(args))
    print(f"{path}: ok ({len(backups)} backup(s){', newest ' + backups[0].name if backups else ''})")
    return 0


def run_backup(args) -> int:
    from ..core.backup import make_backup
    from ..core.store import open_store

    open_store(args.data_dir).conn.close()  # creates or migrates it first
    print(make_backup(_data_dir(args), reason="manual"))
    return 0


def run_restore(args) -> int:
    from ..core.recovery import restore
    from .errors import UserError

    try:
        restored = restore(_data_dir(args), Path(args.file) if args.file else None)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    print(f"restored {restored}")
    return 0
