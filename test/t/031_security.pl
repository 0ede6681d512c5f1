# 031_security.pl -- an untrusted role cannot hijack the extension
#
# The database has a writable public schema (the default before PostgreSQL
# 15, and what many old databases still have).  An untrusted role, mallory
# (no superuser), creates impostors named like the extension's objects:
#   * in its own schema, first on its search_path: functions emotion_score,
#     sentiment, customer_text, agent_text, effort_cues, valence,
#     emotion_field, emotion_segment, segment, journey_state, journey_count,
#     recommend, priority; operators =, <>, <->, <@, @>, *, +, -, >=, <= on
#     emotion and on the types the extension's SQL compares; tables named
#     like the settings tables, the views and the side tables;
#   * in public: every impostor that does not clash with an extension object,
#     among them the cross-type operators that win over an implicit cast
#     (float8 * int4, float8 * int8, regclass = regclass, oid = regclass).
# Every impostor writes a row to mallory.hijack and returns NULL.  Then the
# superuser (search_path "$user", public) and mallory (search_path mallory,
# public) use every entry point: inserts and updates on tracked tables
# (trigger, escalation alert path), the views, journey_state, segment,
# emotion_segment, recommend, priority, backfill, backfill_reset.  The test
# asserts that no impostor ever ran and every result equals the one computed
# with a clean search_path.
#
# Also: the settings tables and side tables are writable only by their owner
# (or whom the owner grants), a plain role cannot track/untrack/back-fill or
# create objects in schema emotion_crm, every SECURITY DEFINER function has a
# fixed search_path and no EXECUTE for PUBLIC, and a role that sets its own
# search_path (or makes temporary objects) cannot make the SECURITY DEFINER
# trigger functions run its code.
#
# Needs a non-root user (initdb refuses root): scripts/test.sh takes care of it.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

if ($> == 0)
{
	plan skip_all => 'TAP tests cannot run as root (initdb refuses); use scripts/test.sh';
}

my $node = PostgreSQL::Test::Cluster->new('security');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

sub as_admin { return $node->safe_psql('postgres', $_[0]); }
sub as_mallory
{
	return $node->safe_psql('postgres', $_[0], extra_params => [ '-U', 'mallory' ]);
}
# run as mallory, expect an error; returns the error text
sub mallory_fails
{
	my ($sql) = @_;
	my ($ret, $out, $err) =
	  $node->psql('postgres', $sql, extra_params => [ '-U', 'mallory' ]);
	return $ret == 0 ? "(succeeded)" : $err;
}

# ---------------------------------------------------------------------------
# set-up by the superuser: extension, two tracked tables, roles
# ---------------------------------------------------------------------------
as_admin(q{
GRANT CREATE ON SCHEMA public TO PUBLIC;		-- as before PostgreSQL 15
CREATE EXTENSION emotion_crm;
CREATE ROLE mallory LOGIN;
CREATE ROLE crm_editor LOGIN;
CREATE SCHEMA mallory AUTHORIZATION mallory;
ALTER ROLE mallory SET search_path = mallory, public;
CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO PUBLIC;
CREATE TABLE app.tickets (
	id bigint PRIMARY KEY,
	customer text NOT NULL,
	at timestamptz NOT NULL,
	body text,
	is_open boolean NOT NULL DEFAULT true);
GRANT SELECT, INSERT, UPDATE ON app.tickets TO mallory;
INSERT INTO app.tickets (id, customer, at, body)
SELECT g, 'c' || (g % 5), now() - g * interval '5 hours',
	   (ARRAY['I am still waiting, this is the third time. Terrible!',
			  'Thank you, wonderful support!',
			  E'The invoice is wrong.\n\nOn Mon, Support wrote:\n> great news',
			  'I am worried and confused, nothing works.'])[1 + g % 4]
FROM generate_series(1, 30) g;
SELECT emotion_crm.track('app.tickets', 'body', 'customer', 'at', open_column => 'is_open', batch_size => 7);
CALL emotion_crm.backfill('app.tickets');
CREATE TABLE app.hist (ref int PRIMARY KEY, who text, at timestamptz, msg text);
GRANT SELECT ON app.hist TO mallory;
INSERT INTO app.hist SELECT g, 'c' || (g % 3), now() - g * interval '1 day',
	   CASE WHEN g % 2 = 0 THEN 'Awful, I am furious.' ELSE 'Great, thanks!' END
FROM generate_series(1, 20) g;
SELECT emotion_crm.track('app.hist', 'msg', 'who', 'at', batch_size => 6);
-- every open row takes the trigger's exact-priority (alert) path
UPDATE emotion_crm.escalation_weights SET alert_threshold = 0, min_priority = 0;
});

