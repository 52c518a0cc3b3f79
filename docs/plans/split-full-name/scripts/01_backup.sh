#!/bin/sh
# 01_backup.sh: copies what the plan changes, before phase 1 and again right before phase 4.
# Plan for docs/plans/split-full-name/migrations/V2__split_full_name.sql on PostgreSQL 17.
# Usage: sh 01_backup.sh [DIR]   (default: schemagate-backup)
# Connection: the usual libpq variables (PGHOST, PGPORT, PGDATABASE, PGUSER; password in ~/.pgpass).
# pg_dump must be at least the server's major version.
set -eu
dir="${1:-schemagate-backup}"
mkdir -p "$dir"
pg_dump --format=custom --no-owner --table='users' --file="$dir/users.dump"
echo "saved users (rows and schema) in $dir/users.dump"
echo "backup in $dir; restore a table with: pg_restore --dbname=\"\$PGDATABASE\" --table=NAME $dir/NAME.dump"
