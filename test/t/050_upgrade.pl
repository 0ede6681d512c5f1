# 050_upgrade.pl -- ALTER EXTENSION emotion_crm UPDATE from every earlier
# release gives the same database as a fresh install of this version
#
# For each earlier version V with an install script among the installed
# scripts (the frozen sql/releases/ copies):
#   * database upg_V installs V and uses every feature that keeps state:
#     tracked tables (back-filled, trigger-kept, a row filter, a text open
#     column), edited escalation weights, playbook, journey rules and
#     segments, a user segment, a user lexicon, stored emotion,
#     emotion_segment and emotion_journey columns, GiST and btree indexes on
#     emotion; then ALTER EXTENSION emotion_crm UPDATE;
#   * database fresh_V installs the current version with the same actions;
#   * (a) catalogs: a description of every object (extension members,
#     their dependencies, initial privileges, comments, functions with every
#     attribute, aggregates, types, operators, operator classes and
#     families, casts, relations, columns, defaults, constraints, indexes,
#     triggers, policies, views, rules, sequences; the objects track()
#     generated included) and pg_dump --schema-only --binary-upgrade (which
#     lists the members one by one) are identical, before and after more
#     work in both databases;
#   * (b) behaviour: scoring, explain, journeys, segments, index scans, the
#     CRM views, lexicons, learning and triggers give identical results;
#   * (c) user data: every row of every table in the settings schema and the
#     application schema is unchanged by the upgrade (scores and timestamps
#     included).
# Also: every C function any installed script declares exists in the
# installed module.
#
# Needs a non-root user (initdb refuses root): scripts/test.sh takes care of it.
use strict;
use warnings;

use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

if ($> == 0)
{
	plan skip_all => 'TAP tests cannot run as root (initdb refuses); use scripts/test.sh';
}

my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

# ---- the installed versions --------------------------------------------------
# versions sort by their numeric parts
sub vkey { return join '.', map { sprintf '%08d', $_ } split /\./, $_[0]; }

my $extdir = $node->config_data('--sharedir') . '/extension';
open my $cf, '<', "$extdir/emotion_crm.control" or die "$extdir/emotion_crm.control: $!";
my ($current) = map { /^\s*default_version\s*=\s*'([^']+)'/ ? $1 : () } <$cf>;
close $cf;
my @scripts = sort glob("$extdir/emotion_crm--*.sql");
my @versions = sort { vkey($a) cmp vkey($b) } map { m{/emotion_crm--([0-9.]+)\.sql$} ? $1 : () } @scripts;
my @old = grep { vkey($_) lt vkey($current) } @versions;
ok((grep { $_ eq $current } @versions), "install script of the current version $current");
ok(scalar(@old) >= 1, 'at least one earlier version to upgrade from: ' . join(', ', @old));
is(join(' ', grep { vkey($_) gt vkey($current) } @versions), '', 'no install script newer than the default version');

