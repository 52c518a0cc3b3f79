#!/usr/bin/env bash
# Benchmark of the Knex and TypeORM readers: generates 200 Knex and 200 TypeORM migrations (bench/out/jsmig),
# then prints wall time and peak RSS of `schemagate check` on each folder and on the repository's fixtures.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out/jsmig"
rm -rf "$OUT"
mkdir -p "$OUT/knex/migrations" "$OUT/typeorm/migrations"
echo "module.exports = { client: 'pg', migrations: { directory: './migrations' } };" > "$OUT/knex/knexfile.js"
python3 - "$OUT" <<'PY'
import sys
d = sys.argv[1]
for i in range(200):
    cols = "\n".join(f"    t.string('c{j}', 40).notNullable().defaultTo('x');" for j in range(10))
    with open(f"{d}/knex/migrations/2024{i:06d}_m{i}.js", "w") as f:
        f.write(f"exports.up = async function (knex) {{\n  await knex.schema.createTable('t{i}', (t) => {{\n"
                f"    t.bigIncrements('id');\n{cols}\n  }});\n"
                f"  await knex.schema.alterTable('t{i}', (t) => {{ t.index(['c1', 'c2']); t.string('c3', 80).alter(); }});\n"
                f"  await knex.raw(\"UPDATE t{i} SET c4 = 'y' WHERE c4 = 'x'\");\n}};\n"
                f"exports.down = (knex) => knex.schema.dropTable('t{i}');\n")
    with open(f"{d}/typeorm/migrations/{1700000000000 + i}-M{i}.ts", "w") as f:
        f.write("import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm'\n\n"
                f"export class M{i}{1700000000000 + i} implements MigrationInterface {{\n"
                "    public async up(queryRunner: QueryRunner): Promise<void> {\n"
                f"        await queryRunner.query(`CREATE TABLE \"t{i}\" (\"id\" uuid PRIMARY KEY, \"name\" varchar NOT NULL)`)\n"
                f"        await queryRunner.addColumn('t{i}', new TableColumn({{ name: 'n', type: 'int', isNullable: true }}))\n"
                f"        await queryRunner.query(`CREATE INDEX \"IDX_t{i}\" ON \"t{i}\" (\"name\")`)\n"
                "    }\n\n    public async down(queryRunner: QueryRunner): Promise<void> {\n"
                f"        await queryRunner.query(`DROP TABLE \"t{i}\"`)\n    }}\n}}\n")
PY
"$ROOT/schemagate" --version >/dev/null   # build the jar outside the timings
for d in "$OUT/knex" "$OUT/typeorm" "$ROOT/examples/postgres-knex" "$ROOT/dialects/jsmig/src/test/resources/flowise-shape"; do
  echo "== ${d#$ROOT/}"
  /usr/bin/time -f "check: wall %e s, peak RSS %M KB" "$ROOT/schemagate" check "$d" --format text --fail-on CRITICAL 2>&1 \
    | grep -E "^(Checked|Detected|Findings|check:)"
done
/usr/bin/time -f "check: wall %e s, peak RSS %M KB" "$ROOT/schemagate" check "$ROOT/dialects/jsmig/src/test/resources/uptime-shape" \
  --dialect sqlite --format text --fail-on CRITICAL 2>&1 | grep -E "^(Checked|Detected|Findings|check:)"
