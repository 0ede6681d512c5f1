# 030_faults.pl -- the server killed with SIGKILL at the worst moments
#
#  1. tracked inserts: three sessions insert into a tracked table (five rows
#     per transaction) when the server is killed.  After crash recovery every
#     committed source row has exactly one score row, no score row is left
#     without its source row, no transaction is half there, the scores equal
#     emotion_score recomputed, the views work and the trigger still fires.
#  2. back-fill: CALL emotion_crm.backfill() (one COMMIT per batch) is killed
#     mid-way.  The recorded progress matches the committed batches exactly;
#     calling it again resumes and completes; the result equals a fresh full
#     scoring.
#  3. index builds: CREATE INDEX (GiST on emotion) and REINDEX CONCURRENTLY
#     killed mid-build.  No half-built index is ever valid: the plain build
#     leaves nothing, the concurrent one leaves an index that pg_index marks
#     invalid and that can be dropped; the rebuilt index returns what a
#     sequential scan returns.
#
# Needs a non-root user (initdb refuses root): scripts/test.sh takes care of it.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use IPC::Run;
use Test::More;
use Time::HiRes qw(usleep);

if ($> == 0)
{
	plan skip_all => 'TAP tests cannot run as root (initdb refuses); use scripts/test.sh';
}

my $node = PostgreSQL::Test::Cluster->new('faults');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->append_conf('postgresql.conf', "max_connections = 20\nautovacuum = off\n");
$node->start;

# SIGKILL the postmaster and every server process at once (a backend busy in
# a loop would otherwise go on running without its postmaster), wait until
# all are gone, reap the clients, restart (crash recovery)
sub crash_and_restart
{
	my (@clients) = @_;
	my @server_pids = split /\n/,
	  $node->safe_psql('postgres', 'SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()');
	push @server_pids, $node->{_pid};
	$node->kill9;
	kill 'KILL', @server_pids;
	foreach my $pid (@server_pids)
	{
		my $tries = 0;
		usleep(100_000) while (kill(0, $pid) && $tries++ < 300);
	}
	foreach my $h (@clients)
	{
		eval { $h->finish; };
	}
	$node->start;
	return;
}

sub bg_psql
{
	my ($sql) = @_;
	my ($out, $err) = ('', '');
	return IPC::Run::start(
		[ 'psql', '-X', '-q', '-d', $node->connstr('postgres'), '-c', $sql ],
		'>', \$out, '2>', \$err);
}