# ---- every C symbol of every installed script is in the module ---------------
my ($sym_out, $sym_err) = ('', '');
IPC::Run::run([ $^X, 'tools/check_symbols.pl', '--list', @scripts ], '>', \$sym_out, '2>', \$sym_err);
is($sym_err, '', 'every C function declaration of the installed scripts read');
my @symbols = map { (split ' ')[0] } split /\n/, $sym_out;
ok(@symbols > 50, scalar(@symbols) . ' C symbols named by ' . scalar(@scripts) . ' scripts');
# CREATE FUNCTION ... LANGUAGE C checks that the library exports the symbol
# and its PG_FUNCTION_INFO_V1 record
$node->safe_psql('postgres', q{
CREATE FUNCTION c_symbol_ok(sym text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('CREATE FUNCTION pg_temp.ec_probe() RETURNS void AS %L, %L LANGUAGE C',
				   '$libdir/emotion_crm', sym);
	EXECUTE 'DROP FUNCTION pg_temp.ec_probe()';
	RETURN true;
EXCEPTION WHEN undefined_function OR undefined_file THEN
	RETURN false;
END
$$});
my $syms = join(',', map { "'$_'" } @symbols);
is($node->safe_psql('postgres', "SELECT string_agg(s, ' ' ORDER BY s) FROM unnest(ARRAY[$syms]) s WHERE NOT c_symbol_ok(s)"),
	'', 'the installed module exports every symbol the scripts name');
is($node->safe_psql('postgres', "SELECT c_symbol_ok('emotion_no_such_function')"), 'f',
	'the symbol check can fail');

# ---- what a user does: the same in both databases ----------------------------
# Only features of the oldest shipped release: the earlier database runs it
# before the upgrade.  Times are fixed, so nothing depends on when it runs
# (the escalation weights' half-life is set so long that the decay between
# the two databases' queries is below the rounding).
my $setup = q{
CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO PUBLIC;
CREATE TABLE app.tickets (
	ticket_no bigint PRIMARY KEY,
	customer text NOT NULL,
	opened timestamptz NOT NULL,
	body text,
	is_open boolean NOT NULL);
INSERT INTO app.tickets
SELECT g, 'c' || (g % 7), timestamptz '2025-03-01 12:00+00' - (g || ' hours')::interval,
	   CASE g % 5 WHEN 0 THEN 'I am still waiting, this is the third time. Terrible!'
				  WHEN 1 THEN 'Thank you, wonderful support!'
				  WHEN 2 THEN E'The invoice is wrong.\n\nOn Mon, Support wrote:\n> great news'
				  WHEN 3 THEN 'I am worried the delivery will be late again'
				  ELSE 'ok' END,
	   g % 3 <> 0
FROM generate_series(1, 40) g;
SELECT emotion_crm.track('app.tickets', 'body', 'customer', 'opened', channel => 'ticket',
						 open_column => 'is_open', batch_size => 15);
CALL emotion_crm.backfill('app.tickets');
CREATE TABLE app.chats (
	id integer PRIMARY KEY,
	customer text NOT NULL,
	at timestamptz NOT NULL,
	transcript text NOT NULL,
	status text,
	lang text NOT NULL DEFAULT 'en');
SELECT emotion_crm.track('app.chats', 'transcript', 'customer', 'at', channel => 'chat',
						 open_column => 'status', row_filter => $$lang = 'en'$$);
INSERT INTO app.chats
SELECT g, 'c' || (g % 5), timestamptz '2025-03-01 12:00+00' - (g || ' days')::interval,
	   CASE WHEN g % 2 = 0 THEN E'Agent: Great to hear from you!\nCustomer: This is unacceptable, I am furious.'
			ELSE E'Customer: Thanks, that solved it.\nAgent: Awful weather today.' END,
	   CASE WHEN g % 3 = 0 THEN 'open' ELSE 'closed' END,
	   CASE WHEN g % 4 = 0 THEN 'fr' ELSE 'en' END
FROM generate_series(1, 12) g;
UPDATE app.tickets SET body = 'Absolutely awful, still broken.' WHERE ticket_no = 5;
DELETE FROM app.tickets WHERE ticket_no = 6;

UPDATE emotion_crm.escalation_weights SET min_priority = 0.3, alert_threshold = 1.2, half_life_days = 1e9;
UPDATE emotion_crm.playbook SET tone = 'very calm' WHERE state = 'angry';
INSERT INTO emotion_crm.playbook VALUES ('vip', 'personal', 'call the account manager', true);
UPDATE emotion_crm.journey_states SET min_days_since_last = 1e6 WHERE state = 'disconnected';
UPDATE emotion_crm.journey_states SET enabled = false WHERE state = 'at_risk';
INSERT INTO emotion_crm.journey_states (priority, state, min_count, max_mood, description)
VALUES (25, 'sour', 2, -0.4, 'user rule: two contacts and a sour mood');
UPDATE emotion_crm.segments SET priority = 5 WHERE name = 'frustrated';
INSERT INTO emotion_crm.segments (name, segment, priority, description)
VALUES ('vip', '[valence 0.5.., trust 0.3..]', 1, 'user segment');

INSERT INTO emotion_crm.lexicons (name, language, description) VALUES ('acme', 'en', 'product words');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, joy, anger) VALUES
	('acme', 'rollercoaster', 0.8, 0.6, 0),
	('acme', 'downtime', -0.7, 0, 0.5),
	('acme', 'dead on arrival', -0.9, 0, 0.6);

CREATE TABLE app.notes (
	id integer PRIMARY KEY,
	body text NOT NULL,
	e emotion NOT NULL,
	seg emotion_segment,
	j emotion_journey);
INSERT INTO app.notes
SELECT g, b, emotion_score(b, 'acme'),
	   CASE WHEN g % 2 = 0 THEN segment('vip') ELSE '[valence ..-0.1, anger 0.2..]'::emotion_segment END,
	   (SELECT emotion_journey(emotion_score(x), timestamptz '2025-01-01 00:00+00' + (k || ' days')::interval
							   ORDER BY k)
		FROM unnest(ARRAY[b, 'thanks a lot', 'still broken, furious']) WITH ORDINALITY u(x, k))
FROM (SELECT g, (ARRAY['The Rollercoaster is a joy', 'Downtime again, I am angry', 'dead on arrival, terrible',
					   'Wonderful support, thank you', 'I am scared it breaks', 'meh', 'What? Really?',
					   'great great great'])[1 + g % 8] AS b
	  FROM generate_series(1, 200) g) t;
CREATE INDEX notes_e_gist ON app.notes USING gist (e);
CREATE INDEX notes_e_btree ON app.notes (e);
ANALYZE app.notes;
CREATE TABLE app.customer_journeys AS
SELECT customer, emotion_journey(e, at ORDER BY at, source, id) AS j
FROM emotion_crm.interactions GROUP BY customer;
};

