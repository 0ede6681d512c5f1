#!/usr/bin/env bash
# bench/load/run.sh -- mixed load on a tracked CRM table with pgbench.
#
#   bench/load/run.sh [-T seconds] [-c clients] [-j threads] [--customers N] [--rows N]
#                     [-w script=weight]... [--keep]
#
# Defaults: 60 s, 8 clients, 2 threads, 3000 customers, 20000 existing tickets.
# The extension must be installed (`make install`).  Without any of PGHOST,
# PGPORT, PGDATABASE or PGSERVICE set, a throw-away cluster is started (as in
# scripts/demo.sh: private socket, no TCP, deleted afterwards; as root it runs
# as the `postgres` system user).  With them, the server they point at is used
# and schema emotion_crm_load is created there (and dropped at the end unless
# --keep).
#
# Weighted script mix (pgbench -f file@weight), see bench/load/*.sql:
#   insert@40   tracked INSERT of a ticket built from two of 40 sentences
#   update@10   close a ticket or rewrite its text (UPDATE trigger)
#   score@15    sentiment()/emotion_score()/effort_cues() of a literal
#   journey@15  emotion_journey + emotion_avg of one random customer
#   segment@8   e <@ segment(...) LIMIT 20 through the GiST index
#   knn@8       ORDER BY e <-> emotion_score(...) LIMIT 10 (GiST KNN)
#   queue@4     emotion_crm.escalation_queue LIMIT 10
# -w changes a weight (0 leaves the script out), e.g. -w queue=0.
#
# Prints pgbench's report (with -P 10 progress lines), the deadlocks and
# errors the server counted, and checks afterwards that every ticket has
# exactly one score and that the GiST index answers like a sequential scan.
# Exit status: non-zero on any failed transaction, aborted client, deadlock,
# server error or failed check.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
HERE=$EC_ROOT/bench/load

DURATION=60 CLIENTS=8 THREADS=2 CUSTOMERS=3000 ROWS=20000 KEEP=0
declare -A WEIGHT=([insert]=40 [update]=10 [score]=15 [journey]=15 [segment]=8 [knn]=8 [queue]=4)
while [ $# -gt 0 ]; do
	case "$1" in
		-w) [[ "$2" =~ ^(insert|update|score|journey|segment|knn|queue)=[0-9]+$ ]] || ec_die "-w wants script=weight, e.g. queue=0"
			WEIGHT[${2%%=*}]=${2#*=}; shift 2 ;;
		-T) DURATION=$2; shift 2 ;;
		-c) CLIENTS=$2; shift 2 ;;
		-j) THREADS=$2; shift 2 ;;
		--customers) CUSTOMERS=$2; shift 2 ;;
		--rows) ROWS=$2; shift 2 ;;
		--keep) KEEP=1; shift ;;
		-h|--help) sed -n '2,32p' "${BASH_SOURCE[0]}"; exit 0 ;;
		*) ec_die "unknown argument: $1 (see --help)" ;;
	esac
done

ec_pick_pg_config
PGBENCH=$EC_PG_BINDIR/pgbench
[ -x "$PGBENCH" ] || PGBENCH=$(command -v pgbench) || ec_die "pgbench not found"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/emotion_crm_load.XXXXXX") || ec_die "mktemp failed"
chmod 0755 "$OUT"

if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}${PGSERVICE:-}" ]; then
	ec_pick_users
	ec_workdir
	ec_cluster_start
	SERVER_LOG=$EC_WORK/postgres.log
else
	ec_say "using the server of the PG* settings"
	SERVER_LOG=
