# Edits of the named segments survive pg_dump and restore: a changed shipped
# segment, a retired (disabled) one and a new user segment are dumped; the
# unchanged shipped ones are recreated by CREATE EXTENSION.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

if ($> == 0)
{
	plan skip_all => 'TAP tests cannot run as root (initdb refuses); use scripts/test.sh';
}

my $node = PostgreSQL::Test::Cluster->new('segment_dump');
$node->init;
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', q{
CREATE EXTENSION emotion_crm;
UPDATE emotion_crm.segments SET segment = '[valence ..-0.4, anger 0.6..]', priority = 5 WHERE name = 'angry';
UPDATE emotion_crm.segments SET enabled = false WHERE name = 'neutral';
INSERT INTO emotion_crm.segments (name, segment, priority, description)
	VALUES ('churn risk', '[valence ..-0.5, sadness 0.4..]', 15, 'likely to leave');
CREATE TABLE notes (id int, e emotion);
INSERT INTO notes VALUES (1, '(valence=-0.5, anger=0.7, evidence=2)');
CREATE INDEX ON notes USING gist (e);
});

my $listing = q{SELECT string_agg(format('%s|%s|%s|%s|%s', name, segment, priority, enabled, is_default), E'\n' ORDER BY name) FROM emotion_crm.segments};
my $before = $node->safe_psql('src', $listing);

my $dump = $node->basedir . '/src.dump';
command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE dst');
command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('dst'), $dump ], 'pg_restore without errors');

my $after = $node->safe_psql('dst', $listing);
is($after, $before, 'segments are the same after dump and restore');
like($after, qr/^angry\|\[valence \.\.-0\.4, anger 0\.6\.\.\]\|5\|t\|f$/m, 'edited default kept');
like($after, qr/^neutral\|.*\|f\|f$/m, 'retired default stays disabled');
like($after, qr/^churn risk\|/m, 'user segment kept');
like($after, qr/^satisfied\|.*\|t\|t$/m, 'untouched default recreated');
is($node->safe_psql('dst', q{SELECT emotion_segment(e) FROM notes}), 'angry',
	'restored segments are used');
is($node->safe_psql('dst', q{SET enable_seqscan = off; SELECT count(*) FROM notes WHERE e <@ segment('angry')}),
	'1', 'restored GiST index works');

$node->stop;
done_testing();