# after the upgrade: more work in both databases, then the queries whose
# results must agree
my $more = q{
INSERT INTO app.tickets VALUES (100, 'c100', '2025-03-02 09:00+00', 'The Rollercoaster had downtime again, I am furious', true);
UPDATE app.tickets SET body = 'Terrible, I am furious.' WHERE ticket_no = 1;
UPDATE app.tickets SET is_open = false WHERE ticket_no = 10;
DELETE FROM app.tickets WHERE ticket_no = 2;
INSERT INTO app.chats VALUES (100, 'c1', '2025-03-02 10:00+00', E'Customer: still broken, third time!', 'open', 'en'),
	(101, 'c2', '2025-03-02 11:00+00', E'Customer: merci', 'open', 'fr');
UPDATE app.chats SET lang = 'fr' WHERE id = 1;
CREATE TABLE app.calls (call_id text PRIMARY KEY, who text, at timestamptz, notes text, open boolean);
INSERT INTO app.calls SELECT 'k' || g, 'c' || (g % 3), timestamptz '2025-02-20 08:00+00' + (g || ' hours')::interval,
	CASE WHEN g % 2 = 0 THEN 'Customer was angry about the downtime' ELSE 'Happy with the rollercoaster' END, g % 2 = 0
FROM generate_series(1, 9) g;
SELECT emotion_crm.track('app.calls', 'notes', 'who', 'at', channel => 'call', open_column => 'open', preprocess => false);
CALL emotion_crm.backfill('app.calls', 4);
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, sadness) VALUES ('acme', 'refund', -0.3, 0.4);
INSERT INTO app.notes VALUES (1000, 'refund please', emotion_score('refund please', 'acme'), NULL, NULL);
};

