"""A real X server (Xvfb), optionally a window manager, and the locked kiosk in a subprocess,
for the tests that need a real display; with small helpers that ask the X server what is on
screen (xwininfo, xprop, xdotool), as a person looking at the lab machine would see it.

The polling here is in the test process, over X queries, with a deadline: the kiosk under
test is another process, so there is no Qt event loop to wait on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

SCREEN = (1024, 768)


def need(*programs: str) -> None:
    """Fail in CI (CITIZENSHIP_REQUIRE_XVFB=1, set by .ci/run), skip elsewhere, if missing."""
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        message = (
            f"needs {' '.join(missing)} "
            "(Debian packages xvfb openbox xdotool x11-utils; .ci/run installs them)"
        )
        if os.environ.get("CITIZENSHIP_REQUIRE_XVFB"):
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def xvfb():
    """An Xvfb server; yields its DISPLAY (":N")."""
    need("Xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = pipe.readline().strip()  # Xvfb writes its display number once it is ready
    assert display, "Xvfb did not start"
    try:
        yield f":{display}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def openbox(display: str):
    """Openbox with Debian's default configuration (/etc/xdg/openbox/rc.xml).

    Up once it has claimed the root window as an EWMH window manager. In CI it once did not
    within 10 s, with nothing to say why: its output is kept, and a start that fails is tried
    once more before the test fails with both attempts' exit codes and output."""
    need("openbox", "xprop")
    env = dict(os.environ, DISPLAY=display)
    tried = []
    for _attempt in range(2):
        with tempfile.TemporaryFile() as output:
            manager = subprocess.Popen(["openbox", "--sm-disable"], env=env, stdout=output, stderr=output)
            deadline = time.monotonic() + 15
            while not _claimed_root(display) and manager.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            if _claimed_root(display):
                break
            manager.kill()
            manager.wait(timeout=10)
            output.seek(0)
            said = output.read().decode(errors="replace").strip()[-2000:]
            tried.append(f"exit code {manager.returncode}, output: {said or '(none)'}")
    else:
        pytest.fail("openbox did not start: " + "; then ".join(tried))
    try:
        yield manager
    finally:
        manager.terminate()
        manager.wait(timeout=10)


def _claimed_root(display: str) -> bool:
    return "window id" in x(display, "xprop", "-root", "_NET_SUPPORTING_WM_CHECK")


@contextmanager
def kiosk(display: str, data_dir: Path, *args: str):
    """The real `citizenship-app`, locked, on this display; yields the process once the
    window is up (its log says "kiosk started" just after the first paint)."""
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    process = subprocess.Popen(
        [sys.executable, "-m", "citizenship_app.cli", "--data-dir", str(data_dir), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        log = data_dir / "logs" / "kiosk.log"
        deadline = time.monotonic() + 60
        while not (log.exists() and "kiosk started" in log.read_text(encoding="utf-8")):
            try:
                process.wait(timeout=0.1)  # polls, and returns at once if the kiosk died
            except subprocess.TimeoutExpired:
                assert time.monotonic() < deadline, "the kiosk did not start within 60 s"
                continue
            pytest.fail(f"the kiosk exited with {process.returncode}: {process.stderr.read().decode()}")
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)


def x(display: str, *command: str) -> str:
    """Run an X client program on this display; its standard output ("" if it failed)."""
    run = subprocess.run(
        command, env=dict(os.environ, DISPLAY=display), capture_output=True, text=True, timeout=20
    )
    return run.stdout if run.returncode == 0 else ""


def until(condition, seconds: float, message) -> None:
    """Poll `condition` (X queries) every 50 ms until it is true or `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(message() if callable(message) else message)
        time.sleep(0.05)


def window_ids(display: str, name: str) -> list[int]:
    """Every window whose title is exactly `name`, mapped or not."""
    found = x(display, "xdotool", "search", "--name", f"^{re.escape(name)}$")
    return [int(w) for w in found.split()]


def kiosk_window(display: str) -> int:
    """The kiosk's top-level window (the one on screen when it starts)."""
    found = x(display, "xdotool", "search", "--onlyvisible", "--name", "^Citizenship Kiosk$").split()
    assert len(found) == 1, f"expected one visible kiosk window, found {found}"
    return int(found[0])


def info(display: str, window: int) -> dict[str, str]:
    """xwininfo's fields for a window ("Map State", "Width", "Absolute upper-left X", ...)."""
    text = x(display, "xwininfo", "-id", str(window))
    return dict(m.groups() for m in re.finditer(r"^\s*([A-Z][\w -]+):\s+(.*)$", text, re.M))


def active_window(display: str) -> int | None:
    """The window manager's _NET_ACTIVE_WINDOW."""
    found = re.search(r"window id # (0x[0-9a-f]+)", x(display, "xprop", "-root", "_NET_ACTIVE_WINDOW"))
    return int(found.group(1), 16) if found else None


def focused_window(display: str) -> int | None:
    found = x(display, "xdotool", "getwindowfocus", "-f").strip()
    return int(found) if found.isdigit() else None


def stacking(display: str) -> list[int]:
    """Managed windows, bottom to top (_NET_CLIENT_LIST_STACKING)."""
    text = x(display, "xprop", "-root", "_NET_CLIENT_LIST_STACKING")
    return [int(w, 16) for w in re.findall(r"0x[0-9a-f]+", text)]


def kiosk_state(display: str, window: int) -> dict:
    """What a person at the machine would notice about the kiosk window."""
    fields = info(display, window)
    managed = stacking(display)
    return {
        "viewable": fields.get("Map State") == "IsViewable",
        "geometry": tuple(
            int(fields.get(k, -1))
            for k in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
        ),
        "active": active_window(display) == window,
        "focused": focused_window(display) == window,
        "on_top": bool(managed) and managed[-1] == window,
    }


def shown_locked(display: str, window: int) -> bool:
    state = kiosk_state(display, window)
    return (
        state["viewable"]
        and state["geometry"] == (0, 0, *SCREEN)
        and state["active"]
        and state["focused"]
        and state["on_top"]
    )


def stays(condition, seconds: float, message) -> None:
    """Poll `condition` every 50 ms for `seconds`; fail the first time it is false."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not condition():
            pytest.fail(message() if callable(message) else message)
        time.sleep(0.05)


def unnamed_windows(display: str) -> set[int]:
    """Top-level windows on screen that have no name: frames and the window manager's menus
    (openbox's menus are its own windows, not override-redirect ones)."""
    text = x(display, "xwininfo", "-root", "-children")
    return {
        int(w, 16)
        for w in re.findall(r"^\s+(0x[0-9a-f]+) \(has no name\)", text, re.M)
        if info(display, int(w, 16)).get("Map State") == "IsViewable"
    }
