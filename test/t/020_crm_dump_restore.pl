# 020_crm_dump_restore.pl -- tracked CRM tables survive pg_dump + pg_restore
#
#  * two tracked tables (one back-filled, one kept by its trigger), edited
#    escalation weights and playbook, row-level security on a source
#  * pg_dump -Fc, pg_restore --exit-on-error into a fresh database
#  * the registrations, the scores and every view give the same rows
#  * the restored triggers still fire (insert, update, delete, NOTIFY alert),
#    back-fill and untrack still work, RLS still holds through the views
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

my $node = PostgreSQL::Test::Cluster->new('crm_dump');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('postgres', 'CREATE ROLE regress_tenant_a; CREATE ROLE regress_tenant_b');
$node->safe_psql('src', q{
CREATE EXTENSION emotion_crm;
CREATE SCHEMA app;
CREATE TABLE app.tickets (
	ticket_no bigint PRIMARY KEY,
	customer text NOT NULL,
	opened timestamptz NOT NULL,
	body text,
	is_open boolean NOT NULL,
	tenant name NOT NULL DEFAULT current_user);
ALTER TABLE app.tickets ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON app.tickets USING (tenant = current_user);
GRANT USAGE ON SCHEMA app TO PUBLIC;
GRANT SELECT, INSERT ON app.tickets TO regress_tenant_a, regress_tenant_b;
CREATE TABLE app.chats (
	id integer PRIMARY KEY,
	customer text NOT NULL,
	at timestamptz NOT NULL,
	transcript text NOT NULL);
GRANT SELECT ON app.chats TO regress_tenant_a, regress_tenant_b;

INSERT INTO app.tickets
SELECT g, 'c' || (g % 7), now() - (g || ' hours')::interval,
	   CASE g % 4 WHEN 0 THEN 'I am still waiting, this is the third time. Terrible!'
				  WHEN 1 THEN 'Thank you, wonderful support!'
				  WHEN 2 THEN E'The invoice is wrong.\n\nOn Mon, Support wrote:\n> great news'
				  ELSE 'ok' END,
	   g % 3 <> 0, CASE WHEN g % 2 = 0 THEN 'regress_tenant_a' ELSE 'regress_tenant_b' END
FROM generate_series(1, 40) g;

SELECT emotion_crm.track('app.tickets', 'body', 'customer', 'opened', channel => 'ticket',
						 open_column => 'is_open', batch_size => 15);
CALL emotion_crm.backfill('app.tickets');
SELECT emotion_crm.track('app.chats', 'transcript', 'customer', 'at', channel => 'chat');
INSERT INTO app.chats
SELECT g, 'c' || (g % 5), now() - (g || ' days')::interval,
	   CASE WHEN g % 2 = 0 THEN E'Agent: Great to hear from you!\nCustomer: This is unacceptable, I am furious.'
			ELSE E'Customer: Thanks, that solved it.\nAgent: Awful weather today.' END
FROM generate_series(1, 12) g;
UPDATE app.tickets SET body = 'Absolutely awful, still broken.' WHERE ticket_no = 5;
DELETE FROM app.tickets WHERE ticket_no = 6;
UPDATE emotion_crm.escalation_weights SET min_priority = 0.3, alert_threshold = 1.2;
UPDATE emotion_crm.playbook SET tone = 'very calm' WHERE state = 'angry';
INSERT INTO emotion_crm.playbook VALUES ('vip', 'personal', 'call the account manager', true);
});

# every view, in a fixed order, without now()-dependent columns
my @queries = (
	q{SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s', source, channel, text_column, customer_column,
			at_column, id_column, open_column, side_table, backfill_done), E'\n' ORDER BY source::text)
	  FROM emotion_crm.sources},
	q{SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s', source, id, customer, at, e, agent_e, cues, is_open), E'\n'
			ORDER BY source::text, id) FROM emotion_crm.interactions},
	q{SELECT string_agg(format('%s|%s|%s|%s|%s|%s', customer, interactions, state, segment, channel_mix, sparkline),
			E'\n' ORDER BY customer) FROM emotion_crm.customer_state},
	q{SELECT string_agg(format('%s|%s|%s|%s|%s', day, channel, interactions, mean_valence, share_negative),
			E'\n' ORDER BY day, channel) FROM emotion_crm.mood_daily},
	q{SELECT string_agg(format('%s|%s|%s|%s', week, segment, interactions, customers), E'\n' ORDER BY week, segment)
	  FROM emotion_crm.segment_sizes},
	q{SELECT string_agg(format('%s|%s|%s|%s', source, id, repeats, tone), E'\n' ORDER BY priority DESC, source::text, id)
	  FROM emotion_crm.escalation_queue},
	q{SELECT string_agg(format('%s|%s|%s|%s', state, tone, action, handoff), E'\n' ORDER BY state) FROM emotion_crm.playbook},
	q{SELECT format('%s|%s', min_priority, alert_threshold) FROM emotion_crm.escalation_weights},
);
my @before = map { $node->safe_psql('src', $_) } @queries;
ok(length($before[1]) > 0 && scalar(split /\n/, $before[1]) == 51, '51 interactions scored before the dump');
ok(length($before[5]) > 0, 'escalation queue not empty before the dump');