my @behaviour = (
	[ 'version', q{SELECT extversion FROM pg_extension WHERE extname = 'emotion_crm'} ],
	[ 'scoring', q{SELECT string_agg(format('%s|%s|%s|%s', t, emotion_score(t), sentiment(t), emotion_score(t) -> 'anger'), E'\n' ORDER BY t)
		FROM unnest(ARRAY['I love it!', 'not bad at all', 'This is NOT acceptable!!! 😡', 'meh', '',
						  'Das ist nicht gut', 'C''est génial', 'still waiting, third time']) t} ],
	[ 'scoring with language and lexicon', q{SELECT string_agg(format('%s|%s|%s|%s', t,
			emotion_score(t, 'acme'), sentiment(t, 'acme'), emotion_score(t, NULL, 'de')), E'\n' ORDER BY t)
		FROM unnest(ARRAY['Zero downtime since the upgrade, the Rollercoaster is a hit', 'dead on arrival',
						  'refund', 'sehr gut, danke']) t} ],
	[ 'explain', q{SELECT string_agg(x::text, E'\n') FROM emotion_explain('Not happy: the downtime was awful, but support was great!') x} ],
	[ 'explain with lexicon', q{SELECT string_agg(x::text, E'\n') FROM emotion_explain('Zero downtime, the Rollercoaster rocks', 'acme') x} ],
	[ 'emotion type', q{SELECT format('%s|%s|%s|%s|%s|%s', e * 0.5 + e * 0.25, e * 0.5, 0.5 * e, e <-> emotion_score('great'),
			e::jsonb, jsonb_to_emotion(e::jsonb) = e) FROM (SELECT emotion_score('great but slow') e) x} ],
	[ 'text preprocessing', q{SELECT format('%s|%s|%s', emotion_crm.customer_text(t), emotion_crm.agent_text(t), emotion_crm.effort_cues(t))
		FROM (SELECT E'Agent: Hello!\nCustomer: I am still waiting, third time.\nAgent: Sorry.' t) x} ],
	[ 'priority', q{SELECT round(emotion_crm.priority(emotion_score('I am furious'), 2, 1, 0.5)::numeric, 9)} ],
	[ 'journeys', q{SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', customer, journey_count(j), journey_mean(j),
			journey_trend(j), journey_volatility(j), journey_mood(j), journey_sparkline(j),
			journey_churn_risk(j, '2025-04-01'), journey_state(j, '2025-04-01'), j::jsonb, j), E'\n' ORDER BY customer)
		FROM app.customer_journeys} ],
	[ 'journey aggregates', q{SELECT string_agg(format('%s|%s|%s', customer, a, j), E'\n' ORDER BY customer)
		FROM (SELECT customer, emotion_avg(e) a, emotion_journey(e, at ORDER BY at, source, id) j
			  FROM emotion_crm.interactions GROUP BY customer) x} ],
	[ 'journey merge', q{SELECT journey_merge(j ORDER BY customer)::text FROM app.customer_journeys} ],
	[ 'stored columns', q{SELECT string_agg(format('%s|%s|%s|%s|%s', id, e, seg, j, e <@ seg), E'\n' ORDER BY id) FROM app.notes} ],
	[ 'segments', q{SELECT string_agg(format('%s|%s|%s|%s', name, segment, segment(name), emotion_segment_volume(segment)), E'\n' ORDER BY name)
		FROM emotion_crm.segments WHERE enabled} ],
	[ 'best segments', q{SELECT string_agg(format('%s|%s', id, emotion_segment(e)), ',' ORDER BY id) FROM app.notes} ],
	[ 'index scan plans', q{SET enable_seqscan = off; SET enable_bitmapscan = off;
		EXPLAIN (COSTS OFF) SELECT id FROM app.notes WHERE e <@ segment('vip') ORDER BY e <-> emotion_score('joy') LIMIT 5} ],
	[ 'nearest neighbours by index', q{SET enable_seqscan = off;
		SELECT string_agg(id::text || ':' || round((e <-> emotion_score('joy'))::numeric, 6), ',')
		FROM (SELECT id, e FROM app.notes ORDER BY e <-> emotion_score('joy'), id LIMIT 12) x} ],
	[ 'containment by index', q{SET enable_seqscan = off;
		SELECT count(*) || ':' || string_agg(id::text, ',' ORDER BY id) FROM app.notes WHERE e <@ segment('frustrated')} ],
	[ 'btree order', q{SET enable_seqscan = off;
		SELECT string_agg(id::text, ',') FROM (SELECT id FROM app.notes ORDER BY e, id LIMIT 20) x} ],
	[ 'sources', q{SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', source, channel, text_column, customer_column,
			at_column, id_column, id_type, open_column, preprocess, row_filter, side_table, trigger_function), E'\n' ORDER BY source::text)
		FROM emotion_crm.sources} ],
	[ 'back-fill progress', q{SELECT string_agg(format('%s|%s|%s|%s|%s', source, batch_size, backfill_after, backfill_done, backfilled),
			E'\n' ORDER BY source::text) FROM emotion_crm.sources} ],
	[ 'interactions', q{SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', source, channel, id, customer, at, e, valence,
			agent_e, cues, preprocessed, is_open), E'\n' ORDER BY source::text, id) FROM emotion_crm.interactions} ],
	[ 'customer_state', q{SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', customer, interactions, state, segment,
			mood, mean_valence, trend_per_day, volatility, first_contact, last_contact, last_channel, channel_mix, sparkline),
			E'\n' ORDER BY customer) FROM emotion_crm.customer_state} ],
	# means of float8 depend on the order rows are summed in, which an
	# upgrade that rewrites the side tables changes: 12 significant digits
	[ 'mood_daily', q{SELECT string_agg(concat_ws('|', day, channel, interactions, customers,
			to_char(mean_valence, '9.99999999999EEEE'), to_char(share_negative, '9.99999999999EEEE'),
			to_char(share_positive, '9.99999999999EEEE'), to_char(mean_anger, '9.99999999999EEEE'),
			to_char(mean_joy, '9.99999999999EEEE')), E'\n' ORDER BY day, channel) FROM emotion_crm.mood_daily} ],
	[ 'segment_sizes', q{SELECT string_agg(s::text, E'\n' ORDER BY s.week, s.segment) FROM emotion_crm.segment_sizes s} ],
	[ 'escalation_queue', q{SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', source, channel, id, customer, at,
			round(priority::numeric, 6), round(negativity::numeric, 6), round(anger::numeric, 6), cues, repeats, segment, tone, handoff),
			E'\n' ORDER BY priority DESC, source::text, id) FROM emotion_crm.escalation_queue} ],
	[ 'recommend', q{SELECT string_agg(r::text, E'\n') FROM (
			SELECT emotion_crm.recommend(emotion_score('I am furious!')) r
			UNION ALL SELECT emotion_crm.recommend(emotion_score('Thanks, wonderful, I trust you')) r
			UNION ALL SELECT emotion_crm.recommend(c) FROM (VALUES ('c1'), ('c3'), ('nobody')) v(c)) x} ],
	[ 'settings', q{SELECT (SELECT string_agg(w::text, ',') FROM emotion_crm.escalation_weights w) || E'\n' ||
			(SELECT string_agg(p::text, E'\n' ORDER BY p.state) FROM emotion_crm.playbook p) || E'\n' ||
			(SELECT string_agg(j::text, E'\n' ORDER BY j.priority) FROM emotion_crm.journey_states j) || E'\n' ||
			(SELECT string_agg(s::text, E'\n' ORDER BY s.name) FROM emotion_crm.segments s)} ],
	[ 'lexicons', q{SELECT string_agg(format('%s|%s|%s', l.name, l.language, l.description), E'\n' ORDER BY l.name) || E'\n' ||
			(SELECT string_agg(e::text, E'\n' ORDER BY e.lexicon, e.term) FROM emotion_crm.lexicon_entries e)
		FROM emotion_crm.lexicons l} ],
	[ 'tokens', q{SELECT string_agg(t, '|') FROM emotion_crm.tokens('The DELIVERY was late, can''t believe it!!! :( 😡 Café') t} ],
	[ 'learn_lexicon', q{SELECT string_agg(x::text, E'\n' ORDER BY x.term) FROM emotion_crm.learn_lexicon('learned',
			'SELECT body, id % 8 IN (1, 2) FROM app.notes', min_count => 3) x} ],
	[ 'learned lexicon in use', q{SELECT format('%s|%s', emotion_score('still waiting, terrible', 'learned'),
			(SELECT count(*) FROM emotion_crm.lexicon_entries WHERE lexicon = 'learned'))} ],
	[ 'evaluate', q{SELECT string_agg(x::text, E'\n') FROM emotion_crm.evaluate('SELECT body, NOT is_open FROM app.tickets') x} ],
	[ 'evaluate with lexicon', q{SELECT string_agg(x::text, E'\n') FROM emotion_crm.evaluate(
			$$VALUES ('great', 'positive'), ('downtime', 'negative'), ('the invoice', 'neutral')$$, lexicon => 'acme') x} ],
	[ 'outcome_drivers', q{SELECT string_agg(x::text, E'\n' ORDER BY x.feature, x.measure) FROM emotion_crm.outcome_drivers(
			$$SELECT id::text, timestamptz '2025-01-01 00:00+00' + id * interval '1 hour', e, id % 8 IN (1, 2) FROM app.notes$$,
			as_of => '2025-04-01') x} ],
	[ 'triggers after the upgrade', q{
		INSERT INTO app.tickets VALUES (200, 'c200', '2025-03-03 09:00+00', 'Dead on arrival, I want a refund', true);
		UPDATE app.tickets SET body = 'fixed now, thanks' WHERE ticket_no = 3;
		DELETE FROM app.tickets WHERE ticket_no = 4;
		UPDATE app.chats SET transcript = E'Customer: awful!' WHERE id = 3;
		SELECT string_agg(format('%s|%s|%s|%s|%s', source, id, e, cues, is_open), E'\n' ORDER BY source::text, id)
		FROM emotion_crm.interactions WHERE (source = 'app.tickets'::regclass AND id IN ('200', '3', '4'))
			OR (source = 'app.chats'::regclass AND id = '3')} ],
	[ 'alert', q{LISTEN emotion_crm_escalation;
		INSERT INTO app.tickets VALUES (201, 'c201', now(), 'This is outrageous, I am furious and still waiting. Unacceptable!!', true);
		SELECT 1} ],
	[ 'untrack', q{SELECT emotion_crm.untrack('app.calls');
		SELECT string_agg(source::text, ',' ORDER BY source::text) FROM emotion_crm.sources} ],
);

