#!/usr/bin/env bash
# journey_bench.sh -- time GROUP BY customer with emotion_journey against the
# built-in aggregates over the same rows, with and without parallel workers.
#
# Usage: bench/journey_bench.sh [rows] [customers]
#   rows       interactions to generate (default 10000000)
#   customers  distinct customers (default 100000)
# Connection: the usual PG* environment variables (PGHOST, PGPORT, PGUSER).
# The database JOURNEY_BENCH_DB (default emotion_crm_journey_bench) is
# created if missing, with the extension; the table is rebuilt when its row
# count differs.  Set REPEAT (default 3) for the runs per query; the best
# run is reported.  WORK_MEM (default 512MB) keeps every hash table in memory
# so the timings compare aggregation, not spilling.  With workers, parallel
# plans are forced (parallel_setup_cost = parallel_tuple_cost = 0) so every
# query runs with partial aggregation in the workers.
set -euo pipefail

ROWS=${1:-10000000}
CUSTOMERS=${2:-100000}
REPEAT=${REPEAT:-3}
WORK_MEM=${WORK_MEM:-512MB}
DB=${JOURNEY_BENCH_DB:-emotion_crm_journey_bench}
HERE=$(cd "$(dirname "$0")" && pwd)

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

if ! psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
	createdb "$DB"
fi
psql_db -c "CREATE EXTENSION IF NOT EXISTS emotion_crm"

have=-1
if [ -n "$(psql_db -At -c "SELECT to_regclass('journey_bench')")" ]; then
	have=$(psql_db -At -c "SELECT count(*) FROM journey_bench")
fi
if [ "$have" != "$ROWS" ]; then
	echo "generating $ROWS interactions of $CUSTOMERS customers ..."
	start=$(date +%s)
	psql_db -v rows="$ROWS" -v customers="$CUSTOMERS" -f "$HERE/journey_bench_data.sql"
	echo "generated in $(( $(date +%s) - start )) s"
fi
psql_db -At -c "SELECT format('table: %s rows, %s customers, %s', count(*), count(DISTINCT customer),
                              pg_size_pretty(pg_total_relation_size('journey_bench'))) FROM journey_bench"

# the queries: the same GROUP BY customer over the same rows
declare -A Q
# (date_part returns float8; extract(epoch ...) returns numeric since
# PostgreSQL 14 and would make the built-ins look slower than they are)
Q[builtin_column]="SELECT customer, count(*), avg(valence), regr_slope(valence, date_part('epoch', at) / 86400), min(valence), max(valence) FROM journey_bench GROUP BY customer"
Q[builtin_emotion]="SELECT customer, count(*), avg(e -> 'valence'), regr_slope(e -> 'valence', date_part('epoch', at) / 86400), min(e -> 'valence'), max(e -> 'valence') FROM journey_bench GROUP BY customer"
Q[builtin_numeric]="SELECT customer, count(*), avg(valence), regr_slope(valence, extract(epoch FROM at) / 86400), min(valence), max(valence) FROM journey_bench GROUP BY customer"
Q[journey]="SELECT customer, emotion_journey(e, at) FROM journey_bench GROUP BY customer"
Q[journey_accessors]="SELECT customer, journey_count(j), journey_mean(j), journey_trend(j), journey_peak(j), journey_trough(j) FROM (SELECT customer, emotion_journey(e, at) AS j FROM journey_bench GROUP BY customer) s"
Q[emotion_avg]="SELECT customer, emotion_avg(e) FROM journey_bench GROUP BY customer"
ORDER=(builtin_column builtin_emotion builtin_numeric journey journey_accessors emotion_avg)

# best execution time (ms) and the aggregate's memory over REPEAT runs
run() {
	local workers=$1 name=$2 best="" mem="" i out t
	for ((i = 0; i < REPEAT; i++)); do
		out=$(psql_db -At <<-EOF
			SET work_mem = '$WORK_MEM';
			SET max_parallel_workers_per_gather = $workers;
			SET parallel_setup_cost = $( [ "$workers" -gt 0 ] && echo 0 || echo 1000 );
			SET parallel_tuple_cost = $( [ "$workers" -gt 0 ] && echo 0 || echo 0.1 );
			SET jit = off;
			EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) ${Q[$name]};
		EOF
		)
		t=$(printf '%s\n' "$out" | sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p')
		if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then
			best=$t
		fi
		# peak memory of each aggregate node (and of each worker's partial
		# aggregate), in plan order; more than one batch means it spilled
		mem=$(printf '%s\n' "$out" | grep -oE 'Memory Usage: [0-9]+kB' | sed 's/Memory Usage: //' | paste -sd '/' -)
		if printf '%s\n' "$out" | grep -qE 'Batches: ([2-9]|[1-9][0-9]+)'; then
			mem="$mem (spilled)"
		fi
	done
	printf '%s\t%s\n' "$best" "$mem"
}

printf '\n%-8s %-18s %12s %8s  %s\n' workers query "best ms" ratio "aggregate memory kB (top node/workers)"
for workers in 0 2; do
	base=""
	for name in "${ORDER[@]}"; do
		IFS=$'\t' read -r t mem < <(run "$workers" "$name")
		[ -z "$base" ] && base=$t
		ratio=$(awk "BEGIN { printf \"%.2f\", $t / $base }")
		printf '%-8s %-18s %12.0f %8s  %s\n' "$workers" "$name" "$t" "${ratio}x" "$mem"
	done
done
echo
echo "ratio: time / builtin_column time with the same number of workers"
