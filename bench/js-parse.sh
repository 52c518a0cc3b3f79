#!/usr/bin/env bash
# Benchmark of the JavaScript/TypeScript reader (swc4j) and of a MongoDB check.
#   bench/js-parse.sh     generates 300 migrate-mongo files (bench/out/mongo), then prints
#   - the reader's cold start and warm parse speed over them,
#   - wall time and peak RSS of `schemagate check` on the folder, with its phase timings.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out/mongo"
mkdir -p "$OUT/migrations"
echo "module.exports = { migrationsDir: 'migrations' };" > "$OUT/migrate-mongo-config.js"
python3 - "$OUT/migrations" <<'PY'
import sys
d = sys.argv[1]
for i in range(300):
    calls = []
    for j in range(20):
        c = f"coll_{(i * 7 + j) % 40}"
        calls.append(f"    await db.collection('{c}').updateMany({{ f{j}: {{ $exists: false }} }}, {{ $set: {{ f{j}: {j} }} }});")
        calls.append(f"    await db.collection('{c}').createIndex({{ f{j}: 1, createdAt: -1 }}, {{ name: 'i_{i}_{j}' }});")
    body = "\n".join(calls)
    with open(f"{d}/2024{i:010d}-m{i}.js", "w") as f:
        f.write(f"const DAY = 60 * 60 * 24;\nmodule.exports = {{\n  async up(db, client) {{\n{body}\n  }},\n"
                f"  async down(db) {{\n    await db.collection('coll_0').dropIndex('i_{i}_0');\n  }},\n}};\n")
PY
"$ROOT/schemagate" --version >/dev/null   # build the jar outside the timings
JAR="$ROOT/engine/cli/target/schemagate.jar"
java -cp "$JAR" "$HERE/JsParseBench.java" "$OUT"/migrations/*.js
/usr/bin/time -f "check: wall %e s, peak RSS %M KB" env SCHEMAGATE_TIMING=1 "$ROOT/schemagate" check "$OUT" --format json >/dev/null
