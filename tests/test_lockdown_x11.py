"""The locked kiosk on a real X server: with no window manager, as docs/deployment.md sets up
an X11 lab machine (a session whose only program is the app), and under openbox, a window
manager that offers every way out a student might try (minimise, show desktop, the window
menu, another window on top).

Offscreen, Qt fills the screen for any full-screen window and there is no window manager; so
these run the real `citizenship-app` under Xvfb and ask the X server what is on screen.
`.ci/run` installs Xvfb, openbox, xdotool and x11-utils and sets CITIZENSHIP_REQUIRE_XVFB=1,
so CI never skips them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
import xsession as xs

from citizenship_app.core.kiosk import DEMO_EXIT_CODE

GRAB = r"""
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
image = app.primaryScreen().grabWindow(0).toImage()
w, h = image.width(), image.height()
points = [(x, y) for x in (2, w // 2, w - 3) for y in (2, h // 2, h - 3)]
print(w, h, " ".join(image.pixelColor(x, y).name() for x, y in points))
"""

#: The kiosk is back, full screen, on top and focused within this many seconds of an attack.
BACK_WITHIN = 2.0


def test_the_locked_kiosk_fills_a_screen_that_has_no_window_manager(demo_dir):
    with xs.xvfb() as display, xs.kiosk(display, demo_dir):
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        grab = subprocess.run(
            [sys.executable, "-c", GRAB], env=env, capture_output=True, text=True, timeout=60
        )
        assert grab.returncode == 0, grab.stderr
        width, height, *colours = grab.stdout.split()
        assert (int(width), int(height)) == xs.SCREEN
        # Corners, edges and middle all show the kiosk, none the bare X server's black.
        assert "#000000" not in colours, colours


# -- under a window manager -------------------------------------------------------------------


@pytest.fixture(scope="module")
def under_openbox(demo_template, tmp_path_factory):
    """One locked kiosk under openbox for the attacks below (each leaves it as it found it)."""
    data = tmp_path_factory.mktemp("openbox") / "data"
    shutil.copytree(demo_template, data)
    with xs.xvfb() as display, xs.openbox(display), xs.kiosk(display, data) as process:
        window = xs.kiosk_window(display)
        xs.until(
            lambda: xs.shown_locked(display, window),
            10,
            lambda: f"the kiosk did not start locked: {xs.kiosk_state(display, window)}",
        )
        yield display, window, data, process


def open_window_menu_and_iconify(display: str, window: int) -> None:
    """Alt+Space opens openbox's window menu (rc.xml: A-space, ShowMenu client-menu); its
    Iconify entry is "Ico_nify", so N picks it, once the menu is on screen."""
    before = xs.unnamed_windows(display)
    xs.x(display, "xdotool", "key", "alt+space")
    xs.until(lambda: xs.unnamed_windows(display) - before, 5, "openbox's window menu did not open")
    xs.x(display, "xdotool", "key", "n")


def cover_with_another_window(display: str, window: int) -> None:
    """Another program maps a window and the window manager gives it focus."""
    env = dict(os.environ, DISPLAY=display)
    other = subprocess.Popen(
        ["xmessage", "-geometry", "400x200+100+100", "another program"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        xs.until(lambda: xs.window_ids(display, "xmessage"), 10, "xmessage did not open")
        xs.x(display, "xdotool", "windowactivate", str(xs.window_ids(display, "xmessage")[0]))
    except BaseException:
        other.kill()
        raise
    cover_with_another_window.process = other


ATTACKS = {  # name: (attack, what the kiosk's log says it found)
    "xdotool windowminimize": (lambda d, w: xs.x(d, "xdotool", "windowminimize", str(w)), "minimised"),
    # Debian's /etc/xdg/openbox/rc.xml binds W-d to ToggleShowDesktop (the frame is unmapped).
    "show desktop (Super+D)": (lambda d, w: xs.x(d, "xdotool", "key", "super+d"), "unmapped"),
    "Alt+Space, Iconify": (open_window_menu_and_iconify, "minimised"),
    "another window on top, focused": (cover_with_another_window, "covered by another program's window"),
    "xdotool windowunmap": (lambda d, w: xs.x(d, "xdotool", "windowunmap", str(w)), "unmapped"),
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_kiosk_shows_itself_again_full_screen_on_top_and_focused(under_openbox, attack):
    xs.need("xdotool", "xwininfo", "xmessage")
    display, window, data, process = under_openbox
    log = data / "logs" / "kiosk.log"
    seen = log.read_text(encoding="utf-8").count("shown again")
    run, found = ATTACKS[attack]
    run(display, window)
    start = time.monotonic()
    try:
        # The attack did take the kiosk away (it was not simply ignored), and IT can see it...
        xs.until(
            lambda: f"was {found}; shown again" in _new_lines(log, seen),
            BACK_WITHIN,
            lambda: f"nothing logged after {attack}: {_new_lines(log, seen)!r}",
        )
        # ...and the kiosk is back, full screen, on top and focused, within BACK_WITHIN.
        xs.until(
            lambda: xs.shown_locked(display, window),
            BACK_WITHIN - (time.monotonic() - start),
            lambda: f"after {attack}, {BACK_WITHIN} s later: {xs.kiosk_state(display, window)}",
        )
    finally:
        other = getattr(cover_with_another_window, "process", None)
        if other is not None:
            other.kill()
            other.wait(timeout=10)
            del cover_with_another_window.process
    assert process.poll() is None


def _new_lines(log, seen: int) -> str:
    """The log's lines after its first `seen` "shown again" lines."""
    lines = log.read_text(encoding="utf-8").splitlines()
    count, new = 0, []
    for line in lines:
        if count >= seen:
            new.append(line)
        count += "shown again" in line
    return "\n".join(new)


def test_the_kiosks_own_exit_prompt_is_left_alone_and_quits_it(under_openbox):
    """Runs last: the kiosk's own dialog is no "other window" to fight; the code quits."""
    xs.need("xdotool")
    display, window, data, process = under_openbox
    xs.x(display, "xdotool", "key", "ctrl+alt+shift+x")
    xs.until(lambda: xs.active_window(display) not in (None, window), 5, "the exit prompt did not open")
    prompt = xs.active_window(display)
    # For longer than the guard's period, the prompt keeps focus and stays above the kiosk.
    xs.stays(
        lambda: (
            xs.active_window(display) == prompt
            and xs.focused_window(display) == prompt
            and xs.stacking(display)[-1] == prompt
        ),
        1.5,
        lambda: f"the kiosk took focus from its own exit prompt: {xs.kiosk_state(display, window)}",
    )
    xs.x(display, "xdotool", "type", "--delay", "20", DEMO_EXIT_CODE)
    xs.x(display, "xdotool", "key", "Return")
    assert process.wait(timeout=10) == 0
