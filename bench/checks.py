"""How long the database checks and a backup take on a data directory (docs/benchmarks.md).

    python bench/generate.py --data-dir /tmp/school --students 1000 --schools 3
    python bench/checks.py --data-dir /tmp/school [--runs 5]

Prints the median of each: the header check (before the kiosk's first paint), the quick check
(`PRAGMA quick_check`, right after it), the full check (`PRAGMA integrity_check`: `db check`,
restore) and `make_backup` (copy, integrity check of the copy, rename; the copy is deleted).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citizenship_app.core import backup  # noqa: E402
from citizenship_app.core.paths import DB_NAME  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.data_dir / DB_NAME
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")
    for level in backup.LEVELS:
        runs = [timed(lambda level=level: backup.check_database(path, level)) for _ in range(args.runs)]
        print(f"check {level:>6}: {statistics.median(runs):.3f} s")
    runs = [timed(lambda: backup.make_backup(args.data_dir, "bench").unlink()) for _ in range(args.runs)]
    print(f"make_backup : {statistics.median(runs):.3f} s")


if __name__ == "__main__":
    main()
