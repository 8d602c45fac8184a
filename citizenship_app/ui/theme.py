"""The kiosk's look: the base style sheet scaled to a text size, and a high-contrast theme."""

from __future__ import annotations

import re
from functools import cache

from ..core.paths import ASSETS_DIR

SCALE = {"normal": 1.0, "large": 1.25, "largest": 1.5}


@cache
def stylesheet(text_size: str = "normal", contrast: str = "normal") -> str:
    styles = ASSETS_DIR / "styles"
    base = (styles / "kiosk.qss").read_text(encoding="utf-8")
    if contrast == "high":
        base += "\n" + (styles / "high-contrast.qss").read_text(encoding="utf-8")
    factor = SCALE.get(text_size, 1.0)
    if factor != 1.0:
        # The header and the tab bars keep their size: their buttons and tabs must fit a
        # 1024-pixel screen in any language.
        base = "\n".join(
            line
            if line.startswith(("#header", "QTabBar"))
            else re.sub(r"font-size:\s*(\d+)px", lambda m: f"font-size: {round(int(m[1]) * factor)}px", line)
            for line in base.splitlines()
        )
    return base


def apply(app, text_size: str = "normal", contrast: str = "normal") -> None:
    app.setStyleSheet(stylesheet(text_size, contrast))