# ---------------------------------------------------------------------------
# mallory's impostors
# ---------------------------------------------------------------------------
my @funcs = (
	[ 'emotion_score',   'text',                                   'public.emotion' ],
	[ 'sentiment',       'text',                                   'float8' ],
	[ 'customer_text',   'text',                                   'text' ],
	[ 'agent_text',      'text',                                   'text' ],
	[ 'effort_cues',     'text',                                   'int4' ],
	[ 'valence',         'public.emotion',                         'float8' ],
	[ 'emotion_field',   'public.emotion, text',                   'float8' ],
	[ 'emotion_segment', 'public.emotion',                         'text' ],
	[ 'segment',         'text',                                   'public.emotion_segment' ],
	[ 'journey_state',   'public.emotion_journey',                 'text' ],
	[ 'journey_state',   'public.emotion_journey, timestamptz',    'text' ],
	[ 'journey_count',   'public.emotion_journey',                 'int8' ],
	[ 'journey_mood',    'public.emotion_journey',                 'float8' ],
	[ 'recommend',       'public.emotion',                         'text' ],
	[ 'recommend',       'text',                                   'text' ],
	[ 'priority',        'public.emotion, int4, int8, float8',     'float8' ],
	[ 'pg_notify',       'text, text',                             'text' ],
	[ 'power',           'float8, float8',                         'float8' ],
	[ 'date_part',       'text, timestamptz',                      'float8' ],
	[ 'format',          'text, text',                             'text' ],
	[ 'side_table_name', 'regclass',                               'name' ]);
# operators: name, left, right, result; 'public' = also created in public
my @ops = (
	[ '=',   'public.emotion', 'public.emotion',         'bool' ],
	[ '<>',  'public.emotion', 'public.emotion',         'bool' ],
	[ '<->', 'public.emotion', 'public.emotion',         'float8' ],
	[ '<@',  'public.emotion', 'public.emotion_segment', 'bool' ],
	[ '@>',  'public.emotion_segment', 'public.emotion', 'bool' ],
	[ '*',   'float8', 'float8',   'float8' ],
	[ '+',   'float8', 'float8',   'float8' ],
	[ '>=',  'float8', 'float8',   'bool' ],
	[ '<=',  'float8', 'float8',   'bool' ],
	[ '=',   'text',   'text',     'bool' ],
	[ '<>',  'text',   'text',     'bool' ],
	[ '*',   'float8', 'int4',     'float8', 'public' ],
	[ '*',   'float8', 'int8',     'float8', 'public' ],
	[ '=',   'regclass', 'regclass', 'bool', 'public' ],
	[ '=',   'oid',    'regclass', 'bool',   'public' ],
	[ '=',   'name',   'name',     'bool',   'public' ],
	[ '>=',  'int8',   'int4',     'bool',   'public' ],
	[ '-',   undef,    'float8',   'float8' ]);

