"""Start the kiosk window."""
from __future__ import annotations

import argparse
import sys


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="citizenship-app", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--windowed", action="store_true")
    return parser.parse_known_args(argv)[0]


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Citizenship Kiosk")
    apply_theme(app)
    return app


def apply_theme(app) -> None:
    from ..core.paths import ASSETS_DIR

    app.setStyleSheet((ASSETS_DIR / "styles" / "kiosk.qss").read_text(encoding="utf-8"))


def build_window(data_dir=None, demo: bool = False, catalog=None):
    """The kiosk window over the store in data_dir; the demo school if nothing is set up."""
    from ..core.demo import ensure_school, has_roster, load_demo
    from ..core.kiosk import Kiosk
    from .window import KioskWindow

    from ..core.logs import setup_logging

    kiosk = Kiosk(data_dir, catalog=catalog)
    setup_logging(kiosk.data_dir)
    if demo and not has_roster(kiosk.db):
        load_demo(kiosk.db)
    else:
        ensure_school(kiosk.db)
    return KioskWindow(kiosk)


def run_gui(argv: list[str]) -> int:
    args = parse_gui_args(argv)
    app = create_app()
    window = build_window(args.data_dir, args.demo)
    if args.windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.engage_lockdown()
    return app.exec()