my $dump = $node->basedir . '/src.dump';
command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE dst');
command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('dst'), $dump ],
	'pg_restore into a fresh database without errors');

my @after = map { $node->safe_psql('dst', $_) } @queries;
my @names = qw(sources interactions customer_state mood_daily segment_sizes escalation_queue playbook weights);
for my $i (0 .. $#queries)
{
	is($after[$i], $before[$i], "$names[$i] the same after restore");
}

# the restored repeat counts and escalation keys are exact: a recomputation
# from the restored weights rewrites no row
is($node->safe_psql('dst', 'SELECT emotion_crm.rekey()'), '0',
	'restored repeat counts and escalation keys equal a recomputation (rekey rewrites no row)');

# the restored objects are ordinary objects, the views security_invoker
is($node->safe_psql('dst', q{SELECT string_agg(relname || ':' || array_to_string(reloptions, ','), ' ' ORDER BY relname)
	FROM pg_class WHERE relnamespace = 'emotion_crm'::regnamespace AND relkind = 'v'}),
	'customer_state:security_invoker=true escalation_queue:security_invoker=true interactions:security_invoker=true '
	  . 'mood_daily:security_invoker=true segment_sizes:security_invoker=true',
	'views restored with security_invoker');

# triggers still fire: insert, update, delete
$node->safe_psql('dst', q{
INSERT INTO app.tickets VALUES (100, 'c100', now() - interval '1 hour', 'Wonderful, thank you!', true, 'regress_tenant_a');
UPDATE app.tickets SET body = 'Terrible, I am furious.' WHERE ticket_no = 1;
DELETE FROM app.tickets WHERE ticket_no = 2;
});
is($node->safe_psql('dst', q{SELECT i.e = emotion_score('Wonderful, thank you!') FROM emotion_crm.interactions i
	WHERE i.source = 'app.tickets'::regclass AND i.id = '100'}), 't', 'insert trigger fires after restore');
is($node->safe_psql('dst', q{SELECT i.e = emotion_score('Terrible, I am furious.') FROM emotion_crm.interactions i
	WHERE i.source = 'app.tickets'::regclass AND i.id = '1'}), 't', 'update trigger fires after restore');
is($node->safe_psql('dst', q{SELECT count(*) FROM emotion_crm.interactions WHERE source = 'app.tickets'::regclass AND id = '2'}),
	'0', 'delete trigger fires after restore');
is($node->safe_psql('dst', q{SELECT (SELECT count(*) FROM app.tickets) = (SELECT count(*) FROM emotion_crm.scores_app_tickets)}),
	't', 'side table matches the source');

# the alert, with the restored threshold (1.2)
my ($ret, $out, $err) = $node->psql('dst', q{LISTEN emotion_crm_escalation;
INSERT INTO app.tickets VALUES (101, 'c101', now(), 'This is outrageous, I am furious and still waiting. Unacceptable!!', true, 'regress_tenant_b');
SELECT 1;});
like($out . $err, qr/Asynchronous notification "emotion_crm_escalation" with payload "\{"source" : "app\.tickets", "channel" : "ticket", "id" : 101, "customer" : "c101", "state" : "angry", "priority" : [0-9.]+\}"/,
	'NOTIFY alert after restore');

# row-level security of the source still holds through the views
my $a_rows = $node->safe_psql('dst', q{SET ROLE regress_tenant_a;
	SELECT count(*) FROM emotion_crm.interactions WHERE source = 'app.tickets'::regclass});
my $a_ref = $node->safe_psql('dst', q{SELECT count(*) FROM app.tickets WHERE tenant = 'regress_tenant_a'});
is($a_rows, $a_ref, 'a tenant sees only its tickets through the views after restore');
is($node->safe_psql('dst', q{SET ROLE regress_tenant_a;
	SELECT count(*) FROM emotion_crm.customer_state c
	WHERE NOT EXISTS (SELECT 1 FROM app.tickets t WHERE t.customer = c.customer)
	  AND NOT EXISTS (SELECT 1 FROM app.chats h WHERE h.customer = c.customer)}), '0',
	'customer_state shows only visible customers');

# back-fill and untrack still work
$node->safe_psql('dst', q{SELECT emotion_crm.backfill_reset('app.tickets')});
my ($r2, $o2, $e2) = $node->psql('dst', q{CALL emotion_crm.backfill('app.tickets', 50)});
like($e2, qr/batch 1: 40 rows read, 0 scored/, 'back-fill after restore (all rows already scored)');
$node->safe_psql('dst', q{SELECT emotion_crm.untrack('app.chats'); SELECT emotion_crm.untrack('app.tickets')});
is($node->safe_psql('dst', q{SELECT count(*) FROM pg_class WHERE relnamespace = 'emotion_crm'::regnamespace
	AND relname LIKE 'scores%'}), '0', 'untrack after restore removes the side tables');
is($node->safe_psql('dst', q{SELECT count(*) FROM pg_trigger WHERE tgrelid IN ('app.tickets'::regclass, 'app.chats'::regclass)}),
	'0', 'untrack after restore removes the triggers');

$node->stop;
done_testing();