$node->safe_psql('postgres', q{
CREATE EXTENSION emotion_crm;
CREATE SCHEMA app;
-- texts that exercise the scorer and the e-mail preprocessing
CREATE FUNCTION app.body(i bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT (ARRAY['I am still waiting, this is the third time. Terrible service!',
				  'Thank you, wonderful support, you saved my day.',
				  E'The invoice is wrong and I am worried.\n\nOn Mon, Support wrote:\n> great news',
				  'ok',
				  'Not bad at all, but the app keeps crashing and I am furious.',
				  E'Customer: where is my refund?\nAgent: Awesome, glad to help!'])[1 + i % 6]
		   || ' #' || i
$$;
});

# ---------------------------------------------------------------------------
# 1. kill -9 during tracked inserts
# ---------------------------------------------------------------------------
$node->safe_psql('postgres', q{
CREATE TABLE app.msgs (
	id bigserial PRIMARY KEY,
	worker int NOT NULL,
	txn int NOT NULL,
	customer text NOT NULL,
	at timestamptz NOT NULL,
	body text);
SELECT emotion_crm.track('app.msgs', 'body', 'customer', 'at', channel => 'msg');
-- many small transactions of five rows each, so the crash lands between and
-- inside commits
CREATE PROCEDURE app.ins(w int) LANGUAGE plpgsql AS $$
BEGIN
	FOR t IN 1 .. 1000000 LOOP
		INSERT INTO app.msgs (worker, txn, customer, at, body)
		SELECT w, t, 'c' || ((w * 7 + t + g) % 40), now() - ((t + g) % 500) * interval '1 hour',
			   app.body(w * 1000003 + t * 5 + g)
		FROM generate_series(1, 5) g;
		COMMIT;
	END LOOP;
END $$;
CHECKPOINT;
});

my @writers = map { bg_psql("CALL app.ins($_)") } (1 .. 3);
$node->poll_query_until('postgres', 'SELECT count(*) >= 6000 FROM app.msgs')
  or die 'writers made no progress';
crash_and_restart(@writers);

my $side = 'emotion_crm.scores_app_msgs';
my $n = $node->safe_psql('postgres', 'SELECT count(*) FROM app.msgs');
cmp_ok($n, '>=', 6000, "inserts: rows committed before the crash survived ($n)");
is($node->safe_psql('postgres', 'SELECT count(DISTINCT worker) FROM app.msgs'),
	'3', 'inserts: all three writers had committed rows');
is($node->safe_psql('postgres',
		'SELECT count(*) FROM (SELECT worker, txn FROM app.msgs GROUP BY 1, 2 HAVING count(*) <> 5) x'),
	'0', 'inserts: no transaction is half there');
is($node->safe_psql('postgres', "SELECT count(*) FROM app.msgs m WHERE NOT EXISTS (SELECT 1 FROM $side s WHERE s.id = m.id)"),
	'0', 'inserts: every committed source row has a score row');
is($node->safe_psql('postgres', "SELECT count(*) FROM $side s WHERE NOT EXISTS (SELECT 1 FROM app.msgs m WHERE m.id = s.id)"),
	'0', 'inserts: no score row without its source row');
is($node->safe_psql('postgres', "SELECT count(*) - count(DISTINCT id) FROM $side"),
	'0', 'inserts: exactly one score row per source row');

# the scores equal the scorer run again now, on the same text
my $mismatch = qq{
SELECT count(*) FROM app.msgs m JOIN %s s ON s.id = m.id
WHERE s.e::text IS DISTINCT FROM emotion_score(emotion_crm.customer_text(coalesce(m.body, '')))::text
   OR s.agent_e::text IS DISTINCT FROM
	  (CASE WHEN emotion_crm.agent_text(coalesce(m.body, '')) <> ''
			THEN emotion_score(emotion_crm.agent_text(coalesce(m.body, ''))) END)::text
   OR s.cues IS DISTINCT FROM emotion_crm.effort_cues(emotion_crm.customer_text(coalesce(m.body, '')))
   OR s.customer IS DISTINCT FROM m.customer OR s.at IS DISTINCT FROM m.at};
is($node->safe_psql('postgres', sprintf($mismatch, $side)), '0',
	'inserts: every score equals emotion_score recomputed');

# the views over the recovered tables
is($node->safe_psql('postgres', 'SELECT count(*) FROM emotion_crm.interactions'), $n,
	'inserts: interactions view has every row');
is($node->safe_psql('postgres', 'SELECT count(*) FROM emotion_crm.customer_state'),
	$node->safe_psql('postgres', 'SELECT count(DISTINCT customer) FROM app.msgs'),
	'inserts: customer_state has one row per customer');
is($node->safe_psql('postgres', 'SELECT sum(interactions) FROM emotion_crm.mood_daily'), $n,
	'inserts: mood_daily counts every row');
is($node->safe_psql('postgres', 'SELECT sum(interactions) FROM emotion_crm.segment_sizes'), $n,
	'inserts: segment_sizes counts every row');
is($node->safe_psql('postgres',
		'SELECT count(*) = count(priority) FROM emotion_crm.escalation_queue'),
	't', 'inserts: escalation_queue works');

# the trigger still fires after recovery
$node->safe_psql('postgres', q{
INSERT INTO app.msgs (worker, txn, customer, at, body) VALUES (9, 1, 'after', now(), 'Terrible, I am furious!');
UPDATE app.msgs SET body = 'Thank you, great!' WHERE id = (SELECT min(id) FROM app.msgs);
DELETE FROM app.msgs WHERE id = (SELECT min(id) + 1 FROM app.msgs);
});
is($node->safe_psql('postgres', sprintf($mismatch, $side)), '0',
	'inserts: insert/update after recovery keep the scores exact');
is($node->safe_psql('postgres', "SELECT (SELECT count(*) FROM $side) - (SELECT count(*) FROM app.msgs)"),
	'0', 'inserts: delete after recovery removes the score row');

# ---------------------------------------------------------------------------
# 2. kill -9 during back-fill
# ---------------------------------------------------------------------------
my $rows = 100000;
$node->safe_psql('postgres', qq{
CREATE TABLE app.hist (
	ref int PRIMARY KEY,
	customer text NOT NULL,
	at timestamptz NOT NULL,
	body text);
INSERT INTO app.hist SELECT g, 'h' || (g % 97), now() - g * interval '1 minute', app.body(g)
FROM generate_series(1, $rows) g;
SELECT emotion_crm.track('app.hist', 'body', 'customer', 'at', batch_size => 50);
CHECKPOINT;
});
my $hside = 'emotion_crm.scores_app_hist';
my $bf = bg_psql(q{CALL emotion_crm.backfill('app.hist')});
$node->poll_query_until('postgres',
	q{SELECT backfilled >= 5000 FROM emotion_crm.sources WHERE source = 'app.hist'::regclass}, 't')
  or die 'back-fill made no progress';
crash_and_restart($bf);

my ($done, $after, $filled) = split /\|/, $node->safe_psql('postgres',
	q{SELECT backfill_done, backfill_after, backfilled FROM emotion_crm.sources WHERE source = 'app.hist'::regclass});
is($done, 'f', "back-fill: killed mid-way ($filled of $rows rows recorded)");
cmp_ok($filled, '<', $rows, 'back-fill: the crash left rows to do');
is($filled % 50, 0, 'back-fill: whole batches of 50 recorded');
is($node->safe_psql('postgres', "SELECT count(*) || '|' || coalesce(max(id), 0) FROM $hside"),
	"$filled|$after", 'back-fill: the side table holds exactly the recorded batches');
is($node->safe_psql('postgres', "SELECT count(*) FROM app.hist WHERE ref <= $after"), $filled,
	'back-fill: every source row up to the recorded id is scored');

my ($ret, $stdout, $stderr) = $node->psql('postgres', q{CALL emotion_crm.backfill('app.hist')});
is($ret, 0, 'back-fill: calling it again completes');
my ($first) = $stderr =~ /batch 1: \d+ rows read, \d+ scored, ids up to (\d+)/;
is($first, $after + 50, 'back-fill: it resumes with the first batch after the recorded one');
is($node->safe_psql('postgres',
		q{SELECT backfill_done || '|' || backfilled FROM emotion_crm.sources WHERE source = 'app.hist'::regclass}),
	"true|$rows", 'back-fill: done, every row counted once');

# a fresh full scoring of the same rows, by the same query the back-fill runs
$node->safe_psql('postgres', qq{
CREATE TABLE app.fresh AS SELECT * FROM $hside LIMIT 0;
DO \$\$
DECLARE q text;
BEGIN
	SELECT emotion_crm.score_select(s, 'app.hist', '') INTO q FROM emotion_crm.sources s
	WHERE s.source = 'app.hist'::regclass;
	EXECUTE 'INSERT INTO app.fresh ' || q;
END \$\$;
});
is($node->safe_psql('postgres', qq{
SELECT count(*) FROM app.fresh f FULL JOIN $hside s ON s.id = f.id
WHERE s.id IS NULL OR f.id IS NULL
   OR (s.customer, s.at, s.channel, s.e::text, s.agent_e::text, s.cues, s.preprocessed)
	  IS DISTINCT FROM (f.customer, f.at, f.channel, f.e::text, f.agent_e::text, f.cues, f.preprocessed)}),
	'0', 'back-fill: the resumed result equals a fresh full scoring');
is($node->safe_psql('postgres', sprintf(
		$mismatch =~ s/app\.msgs/app.hist/gr =~ s/m\.id/m.ref/gr, $hside)),
	'0', 'back-fill: every score equals emotion_score recomputed');

# ---------------------------------------------------------------------------
# 3. kill -9 during CREATE INDEX and REINDEX CONCURRENTLY
# ---------------------------------------------------------------------------
$node->safe_psql('postgres', qq{
CREATE TABLE app.ix AS SELECT id, e FROM $hside UNION ALL SELECT -id, e FROM emotion_crm.scores_app_msgs;
INSERT INTO app.ix SELECT id + 1000000, e FROM app.ix;
INSERT INTO app.ix SELECT id + 10000000, e FROM app.ix;
CREATE TABLE app.q (qid int, seg emotion_segment);
INSERT INTO app.q SELECT row_number() OVER (ORDER BY name), segment FROM emotion_crm.segments;
CREATE TABLE app.p AS SELECT row_number() OVER (ORDER BY id) AS pid, e AS pt FROM $hside WHERE id % 9973 = 0;
ANALYZE app.ix;
CHECKPOINT;
});

my $answers = q{
SELECT 's' || q.qid || ':' || count(t.id) || ':' || coalesce(sum(t.id), 0)
  FROM app.q LEFT JOIN app.ix t ON t.e <@ q.seg GROUP BY q.qid
UNION ALL
SELECT 'k' || p.pid || ':' || string_agg(round((k.d)::numeric, 12)::text, ',' ORDER BY k.d)
  FROM app.p, LATERAL (SELECT t.e <-> p.pt AS d FROM app.ix t ORDER BY t.e <-> p.pt LIMIT 10) k
 GROUP BY p.pid
ORDER BY 1;
};

sub compare_scans
{
	my ($label) = @_;
	my $plan = $node->safe_psql('postgres',
		"SET enable_seqscan = off; EXPLAIN (COSTS OFF) SELECT count(*) FROM app.ix WHERE e <@ '[valence ..-0.5]'");
	like($plan, qr/ix_e/, "$label: the index is used");
	my $idx = $node->safe_psql('postgres', "SET enable_seqscan = off; $answers");
	my $seq = $node->safe_psql('postgres',
		"SET enable_indexscan = off; SET enable_bitmapscan = off; $answers");
	cmp_ok(scalar(split /\n/, $idx), '>', 10, "$label: answers to compare");
	is($idx, $seq, "$label: index scan returns what a sequential scan returns");
	return;
}

# wait until a backend reports the build phase of an index build
sub wait_building
{
	my ($what) = @_;
	$node->poll_query_until('postgres', qq{
		SELECT count(*) > 0 FROM pg_stat_progress_create_index
		WHERE relid = 'app.ix'::regclass AND command = '$what' AND phase LIKE 'building index%'})
	  or die "$what never reached its build phase";
	return;
}

# plain CREATE INDEX: the build is one transaction, nothing survives
my $ci = bg_psql('CREATE INDEX ix_e ON app.ix USING gist (e)');
wait_building('CREATE INDEX');
crash_and_restart($ci);
is($node->safe_psql('postgres',
		q{SELECT count(*) FROM pg_class WHERE relname LIKE 'ix_e%'}),
	'0', 'CREATE INDEX: a build killed mid-way leaves no index at all');
is($node->safe_psql('postgres',
		q{SELECT count(*) FROM pg_index WHERE indrelid = 'app.ix'::regclass}),
	'0', 'CREATE INDEX: pg_index has no entry for the table');
$node->safe_psql('postgres', 'CREATE INDEX ix_e ON app.ix USING gist (e)');
compare_scans('CREATE INDEX rebuilt after crash');

# REINDEX CONCURRENTLY: the new index is committed (invalid) before its build
my $rc = bg_psql('REINDEX INDEX CONCURRENTLY app.ix_e');
wait_building('REINDEX CONCURRENTLY');
crash_and_restart($rc);
my $idx_state = $node->safe_psql('postgres', q{
SELECT string_agg(c.relname || ':' || i.indisvalid, ',' ORDER BY c.relname)
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = 'app.ix'::regclass});
# (killed in the build phase the leftover is ix_e_ccnew; ix_e_ccold would
# mean the kill came after the swap: still one valid index and one invalid)
like($idx_state, qr/^ix_e:true,ix_e_cc(new|old):false$/,
	"REINDEX CONCURRENTLY: the half-built index is reported invalid, the old one valid ($idx_state)");
my ($leftover) = $idx_state =~ /(ix_e_cc\w+)/;
compare_scans('REINDEX CONCURRENTLY killed: the valid index');
$node->safe_psql('postgres', "DROP INDEX app.$leftover");
$node->safe_psql('postgres', 'REINDEX INDEX CONCURRENTLY app.ix_e');
is($node->safe_psql('postgres', q{
SELECT string_agg(c.relname || ':' || i.indisvalid, ',')
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = 'app.ix'::regclass}),
	'ix_e:true', 'REINDEX CONCURRENTLY: the invalid index dropped, a rebuild leaves one valid index');
compare_scans('REINDEX CONCURRENTLY rebuilt after crash');

$node->stop;
done_testing();
