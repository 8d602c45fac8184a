"""Start-up of the installed kiosk (the .deb's self-contained build) against the venv's.

    python bench/installed.py [--runs 11] [--executable /usr/bin/citizenship-app] [--lockdown]

Both are timed the same way, from outside: process start to the line the kiosk logs just
after the sign-in screen's first paint ("kiosk started" in logs/kiosk.log; its timestamp,
to the millisecond), on a copy of one prepared data directory per run, and `--version` (the
command line's start). The venv's kiosk is `python -m citizenship_app.cli` from this checkout
(bytecode compiled first, as pip does on install). Qt runs offscreen unless QT_QPA_PLATFORM
is set. bench/startup.py measures the venv's first paint from inside the process instead.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def first_paint(command: list[str], template: Path, lockdown: bool) -> float:
    data = Path(tempfile.mkdtemp(prefix="installed-bench-"))
    shutil.rmtree(data)
    shutil.copytree(template, data)
    log = data / "logs" / "kiosk.log"
    args = command + ["--data-dir", str(data)] + ([] if lockdown else ["--windowed"])
    start = time.time()
    kiosk = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not (log.exists() and "kiosk started" in log.read_text(encoding="utf-8")):
            if kiosk.poll() is not None:
                raise SystemExit(f"{command[0]} exited with {kiosk.returncode}")
            time.sleep(0.005)
    finally:
        kiosk.kill()
        kiosk.wait()
    line = next(x for x in log.read_text(encoding="utf-8").splitlines() if "kiosk started" in x)
    logged = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()  # local time
    shutil.rmtree(data, ignore_errors=True)
    return logged - start


def version(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command + ["--version"], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--executable", default="/usr/bin/citizenship-app")
    parser.add_argument("--lockdown", action="store_true", help="full screen, as in a lab")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    compileall.compile_dir(str(ROOT / "citizenship_app"), quiet=1)
    commands = {"installed": [args.executable], "venv": [sys.executable, "-m", "citizenship_app.cli"]}
    template = Path(tempfile.mkdtemp(prefix="installed-bench-template-"))
    # The demo school loads on the first start (hashing its codes): not what is measured.
    subprocess.run(
        commands["venv"]
        + ["--data-dir", str(template), "roster", "import", str(ROOT / "assets" / "demo-roster")],
        check=True,
        capture_output=True,
    )
    for command in commands.values():  # warm the OS file cache for both
        first_paint(command, template, args.lockdown)
    paint = {name: [] for name in commands}
    cli = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved so drift hits both alike
        for name, command in commands.items():
            paint[name].append(first_paint(command, template, args.lockdown))
            cli[name].append(version(command))
    mode = "full-screen lockdown" if args.lockdown else "1280x800 window"
    print(f"platform: {os.environ['QT_QPA_PLATFORM']}, {mode}, runs: {args.runs}")
    for name in commands:
        print(
            f"{name:9} first paint (s): median {statistics.median(paint[name]):.3f}  "
            + " ".join(f"{x:.3f}" for x in paint[name])
        )
        print(f"{name:9} --version (s):   median {statistics.median(cli[name]):.3f}")
    shutil.rmtree(template, ignore_errors=True)


if __name__ == "__main__":
    main()
