"""The Debian package, built and installed as a district's IT would install it.

Slow (a PyInstaller build twice, minutes) and it installs into the machine's own /opt and
/usr with apt-get, so it runs only where CITIZENSHIP_TEST_PACKAGE=1 (CI, as root) and skips
with that reason elsewhere. CITIZENSHIP_DEB=path/to/citizenship-kiosk_*.deb tests a package
built before instead of building one (then the build's file-list check is not repeated).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import xsession as xs
from test_lockdown_x11 import GRAB

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
APP = "/usr/bin/citizenship-app"
OPT = Path("/opt/citizenship-kiosk")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CITIZENSHIP_TEST_PACKAGE") != "1",
        reason="builds and installs the .deb system-wide: set CITIZENSHIP_TEST_PACKAGE=1 (CI does)",
    ),
]


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("timeout", 120)
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


def installed() -> bool:
    return "install ok installed" in run("dpkg-query", "-W", "-f=${Status}", "citizenship-kiosk").stdout


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> dict:
    """The package: built here twice (build-deb.sh --check), or the one CITIZENSHIP_DEB names."""
    if os.geteuid() != 0:
        pytest.fail("the package test installs with apt-get: run it as root (CI does)")
    if os.environ.get("CITIZENSHIP_DEB"):
        return {"deb": Path(os.environ["CITIZENSHIP_DEB"]).resolve(), "log": None}
    out = tmp_path_factory.mktemp("deb")
    done = run("bash", ROOT / "packaging" / "build-deb.sh", "--check", out, timeout=3600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (deb,) = out.glob("citizenship-kiosk_*.deb")
    return {"deb": deb, "log": done.stdout}


@pytest.fixture(scope="module")
def package(build):
    """Installed with apt-get from the file, as IT would; purged at the end whatever happened."""
    if installed():
        run("apt-get", "purge", "-y", "citizenship-kiosk")
    deb = build["deb"]
    done = run(
        "apt-get",
        "install",
        "-y",
        f"./{deb.name}",
        cwd=deb.parent,
        timeout=600,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    yield deb
    if installed():
        run("apt-get", "purge", "-y", "citizenship-kiosk")


def test_building_twice_gives_the_same_file_list(build):
    if build["log"] is None:
        pytest.skip("CITIZENSHIP_DEB names a package built elsewhere: its build ran the check")
    assert "check: both builds hold the same" in build["log"]
    listed = build["deb"].with_suffix(".files").read_text().split()
    assert "/opt/citizenship-kiosk/citizenship-app" in listed
    assert listed == sorted(listed)


def test_the_package_declares_and_installs_what_a_lab_machine_needs(package):
    fields = run("dpkg-deb", "-f", package, "Package", "Version", "Depends").stdout
    assert f"Version: {VERSION}" in fields and "Package: citizenship-kiosk" in fields
    for library in ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libwayland-client0", "libpulse0"):
        assert library in fields
    files = set(run("dpkg", "-L", "citizenship-kiosk").stdout.split())
    assert {
        "/opt/citizenship-kiosk/citizenship-app",
        APP,
        "/usr/share/applications/citizenship-kiosk.desktop",
        "/usr/lib/systemd/system/citizenship-kiosk.service",
        "/etc/citizenship-kiosk",
        "/etc/citizenship-kiosk/kiosk.toml.example",
    } <= files
    assert os.path.realpath(APP) == str(OPT / "citizenship-app")
    # The content, translations and pictures travel inside the bundle.
    data = OPT / "_internal"
    assert (data / "assets" / "translations" / "kiosk_es.qm").is_file()
    assert (data / "assets" / "icons" / "codes" / "cat.svg").is_file()
    assert len(list((data / "lessons").rglob("*.md"))) >= 43
    # The unit is shipped, not switched on: a lab turns the kiosk session on itself.
    assert not list(Path("/etc/systemd/system").rglob("citizenship-kiosk.service"))


def test_the_installed_app_knows_its_version(package):
    done = run(APP, "--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"citizenship-app {VERSION}")


def test_the_installed_app_checks_its_bundled_content(package):
    done = run(APP, "content", "check")
    assert done.returncode == 0, done.stderr
    from citizenship_app.core.content import load_catalog

    shipped = len(load_catalog().modules)  # the source tree's: the package must carry them all
    assert f"ok: {shipped} modules, no problems" in done.stdout + done.stderr


def test_the_installed_app_makes_and_checks_a_fresh_database(package, tmp_path):
    data = tmp_path / "fresh"
    first = run(APP, "--data-dir", data, "db", "check")  # nothing there yet
    assert first.returncode == 0 and ": ok (0 backup(s)" in first.stdout, first.stdout + first.stderr
    roster = OPT / "_internal" / "assets" / "demo-roster"
    imported = run(APP, "--data-dir", data, "roster", "import", roster)
    assert imported.returncode == 0, imported.stderr
    done = run(APP, "--data-dir", data, "db", "check")
    assert done.returncode == 0, done.stderr
    assert ": ok (" in done.stdout


def test_the_installed_locked_kiosk_paints_the_screen_under_xvfb(package, tmp_path):
    data = tmp_path / "lab"
    with xs.xvfb() as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", CITIZENSHIP_DATA_DIR=str(data))
        kiosk = subprocess.Popen([APP], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            log = data / "logs" / "kiosk.log"
            # The log opens just after the sign-in screen's first paint (the demo school loads
            # first: no roster yet).
            for _ in range(1200):
                if log.exists() and "kiosk started" in log.read_text(encoding="utf-8"):
                    break
                try:
                    kiosk.wait(timeout=0.1)
                except subprocess.TimeoutExpired:
                    continue
                pytest.fail(
                    f"the installed kiosk exited with {kiosk.returncode}: {kiosk.stderr.read().decode()}"
                )
            else:
                pytest.fail("the installed kiosk did not paint within 120 s")
            grab = run(sys.executable, "-c", GRAB, env=env)
            assert grab.returncode == 0, grab.stderr
            width, height, *colours = grab.stdout.split()
            assert (int(width), int(height)) == xs.SCREEN
            # Corners, edges and middle all show the kiosk, none the bare X server's black.
            assert "#000000" not in colours, colours
        finally:
            kiosk.kill()
            kiosk.wait(timeout=10)


def test_removal_leaves_nothing_behind(package):
    done = run("apt-get", "remove", "-y", "citizenship-kiosk", timeout=300)
    assert done.returncode == 0, done.stderr
    assert not OPT.exists() and not os.path.lexists(APP)
    assert not Path("/usr/share/applications/citizenship-kiosk.desktop").exists()
    # Removed, the settings folder stays (dpkg keeps conffiles); purged, it goes too.
    assert Path("/etc/citizenship-kiosk/kiosk.toml.example").exists()
    done = run("apt-get", "purge", "-y", "citizenship-kiosk", timeout=300)
    assert done.returncode == 0, done.stderr
    assert not Path("/etc/citizenship-kiosk").exists()
