"""Count what ADL's LRS conformance suite passed, by section, from its run log.

    python bench/lrs_conformance_summary.py SUITE_DIR/logs/RUN.log [--failures]

The suite's console runner writes every test of a run (without -z) as a tree of suites whose
leaves are tests with a status. The hub implements the Statements API only, so the sections
about the document resources (State, Activity Profile, Agent Profile, Activities, Agents) and
the tests of other sections that call those resources are counted apart: `statements` is
what docs/district-hub.md reports, `other resources` what the hub does not implement.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

# A test is about a resource the hub does not implement when its section is one of those
# resources, or its own title names one (the HEAD, About, Document and Concurrency sections
# run a test per resource: "HEAD activities state", "using Agents Profile Endpoint", ...).
OTHER_SECTIONS = re.compile(r"^(State|Activity Profile|Agent Profile|Activities|Agents) Resource")
OTHER_TITLES = re.compile(
    r"\b(activities|activity|agents?)( (profile|state))?( with no body| endpoint)\b"
    r"|\bDocument (Merge|Resource)|\(Agent Profile, and Activity Profile|\bETag",
    re.IGNORECASE,
)


def leaves(node: dict, trail: list[str]) -> Iterator[tuple[list[str], dict]]:
    children = node.get("tests") or []
    if not children:
        yield trail, node
    for child in children:
        yield from leaves(child, [*trail, child.get("title", "")])


def classify(trail: list[str]) -> str:
    if OTHER_SECTIONS.match(trail[0]) or any(OTHER_TITLES.search(title) for title in trail):
        return "other resources"
    return "statements"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", type=Path)
    parser.add_argument("--failures", action="store_true", help="list the failing tests")
    args = parser.parse_args()
    run = json.loads(args.log.read_text())
    counts: Counter[tuple[str, str]] = Counter()
    sections: Counter[tuple[str, str]] = Counter()
    failures = []
    for top in run["log"]["tests"]:
        for trail, test in leaves(top, [top["title"]]):
            kind, status = classify(trail), test.get("status") or "not run"
            counts[kind, status] += 1
            sections[top["title"], status] += 1
            if status != "passed":
                failures.append((kind, trail, test.get("error") or ""))
    print(f"suite summary: {run['summary']}")
    for kind in ("statements", "other resources"):
        total = sum(n for (k, _), n in counts.items() if k == kind)
        print(f"{kind}: {counts[kind, 'passed']} of {total} passed")
    for title in sorted({t for t, _ in sections}):
        total = sum(n for (t, _), n in sections.items() if t == title)
        print(f"  {sections[title, 'passed']:4d} of {total:4d}  {title}")
    if args.failures:
        for kind, trail, error in failures:
            print(f"- [{kind}] {' > '.join(trail)}: {error.splitlines()[0] if error else ''}")


if __name__ == "__main__":
    main()
