#!/bin/sh
# 01_backup.sh: an online copy of the whole database file, before phase 1 and again right before the rebuild.
# Plan for docs/plans/sqlite-type-change/migrations/V2__balance_cents.sql on SQLite 3.40.
# Usage: sh 01_backup.sh DATABASE_FILE [DIR]   (default DIR: schemagate-backup)
# sqlite3's .backup copies a consistent snapshot page by page while the application keeps running.
set -eu
db="${1:?usage: sh 01_backup.sh DATABASE_FILE [DIR]}"
dir="${2:-schemagate-backup}"
mkdir -p "$dir"
out="$dir/$(basename "$db").backup"
sqlite3 "$db" ".backup '$out'"
echo "saved $db in $out; restore: stop the application, then sqlite3 $db \".restore '$out'\""
