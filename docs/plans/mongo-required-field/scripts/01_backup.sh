#!/bin/sh
# 01_backup.sh [DIR]: mongodump of every collection the plan touches, before phase 1 (and again before phase 4)
# needs MONGODB_URI (with the database name) in the environment; mongodump and mongosh on the PATH
set -eu
: "${MONGODB_URI:?set MONGODB_URI to the database the plan runs on}"
DIR="${1:-schemagate-backup-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$DIR"
mongodump --uri="$MONGODB_URI" --collection=users --out="$DIR"
# validators, validation levels and indexes as they are now (mongorestore re-creates them from the dump too)
mongosh "$MONGODB_URI" --quiet --eval 'printjson(db.getCollectionInfos({ name: { $in: ["users"] } }))' > "$DIR/collections.json"
echo "backup written to $DIR (restore: mongorestore --uri=\"\$MONGODB_URI\" --nsInclude=DB.COLLECTION \"$DIR\")"
