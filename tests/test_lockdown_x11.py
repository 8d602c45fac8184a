"""The locked kiosk on a real X server with no window manager, as docs/deployment.md sets up
an X11 lab machine (a session whose only program is the app).

Offscreen, Qt fills the screen for any full-screen window; a bare X server honours no
full-screen request, so this runs the real `citizenship-app` under Xvfb and looks at the
screen itself. `.ci/run` installs Xvfb and sets CITIZENSHIP_REQUIRE_XVFB=1, so CI never skips it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

SCREEN = (1024, 768)

GRAB = r"""
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
image = app.primaryScreen().grabWindow(0).toImage()
w, h = image.width(), image.height()
points = [(x, y) for x in (2, w // 2, w - 3) for y in (2, h // 2, h - 3)]
print(w, h, " ".join(image.pixelColor(x, y).name() for x, y in points))
"""


@pytest.fixture
def xserver():
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("CITIZENSHIP_REQUIRE_XVFB"):
            pytest.fail("Xvfb is missing: .ci/run installs the Debian package xvfb")
        pytest.skip("needs Xvfb (Debian package xvfb); .ci/run installs it")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = pipe.readline().strip()  # Xvfb writes its display number once it is ready
    assert display, "Xvfb did not start"
    yield f":{display}"
    server.terminate()
    server.wait(timeout=10)


def test_the_locked_kiosk_fills_a_screen_that_has_no_window_manager(xserver, demo_dir, tmp_path):
    env = dict(os.environ, DISPLAY=xserver, QT_QPA_PLATFORM="xcb")
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "citizenship_app.cli", "--data-dir", str(demo_dir)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        log = demo_dir / "logs" / "kiosk.log"
        # The log opens just after the sign-in screen's first paint: the window is up.
        for _ in range(600):
            if log.exists() and "kiosk started" in log.read_text(encoding="utf-8"):
                break
            try:
                kiosk.wait(timeout=0.1)  # polls, and returns at once if the kiosk died
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"the kiosk exited with {kiosk.returncode}: {kiosk.stderr.read().decode()}")
        else:
            pytest.fail("the kiosk did not start within 60 s")
        grab = subprocess.run([sys.executable, "-c", GRAB], env=env, capture_output=True, text=True, timeout=60)
        assert grab.returncode == 0, grab.stderr
        width, height, *colours = grab.stdout.split()
        assert (int(width), int(height)) == SCREEN
        # Corners, edges and middle all show the kiosk, none the bare X server's black.
        assert "#000000" not in colours, colours
    finally:
        kiosk.kill()
        kiosk.wait(timeout=10)
