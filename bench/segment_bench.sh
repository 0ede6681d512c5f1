#!/bin/sh
# Segment / nearest-neighbour benchmark for the emotion GiST index.
#   bench/segment_bench.sh [rows]          (default 1000000)
# Connects with the usual PG* variables (PGDATABASE, PGUSER, PGHOST, ...);
# the database needs CREATE EXTENSION emotion_crm (done here if missing).
# Creates and keeps the table bench_interactions.
set -e
ROWS=${1:-1000000}
DIR=$(cd "$(dirname "$0")" && pwd)
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS emotion_crm'
echo "rows: $ROWS    server: $(psql -X -At -c 'SHOW server_version')    cpu: $(nproc) cores"
psql -X -v ON_ERROR_STOP=1 -v rows="$ROWS" -f "$DIR/segment_bench.sql"
