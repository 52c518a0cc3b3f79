#!/usr/bin/env bash
# Benchmark: schemagate check beside Squawk on the same inputs.
#   bench/run.sh            generate inputs (bench/out), install squawk-cli (bench/out/node_modules), run
# Prints wall time and peak RSS per tool and input, and the ratio schemagate/squawk; then schemagate alone on the
# 50 MB data-heavy migration (huge.sql) and on the largest corpus project (kratos, when ../shared/corpus is there).
# Both tools write JSON (what a CI gate reads): Squawk's default terminal report costs time quadratic in the number
# of findings (measured with 2.66.0: 1,000 to 8,000 statements of big.sql took 0.13, 0.50, 2.2 and 9.2 s of CPU; big.sql
# itself would take about 24 minutes), its JSON report 2.5 s for all of big.sql.
# Needs python3, npm, GNU time.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out"
mkdir -p "$OUT"
{ [ -f "$OUT/big.sql" ] && [ -f "$OUT/huge.sql" ]; } || python3 "$HERE/generate.py" "$OUT"
SQUAWK="$OUT/node_modules/.bin/squawk"
if [ ! -x "$SQUAWK" ]; then
  (cd "$OUT" && npm install --silent --no-audit --no-fund squawk-cli@2.66.0 >/dev/null)
fi
"$ROOT/schemagate" --version >/dev/null   # build the jar and the class-data archive outside the timings
"$ROOT/schemagate" check "$OUT/small.sql" >/dev/null 2>&1 || true

RUNS=${RUNS:-3}
LIMIT=${LIMIT:-600}   # seconds; a run past this is stopped and reported as "> LIMIT"
measure() { # label, command...  (best of RUNS; a timed-out run ends the repetitions)
  local label=$1; shift
  local best_wall="" best_rss="" note=""
  for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" timeout "$LIMIT" "$@" >/dev/null 2>&1
    local rc=$?
    read -r wall rss < <(tail -n 1 "$OUT/time.txt")
    if [ "$rc" = 124 ]; then note=" (stopped at the ${LIMIT}s limit)"; best_wall=$LIMIT; best_rss=$rss; break; fi
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; best_rss=$rss; fi
  done
  printf '%-34s wall %7.2f s   peak RSS %6d MB%s\n' "$label" "$best_wall" $((best_rss / 1024)) "$note" >&2
  echo "$best_wall $best_rss"
}

echo "inputs: big.sql $(grep -c ';' "$OUT/big.sql") statements; many/ $(ls "$OUT/many" | wc -l) files; cores $(nproc)" >&2
sg_big=$(measure "schemagate big.sql" "$ROOT/schemagate" check "$OUT/big.sql" --fail-on CRITICAL --format json)
sq_big=$(measure "squawk big.sql" "$SQUAWK" --reporter json "$OUT/big.sql")
sg_many=$(measure "schemagate many/ (1000 files)" "$ROOT/schemagate" check "$OUT/many" --fail-on CRITICAL --format json)
sq_many=$(measure "squawk many/ (1000 files)" "$SQUAWK" --reporter json "$OUT"/many/*.sql)
sg_small=$(measure "schemagate small.sql (cold JVM)" "$ROOT/schemagate" check "$OUT/small.sql" --format json)
sq_small=$(measure "squawk small.sql" "$SQUAWK" --reporter json "$OUT/small.sql")
ratio() { awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo "ratio schemagate/squawk wall: big $(ratio "$sg_big" "$sq_big"), many $(ratio "$sg_many" "$sq_many"), small $(ratio "$sg_small" "$sq_small")" >&2

# Resource limits: peak memory on the largest inputs (schemagate only; squawk has no 50 MB or multi-dialect case)
measure "schemagate huge.sql ($(($(wc -c < "$OUT/huge.sql") / 1048576)) MB)" "$ROOT/schemagate" check "$OUT/huge.sql" \
  --fail-on CRITICAL >/dev/null
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
if [ -d "$CORPUS/kratos" ]; then
  measure "schemagate corpus kratos ($(find "$CORPUS/kratos" -name '*.sql' | wc -l) files)" "$ROOT/schemagate" check \
    "$CORPUS/kratos" --fail-on CRITICAL >/dev/null
fi
# The audit of the largest real history (kratos, ory/popx layout, about 3,500 files) when the corpus is next to
# the checkout. It exits 2 while MySQL and SQLite have no reader in the build; the time is what matters here.
KRATOS="$CORPUS/kratos/persistence/sql/migrations/sql"
if [ -d "$KRATOS" ]; then
  measure "schemagate audit kratos ($(find "$KRATOS" -name '*.sql' | wc -l) files, html)" \
    "$ROOT/schemagate" audit "$KRATOS" --format html -o "$OUT/kratos-audit.html" >/dev/null
else
  echo "kratos corpus not found at $KRATOS (set CORPUS=...): audit not timed" >&2
fi