# ---- helpers ---------------------------------------------------------------
# one line per object property, sorted; names instead of OIDs
my $catalog_query = q{
WITH s(nsp) AS (SELECT oid FROM pg_namespace WHERE nspname IN ('public', 'emotion_crm', 'app')),
lines(l) AS (
	SELECT format('extension %s version=%s owner=%s schema=%s relocatable=%s config=%s condition=%s',
		e.extname, e.extversion, e.extowner::regrole, e.extnamespace::regnamespace, e.extrelocatable,
		e.extconfig::regclass[], e.extcondition)
	FROM pg_extension e
	UNION ALL
	SELECT format('schema %s owner=%s acl=%s', n.nspname, n.nspowner::regrole, n.nspacl)
	FROM pg_namespace n JOIN s ON s.nsp = n.oid
	UNION ALL
	SELECT format('depend %s -> %s %s', pg_describe_object(d.classid, d.objid, d.objsubid),
		pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid), d.deptype)
	FROM pg_depend d WHERE d.objid >= 16384
	UNION ALL
	SELECT format('initprivs %s %s %s', pg_describe_object(i.classoid, i.objoid, i.objsubid), i.privtype, i.initprivs)
	FROM pg_init_privs i WHERE i.objoid >= 16384
	UNION ALL
	SELECT format('comment %s: %s', pg_describe_object(c.classoid, c.objoid, c.objsubid), c.description)
	FROM pg_description c WHERE c.objoid >= 16384
	UNION ALL
	SELECT format('function %s kind=%s owner=%s language=%s volatility=%s strict=%s parallel=%s security_definer=%s '
		'leakproof=%s cost=%s rows=%s support=%s returns=%s setof=%s config=%s acl=%s arguments=(%s) body=%s',
		p.oid::regprocedure, p.prokind, p.proowner::regrole, l.lanname, p.provolatile, p.proisstrict, p.proparallel,
		p.prosecdef, p.proleakproof, p.procost, p.prorows, p.prosupport::regproc, p.prorettype::regtype, p.proretset,
		p.proconfig, p.proacl, pg_get_function_arguments(p.oid),
		CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END)
	FROM pg_proc p JOIN s ON s.nsp = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
	UNION ALL
	SELECT format('aggregate %s %s', a.aggfnoid::regprocedure,
		row(a.aggkind, a.aggnumdirectargs, a.aggtransfn::regproc, a.aggfinalfn::regproc, a.aggcombinefn::regproc,
			a.aggserialfn::regproc, a.aggdeserialfn::regproc, a.aggmtransfn::regproc, a.aggminvtransfn::regproc,
			a.aggmfinalfn::regproc, a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify,
			a.aggsortop::regoperator, a.aggtranstype::regtype, a.aggtransspace, a.aggmtranstype::regtype,
			a.aggmtransspace, a.agginitval, a.aggminitval))
	FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN s ON s.nsp = p.pronamespace
	UNION ALL
	SELECT format('type %s %s', t.oid::regtype,
		row(t.typowner::regrole, t.typlen, t.typbyval, t.typtype, t.typcategory, t.typispreferred, t.typisdefined,
			t.typdelim, t.typrelid::regclass, t.typelem::regtype, t.typarray::regtype, t.typinput::regproc,
			t.typoutput::regproc, t.typreceive::regproc, t.typsend::regproc, t.typmodin::regproc,
			t.typmodout::regproc, t.typanalyze::regproc, t.typalign, t.typstorage, t.typnotnull,
			t.typbasetype::regtype, t.typtypmod, t.typndims, t.typcollation, t.typdefault, t.typacl))
	FROM pg_type t JOIN s ON s.nsp = t.typnamespace
	UNION ALL
	SELECT format('operator %s %s', o.oid::regoperator,
		row(o.oprowner::regrole, o.oprkind, o.oprcanmerge, o.oprcanhash, o.oprresult::regtype, o.oprcom::regoperator,
			o.oprnegate::regoperator, o.oprcode::regproc, o.oprrest::regproc, o.oprjoin::regproc))
	FROM pg_operator o JOIN s ON s.nsp = o.oprnamespace
	UNION ALL
	SELECT format('opfamily %s %s owner=%s', am.amname, f.opfname, f.opfowner::regrole)
	FROM pg_opfamily f JOIN pg_am am ON am.oid = f.opfmethod JOIN s ON s.nsp = f.opfnamespace
	UNION ALL
	SELECT format('opclass %s %s family=%s type=%s default=%s key=%s owner=%s', am.amname, c.opcname, f.opfname,
		c.opcintype::regtype, c.opcdefault, c.opckeytype::regtype, c.opcowner::regrole)
	FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
	JOIN s ON s.nsp = c.opcnamespace
	UNION ALL
	SELECT format('amop %s %s %s,%s strategy=%s purpose=%s operator=%s sortfamily=%s', am.amname, f.opfname,
		o.amoplefttype::regtype, o.amoprighttype::regtype, o.amopstrategy, o.amoppurpose, o.amopopr::regoperator,
		(SELECT sf.opfname FROM pg_opfamily sf WHERE sf.oid = o.amopsortfamily))
	FROM pg_amop o JOIN pg_opfamily f ON f.oid = o.amopfamily JOIN pg_am am ON am.oid = f.opfmethod
	JOIN s ON s.nsp = f.opfnamespace
	UNION ALL
	SELECT format('amproc %s %s %s,%s %s %s', am.amname, f.opfname, p.amproclefttype::regtype,
		p.amprocrighttype::regtype, p.amprocnum, p.amproc::regprocedure)
	FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily JOIN pg_am am ON am.oid = f.opfmethod
	JOIN s ON s.nsp = f.opfnamespace
	UNION ALL
	SELECT format('cast %s -> %s function=%s context=%s method=%s', c.castsource::regtype, c.casttarget::regtype,
		c.castfunc::regprocedure, c.castcontext, c.castmethod)
	FROM pg_cast c WHERE c.oid >= 16384
	UNION ALL
	SELECT format('relation %s kind=%s persistence=%s owner=%s options=%s acl=%s rls=%s force_rls=%s replica_identity=%s of=%s',
		c.oid::regclass, c.relkind, c.relpersistence, c.relowner::regrole, c.reloptions, c.relacl,
		c.relrowsecurity, c.relforcerowsecurity, c.relreplident, c.reloftype::regtype)
	FROM pg_class c JOIN s ON s.nsp = c.relnamespace
	UNION ALL
	SELECT format('column %s.%s position=%s type=%s not_null=%s default=%s identity=%s generated=%s collation=%s acl=%s options=%s storage=%s',
		a.attrelid::regclass, a.attname,
		row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum),
		format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity,
		a.attgenerated, (SELECT co.collname FROM pg_collation co WHERE co.oid = a.attcollation), a.attacl,
		a.attoptions, a.attstorage)
	FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN s ON s.nsp = c.relnamespace
	LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
	WHERE a.attnum > 0 AND NOT a.attisdropped
	UNION ALL
	SELECT format('constraint %s on %s type=%s deferrable=%s deferred=%s validated=%s: %s', con.conname,
		COALESCE(con.conrelid::regclass::text, con.contypid::regtype::text), con.contype, con.condeferrable,
		con.condeferred, con.convalidated, pg_get_constraintdef(con.oid))
	FROM pg_constraint con JOIN s ON s.nsp = con.connamespace
	UNION ALL
	SELECT format('index %s unique=%s primary=%s valid=%s clustered=%s', pg_get_indexdef(i.indexrelid),
		i.indisunique, i.indisprimary, i.indisvalid, i.indisclustered)
	FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN s ON s.nsp = c.relnamespace
	UNION ALL
	SELECT format('trigger %s enabled=%s', pg_get_triggerdef(t.oid), t.tgenabled)
	FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN s ON s.nsp = c.relnamespace
	WHERE NOT t.tgisinternal
	UNION ALL
	SELECT format('policy %s on %s command=%s permissive=%s roles=%s using=%s check=%s', p.polname,
		p.polrelid::regclass, p.polcmd, p.polpermissive,
		(SELECT array_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END ORDER BY 1) FROM unnest(p.polroles) r),
		pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
	FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN s ON s.nsp = c.relnamespace
	UNION ALL
	SELECT format('view %s: %s', c.oid::regclass, pg_get_viewdef(c.oid))
	FROM pg_class c JOIN s ON s.nsp = c.relnamespace WHERE c.relkind IN ('v', 'm')
	UNION ALL
	SELECT format('rule %s', pg_get_ruledef(r.oid))
	FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN s ON s.nsp = c.relnamespace
	WHERE r.rulename <> '_RETURN'
	UNION ALL
	SELECT format('sequence %s %s', q.seqrelid::regclass,
		row(q.seqtypid::regtype, q.seqstart, q.seqincrement, q.seqmax, q.seqmin, q.seqcache, q.seqcycle))
	FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid JOIN s ON s.nsp = c.relnamespace
	UNION ALL
	SELECT format('event trigger %s %s %s %s', v.evtname, v.evtevent, v.evtfoid::regproc, v.evtenabled)
	FROM pg_event_trigger v
	UNION ALL
	SELECT format('default acl %s %s %s %s', d.defaclrole::regrole, d.defaclnamespace::regnamespace,
		d.defaclobjtype, d.defaclacl)
	FROM pg_default_acl d)
