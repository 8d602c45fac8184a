"""The app's version: one source, pyproject.toml's `version`.

Installed from source (`pip install -e .`), it is read from the package metadata; a frozen
build (PyInstaller) carries no metadata, so packaging/citizenship-kiosk.spec writes it to
`citizenship_app/_version.py` (not in git) before the build and it is read from there.
"""

from __future__ import annotations

import functools

DISTRIBUTION = "citizenship-app"


@functools.cache
def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version(DISTRIBUTION)
    except PackageNotFoundError:
        pass
    try:
        from ._version import VERSION
    except ImportError:
        return "0+unknown"  # a source tree neither installed nor built
    return VERSION


def user_agent() -> str:
    """What the kiosk tells the district hub it is (the HTTP User-Agent of every sync)."""
    return f"citizenship-kiosk/{version()}"
