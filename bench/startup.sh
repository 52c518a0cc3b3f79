#!/usr/bin/env bash
# Cold start of a small check: `schemagate check` on one three-statement migration, each run a new JVM.
#   bench/startup.sh                 this checkout (the launcher: runnable jar + class-data archive)
#   BASE=/path/to/other/checkout bench/startup.sh   the same, side by side with another built checkout
#   RUNS=20 bench/startup.sh         more runs (default 10)
# Uses hyperfine when installed (apt install hyperfine), else a loop with the median. Prints the load average:
# on a busy machine wall times grow, so compare numbers taken in the same run.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
RUNS=${RUNS:-10}
SMALL=examples/postgres-flyway/db/migration/V2__add_order_notes.sql

declare -a names cmds
add() { names+=("$1"); cmds+=("$2"); }
prepare() { # build the jar and the class-data archive outside the timings
  (cd "$1" && ./schemagate --version >/dev/null && ./schemagate check "$SMALL" >/dev/null 2>&1) || true
}
prepare "$ROOT"
add "check (launcher)" "cd '$ROOT' && ./schemagate check $SMALL"
add "check (launcher, no CDS)" "cd '$ROOT' && SCHEMAGATE_CDS=0 ./schemagate check $SMALL"
add "check (java -jar)" "cd '$ROOT' && java -jar engine/cli/target/schemagate.jar check $SMALL"
add "version (launcher)" "cd '$ROOT' && ./schemagate --version"
if [ -n "${BASE:-}" ]; then
  prepare "$BASE"
  add "BASE check (launcher)" "cd '$BASE' && ./schemagate check $SMALL"
  add "BASE version (launcher)" "cd '$BASE' && ./schemagate --version"
fi

echo "cores $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs each, input $SMALL" >&2
if command -v hyperfine >/dev/null; then
  mkdir -p "$HERE/out"
  args=()
  for i in "${!cmds[@]}"; do args+=("--command-name=${names[$i]}" "${cmds[$i]}"); done
  hyperfine -w 2 -r "$RUNS" --export-json "$HERE/out/startup.json" "${args[@]}" >/dev/null
  python3 - "$HERE/out/startup.json" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = sorted(r["times"])
    print(f'{r["command"]:<28} median {statistics.median(t)*1000:6.0f} ms   min {t[0]*1000:6.0f} ms   '
          f'mean {statistics.mean(t)*1000:6.0f} ms   user+sys mean {(r["user"]+r["system"])*1000:6.0f} ms')
PY
  rm -f "$HERE/out/startup.json"
else
  for i in "${!cmds[@]}"; do
    for r in $(seq 1 "$RUNS"); do
      s=$(date +%s%N); sh -c "${cmds[$i]}" >/dev/null 2>&1; e=$(date +%s%N)
      echo $(( (e - s) / 1000000 ))
    done | sort -n | awk -v n="${names[$i]}" '{a[NR]=$1} END{printf "%-28s median %6d ms   min %6d ms\n", n, a[int((NR+1)/2)], a[1]}'
  done
fi
