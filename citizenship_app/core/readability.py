"""Reading-level measures for lesson text (Flesch-Kincaid grade, words per page).

Markdown is rendered to HTML and flattened to plain text so that markup never counts as
words. Every block (heading, paragraph, list item) is treated as a sentence of its own: a
heading without a full stop must not run into the next sentence and inflate the grade.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown

#: tier -> (highest Flesch-Kincaid grade of a module's lesson text, target words per page,
#: most words a page may have before `content check` flags it).
LIMITS: dict[str, tuple[float, int, int]] = {
    "k-2": (2.5, 40, 55),
    "3-5": (4.5, 80, 105),
    "6-8": (7.5, 120, 150),
    "9-12": (10.0, 120, 150),
    "staff": (12.0, 120, 150),
}

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dt", "dd"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            if text[-1] not in ".!?:;":
                text += "."
            self.blocks.append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def plain_text(markdown_text: str) -> str:
    """Return the readable words of a Markdown page, one block per sentence."""
    collector = _TextCollector()
    collector.feed(markdown.markdown(markdown_text))
    collector.close()
    return " ".join(collector.blocks)


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text (textstat 0.7.8, offline CMU dictionary)."""
    import textstat  # imported here: only `content check` and tests need it

    return float(textstat.flesch_kincaid_grade(text))


def word_count(text: str) -> int:
    """Number of words in plain text, as textstat counts them."""
    import textstat

    return int(textstat.lexicon_count(text))
