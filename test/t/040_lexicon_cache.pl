# 040_lexicon_cache.pl -- the per-backend cache of compiled user lexicons
# sees changes committed by other sessions
#
#  * session A scores with lexicon 'acme' (its cache is built), session B
#    updates an entry and commits, A's next statement sees the new value;
#    likewise for an INSERT, a DELETE, a TRUNCATE and a renamed lexicon
#  * an uncommitted change in B is not seen by A; B's rollback changes nothing
#  * a lexicon created by B after A built its list is found by A
#  * pg_dump + pg_restore keeps the lexicons and the scores they give
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

my $node = PostgreSQL::Test::Cluster->new('lexcache');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

if (!$node->can('background_psql'))
{
	plan skip_all => 'PostgreSQL::Test::Cluster lacks background_psql';
}

$node->safe_psql(
	'postgres', q{
CREATE EXTENSION emotion_crm;
INSERT INTO emotion_crm.lexicons (name) VALUES ('acme');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('acme', 'blorp', 0.5);
});

my $sa = $node->background_psql('postgres', on_error_stop => 0);
my $sb = $node->background_psql('postgres', on_error_stop => 0);

# base valence of a term in lexicon $lex as seen by session $s ('' if none)
sub base
{
	my ($s, $term, $lex) = @_;
	my $v = $s->query(
		"SELECT coalesce((SELECT base_valence::text FROM emotion_explain('$term', '$lex')), 'none')");
	chomp $v;
	return $v;
}

is(base($sa, 'blorp', 'acme'), '0.5', 'A builds its cache: blorp = 0.5');

$sb->query_safe("UPDATE emotion_crm.lexicon_entries SET valence = -0.25 WHERE term = 'blorp'");
is(base($sa, 'blorp', 'acme'), '-0.25', 'A sees the UPDATE committed by B');

$sb->query_safe(
	"INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('acme', 'frobnicate', 0.75)");
is(base($sa, 'frobnicate', 'acme'), '0.75', 'A sees the INSERT committed by B');

$sb->query_safe("DELETE FROM emotion_crm.lexicon_entries WHERE term = 'frobnicate'");
is(base($sa, 'frobnicate', 'acme'), 'none', 'A sees the DELETE committed by B');

# uncommitted: not seen; rolled back: nothing changes
$sb->query_safe("BEGIN");
$sb->query_safe("UPDATE emotion_crm.lexicon_entries SET valence = 0.9 WHERE term = 'blorp'");
is(base($sa, 'blorp', 'acme'), '-0.25', 'A does not see an uncommitted change');
$sb->query_safe("ROLLBACK");
is(base($sa, 'blorp', 'acme'), '-0.25', 'nothing changes after B rolls back');

# a change inside A's open transaction is seen as soon as B commits
$sa->query_safe("BEGIN ISOLATION LEVEL REPEATABLE READ");
is(base($sa, 'blorp', 'acme'), '-0.25', 'A in a transaction');
$sb->query_safe("UPDATE emotion_crm.lexicon_entries SET valence = 0.125 WHERE term = 'blorp'");
is(base($sa, 'blorp', 'acme'), '0.125',
	'A sees the committed change in its next statement (lexicons are read like catalogs)');
$sa->query_safe("COMMIT");

# a new lexicon
$sb->query_safe("INSERT INTO emotion_crm.lexicons (name) VALUES ('beta')");
$sb->query_safe(
	"INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('beta', 'blorp', -1)");
is(base($sa, 'blorp', 'beta'), '-1', 'A finds the lexicon B created');

# TRUNCATE
$sb->query_safe("TRUNCATE emotion_crm.lexicon_entries");
is(base($sa, 'blorp', 'acme'), 'none', 'A sees the TRUNCATE by B');

# rename
$sb->query_safe("UPDATE emotion_crm.lexicons SET name = 'gamma' WHERE name = 'beta'");
$sa->query("SELECT sentiment('x', 'beta')");
like($sa->{stderr}, qr/lexicon "beta" does not exist/, 'A no longer finds the renamed lexicon');
$sa->{stderr} = '';
is(base($sa, 'blorp', 'gamma'), 'none', 'A finds it under its new name');

$sa->quit;
$sb->quit;

# ---- pg_dump / pg_restore keeps the lexicons ------------------------------
$node->safe_psql('postgres', 'CREATE DATABASE lexsrc');
$node->safe_psql(
	'lexsrc', q{
CREATE EXTENSION emotion_crm;
INSERT INTO emotion_crm.lexicons (name, language, description) VALUES ('acme', 'en', 'ours'), ('acme_es', 'es', NULL);
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, anger, source) VALUES
	('acme', 'chargeback', -0.9, 0.7, 'team'), ('acme', 'zero downtime', 0.7, 0, NULL),
	('acme_es', 'contracargo', -0.9, 0.7, 'equipo');
});
my $lexq = q{
SELECT string_agg(format('%s|%s|%s|%s|%s', e.lexicon, l.language, e.term, e.valence, e.anger), ',' ORDER BY e.lexicon, e.term)
       || ' ' || sentiment('Another chargeback, but zero downtime', 'acme')
       || ' ' || sentiment('Otro contracargo', 'acme_es')
FROM emotion_crm.lexicon_entries e JOIN emotion_crm.lexicons l ON l.name = e.lexicon};
my $before = $node->safe_psql('lexsrc', $lexq);
my $dump = $node->basedir . '/lexsrc.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', 'lexsrc' ], 'pg_dump with user lexicons');
$node->safe_psql('postgres', 'CREATE DATABASE lexdst');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', 'lexdst', $dump ],
	'pg_restore of user lexicons');
is($node->safe_psql('lexdst', $lexq), $before,
	'lexicons, entries and the scores they give are identical after restore');

$node->stop;
done_testing();
