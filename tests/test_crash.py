"""A small run of bench/crash.py: SIGKILL the real kiosk mid-work, then check the database."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_bench():
    spec = importlib.util.spec_from_file_location("crash_bench", ROOT / "bench" / "crash.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_killed_kiosk_loses_and_duplicates_nothing(tmp_path):
    crash = load_bench()
    totals = crash.run(runs=4, seed=11, max_seconds=4.0, data_dir=str(tmp_path), with_hub=True)
    assert totals["problems"] == []
    # Every submitted attempt reached the hub once (some were submitted just before a kill).
    assert totals["on_hub"] >= totals["submitted"]
    # The runs did real work before each kill: answers were saved and attempts submitted.
    assert totals["answers"] >= 4


def test_verify_catches_a_lost_answer(tmp_path):
    """The checker itself can fail: an answer the screen showed but the database lacks."""
    crash = load_bench()
    crash.run(runs=1, seed=3, max_seconds=1.5, data_dir=str(tmp_path))
    events = [{"event": "answer", "attempt": "no-such-attempt", "question": "q1", "response": ["a"]}]
    assert crash.verify(str(tmp_path), events) != []
