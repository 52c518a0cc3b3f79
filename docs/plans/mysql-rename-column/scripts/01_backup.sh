#!/bin/sh
# 01_backup.sh: mysqldump of what the plan overwrites or drops, before phase 1 and again right before phase 4.
# Plan for docs/plans/mysql-rename-column/migrations/V2__rename_username.sql on MySQL 8.0.36.
# Usage: sh 01_backup.sh DATABASE [DIR]   (default DIR: schemagate-backup)
# Connection: mysqldump's usual options from ~/.my.cnf ([client] host, user, password).
# --single-transaction takes a consistent InnoDB snapshot without locking the tables.
set -eu
db="${1:?usage: sh 01_backup.sh DATABASE [DIR]}"
dir="${2:-schemagate-backup}"
mkdir -p "$dir"
mysqldump --single-transaction --no-tablespaces --triggers "$db" 'users' > "$dir/users.sql"
echo "saved users (rows and schema) in $dir/users.sql"
echo "backup in $dir; restore a table with: mysql DATABASE < $dir/NAME.sql"
