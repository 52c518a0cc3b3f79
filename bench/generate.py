#!/usr/bin/env python3
"""Writes the benchmark inputs: one file of N statements and M files of K statements each.

The statements are a realistic mix of migration DDL and DML (tables, columns, indexes, constraints, type
changes, data fixes, comments), deterministic for a given seed, valid PostgreSQL.
"""
import os
import random
import sys


def statements(rng, n, prefix):
    out = []
    tables = []
    i = 0
    while len(out) < n:
        i += 1
        kind = rng.random()
        if not tables or kind < 0.08:
            t = f"{prefix}_t{i}"
            tables.append(t)
            out.append(f"CREATE TABLE {t} (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                       f"    name text NOT NULL,\n    created_at timestamptz NOT NULL DEFAULT now()\n);")
            continue
        t = rng.choice(tables)
        c = f"c{i}"
        if kind < 0.25:
            out.append(f"ALTER TABLE {t} ADD COLUMN {c} integer;")
        elif kind < 0.35:
            out.append(f"ALTER TABLE {t} ADD COLUMN {c} text NOT NULL DEFAULT 'x';")
        elif kind < 0.45:
            out.append(f"CREATE INDEX {t}_{c}_idx ON {t} (name);")
        elif kind < 0.52:
            out.append(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {t}_{c}_cidx ON {t} (created_at);")
        elif kind < 0.60:
            out.append(f"ALTER TABLE {t} ALTER COLUMN name SET NOT NULL;")
        elif kind < 0.66:
            out.append(f"ALTER TABLE {t} ADD CONSTRAINT {t}_{c}_chk CHECK (length(name) > 0) NOT VALID;")
        elif kind < 0.72:
            out.append(f"UPDATE {t} SET name = 'n' WHERE id < {rng.randint(1, 10000)};")
        elif kind < 0.78:
            out.append(f"INSERT INTO {t} (name) VALUES ('a'), ('b');")
        elif kind < 0.83:
            out.append(f"-- rename for the new API\nALTER TABLE {t} RENAME COLUMN name TO name;")
        elif kind < 0.88:
            out.append(f"ALTER TABLE {t} ALTER COLUMN name TYPE varchar(200);")
        elif kind < 0.92:
            out.append(f"COMMENT ON TABLE {t} IS 'table {i}';")
        elif kind < 0.96:
            out.append("SET lock_timeout = '2s';")
        else:
            out.append(f"ALTER TABLE {t} DROP COLUMN IF EXISTS c{max(1, i - 7)};")
    return out


def huge(rng, size):
    """A data-heavy migration of about `size` bytes: DDL between multi-row INSERT batches, as in a seed dump."""
    parts = []
    total = 0
    k = 0
    while total < size:
        k += 1
        if k % 50 == 1:
            s = (f"CREATE TABLE IF NOT EXISTS h{k} (id bigint PRIMARY KEY, name text NOT NULL, note text);\n"
                 f"ALTER TABLE h{k} ADD COLUMN IF NOT EXISTS extra integer;")
        else:
            t = f"h{k - (k - 1) % 50}"
            rows = ",\n".join(f"  ({k * 1000 + r}, 'name {r}', 'note {rng.randint(0, 10**9)} for the seed data')"
                               for r in range(100))
            s = f"INSERT INTO {t} (id, name, note) VALUES\n{rows};"
        parts.append(s)
        total += len(s) + 2
    return "\n\n".join(parts) + "\n"


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out"
    big_n = int(os.environ.get("BIG_STATEMENTS", "100000"))
    files = int(os.environ.get("SMALL_FILES", "1000"))
    per = int(os.environ.get("STATEMENTS_PER_FILE", "20"))
    rng = random.Random(42)
    os.makedirs(os.path.join(out_dir, "many"), exist_ok=True)
    with open(os.path.join(out_dir, "big.sql"), "w") as f:
        f.write("\n\n".join(statements(rng, big_n, "big")) + "\n")
    for k in range(files):
        with open(os.path.join(out_dir, "many", f"{k + 1:04d}_migration.sql"), "w") as f:
            f.write("\n\n".join(statements(rng, per, f"m{k + 1}")) + "\n")
    huge_mb = int(os.environ.get("HUGE_MB", "50"))
    with open(os.path.join(out_dir, "huge.sql"), "w") as f:
        f.write(huge(rng, huge_mb * 1024 * 1024))
    with open(os.path.join(out_dir, "small.sql"), "w") as f:
        f.write("\n\n".join(statements(rng, 10, "s")) + "\n")


if __name__ == "__main__":
    main()
