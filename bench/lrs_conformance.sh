#!/bin/sh
# Run ADL's LRS conformance suite (xAPI 1.0.3) against a fresh district hub on SQLite.
#
#   bench/lrs_conformance.sh SUITE_DIR [OUT_DIR]
#
# SUITE_DIR: a checkout of https://github.com/adlnet/lrs-conformance-test-suite (not part of
# this repository; `npm install` is run in it once). Needs node 20 and npm. The hub runs on
# 127.0.0.1 (PORT, default 8765) with a temporary database (or DB, e.g. a PostgreSQL URL of an
# empty database) and one district-wide device credential (HTTP Basic: the suite's -a -u -p).
# The suite is told `-x 1.0.3` (it refuses -x together with -d) and not `-z`: its run log then
# holds every test, passed ones too, and bench/lrs_conformance_summary.py counts them by section
# (the Statements API apart from the resources the hub does not implement). Console output goes
# to OUT_DIR/conformance.log (default: a temporary directory), the run log is copied to
# OUT_DIR/run.log, the counts are printed; see docs/district-hub.md for the result.
set -eu
SUITE=$(cd "$1" && pwd)
OUT=${2:-$(mktemp -d)}
mkdir -p "$OUT"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
PORT=${PORT:-8765}
DB=${DB:-sqlite:///$OUT/hub.db}

[ -d "$SUITE/node_modules" ] || (cd "$SUITE" && npm install --no-audit --no-fund >"$OUT/npm.log" 2>&1)
CRED=$(cd "$ROOT" && "$PY" -m citizenship_app.district.cli --db "$DB" device add conformance --district --json)
USER=$(printf '%s' "$CRED" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["username"])')
PASS=$(printf '%s' "$CRED" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["password"])')
(cd "$ROOT" && exec "$PY" -m citizenship_app.district.cli --db "$DB" serve --host 127.0.0.1 --port "$PORT" \
    >"$OUT/hub.log" 2>&1) &
HUB=$!
trap 'kill $HUB 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/xapi/about" >/dev/null 2>&1 && break
    sleep 0.2
done
(cd "$SUITE" && node bin/console_runner.js -x 1.0.3 -e "http://127.0.0.1:$PORT/xapi" -a -u "$USER" -p "$PASS") \
    >"$OUT/conformance.log" 2>&1 || true
RUN=$(sed -n 's/^Full run log written to //p' "$OUT/conformance.log" | tail -1)
[ -n "$RUN" ] || { echo "the suite wrote no run log; see $OUT/conformance.log" >&2; exit 1; }
cp "$RUN" "$OUT/run.log"
echo "console: $OUT/conformance.log  run log: $OUT/run.log  hub log: $OUT/hub.log"
"$PY" "$ROOT/bench/lrs_conformance_summary.py" "$OUT/run.log" --failures
