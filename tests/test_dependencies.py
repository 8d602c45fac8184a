"""What a fresh install gets: no known-broken release allowed, the lock files in step with
pyproject.toml, and a canary for the PySide6 fault that aborted kiosks (issue: none_dealloc).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]

#: Releases known to break the kiosk, and why (each must stay excluded in pyproject.toml).
KNOWN_BROKEN = {
    # Drops a reference to None per call of a void Qt method: abort after ~20k calls.
    "pyside6-essentials": ["6.12.0"],
    "pyside6-addons": ["6.12.0"],
}
LOCKS = {"requirements.lock": [], "requirements-test.lock": ["test", "district"]}


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def requirements(extras: list[str]) -> list[Requirement]:
    meta = project()
    found = [Requirement(text) for text in meta["dependencies"]]
    for extra in extras:
        found += [Requirement(text) for text in meta["optional-dependencies"][extra]]
    return [req for req in found if canonicalize_name(req.name) != "citizenship-app"]


def pins(lock: str) -> dict[str, Version]:
    """name -> version of every `name==version` line of a pip requirements lock file."""
    found = {}
    for line in (ROOT / lock).read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#") and "==" in line:
            name, _, rest = line.partition("==")
            found[canonicalize_name(name)] = Version(rest.split()[0].rstrip(";"))
    return found


@pytest.mark.parametrize("name", sorted(KNOWN_BROKEN))
def test_known_broken_releases_cannot_be_installed(name):
    req = next(r for r in requirements(["test", "district"]) if canonicalize_name(r.name) == name)
    for version in KNOWN_BROKEN[name]:
        assert not req.specifier.contains(version, prereleases=True), f"{name} {version} is allowed"


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_file_pins_every_requirement_within_its_range(lock):
    assert (ROOT / lock).is_file(), f"{lock} is missing: uv pip compile (see README)"
    text = (ROOT / lock).read_text()
    assert "--hash=sha256:" in text, "the lock must carry hashes (pip --require-hashes)"
    pinned = pins(lock)
    for req in requirements(LOCKS[lock]):
        name = canonicalize_name(req.name)
        assert name in pinned, f"{lock} does not pin {name}: regenerate it"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"{lock} pins {name}=={pinned[name]}, outside {req.specifier}: regenerate it"
        )
    for name, versions in KNOWN_BROKEN.items():
        assert str(pinned.get(name)) not in versions, f"{lock} pins broken {name}"


def test_readme_commands_install_from_the_lock_files():
    readme = (ROOT / "README.md").read_text()
    for marker, lock in (("app-command", "requirements.lock"), ("test-command", "requirements-test.lock")):
        block = readme.split(f"<!-- {marker} -->")[1].split(f"<!-- /{marker} -->")[0]
        assert f"--require-hashes -r {lock}" in block, marker


def test_the_build_uses_nothing_the_newest_build_backend_has_deprecated(tmp_path):
    """The README's commands build the project with the newest setuptools the build-system
    range allows (pip's isolated build). setuptools warned that a `project.license` table stops
    building on 2027-02-18: a fresh install would then fail. A deprecation it warns of now
    fails here first."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    output = build.stdout + build.stderr
    warnings = [line.strip() for line in output.splitlines() if "BuildBackendWarning" in line]
    assert not [w for w in warnings if "deprecat" in w.lower()], warnings


CANARY = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication([])
timer = QTimer()
before = sys.getrefcount(None)
for _ in range(50_000):
    timer.start(9)   # a Qt method that returns nothing, as the idle watcher calls it
    timer.stop()
after = sys.getrefcount(None)
print(before, after)
"""


def test_installed_pyside6_keeps_its_references_to_none():
    """The fault itself, on whatever PySide6 this environment has (the newest-versions CI
    run installs the newest the range allows): 6.12.0 aborts here with none_dealloc."""
    run = subprocess.run([sys.executable, "-c", CANARY], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"PySide6 aborted: {run.stderr[-500:]}"
    before, after = map(int, run.stdout.split())
    assert after >= before - 100, f"None lost {before - after} references in 100,000 Qt calls"
