#!/bin/sh
# Run ADL's LRS conformance suite (xAPI 1.0.3) against a fresh district hub on SQLite.
#
#   bench/lrs_conformance.sh SUITE_DIR [OUT_DIR]
#
# SUITE_DIR: a checkout of https://github.com/adlnet/lrs-conformance-test-suite (not part of
# this repository; `npm install` is run in it once). Needs node 20 and npm. The hub runs on
# 127.0.0.1 with a temporary database and one device credential; the suite's console output
# goes to OUT_DIR/conformance.log (default: a temporary directory) and its summary to stdout.
# The suite is told `-x 1.0.3` (it refuses -x together with -d) and `-z` (no OAuth). Counts of
# passing and failing tests are read from its log; see docs/district-hub.md for the result.
set -eu
SUITE=$(cd "$1" && pwd)
OUT=${2:-$(mktemp -d)}
mkdir -p "$OUT"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
PORT=${PORT:-8765}
DB="sqlite:///$OUT/hub.db"

[ -d "$SUITE/node_modules" ] || (cd "$SUITE" && npm install --no-audit --no-fund >"$OUT/npm.log" 2>&1)
CRED=$(cd "$ROOT" && "$PY" -m citizenship_app.district.cli --db "$DB" device add conformance --json)
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
(cd "$SUITE" && node bin/console_runner.js -x 1.0.3 -e "http://127.0.0.1:$PORT/xapi" -a -u "$USER" -p "$PASS" -z) \
    >"$OUT/conformance.log" 2>&1 || true
echo "log: $OUT/conformance.log"
grep -Eia "passing|failing|pending|tests? (passed|failed)" "$OUT/conformance.log" | tail -5 || true