SELECT string_agg(replace(l, E'\n', '\n'), E'\n' ORDER BY l) FROM lines
};

# names that embed OIDs
sub no_oids
{
	my ($text) = @_;
	$text =~ s/pg_toast_\d+/pg_toast_N/g;
	$text =~ s/(RI_ConstraintTrigger_[a-z]+)_\d+/$1_N/g;
	# a per-relation stamp this server keeps among the column options
	$text =~ s/pg_attver=\d+/pg_attver=N/g;
	return $text;
}

sub catalog
{
	my ($db) = @_;
	return no_oids($node->safe_psql($db, $catalog_query));
}

# pg_dump --binary-upgrade dumps every extension member on its own (with
# ALTER EXTENSION ... ADD); its lines that carry OIDs or transaction ids
# are left out, and the entries are sorted (pg_dump's order among equal
# names may follow OIDs)
sub schema_dump
{
	my ($db) = @_;
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'pg_dump', '--schema-only', '--binary-upgrade', '-d', $node->connstr($db) ],
		'>', \$out, '2>', \$err)
	  or die "pg_dump $db failed: $err";
	my @keep = grep {
		!/binary_upgrade_set_next_|binary_upgrade_create_empty_extension|relfrozenxid|^WHERE oid = '\d+';$|^-- Dumped (from|by)|^\\(un)?restrict /
	} split /\n/, $out;
	my @entries = split /\n(?=--\n-- Name: )/, join("\n", @keep);
	return no_oids(join("\n", sort @entries));
}

