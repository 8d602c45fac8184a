"""In-lesson activities written in a lesson's Markdown: "stop and think" checks on the pages,
and after the pages a discussion prompt for teacher-led use and a family sheet to print.

    <!-- stop-and-think -->
    Would you type your address into a game?
    <!-- reveal -->
    No. Your address is private. Ask a grown-up first.
    <!-- end -->

A stop-and-think is not graded: the student reads the prompt, thinks, then reveals the
answer. The markers are HTML comments, so a Markdown viewer shows the words without them and
a translation keeps the same markers around its own words.

After the last page, `<!-- discussion -->` and `<!-- family-sheet -->` each open a section
that runs to the next section or the end of the file; students never see them as pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STOP = "<!-- stop-and-think -->"
REVEAL = "<!-- reveal -->"
END = "<!-- end -->"
DISCUSSION = "<!-- discussion -->"
FAMILY_SHEET = "<!-- family-sheet -->"
#: Section markers after the pages, and the Module attribute each fills.
SECTIONS = {DISCUSSION: "discussion", FAMILY_SHEET: "family_sheet"}
#: A family sheet prints on one page: at most this many words (a letter page at 11 pt).
FAMILY_SHEET_WORDS = 350
#: lessons/<language>/<tier>/<id> + this: a translated family sheet on its own, for a module
#: whose lesson is not translated (its file holds only the `<!-- family-sheet -->` section).
SHEET_SUFFIX = ".family-sheet.md"

_BLOCK = re.compile(
    rf"^[ \t]*{re.escape(STOP)}[ \t]*\n(?P<prompt>.*?)\n[ \t]*{re.escape(REVEAL)}[ \t]*\n"
    rf"(?P<reveal>.*?)\n[ \t]*{re.escape(END)}[ \t]*$",
    re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class StopAndThink:
    prompt: str  # Markdown
    reveal: str  # Markdown
    line: int  # where its opening marker is, in the lesson file (0 when unknown)


def stops(page: str, start_line: int = 0) -> list[StopAndThink]:
    """The well-formed stop-and-think blocks of a page, in order."""
    return [
        StopAndThink(
            m["prompt"].strip(),
            m["reveal"].strip(),
            start_line + page.count("\n", 0, m.start()) if start_line else 0,
        )
        for m in _BLOCK.finditer(page)
    ]


def split_blocks(page: str) -> list[str | StopAndThink]:
    """The page as Markdown text between its stop-and-think blocks, in order."""
    parts: list[str | StopAndThink] = []
    last = 0
    for m in _BLOCK.finditer(page):
        parts.append(page[last : m.start()])
        parts.append(StopAndThink(m["prompt"].strip(), m["reveal"].strip(), 0))
        last = m.end()
    parts.append(page[last:])
    return parts


def without_stops(page: str) -> str:
    """The page's Markdown with its stop-and-think checks left out (the page-length limit
    counts the page's own words; a check is a box of its own, counted in the reading level)."""
    return "".join(part for part in split_blocks(page) if isinstance(part, str))


def marker_problems(page: str, start_line: int) -> list[tuple[int, str]]:
    """(line, message) for markers out of place: every stop-and-think needs its prompt, a
    reveal with words, and an end, in that order, not nested."""
    problems: list[tuple[int, str]] = []
    state, opened, words = "text", start_line, 0
    expected = {STOP: "text", REVEAL: "prompt", END: "reveal"}
    for offset, raw in enumerate(page.splitlines()):
        line, where = raw.strip(), start_line + offset
        if line not in expected:
            words += bool(line)
            continue
        if state != expected[line]:
            want = {"text": STOP, "prompt": REVEAL, "reveal": END}[state]
            problems.append((where, f"{line} out of place: expected {want} first (docs/content-format.md)"))
            return problems
        if line != STOP and not words:
            part = "prompt" if line == REVEAL else "reveal"
            problems.append((where, f"this stop-and-think has no {part}: write it before {line}"))
        state = {STOP: "prompt", REVEAL: "reveal", END: "text"}[line]
        opened = where if line == STOP else opened
        words = 0
    if state != "text":
        problems.append((opened, f"this stop-and-think is not closed: add {REVEAL} and {END}"))
    return problems


def reading_text(page: str) -> str:
    """The page's Markdown as a student reads it: the markers dropped, prompt and reveal kept."""
    return "\n".join(line for line in page.splitlines() if line.strip() not in (STOP, REVEAL, END))
