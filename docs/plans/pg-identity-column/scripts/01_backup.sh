#!/bin/sh
# 01_backup.sh: copies what the plan changes, before phase 1 and again right before phase 4.
# Plan for docs/plans/pg-identity-column/migrations/V2__member_number.sql on PostgreSQL 17.
# Usage: sh 01_backup.sh [DIR]   (default: schemagate-backup)
# Connection: the usual libpq variables (PGHOST, PGPORT, PGDATABASE, PGUSER; password in ~/.pgpass).
# pg_dump must be at least the server's major version.
set -eu
dir="${1:-schemagate-backup}"
mkdir -p "$dir"
echo 'this plan removes and overwrites nothing; the schema of the tables it touches is saved'
pg_dump --schema-only --no-owner --table='users' --file="$dir/users.schema.sql"
echo "backup in $dir; restore a table with: pg_restore --dbname=\"\$PGDATABASE\" --table=NAME $dir/NAME.dump"