my $impostors = q{
CREATE TABLE mallory.hijack (what text, who name DEFAULT current_user);
GRANT USAGE ON SCHEMA mallory TO PUBLIC;
GRANT INSERT ON mallory.hijack TO PUBLIC;
};
my $i = 0;
foreach my $f (@funcs)
{
	my ($name, $args, $ret) = @$f;
	$impostors .= qq{CREATE FUNCTION mallory.$name($args) RETURNS $ret LANGUAGE plpgsql AS \$b\$
BEGIN INSERT INTO mallory.hijack (what) VALUES ('$name($args)'); RETURN NULL; END \$b\$;
};
}
# public overloads named like ours with other argument types
$impostors .= q{CREATE FUNCTION public.emotion_score(varchar) RETURNS public.emotion LANGUAGE plpgsql AS $b$
BEGIN INSERT INTO mallory.hijack (what) VALUES ('public.emotion_score(varchar)'); RETURN NULL; END $b$;
CREATE FUNCTION public.sentiment(varchar) RETURNS float8 LANGUAGE plpgsql AS $b$
BEGIN INSERT INTO mallory.hijack (what) VALUES ('public.sentiment(varchar)'); RETURN NULL; END $b$;
};
foreach my $o (@ops)
{
	my ($op, $l, $r, $ret, $pub) = @$o;
	foreach my $schema ('mallory', $pub ? ('public') : ())
	{
		$i++;
		my $fargs = defined $l ? "$l, $r" : $r;
		my $label = "$schema." . ($l // '') . " $op $r";
		# the oid comparisons answer right (a stealthy impostor), the others NULL
		my $result = ($r eq 'regclass') ? '$1::oid OPERATOR(pg_catalog.=) $2::oid' : 'NULL';
		$impostors .= qq{CREATE FUNCTION $schema.op_$i($fargs) RETURNS $ret LANGUAGE plpgsql AS \$b\$
BEGIN INSERT INTO mallory.hijack (what) VALUES ('$label'); RETURN $result; END \$b\$;
CREATE OPERATOR $schema.$op (FUNCTION = $schema.op_$i, } . (defined $l ? "LEFTARG = $l, " : '')
		  . qq{RIGHTARG = $r);
};
	}
}
# tables named like ours, with rows that would show if read
foreach my $t (qw(segments journey_states sources escalation_weights playbook
	interactions customer_state mood_daily segment_sizes escalation_queue scores_app_tickets))
{
	$impostors .= "CREATE TABLE mallory.$t (state text, tone text, action text, handoff bool, name text);\n"
	  . "INSERT INTO mallory.$t VALUES ('hijacked', 'hijacked', 'hijacked', true, 'angry');\n";
}
as_mallory($impostors);
is(as_mallory(q{SELECT count(*) FROM pg_proc WHERE proowner = 'mallory'::regrole}),
	scalar(@funcs) + 2 + $i, 'mallory created every impostor');
# the impostors do fire when called by their own name (the trap works)
as_mallory(q{SELECT mallory.emotion_score('x'); DELETE FROM mallory.hijack;});
is(as_admin('SELECT count(*) FROM mallory.hijack'), '0', 'hijack log is empty before the entry points run');

# ---------------------------------------------------------------------------
# the entry points, by mallory and by the superuser
# ---------------------------------------------------------------------------
# mallory writes through the tracked table: the SECURITY DEFINER trigger
as_mallory(q{
INSERT INTO app.tickets (id, customer, at, body) VALUES
	(101, 'm1', now(), 'This is a disaster, I am furious and still waiting!'),
	(102, 'm1', now() - interval '1 hour', 'Thank you so much, brilliant help.');
UPDATE app.tickets SET body = 'Terrible, the third time I call about this!' WHERE id = 2;
});
# and with a search_path of its own, temp objects and SET LOCAL
as_mallory(q{
SET search_path = mallory, pg_temp, public;
CREATE TEMP TABLE escalation_weights (x int);
CREATE TEMP TABLE interactions (x int);
BEGIN;
SET LOCAL search_path = pg_temp, mallory, public;
INSERT INTO app.tickets (id, customer, at, body) VALUES (103, 'm2', now(), 'Awful awful awful, I want a refund now!');
COMMIT;
-- its own schema even before pg_catalog
SET search_path = mallory, pg_catalog, pg_temp, public;
INSERT INTO app.tickets (id, customer, at, body) VALUES (105, 'm2', now() - interval '2 hours', 'Still waiting, third time, useless.');
});

my @admin_calls = (
	q{INSERT INTO app.tickets (id, customer, at, body) VALUES (201, 'a1', now(), 'I am angry, nothing works, third time!')},
	q{UPDATE app.tickets SET body = 'Never again, horrible.' WHERE id = 3},
	q{SELECT emotion_crm.backfill_reset('app.tickets')});
# emotion_crm.backfill is a procedure (it COMMITs per batch) and so cannot
# carry SET search_path; a bare "=" between two regclass values would pick a
# regclass = regclass operator from a writable schema on the caller's path
# (pg_catalog has only oid = oid), so it must use OPERATOR(pg_catalog.=)
my @admin_backfill = (
	q{CALL emotion_crm.backfill('app.hist')},
	q{CALL emotion_crm.backfill('app.tickets')});

# the read entry points, fully qualified as an application writes them
my $reads = q{
SELECT 'interactions', count(*), string_agg(source || '/' || id || '/' || e::text || '/' || valence, ';' ORDER BY source::text, id)
FROM emotion_crm.interactions
UNION ALL
SELECT 'customer_state', count(*), string_agg(customer || '/' || interactions || '/' || state || '/' || coalesce(segment, '-')
		|| '/' || round(mean_valence::numeric, 6), ';' ORDER BY customer)
FROM emotion_crm.customer_state
UNION ALL
SELECT 'mood_daily', sum(interactions), string_agg(day || '/' || channel || '/' || round(mean_valence::numeric, 6), ';' ORDER BY day, channel)
FROM emotion_crm.mood_daily
UNION ALL
SELECT 'segment_sizes', sum(interactions), string_agg(week || '/' || segment || '/' || interactions, ';' ORDER BY week, segment)
FROM emotion_crm.segment_sizes
UNION ALL
SELECT 'escalation_queue', count(*), string_agg(source || '/' || id || '/' || round(priority::numeric, 3) || '/' || coalesce(tone, '-'), ';' ORDER BY source::text, id)
FROM emotion_crm.escalation_queue
UNION ALL
SELECT 'journey_state', count(*), string_agg(customer || '/' || public.journey_state(j) || '/' || public.journey_state(j, '2030-01-01'), ';' ORDER BY customer)
FROM (SELECT customer, public.emotion_journey(e, at ORDER BY at) AS j FROM emotion_crm.interactions GROUP BY customer) x
UNION ALL
SELECT 'segments', count(*), string_agg(name || '/' || public.segment(name)::text, ';' ORDER BY name)
FROM emotion_crm.segments
UNION ALL
SELECT 'emotion_segment', count(*), string_agg(id || '/' || coalesce(public.emotion_segment(e), '-'), ';' ORDER BY source::text, id)
FROM emotion_crm.interactions
UNION ALL
SELECT 'recommend_e', count(*), string_agg(r.state || '/' || r.tone || '/' || r.handoff, ';' ORDER BY i.source::text, i.id)
FROM emotion_crm.interactions i, emotion_crm.recommend(i.e) r
UNION ALL
SELECT 'recommend_c', count(*), string_agg(c || '/' || r.state || '/' || r.action, ';' ORDER BY c)
FROM (SELECT DISTINCT customer AS c FROM emotion_crm.interactions) x, emotion_crm.recommend(x.c) r
UNION ALL
SELECT 'priority', count(*), string_agg(round(emotion_crm.priority(e, cues, 2, 1.5)::numeric, 6)::text, ';' ORDER BY source::text, id)
FROM emotion_crm.interactions
UNION ALL
SELECT 'scoring', 1, public.emotion_score('I am furious, this is the third time!')::text || '/'
	|| public.sentiment('Thank you, wonderful!') || '/' || emotion_crm.customer_text(E'Bad.\n\nOn Mon, X wrote:\n> good')
	|| '/' || emotion_crm.effort_cues('still waiting, third time')
ORDER BY 1;
};

foreach my $sql (@admin_calls)
{
	my ($ret, $out, $err) = $node->psql('postgres', $sql);
	is($ret, 0, "superuser (search_path \"\$user\", public): $sql") or diag($err);
}
foreach my $sql (@admin_backfill)
{
	my ($ret, $out, $err) = $node->psql('postgres', $sql);
	is($ret, 0, "superuser (search_path \"\$user\", public): $sql") or diag($err);
}
is(as_admin(q{SELECT count(*) FROM mallory.hijack WHERE what = 'public.regclass = regclass'}), '0',
	'backfill ran no impostor');
# whatever happened above, finish the back-fills with a clean path
as_admin(q{SET search_path = pg_catalog;
CALL emotion_crm.backfill('app.hist'); CALL emotion_crm.backfill('app.tickets');});
is(as_admin(q{SELECT string_agg(backfill_done::text, ',') FROM emotion_crm.sources}), 'true,true',
	'both sources back-filled');

my $mallory_reads = as_mallory($reads);
my $admin_reads = as_admin($reads);
is(as_admin(q{SELECT coalesce(string_agg(DISTINCT what || ' by ' || who, '; '), '') FROM mallory.hijack
			  WHERE what <> 'public.regclass = regclass'}),
	'', 'no impostor ran during the trigger, view, journey, segment, recommend, priority and scoring calls');

# the same reads with a clean search_path, after clearing the log
my $clean_reads = as_admin("SET search_path = pg_catalog; $reads");
is($admin_reads, $clean_reads, 'superuser: every read entry point gives the clean-path answer');
is($mallory_reads, $clean_reads, 'mallory: every read entry point gives the clean-path answer');
like($clean_reads, qr/^customer_state\|8\|a1\/\d+\/\w+\/\w+\/-?\d/m, 'the reads return real rows');
like($clean_reads, qr/^interactions\|55\|/m, 'interactions: 30 + 4 + 1 tickets and 20 back-filled hist rows');

# every score row equals the scorer run with a clean path, whoever wrote it
my $score_check = q{
SET search_path = pg_catalog;
SELECT count(*) FROM app.tickets t JOIN emotion_crm.scores_app_tickets s ON s.id = t.id
WHERE s.e::text IS DISTINCT FROM public.emotion_score(emotion_crm.customer_text(coalesce(t.body, '')))::text
   OR s.cues IS DISTINCT FROM emotion_crm.effort_cues(emotion_crm.customer_text(coalesce(t.body, '')))
UNION ALL
SELECT count(*) FROM app.tickets t WHERE NOT EXISTS (SELECT 1 FROM emotion_crm.scores_app_tickets s WHERE s.id = t.id)
UNION ALL
SELECT count(*) FROM app.hist h JOIN emotion_crm.scores_app_hist s ON s.id = h.ref
WHERE s.e::text IS DISTINCT FROM public.emotion_score(emotion_crm.customer_text(coalesce(h.msg, '')))::text
UNION ALL
SELECT count(*) FROM app.hist h WHERE NOT EXISTS (SELECT 1 FROM emotion_crm.scores_app_hist s WHERE s.id = h.ref)};
is(as_admin($score_check), "0\n0\n0\n0",
	'every source row has its score and it equals emotion_score recomputed (tickets written by mallory too)');

# ---------------------------------------------------------------------------
# settings and side tables: writable only by their owner (or whom it grants)
# ---------------------------------------------------------------------------
my %writes = (
	'emotion_crm.segments' => [
		q{INSERT INTO emotion_crm.segments (name, segment) VALUES ('x', '[valence 0..]')},
		q{UPDATE emotion_crm.segments SET enabled = false},
		q{DELETE FROM emotion_crm.segments} ],
	'emotion_crm.journey_states' => [
		q{INSERT INTO emotion_crm.journey_states (priority, state) VALUES (1, 'x')},
		q{UPDATE emotion_crm.journey_states SET state = 'x'},
		q{DELETE FROM emotion_crm.journey_states} ],
	'emotion_crm.sources' => [
		q{UPDATE emotion_crm.sources SET row_filter = 'true'},
		q{DELETE FROM emotion_crm.sources} ],
	'emotion_crm.escalation_weights' => [
		q{UPDATE emotion_crm.escalation_weights SET anger = 0},
		q{INSERT INTO emotion_crm.escalation_weights DEFAULT VALUES} ],
	'emotion_crm.playbook' => [
		q{INSERT INTO emotion_crm.playbook VALUES ('x', 'x', 'x', true)},
		q{UPDATE emotion_crm.playbook SET action = 'x'},
		q{DELETE FROM emotion_crm.playbook} ],
	'emotion_crm.scores_app_tickets' => [
		q{UPDATE emotion_crm.scores_app_tickets SET cues = 0},
		q{DELETE FROM emotion_crm.scores_app_tickets} ]);
foreach my $t (sort keys %writes)
{
	foreach my $sql (@{ $writes{$t} })
	{
		like(mallory_fails($sql), qr/permission denied for table/, "plain role: $sql: permission denied");
	}
	like(mallory_fails("TRUNCATE $t"), qr/permission denied for table/, "plain role: TRUNCATE $t: permission denied");
}
like(mallory_fails(q{CREATE TABLE emotion_crm.x (a int)}), qr/permission denied for schema emotion_crm/,
	'plain role: cannot create objects in schema emotion_crm');
like(mallory_fails(q{CREATE TABLE mallory.own (id int PRIMARY KEY, c text, at timestamptz, b text);
	SELECT emotion_crm.track('mallory.own', 'b', 'c', 'at')}), qr/permission denied/,
	'plain role: track() is denied');
like(mallory_fails(q{SELECT emotion_crm.untrack('app.tickets')}), qr/permission denied/,
	'plain role: untrack() is denied');
like(mallory_fails(q{CALL emotion_crm.backfill('app.tickets')}), qr/permission denied/,
	'plain role: backfill is denied');
like(mallory_fails(q{SELECT emotion_crm.backfill_reset('app.tickets')}), qr/permission denied/,
	'plain role: backfill_reset() is denied');
like(mallory_fails(q{SELECT emotion_crm.rebuild_views()}), qr/permission denied for function/,
	'plain role: rebuild_views() is denied');

# the owner may delegate: a role granted UPDATE on the playbook edits it
as_admin(q{GRANT UPDATE ON emotion_crm.playbook TO crm_editor});
$node->safe_psql('postgres', q{UPDATE emotion_crm.playbook SET tone = 'very calm' WHERE state = 'angry'},
	extra_params => [ '-U', 'crm_editor' ]);
is(as_admin(q{SELECT tone FROM emotion_crm.playbook WHERE state = 'angry'}), 'very calm',
	'a role granted UPDATE by the owner can edit the playbook');
is(as_admin(q{UPDATE emotion_crm.segments SET description = 'edited' WHERE name = 'angry' RETURNING description}),
	'edited', 'the superuser can edit the settings tables');

# ---------------------------------------------------------------------------
# SECURITY DEFINER functions: fixed search_path, no EXECUTE for PUBLIC
# ---------------------------------------------------------------------------
my $secdef = as_admin(q{
SELECT string_agg(p.oid::regprocedure || ' ' || coalesce(array_to_string(p.proconfig, ','), '(none)')
				  || ' ' || coalesce(p.proacl::text, '(default)'), E'\n' ORDER BY 1)
FROM pg_proc p
WHERE p.prosecdef AND p.pronamespace IN ('emotion_crm'::regnamespace, 'public'::regnamespace)});
my @secdef = split /\n/, $secdef;
is(scalar(@secdef), 3, 'three SECURITY DEFINER functions (one trigger function per tracked table, and the escalation_weights trigger that rewrites the escalation keys)');
foreach my $line (@secdef)
{
	like($line, qr/ search_path=pg_catalog, pg_temp /, "fixed search_path: $line");
	unlike($line, qr/(^|[{,])=X/, "no EXECUTE for PUBLIC: $line");
}
like(mallory_fails(q{SELECT emotion_crm.trigger_app_tickets()}), qr/permission denied for function/,
	'plain role: cannot call a trigger function directly');

# the trigger ran mallory's inserts with the fixed path and its owner's
# rights: the score rows exist and the alert path ran (NOTIFY needs no
# impostor): a LISTEN in the same session sees the alert
my ($ret, $out, $err) = $node->psql('postgres', q{
LISTEN emotion_crm_escalation;
INSERT INTO app.tickets (id, customer, at, body) VALUES (104, 'm3', now(), 'Furious, useless, third time I write!');
SELECT 1;}, extra_params => [ '-U', 'mallory' ]);
is($ret, 0, 'mallory: insert with LISTEN works');
like($out, qr/Asynchronous notification "emotion_crm_escalation" with payload "\{.*"customer" : "m3"/,
	'the trigger\'s alert path ran and sent its NOTIFY');
is(as_admin(q{SELECT count(*) FROM mallory.hijack WHERE what !~ 'regclass = regclass'}), '0',
	'still no impostor ran');
is(as_admin(q{SELECT count(*) FROM emotion_crm.scores_app_tickets WHERE id = 104}), '1',
	'mallory\'s insert was scored');

# a table owned by mallory whose text column has mallory's own type, with a
# cast to text that mallory wrote: when the superuser tracks it, the
# SECURITY DEFINER trigger (owned by the superuser) must not run that cast
as_mallory(q{
CREATE TYPE mallory.msg AS (t text);
CREATE TABLE mallory.casts (who name, super bool);
GRANT INSERT ON mallory.casts TO PUBLIC;
CREATE FUNCTION mallory.msg_text(mallory.msg) RETURNS text LANGUAGE plpgsql AS $b$
BEGIN
	INSERT INTO mallory.casts SELECT current_user, r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user;
	RETURN $1.t;
END $b$;
CREATE CAST (mallory.msg AS text) WITH FUNCTION mallory.msg_text(mallory.msg);
CREATE TABLE mallory.tix (id int PRIMARY KEY, customer text, at timestamptz, body mallory.msg);
});
($ret, $out, $err) = $node->psql('postgres',
	q{SET search_path = pg_catalog; SELECT emotion_crm.track('mallory.tix', 'body', 'customer', 'at')});
isnt($ret, 0, 'track() refuses a column whose type is not built in');
like($err, qr/has a type that is not built in/, 'track() says why it refused');
as_mallory(q{INSERT INTO mallory.tix VALUES (1, 'x', now(), ROW('Terrible, I am furious!'))});
is(as_admin(q{SELECT count(*) FROM mallory.casts WHERE super}), '0',
	'no user cast ran as superuser');

$node->stop;
done_testing();
