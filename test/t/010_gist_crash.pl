# GiST index on emotion survives a crash: concurrent inserts into an indexed
# table, the server killed with SIGKILL mid-way, restart; the index must then
# return exactly what a sequential scan returns, and VACUUM and
# REINDEX CONCURRENTLY must work on it.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use IPC::Run;
use Test::More;

if ($> == 0)
{
	plan skip_all => 'TAP tests cannot run as root (initdb refuses); use scripts/test.sh';
}
use Time::HiRes qw(usleep);

my $node = PostgreSQL::Test::Cluster->new('gist_crash');
$node->init;
$node->append_conf('postgresql.conf', "max_connections = 20\nautovacuum = off\n");
$node->start;

$node->safe_psql('postgres', q{
CREATE EXTENSION emotion_crm;
CREATE TABLE ix (id bigserial PRIMARY KEY, worker int, e emotion);
CREATE INDEX ix_e ON ix USING gist (e);
CREATE FUNCTION rnd_emotion() RETURNS emotion LANGUAGE sql VOLATILE AS $$
	SELECT format('(valence=%s, arousal=%s, joy=%s, trust=%s, fear=%s, surprise=%s, sadness=%s, disgust=%s, anger=%s, anticipation=%s, evidence=%s)',
		round((random() * 2 - 1)::numeric, 3), round(random()::numeric, 3),
		round(power(random(), 3)::numeric, 2), round(power(random(), 3)::numeric, 2),
		round(power(random(), 3)::numeric, 2), round(power(random(), 3)::numeric, 2),
		round(power(random(), 3)::numeric, 2), round(power(random(), 3)::numeric, 2),
		round(power(random(), 3)::numeric, 2), round(power(random(), 3)::numeric, 2),
		round((random() * 4)::numeric, 1))::emotion
$$;
-- many small transactions, so the crash lands between and inside commits
CREATE PROCEDURE ins(w int) LANGUAGE plpgsql AS $$
BEGIN
	PERFORM setseed(w / 10.0);
	FOR i IN 1 .. 100000 LOOP
		INSERT INTO ix (worker, e) SELECT w, rnd_emotion() FROM generate_series(1, 20);
		COMMIT;
	END LOOP;
END $$;
CREATE TABLE q (qid int, seg emotion_segment);
INSERT INTO q SELECT row_number() OVER (ORDER BY name), segment FROM emotion_crm.segments;
INSERT INTO q SELECT 100 + i, format('[valence %s.., anger %s.., fear ..%s]',
		round((random() * 2 - 1)::numeric, 2), round(random()::numeric / 2, 2),
		round(0.5 + random()::numeric / 2, 2))::emotion_segment
	FROM generate_series(1, 20) i;
CREATE TABLE p (pid int, pt emotion);
INSERT INTO p SELECT i, rnd_emotion() FROM generate_series(1, 10) i;
CHECKPOINT;
});

# four concurrent writers
my @writers;
foreach my $w (1 .. 4)
{
	my ($out, $err) = ('', '');
	my $h = IPC::Run::start(
		[ 'psql', '-X', '-q', '-d', $node->connstr('postgres'), '-c', "CALL ins($w)" ],
		'>', \$out, '2>', \$err);
	push @writers, $h;
}

# let them write a while (WAL holds index inserts and page splits), then crash
$node->poll_query_until('postgres', 'SELECT count(*) >= 30000 FROM ix')
  or die 'writers made no progress';
# SIGKILL the postmaster and every server process at once (backends busy in
# a loop would otherwise go on running without their postmaster)
my @server_pids = split /\n/,
  $node->safe_psql('postgres', 'SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()');
push @server_pids, $node->{_pid};
$node->kill9;
kill 'KILL', @server_pids;
# wait until they are all gone, or the new postmaster finds the old lock
foreach my $pid (@server_pids)
{
	my $tries = 0;
	while (kill(0, $pid) && $tries++ < 300)
	{
		usleep(100_000);
	}
}
foreach my $h (@writers)
{
	eval { $h->finish; };
}
$node->start;

my $rows = $node->safe_psql('postgres', 'SELECT count(*) FROM ix');
cmp_ok($rows, '>=', 30000, "rows committed before the crash survived ($rows)");
is($node->safe_psql('postgres', q{SELECT count(DISTINCT worker) FROM ix}),
	'4', 'all four writers had committed rows');

# the same answers with the index only and with a sequential scan only
my $answers = q{
SELECT 's' || q.qid || ':' || count(t.id) || ':' || coalesce(sum(t.id), 0)
  FROM q LEFT JOIN ix t ON t.e <@ q.seg GROUP BY q.qid
UNION ALL
SELECT 'k' || p.pid || ':' || string_agg(round((k.d)::numeric, 12)::text, ',' ORDER BY k.d)
  FROM p, LATERAL (SELECT t.e <-> p.pt AS d FROM ix t ORDER BY t.e <-> p.pt LIMIT 10) k
 GROUP BY p.pid
UNION ALL
SELECT 'e' || count(*) FROM ix a WHERE a.e = (SELECT e FROM ix WHERE id = (SELECT min(id) + 7 FROM ix))
ORDER BY 1;
};

sub compare_scans
{
	my ($label) = @_;
	my $idx = $node->safe_psql('postgres',
		"SET enable_seqscan = off; $answers");
	my $seq = $node->safe_psql('postgres',
		"SET enable_indexscan = off; SET enable_bitmapscan = off; $answers");
	my $plan = $node->safe_psql('postgres',
		"SET enable_seqscan = off; EXPLAIN (COSTS OFF) SELECT count(*) FROM ix WHERE e <@ '[valence ..-0.5]'");
	like($plan, qr/ix_e/, "$label: the index is used");
	my @lines = split /\n/, $idx;
	cmp_ok(scalar(@lines), '>', 30, "$label: answers to compare");
	is($idx, $seq, "$label: index scan returns what a sequential scan returns");
}

compare_scans('after crash recovery');

# more writes after the restart, deletes, VACUUM
$node->safe_psql('postgres', q{
INSERT INTO ix (worker, e) SELECT 9, rnd_emotion() FROM generate_series(1, 5000);
DELETE FROM ix WHERE id % 4 = 0;
});
$node->safe_psql('postgres', 'VACUUM (VERBOSE) ix');
compare_scans('after VACUUM');

# REINDEX CONCURRENTLY while another session inserts
my ($out, $err) = ('', '');
my $bg = IPC::Run::start(
	[ 'psql', '-X', '-q', '-d', $node->connstr('postgres'), '-c',
	  q{DO $$ BEGIN FOR i IN 1 .. 200 LOOP INSERT INTO ix (worker, e) SELECT 10, rnd_emotion() FROM generate_series(1, 10); COMMIT; END LOOP; END $$} ],
	'>', \$out, '2>', \$err);
$node->safe_psql('postgres', 'REINDEX INDEX CONCURRENTLY ix_e');
$bg->finish;
is($node->safe_psql('postgres',
		q{SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = 'ix_e'::regclass}),
	't', 'REINDEX CONCURRENTLY left a valid index');
compare_scans('after REINDEX CONCURRENTLY');

$node->stop;
done_testing();
