#!/usr/bin/env bash
# Benchmark of the Python reader (tree-sitter-python) and of an Alembic check.
#   bench/py-parse.sh     generates 300 Alembic revisions (bench/out/alembic), then prints
#   - the reader's cold start and warm parse speed over them,
#   - wall time and peak RSS of `schemagate check` on the folder.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out/alembic"
rm -rf "$OUT"
mkdir -p "$OUT/migrations/versions"
printf '[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://app@localhost/app\n' > "$OUT/alembic.ini"
: > "$OUT/migrations/env.py"
python3 - "$OUT/migrations/versions" <<'PY'
import sys
d = sys.argv[1]
for i in range(300):
    down = "None" if i == 0 else f'"r{i - 1:04d}"'
    body = [f'    op.create_table(\n        "t{i}",\n        sa.Column("id", sa.BigInteger(), primary_key=True),\n'
            f'        sa.Column("name", sa.String(length=80), nullable=False),\n'
            f'        sa.Column("created", sa.DateTime(timezone=True), server_default=sa.text("now()")),\n    )']
    for j in range(15):
        body.append(f'    op.add_column("t{i}", sa.Column("c{j}", sa.Integer(), nullable=True))')
        body.append(f'    op.execute(f"ANALYZE t{i}") if False else op.execute("UPDATE t{i} SET c{j} = {j}")')
    body.append(f'    with op.get_context().autocommit_block():\n        op.create_index("ix_t{i}_name", "t{i}", ["name"], postgresql_concurrently=True)')
    with open(f"{d}/r{i:04d}_step.py", "w") as f:
        f.write(f'"""step {i}"""\nimport sqlalchemy as sa\nfrom alembic import op\n\nrevision: str = "r{i:04d}"\n'
                f"down_revision: str | None = {down}\n\n\ndef upgrade() -> None:\n" + "\n".join(body)
                + f'\n\n\ndef downgrade() -> None:\n    op.drop_table("t{i}")\n')
PY
"$ROOT/schemagate" --version >/dev/null   # build the jar outside the timings
JAR="$ROOT/engine/cli/target/schemagate.jar"
java -cp "$JAR" "$HERE/PyParseBench.java" "$OUT"/migrations/versions/*.py
/usr/bin/time -f "check: wall %e s, peak RSS %M KB" "$ROOT/schemagate" check "$OUT" --format json >/dev/null
