"""One line for the terminal for each storage failure the core reports (`StorageError`)."""

from __future__ import annotations


def describe(error) -> str:
    """What went wrong, where, and what to do; the system's words in brackets for IT."""
    path, detail = error.path, f" ({error.detail})" if error.detail else ""
    holder = f" (pid {error.pid})" if error.pid else ""
    messages = {
        "read-only": f"cannot write to {path}: the folder or its disk is read-only{detail}; "
        "give the kiosk a writable data directory (--data-dir)",
        "locked": f"the records database {path} is in use by another program{holder}; close it and try again",
        "disk-full": f"the disk is full, nothing was changed ({path}); free some space and try again",
        "damaged": f"the records database {path} is damaged{detail}; "
        "`citizenship-app db restore` puts back the newest sound backup",
        "newer-database": f"{path} was written by a newer version of Citizenship Kiosk{detail}; it was "
        "left untouched: install the newer version again, or restore a backup made "
        "before the upgrade with `db restore`",
        "not-a-folder": f"{path} is not a folder; give --data-dir a folder (it is created if missing)",
        "unsafe-permissions": f"{path} cannot hold student records{detail}; remove it or choose "
        "another --data-dir",
    }
    return messages.get(error.code, f"cannot use {path}{detail}; check the disk and try again")
