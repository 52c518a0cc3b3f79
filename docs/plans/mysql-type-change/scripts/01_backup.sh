#!/bin/sh
# 01_backup.sh: mysqldump of what the plan overwrites or drops, before phase 1 and again right before phase 4.
# Plan for docs/plans/mysql-type-change/migrations/V2__events_types.sql on MySQL 8.0.36.
# Usage: sh 01_backup.sh DATABASE [DIR]   (default DIR: schemagate-backup)
# Connection: mysqldump's usual options from ~/.my.cnf ([client] host, user, password).
# --single-transaction takes a consistent InnoDB snapshot without locking the tables.
set -eu
db="${1:?usage: sh 01_backup.sh DATABASE [DIR]}"
dir="${2:-schemagate-backup}"
mkdir -p "$dir"
echo 'this plan removes and overwrites nothing; the schema of the tables it touches is saved'
mysqldump --no-data --no-tablespaces --triggers "$db" 'events' > "$dir/events.schema.sql"
echo "backup in $dir; restore a table with: mysql DATABASE < $dir/NAME.sql"
