"""Interface languages with Qt's own tools.

Strings are marked `translate("Kiosk", "...")` (an alias of QCoreApplication.translate that
pyside6-lupdate finds); assets/translations/kiosk_<lang>.ts is the translators' file and
kiosk_<lang>.qm its compiled form, loaded here. Update both after changing strings:

    pyside6-lupdate citizenship_app/ui/*.py citizenship_app/ui/staff/*.py -ts assets/translations/kiosk_es.ts
    pyside6-lrelease assets/translations/kiosk_es.ts -qm assets/translations/kiosk_es.qm
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from ..core.paths import ASSETS_DIR

translate = QCoreApplication.translate
TRANSLATIONS = ASSETS_DIR / "translations"
#: Languages the interface speaks, with their names in themselves (for the language buttons).
LANGUAGES = {"en": "English", "es": "Español"}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Mark `text` for lupdate without translating it: for tables built at import, before any
    translator is installed. Returns `text` unchanged; call `translate(context, text)` where
    the text is shown."""
    return text


_installed: QTranslator | None = None
_current = "en"


def current_language() -> str:
    return _current


def set_language(language: str | None) -> str:
    """Switch the interface language; unknown languages fall back to English."""
    global _installed, _current
    language = language if language in LANGUAGES else "en"
    if language == _current:
        return _current
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if language != "en":
        translator = QTranslator(app)
        if translator.load(str(TRANSLATIONS / f"kiosk_{language}.qm")):
            app.installTranslator(translator)
            _installed = translator
    _current = language
    return _current
