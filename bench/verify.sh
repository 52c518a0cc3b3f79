#!/usr/bin/env bash
# Benchmark: schemagate verify per database. Builds a 10-migration history with up and down files for each
# dialect, runs verify without and with --rows, and prints the server start-up time and the round-trip and
# measurement times that verify reports on standard error (best of RUNS).
#   bench/verify.sh          RUNS=3 ROWS=10000 by default
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out/verify"
RUNS=${RUNS:-3}
ROWS=${ROWS:-10000}
rm -rf "$OUT" && mkdir -p "$OUT"
"$ROOT/schemagate" --version >/dev/null   # build the jar outside the timings

gen() { # dir, dialect
  local d="$OUT/$1"; mkdir -p "$d"
  local ai="bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
  [ "$2" = sqlite ] && ai="INTEGER PRIMARY KEY"
  [ "$2" = mariadb ] && ai="bigint AUTO_INCREMENT PRIMARY KEY"
  echo "CREATE TABLE accounts (id $ai, email varchar(100) NOT NULL, score integer NOT NULL);" > "$d/001_accounts.up.sql"
  echo "DROP TABLE accounts;" > "$d/001_accounts.down.sql"
  for i in $(seq 2 10); do
    n=$(printf '%03d' "$i")
    echo "ALTER TABLE accounts ADD COLUMN c$i integer;" > "$d/${n}_c$i.up.sql"
    echo "CREATE INDEX accounts_c${i}_idx ON accounts (c$i);" >> "$d/${n}_c$i.up.sql"
    echo "DROP INDEX accounts_c${i}_idx$([ "$2" = mariadb ] && echo ' ON accounts');" > "$d/${n}_c$i.down.sql"
    echo "ALTER TABLE accounts DROP COLUMN c$i;" >> "$d/${n}_c$i.down.sql"
  done
}

run() { # label, args...
  local label=$1; shift
  local best=""
  for r in $(seq 1 "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    "$ROOT/schemagate" verify "$@" --format json -o "$OUT/report.json" 2> "$OUT/err.txt"
    t1=$(date +%s%N)
    local wall=$(( (t1 - t0) / 1000000 ))
    local start=$(grep -o 'started in [0-9]* ms' "$OUT/err.txt" | grep -o '[0-9]*')
    local phases=$(grep -o 'under test.*round trips.*' "$OUT/err.txt" | sed 's/^[^:]*: //')
    if [ -z "$best" ] || [ "$wall" -lt "${best%% *}" ]; then best="$wall $start|$phases"; fi
  done
  printf '%-28s wall %6s ms   server start %6s ms   %s\n' "$label" "${best%% *}" "$(echo "${best#* }" | cut -d'|' -f1)" \
    "$(echo "$best" | cut -d'|' -f2)"
}

genmongo() { # 10 migrate-mongo files: a validated collection, then an index per migration, each with its down()
  local d="$OUT/mongodb"; mkdir -p "$d"
  printf '%s\n' "module.exports = {" \
    "  async up(db) { await db.createCollection('accounts', { validator: { \$jsonSchema: { bsonType: 'object', required: ['email'], properties: { email: { bsonType: 'string' }, score: { bsonType: 'int' } } } } }); }," \
    "  async down(db) { await db.collection('accounts').drop(); }," "};" > "$d/20240101000001-accounts.js"
  for i in $(seq 2 10); do
    printf '%s\n' "module.exports = {" \
      "  async up(db) { await db.collection('accounts').createIndex({ c$i: 1 }); await db.collection('accounts').updateMany({}, { \$set: { c$i: 0 } }); }," \
      "  async down(db) { await db.collection('accounts').dropIndex('c${i}_1'); await db.collection('accounts').updateMany({}, { \$unset: { c$i: '' } }); }," \
      "};" > "$d/202401010000$(printf '%02d' "$i")-c$i.js"
  done
}

for d in postgres sqlite mariadb; do gen "$d" "$d"; done
genmongo
echo "10 migrations with up and down per database; --rows $ROWS; best of $RUNS; cores $(nproc)"
run "postgres (embedded 17)" "$OUT/postgres" --dialect postgres
run "postgres --rows" "$OUT/postgres" --dialect postgres --rows "$ROWS"
run "sqlite (temporary file)" "$OUT/sqlite" --dialect sqlite
run "sqlite --rows" "$OUT/sqlite" --dialect sqlite --rows "$ROWS"
if command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ]; then
  run "mariadb (private mariadbd)" "$OUT/mariadb" --dialect mariadb
  run "mariadb --rows" "$OUT/mariadb" --dialect mariadb --rows "$ROWS"
else
  echo "mariadb: skipped, mariadbd is not installed (apt-get install mariadb-server)"
fi
run "mongodb ($(command -v mongod >/dev/null || [ -n "${SCHEMAGATE_MONGOD:-}" ] && echo mongod || echo in-process))" "$OUT/mongodb" --dialect mongodb
run "mongodb --rows" "$OUT/mongodb" --dialect mongodb --rows "$ROWS"
