#!/usr/bin/env bash
# Cost of policy packs: load (YAML read and checked) and compile (YAML rules to DRL, compiled by the classic
# Drools compiler at run time; built-in packs are compiled at build time instead).
#   bench/policy.sh        RUNS=5 by default; prints best-of-RUNS wall time and the phase times
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out"
mkdir -p "$OUT"
RUNS=${RUNS:-5}
PACK="$ROOT/policies/examples/platform"
INPUT="$ROOT/examples/postgres-flyway"
"$ROOT/schemagate" --version >/dev/null   # build the jar and the class-data archive outside the timings

# A larger pack: the example's rules repeated 50 times under other ids (100 YAML rules + generated ones).
BIG="$OUT/policy-big"
rm -rf "$BIG" && mkdir -p "$BIG"
python3 - "$PACK/acme-platform.yaml" "$BIG/big.yaml" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
rules = src[src.index("rules:\n") + len("rules:\n"):src.index("\nprofiles:")]
out = ["name: big", "rules:"]
for i in range(50):
    out.append(re.sub(r"id: acme\.([a-z-]+)", lambda m: "id: acme%d.%s" % (i, m.group(1)), rules).rstrip("\n"))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY

measure() { # label, args...
  local label=$1; shift
  local best="" phases=""
  for run in $(seq 1 "$RUNS"); do
    local start end wall
    start=$(date +%s.%N)
    SCHEMAGATE_TIMING=1 "$ROOT/schemagate" check "$INPUT" --fail-on CRITICAL "$@" >/dev/null 2>"$OUT/policy-err.txt"
    end=$(date +%s.%N)
    wall=$(awk "BEGIN{printf \"%.2f\", $end - $start}")
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then
      best=$wall
      phases=$(grep -h "policy load" "$OUT/policy-err.txt" | sed 's/schemagate timing (ms): //')
    fi
  done
  printf '%-44s wall %5.2f s  %s\n' "$label" "$best" "$phases"
}

echo "check examples/postgres-flyway, best of $RUNS, cores $(nproc)"
measure "no policy"
measure "example pack (2 YAML rules + 2 generated)" --policy "$PACK"
measure "example pack, --env prod (+1 generated)" --policy "$PACK" --env prod
measure "big pack (100 YAML rules)" --policy "$BIG"
