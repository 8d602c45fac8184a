"""The kiosk CLI's global options (`--data-dir`, `--demo`, `--windowed`): defined in one
place (`cli.add_global_options`) and read the same way by the quick start and by the full
parser; commands raise `commands.errors.UserError`, which `cli.main` prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citizenship_app import cli

PACKAGE = Path(cli.__file__).resolve().parent


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False, False)),
        (["--data-dir", "D", "--demo"], ("D", True, False)),
        (["--data-dir=D", "--windowed"], ("D", False, True)),
        (["--wind"], (None, False, True)),  # argparse's abbreviations, as the full parser takes them
    ],
)
def test_only_global_options_start_the_kiosk(argv, expected):
    options = cli.gui_options(argv)
    assert (options.data_dir, options.demo, options.windowed) == expected


@pytest.mark.parametrize(
    "argv", [["content", "check"], ["--data-dir", "D", "db", "check"], ["--data-dir"], ["-h"], ["--version"]]
)
def test_anything_else_goes_to_the_full_parser(argv):
    assert cli.gui_options(argv) is None


def test_the_full_parser_reads_the_global_options_alike():
    args = cli.build_parser().parse_args(["--data-dir", "D", "--demo", "--windowed", "db", "check"])
    assert (args.data_dir, args.demo, args.windowed, args.command) == ("D", True, True, "db")


def test_the_global_options_are_defined_in_one_place():
    defined = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"add_argument\(\s*\"--(data-dir|demo|windowed)\"", path.read_text(encoding="utf-8"))
    ]
    assert defined == ["cli.py"]


def test_a_user_error_is_one_line_and_status_1(tmp_path, capsys):
    missing = tmp_path / "no-such-backup.db"
    assert cli.main(["--data-dir", str(tmp_path / "data"), "db", "restore", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("citizenship-app: ") and err.count("\n") == 1
