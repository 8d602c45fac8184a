"""Docs that cannot drift: docs/architecture.md names every module of the package, and the
README's command list holds every subcommand `--help` shows, and nothing `--help` does not."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "citizenship_app"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


# -- docs/architecture.md ----------------------------------------------------------------------


def packages() -> dict[str, set[str]]:
    """Each package ("citizenship_app.ui.staff") -> its modules ("teacher.py", ...)."""
    found = {}
    for init in PACKAGE.rglob("__init__.py"):
        folder = init.parent
        name = ".".join(folder.relative_to(ROOT).parts)
        found[name] = {p.name for p in folder.glob("*.py") if p.name not in ("__init__.py", "_version.py")}
    return found


def documented(text: str) -> dict[str, set[str]]:
    """The "Modules" section: each `### `package`` heading -> the `- `module.py`` items under it."""
    section = text.split("\n## Modules", 1)[1].split("\n## ", 1)[0]
    found: dict[str, set[str]] = {}
    for part in re.split(r"^### ", section, flags=re.MULTILINE)[1:]:
        heading, _, body = part.partition("\n")
        found[heading.strip().strip("`")] = set(re.findall(r"^- `(\w+\.py)`", body, re.MULTILINE))
    return found


@pytest.mark.parametrize("package", sorted(packages()))
def test_architecture_lists_every_module_of_every_package(package):
    listed = documented(ARCHITECTURE.read_text(encoding="utf-8"))
    assert package in listed, f"docs/architecture.md has no `### `{package}`` under ## Modules"
    real = packages()[package]
    assert sorted(real - listed[package]) == [], f"modules of {package} missing from docs/architecture.md"
    assert sorted(listed[package] - real) == [], f"docs/architecture.md lists modules {package} does not have"


def test_architecture_lists_no_package_that_is_gone():
    assert sorted(set(documented(ARCHITECTURE.read_text(encoding="utf-8"))) - set(packages())) == []


def test_the_module_check_can_fail():
    text = (
        "intro\n## Modules\n\n### `citizenship_app.reports`\n\n- `pdf.py`: PDFs.\n- `old.py`: gone.\n"
        "\n## Next\n\n- `x.py`: not a module list.\n"
    )
    assert documented(text) == {"citizenship_app.reports": {"pdf.py", "old.py"}}
    found = packages()
    assert "window.py" in found["citizenship_app.ui"]
    assert "teacher.py" in found["citizenship_app.ui.staff"]
    assert "__init__.py" not in found["citizenship_app.core"]


def test_the_screenshot_tool_is_not_installed():
    """A development tool, kept out of the installed package (tools/screenshots.py)."""
    assert not (PACKAGE / "ui" / "screenshots.py").exists()
    source = (ROOT / "tools" / "screenshots.py").read_text(encoding="utf-8")
    compile(source, "tools/screenshots.py", "exec")
    assert "from citizenship_app.ui.app import build_window, create_app" in source


# -- the README's command list -------------------------------------------------------------------

#: The programs and their `main`s, called in this process with --help.
PROGRAMS = {
    "citizenship-app": "citizenship_app.cli",
    "citizenship-district": "citizenship_app.district.cli",
}


def help_text(program: str, *args: str) -> str:
    import importlib

    main = importlib.import_module(PROGRAMS[program]).main
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as done:
        main([*args, "--help"])
    assert done.value.code == 0
    return out.getvalue()


def subcommands(help_output: str) -> list[str]:
    """The subcommands an argparse --help lists: each subparser (indented 4 under its
    metavar in "positional arguments"), or the choices of a positional ({list,verify})."""
    section = help_output.split("positional arguments:", 1)
    if len(section) == 1:
        return []
    body = re.split(r"\n\S", section[1], maxsplit=1)[0]  # up to the next heading
    names = re.findall(r"^    (\w[\w-]*)", body, re.MULTILINE)
    for choices in re.findall(r"^  \{([\w,-]+)\}", body, re.MULTILINE):
        names += choices.split(",")
    return names


def real_commands() -> set[tuple[str, ...]]:
    """(program, command) and (program, command, action) for everything --help lists."""
    found = set()
    for program in PROGRAMS:
        for command in subcommands(help_text(program)):
            found.add((program, command))
            found |= {(program, command, action) for action in subcommands(help_text(program, command))}
    return found


def documented_commands(readme: str) -> set[tuple[str, ...]]:
    """The same, from the README's "Command line" block: each line's program, then its first
    word (the command), then its next word if it names actions (`a|b|c`, `[verify]`)."""
    block = readme.split("## Command line", 1)[1].split("```", 2)[1]
    found = set()
    for line in block.splitlines():
        words = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0].split()
        if not words or words[0] not in PROGRAMS:
            continue
        rest = [w for w in words[1:] if not (w.startswith(("-", "[-")) or w.rstrip("]").isupper())]
        if not rest:
            continue  # the program with global options only
        found.add((words[0], rest[0]))
        after = words[words.index(rest[0]) + 1 :][:1]  # the word right after the command
        if after and (actions := re.fullmatch(r"\[?([a-z][\w-]*(?:\|[a-z][\w-]*)*)\]?", after[0])):
            found |= {(words[0], rest[0], action) for action in actions[1].split("|")}
    return found


def test_the_readme_lists_every_command_and_no_other():
    documented = documented_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    real = real_commands()
    assert sorted(real - documented) == [], "commands missing from the README's Command line"
    assert sorted(documented - real) == [], "the README's Command line names commands that do not exist"


def test_the_command_check_reads_help_and_readme():
    assert {"content", "roster", "db", "audit"} <= set(subcommands(help_text("citizenship-app")))
    assert subcommands(help_text("citizenship-app", "audit")) == ["list", "verify"]
    assert subcommands(help_text("citizenship-app", "records")) == []
    readme = """## Command line

