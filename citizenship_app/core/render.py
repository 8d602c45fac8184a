"""Lesson pages from Markdown to the HTML the reader shows.

Links become plain text: a kiosk never opens a browser or another program. Images keep their
`assets/`-relative paths (the reader resolves them) and get a width that suits the tier.
"""

from __future__ import annotations

import re

import markdown

_LINK_OPEN = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_IMG = re.compile(r"<img\b", re.IGNORECASE)


def page_html(markdown_text: str, image_width: int = 360) -> str:
    html = markdown.markdown(markdown_text, extensions=["sane_lists"])
    html = _LINK_CLOSE.sub("</span>", _LINK_OPEN.sub('<span class="link">', html))
    return _IMG.sub(f'<img width="{image_width}"', html)


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img[^>]*\bsrc="([^"]+)"', html)