# every row of every ordinary table of the settings and application schemas
# every row of every table in emotion_crm and app, as text; with $cols (a
# hash of table => column list, from an earlier call) only those columns,
# so that columns an upgrade adds do not count as changed data
sub user_data
{
	my ($db, $cols) = @_;
	my @tables = split /\n/, $node->safe_psql($db, q{
		SELECT c.oid::regclass FROM pg_class c
		WHERE c.relnamespace IN ('emotion_crm'::regnamespace, 'app'::regnamespace) AND c.relkind IN ('r', 'p')
		ORDER BY c.oid::regclass::text});
	my $out = '';
	for my $t (@tables)
	{
		my $c = $cols->{$t} // $node->safe_psql($db, qq{
			SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
			WHERE attrelid = '$t'::regclass AND attnum > 0 AND NOT attisdropped});
		$cols->{$t} = $c if ref $cols;
		$out .= "== $t\n" . $node->safe_psql($db, "SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM (SELECT $c FROM $t) t") . "\n";
	}
	return $out;
}

# equal texts; on a difference, the lines only one side has
sub same_text
{
	my ($got, $want, $name) = @_;
	my $ok = ok($got eq $want, $name);
	if (!$ok)
	{
		my (%g, %w);
		$g{$_}++ for split /\n/, $got;
		$w{$_}++ for split /\n/, $want;
		my @only_got = grep { !$w{$_} } split /\n/, $got;
		my @only_want = grep { !$g{$_} } split /\n/, $want;
		diag("only after the upgrade:\n  " . join("\n  ", grep { defined } @only_got[ 0 .. 29 ]));
		diag("only in the fresh install:\n  " . join("\n  ", grep { defined } @only_want[ 0 .. 29 ]));
	}
	return $ok;
}