```
citizenship-app [--data-dir DIR] [--demo]          start the kiosk
citizenship-app --data-dir DIR db check|backup|restore [FILE]
citizenship-app --data-dir DIR audit [verify] [--json]   the audit log
citizenship-app --data-dir DIR records --format csv|json
citizenship-district --db URL serve --host H      the hub
```
"""
    assert documented_commands(readme) == {
        ("citizenship-app", "db"),
        ("citizenship-app", "db", "check"),
        ("citizenship-app", "db", "backup"),
        ("citizenship-app", "db", "restore"),
        ("citizenship-app", "audit"),
        ("citizenship-app", "audit", "verify"),
        ("citizenship-app", "records"),
        ("citizenship-district", "serve"),
    }


# -- docs/district-hub.md: the limits table --------------------------------------------------


def documented_serve_defaults(text: str) -> dict[str, str]:
    """The Limits table's Default column: each "`--option VALUE`" -> VALUE."""
    table = text.split("| Limit | Default | What happens |", 1)[1].split("\n\n", 1)[0]
    found = {}
    for row in table.splitlines():
        cells = row.split("|")
        if len(cells) > 2 and (option := re.search(r"`(--[\w-]+) ([\w.]+)`", cells[2])):
            found[option[1]] = option[2]
    return found


def test_the_hubs_limits_table_gives_the_defaults_serve_uses():
    """An operator sizes a hub from this table: a default changed in the code must change here."""
    from citizenship_app.district.cli import build_parser

    parser = build_parser()
    serve = next(a for a in parser._subparsers._group_actions if a.choices).choices["serve"]
    real = {o: a.default for a in serve._actions for o in a.option_strings if o.startswith("--")}
    documented = documented_serve_defaults((ROOT / "docs" / "district-hub.md").read_text(encoding="utf-8"))
    assert {"--threads", "--max-connections", "--backlog", "--header-timeout"} <= set(documented)
    assert {o: real.get(o) for o in documented} == {o: float(value) for o, value in documented.items()}
