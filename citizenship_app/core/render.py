"""Lesson pages from Markdown to the HTML the reader shows.

Links become plain text: a kiosk never opens a browser or another program. Images keep their
`assets/`-relative paths (the reader resolves them) and get a width that suits the tier.
"""

from __future__ import annotations

import re
from html import escape

import markdown

from .activities import StopAndThink, split_blocks

_LINK_OPEN = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_IMG = re.compile(r"<img\b", re.IGNORECASE)


#: The words a stop-and-think box is shown with; the screen passes them translated.
STOP_LABELS = {
    "heading": "Stop and think",
    "hidden": "Think about it. Then press \u201cShow the answer\u201d.",
    "answer": "The answer",
}
#: A stop-and-think box: a pale yellow panel with a heavy left edge (not colour alone: it
#: also has its heading in words).
_STOP_BOX = (
    '<table class="stop" width="100%" cellspacing="0" cellpadding="12" '
    'style="background-color: #fff4d6; border-left: 6px solid #b7791f; margin: 8px 0;">'
    "<tr><td>{body}</td></tr></table>"
)


def page_html(
    markdown_text: str, image_width: int = 360, *, revealed: bool = False, labels: dict | None = None
) -> str:
    """A lesson page as HTML; its stop-and-think checks as boxes, answers shown if `revealed`."""
    html = "".join(
        _stop_html(part, revealed, {**STOP_LABELS, **(labels or {})})
        if isinstance(part, StopAndThink)
        else _markdown(part)
        for part in split_blocks(markdown_text)
    )
    html = _LINK_CLOSE.sub("</span>", _LINK_OPEN.sub('<span class="link">', html))
    return _IMG.sub(f'<img width="{image_width}"', html)


def _markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["sane_lists"])


def _stop_html(stop: StopAndThink, revealed: bool, labels: dict) -> str:
    body = f"<p><b>{escape(labels['heading'])}</b></p>{_markdown(stop.prompt)}"
    if revealed:
        body += f"<p><b>{escape(labels['answer'])}</b></p>{_markdown(stop.reveal)}"
    else:
        body += f"<p><i>{escape(labels['hidden'])}</i></p>"
    return _STOP_BOX.format(body=body)


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img[^>]*\bsrc="([^"]+)"', html)
