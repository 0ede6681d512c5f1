#!/bin/sh
# CRM integration benchmark: insert throughput into a tracked table against
# the same table untracked, and back-fill throughput.
#   bench/crm_bench.sh [backfill_rows] [inserts]    (defaults 1000000, 20000)
# Connects with the usual PG* variables (PGDATABASE, PGUSER, PGHOST, ...) as
# a role that may CREATE EXTENSION and create tables; needs pgbench.
# Creates and drops the tables crm_bench_plain, crm_bench_tracked and
# crm_bench_backfill (and their emotion_crm side tables).
#
# Inserts are single-row INSERT statements of ~200-byte texts from one
# client (pgbench -n -c 1 -t N), the slowest case for a row trigger; the
# texts are a mix of neutral, positive and negative customer messages.  The
# "escalating" run inserts only angry texts with effort cues, every one of
# which crosses the alert threshold (NOTIFY plus the repeat-contact count).
set -e
ROWS=${1:-1000000}
INSERTS=${2:-20000}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/crm_bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
PSQL="psql -X -q -v ON_ERROR_STOP=1"

$PSQL -c 'CREATE EXTENSION IF NOT EXISTS emotion_crm'
echo "server: $(psql -X -At -c 'SHOW server_version')    cpu: $(nproc) cores    inserts: $INSERTS    back-fill rows: $ROWS"

$PSQL <<'EOF'
SET client_min_messages = warning;
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM emotion_crm.sources WHERE source::text LIKE '%crm_bench_%') THEN
		PERFORM emotion_crm.untrack(source) FROM emotion_crm.sources WHERE source::text LIKE '%crm_bench_%';
	END IF;
END $$;
DROP TABLE IF EXISTS crm_bench_plain, crm_bench_tracked, crm_bench_backfill;
CREATE TABLE crm_bench_plain (id bigserial PRIMARY KEY, customer_id int NOT NULL,
	at timestamptz NOT NULL DEFAULT now(), body text NOT NULL);
CREATE TABLE crm_bench_tracked (LIKE crm_bench_plain INCLUDING ALL);
ALTER TABLE crm_bench_tracked ALTER id SET DEFAULT nextval(pg_get_serial_sequence('crm_bench_plain', 'id'));
SELECT emotion_crm.track('crm_bench_tracked', 'body', 'customer_id', 'at', channel => 'bench') \gset
EOF

# ~200-byte texts: pick one of four by the row number
cat >"$TMP/texts.sql" <<'EOF'
\set c random(1, 100000)
\set k random(0, 3)
INSERT INTO :tbl (customer_id, body) VALUES (:c, (ARRAY[
 'Hi, I would like to change the billing address on my account to our new office. The invoice for this month should already use it if possible. Our new address is in the attachment. Tom',
 'Thank you so much for the quick fix yesterday, the dashboard works perfectly again and the team is really happy with the new export feature. Great job, keep it up! Best wishes from all of us.',
 'The sync stopped working after the last update and we cannot see yesterday''s orders. Could you please have a look? It is not urgent but we need it before the end of the week. Thanks, Anna',
 'I am a bit disappointed: the report still shows last month and the numbers do not match our invoices. Can someone explain what happened? We rely on these figures for the board meeting.'
])[:k + 1]);
EOF
cat >"$TMP/angry.sql" <<'EOF'
\set c random(1, 100000)
INSERT INTO :tbl (customer_id, body) VALUES (:c, 'This is the third time I am writing and I am still waiting for my refund. Absolutely unacceptable, I am furious. Nobody answers, nobody calls back. Fix this today or I cancel.');
EOF

run()	# run <script> <table>: prints the mean latency in ms
{
	pgbench -n -c 1 -t "$INSERTS" -D tbl="$2" -f "$TMP/$1.sql" 2>/dev/null \
		| sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p'
}

for mix in texts angry; do
	$PSQL -c 'TRUNCATE crm_bench_plain, crm_bench_tracked' -c 'CHECKPOINT'
	# warm up both, then measure alternately twice and keep the best of each
	run $mix crm_bench_plain >/dev/null; run $mix crm_bench_tracked >/dev/null
	p1=$(run $mix crm_bench_plain); t1=$(run $mix crm_bench_tracked)
	p2=$(run $mix crm_bench_plain); t2=$(run $mix crm_bench_tracked)
	awk -v mix="$mix" -v p1="$p1" -v p2="$p2" -v t1="$t1" -v t2="$t2" 'BEGIN {
		p = (p1 < p2) ? p1 : p2; t = (t1 < t2) ? t1 : t2;
		name = (mix == "texts") ? "mixed texts" : "escalating texts";
		printf "insert, %-16s untracked %.3f ms/row (%.0f rows/s)   tracked %.3f ms/row (%.0f rows/s)   ratio %.2f\n",
			name, p, 1000 / p, t, 1000 / t, t / p }'
done

# back-fill
$PSQL -v rows="$ROWS" <<'EOF'
SET client_min_messages = warning;
CREATE TABLE crm_bench_backfill (id bigint PRIMARY KEY, customer_id int NOT NULL,
	at timestamptz NOT NULL, body text NOT NULL);
INSERT INTO crm_bench_backfill
SELECT g, ((g::bigint * 7919) % 100000)::int, now() - (g % 1000) * interval '1 hour',
	   (ARRAY['Hi, I would like to change the billing address on my account to our new office. The invoice for this month should already use it if possible.',
			  'Thank you so much for the quick fix yesterday, the dashboard works perfectly again. Great job, keep it up!',
			  'The sync stopped working after the last update and we cannot see yesterday''s orders. Could you please have a look?',
			  'I am a bit disappointed: the report still shows last month and the numbers do not match our invoices.'])[g % 4 + 1]
FROM generate_series(1, :rows) g;
ANALYZE crm_bench_backfill;
SELECT emotion_crm.track('crm_bench_backfill', 'body', 'customer_id', 'at', channel => 'bench', batch_size => 50000) \gset
EOF
start=$(date +%s.%N)
$PSQL -c "SET client_min_messages = warning" -c "CALL emotion_crm.backfill('crm_bench_backfill')"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$ROWS" 'BEGIN { printf "back-fill: %d rows in %.1f s (%.0f rows/s, batches of 50000)\n", n, e - s, n / (e - s) }'
$PSQL -At -c "SELECT 'side table: ' || pg_size_pretty(pg_total_relation_size(side_table)) || ' for ' || backfilled || ' rows' FROM emotion_crm.sources WHERE source = 'crm_bench_backfill'::regclass"

$PSQL <<'EOF'
SET client_min_messages = warning;
SELECT count(*) AS untracked FROM (SELECT emotion_crm.untrack(source) FROM emotion_crm.sources WHERE source::text LIKE '%crm_bench_%') x \gset
DROP TABLE crm_bench_plain, crm_bench_tracked, crm_bench_backfill;
EOF
