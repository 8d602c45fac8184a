"""Start-up benchmark: process start to the sign-in screen's first paint, against a bare
PySide6 window measured in the same run.

    python bench/startup.py [--runs 7] [--lockdown]

Prints each figure, the median of each, the ratio (goal <= 1.5) and the kiosk's resident
memory at first paint (goal <= 150 MB). Qt runs offscreen unless QT_QPA_PLATFORM is set.
By default both windows open at 1280x800 (the kiosk's --windowed mode); with --lockdown the
kiosk engages its full-screen lockdown, as in a lab, and the bare window opens full screen.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(kind: str, data_dir: str, lockdown: bool = False) -> None:
    """Runs in a fresh process: build the window, report the first paint, quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Paint and not getattr(self, "done", False):
                self.done = True
                painted = time.time()
                import resource

                rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                print(json.dumps({"painted": painted, "rss_mb": rss_kb / 1024}), flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setCentralWidget(QLabel("Hello"))
        target = window
    else:
        from citizenship_app.ui.app import build_window, create_app

        app = create_app()
        window = build_window(data_dir)
        target = window.signin
    spy = FirstPaint()
    target.installEventFilter(spy)
    if not lockdown:
        window.resize(1280, 800)
        window.show()
    elif kind == "bare":
        window.showFullScreen()
    else:
        window.engage_lockdown()
        window.lockdown.release()  # let the child quit after the paint
    app.exec()


def measure(kind: str, data_dir: str, lockdown: bool = False) -> tuple[float, float]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, data_dir] + (["--lockdown"] if lockdown else []),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    report = json.loads(out.strip().splitlines()[-1])
    return report["painted"] - start, report["rss_mb"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lockdown", action="store_true", help="full screen, as in a lab")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA_DIR"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.child:
        child(*args.child, lockdown=args.lockdown)
        return
    # An installed kiosk runs from compiled bytecode (pip compiles on install); a checkout
    # under PYTHONDONTWRITEBYTECODE would otherwise recompile the app at every start.
    import compileall

    compileall.compile_dir(str(ROOT / "citizenship_app"), quiet=1)
    data_dir = tempfile.mkdtemp(prefix="startup-bench-")
    # First run loads the demo school (hashing its codes); it is not what we measure.
    from citizenship_app.core.demo import ensure_school
    from citizenship_app.core.store import open_store

    ensure_school(open_store(data_dir))
    measure("app", data_dir, args.lockdown)  # warm the OS file cache for both
    measure("bare", data_dir, args.lockdown)
    bare, app, rss = [], [], []
    for _ in range(args.runs):  # interleaved so drift hits both alike
        bare.append(measure("bare", data_dir, args.lockdown)[0])
        seconds, mb = measure("app", data_dir, args.lockdown)
        app.append(seconds)
        rss.append(mb)
    b, a = statistics.median(bare), statistics.median(app)
    mode = "full-screen lockdown" if args.lockdown else "1280x800 window"
    print(f"platform: {os.environ['QT_QPA_PLATFORM']}, {mode}, runs: {args.runs}")
    print("bare PySide6 window, first paint (s): " + " ".join(f"{x:.3f}" for x in bare))
    print("kiosk sign-in screen, first paint (s): " + " ".join(f"{x:.3f}" for x in app))
    print(f"median bare: {b:.3f} s  median kiosk: {a:.3f} s  ratio: {a / b:.2f} (goal <= 1.5)")
    print(f"kiosk resident memory at first paint: {statistics.median(rss):.1f} MB (goal <= 150)")


if __name__ == "__main__":
    main()