# ---- each earlier version ----------------------------------------------------
for my $v (@old)
{
	(my $tag = $v) =~ tr/./_/;
	my ($up, $fresh) = ("upg_$tag", "fresh_$tag");
	$node->safe_psql('postgres', "CREATE DATABASE $up");
	$node->safe_psql('postgres', "CREATE DATABASE $fresh");

	$node->safe_psql($up, "CREATE EXTENSION emotion_crm VERSION '$v'");
	is($node->safe_psql($up, q{SELECT extversion FROM pg_extension WHERE extname = 'emotion_crm'}), $v,
		"$v installed");
	$node->safe_psql($up, $setup);
	my %cols_before;
	my $data_before = user_data($up, \%cols_before);
	like($data_before, qr/== emotion_crm\.scores_app_tickets\n\(1,c1,/,
		"$v: tracked rows scored before the upgrade");

	$node->safe_psql($up, 'ALTER EXTENSION emotion_crm UPDATE');
	is($node->safe_psql($up, q{SELECT extversion FROM pg_extension WHERE extname = 'emotion_crm'}), $current,
		"$v updated to $current");

	$node->safe_psql($fresh, 'CREATE EXTENSION emotion_crm');
	$node->safe_psql($fresh, $setup);

	# (c) the upgrade keeps every row
	same_text(user_data($up, \%cols_before), $data_before, "$v -> $current: user data, scores and settings unchanged by the upgrade");

	# (a) catalogs
	my $cat_up = catalog($up);
	ok(scalar(split /\n/, $cat_up) > 1000, "$v -> $current: catalog description has " . scalar(split /\n/, $cat_up) . ' lines');
	like($cat_up, qr/^function emotion_crm\.trigger_app_chats\(\) .*security_definer=t/m,
		"$v -> $current: catalog description covers the generated trigger functions");
	same_text($cat_up, catalog($fresh), "$v -> $current: catalog equals a fresh install");
	same_text(schema_dump($up), schema_dump($fresh), "$v -> $current: pg_dump --schema-only --binary-upgrade equals a fresh install's");

	# (b) behaviour, after the same further work in both
	$node->safe_psql($_, $more) for ($up, $fresh);
	for my $q (@behaviour)
	{
		my ($name, $sql) = @$q;
		my ($rc_up, $out_up, $err_up) = $node->psql($up, $sql);
		my ($rc_fr, $out_fr, $err_fr) = $node->psql($fresh, $sql);
		is($rc_up, 0, "$v -> $current: $name runs after the upgrade") or diag($err_up);
		ok($out_fr ne '', "$v -> $current: $name gives a result");
		# notifications name the sending backend's PID
		s/server process with PID \d+/server process with PID N/g for ($out_up, $err_up, $out_fr, $err_fr);
		same_text("$out_up\n$err_up", "$out_fr\n$err_fr", "$v -> $current: $name the same as in a fresh install");
	}
	like(($node->psql($up, q{SELECT string_agg(id, ',' ORDER BY id) FROM emotion_crm.escalation_queue}))[1],
		qr/\d/, "$v -> $current: the escalation queue is not empty");
	my ($plan) = map { $_->[1] } grep { $_->[0] eq 'index scan plans' } @behaviour;
	like(($node->psql($up, $plan))[1], qr/Index Scan using notes_e_gist/,
		"$v -> $current: the GiST index serves the nearest-neighbour query");

	same_text(catalog($up), catalog($fresh), "$v -> $current: catalog equals a fresh install after more work");
	same_text(schema_dump($up), schema_dump($fresh), "$v -> $current: schema dump equals a fresh install's after more work");
}

$node->stop;
done_testing();