fi
PSQL=("$EC_PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1)
q() { "${PSQL[@]}" -At -c "$1"; }

ec_say "setup: $ROWS tickets of $CUSTOMERS customers, tracked and back-filled, GiST index on the side table"
"${PSQL[@]}" -v customers="$CUSTOMERS" -v rows="$ROWS" -f "$HERE/setup.sql" >"$OUT/setup.log" 2>&1 \
	|| { cat "$OUT/setup.log" >&2; ec_die "setup failed"; }
SIDE=$(q "SELECT side_table::text FROM emotion_crm.sources WHERE source = 'emotion_crm_load.tickets'::regclass")

cleanup_schema()
{
	[ "$KEEP" = 1 ] && { ec_say "--keep: schema emotion_crm_load left in place"; return 0; }
	"${PSQL[@]}" -c "SET client_min_messages = warning" \
		-c "SELECT emotion_crm.untrack('emotion_crm_load.tickets')" \
		-c "DROP SCHEMA emotion_crm_load CASCADE" >/dev/null
}

stats() { q "SELECT deadlocks || ' ' || xact_rollback FROM pg_stat_database WHERE datname = current_database()"; }
read -r dl0 rb0 <<<"$(stats)"
log0=0
[ -n "$SERVER_LOG" ] && log0=$(wc -l <"$SERVER_LOG")

scripts=()
for n in insert update score journey segment knn queue; do
	[ "${WEIGHT[$n]}" -gt 0 ] && scripts+=(-f "$HERE/$n.sql@${WEIGHT[$n]}")
done
ec_say "pgbench -n -c $CLIENTS -j $THREADS -T $DURATION -P 10, ${scripts[*]//$HERE\//} (server $(q 'SHOW server_version'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PGBENCH" -n -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -P 10 -r --failures-detailed \
	-D customers="$CUSTOMERS" -D rows="$ROWS" -D side="$SIDE" \
	"${scripts[@]}" \
	>"$OUT/pgbench.out" 2>"$OUT/pgbench.err"
rc=$?
cat "$OUT/pgbench.err" "$OUT/pgbench.out"

# pg_stat_database is updated when a backend reports; the clients are gone
sleep 1
read -r dl1 rb1 <<<"$(stats)"
aborted=$(grep -c 'aborted in command' "$OUT/pgbench.err")
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench.out")
errors=0
if [ -n "$SERVER_LOG" ]; then
	errors=$(tail -n +"$((log0 + 1))" "$SERVER_LOG" | grep -cE '(ERROR|FATAL|PANIC):')
fi

ec_say "checks after the run"
checks=$("${PSQL[@]}" -At <<EOF 2>&1
SELECT 'tickets ' || (SELECT count(*) FROM emotion_crm_load.tickets)
	|| ', scores ' || (SELECT count(*) FROM $SIDE)
	|| ', tickets without a score ' || (SELECT count(*) FROM emotion_crm_load.tickets t WHERE NOT EXISTS (SELECT 1 FROM $SIDE s WHERE s.id = t.id))
	|| ', scores without a ticket ' || (SELECT count(*) FROM $SIDE s WHERE NOT EXISTS (SELECT 1 FROM emotion_crm_load.tickets t WHERE t.id = s.id));
CREATE TEMP TABLE idx AS SELECT name, array_agg(s.id ORDER BY s.id) AS ids
	FROM emotion_crm.segments g, $SIDE s WHERE s.e <@ segment(g.name) GROUP BY name;
SET enable_indexscan = off; SET enable_bitmapscan = off;
CREATE TEMP TABLE seq AS SELECT name, array_agg(s.id ORDER BY s.id) AS ids
	FROM emotion_crm.segments g, $SIDE s WHERE s.e <@ segment(g.name) GROUP BY name;
SELECT 'segments where index and seq scan disagree: ' || count(*)
	FROM (SELECT * FROM idx EXCEPT SELECT * FROM seq UNION ALL SELECT * FROM seq EXCEPT SELECT * FROM idx) d;
SELECT 'rescoring mismatches: ' || count(*) FROM $SIDE s JOIN emotion_crm_load.tickets t USING (id)
	WHERE s.e IS DISTINCT FROM emotion_score(emotion_crm.customer_text(t.body));
EOF
)
echo "$checks"

echo
echo "================ emotion_crm load summary ================"
sed -n -e 's/^\(number of transactions actually processed\|number of failed transactions\|latency average\|latency stddev\|tps\).*/  &/p' "$OUT/pgbench.out"
prog=$(sed -n 's/^progress: \([0-9.]*\) s, \([0-9.]*\) tps, lat \([0-9.]*\) ms stddev \([0-9.]*\).*/\1 \2 \3 \4/p' "$OUT/pgbench.err")
if [ -n "$prog" ]; then
	echo "  per 10 s (time, tps, latency ms):$(echo "$prog" | awk '{ printf " %s s %.0f/%.2f;", $1, $2, $3 }')"
	echo "$prog" | awk '{ t[NR] = $2; s += $2 } END { min = t[1]; max = t[1]; for (i = 2; i <= NR; i++) { if (t[i] < min) min = t[i]; if (t[i] > max) max = t[i] }
		printf "  tps per 10 s interval: min %.0f, max %.0f, mean %.0f (min/max %.2f)\n", min, max, s / NR, min / max }'
fi
echo "  clients aborted: $aborted"
echo "  deadlocks (pg_stat_database): $((dl1 - dl0))"
echo "  rolled back transactions (pg_stat_database): $((rb1 - rb0))"
[ -n "$SERVER_LOG" ] && echo "  ERROR/FATAL/PANIC lines in the server log: $errors"
awk '{ print "  " $0 }' <<<"$checks"
echo "  full pgbench output: $OUT/pgbench.out"
echo "=========================================================="

cleanup_schema
bad=0
[ "$rc" = 0 ] || bad=1
[ "${failed:-1}" = 0 ] || bad=1
[ "$aborted" = 0 ] || bad=1
[ $((dl1 - dl0)) = 0 ] || bad=1
[ "$errors" = 0 ] || bad=1
echo "$checks" | grep -qE 'without a score [1-9]|without a ticket [1-9]|disagree: [1-9]|mismatches: [1-9]|ERROR' && bad=1
[ $bad = 0 ] && echo "RESULT: no errors, no deadlocks, checks passed" || echo "RESULT: FAILED"
exit $bad
