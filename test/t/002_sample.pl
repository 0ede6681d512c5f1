# 002_sample.pl -- the sample CRM generator (sample/load.sql)
#
#  * the same size gives the same rows, in any database, on every load
#  * loading again replaces the sample; a foreign schema "crm" is never touched
#  * the size parameter scales the data
#  * e-mails carry quoted replies and signatures, chats both speakers
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

# prove runs from the top of the source tree
my $load = 'sample/load.sql';
ok(-f $load, 'sample/load.sql is there');

my $node = PostgreSQL::Test::Cluster->new('sample');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

sub load
{
	my ($db, $customers) = @_;
	return $node->psql($db, '',
		extra_params => [ '-v', "customers=$customers", '-f', $load ],
		on_error_stop => 1);
}

# a digest of every table of the sample
my $digest = q{
SELECT string_agg(t || ':' || n || ':' || h, ' ' ORDER BY t) FROM (
  SELECT 'customers' AS t, count(*) AS n, md5(string_agg(x::text, '|' ORDER BY x.id)) AS h FROM crm.customers x
  UNION ALL SELECT 'tickets', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM crm.tickets x
  UNION ALL SELECT 'chat_messages', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM crm.chat_messages x
  UNION ALL SELECT 'emails', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM crm.emails x
  UNION ALL SELECT 'reviews', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM crm.reviews x
  UNION ALL SELECT 'sample_truth', count(*), md5(string_agg(x::text, '|' ORDER BY x.customer_id)) FROM crm.sample_truth x
  UNION ALL SELECT 'sample_labels', count(*), md5(string_agg(x::text, '|' ORDER BY x.channel, x.row_id)) FROM crm.sample_labels x
) s};

$node->safe_psql('postgres', 'CREATE DATABASE a');
$node->safe_psql('postgres', 'CREATE DATABASE b');
# a different TimeZone and DateStyle must not change the data
$node->safe_psql('postgres',
	q{ALTER DATABASE b SET timezone = 'Pacific/Auckland'; ALTER DATABASE b SET datestyle = 'SQL, DMY'});

my ($ret, $out, $err) = load('a', 60);
is($ret, 0, 'the sample loads') or diag($err);
($ret, $out, $err) = load('b', 60);
is($ret, 0, 'the sample loads in a database with other time settings') or diag($err);

# compare with fixed output settings
my $fixed = q{SET timezone = 'UTC'; SET datestyle = 'ISO, YMD'; SET extra_float_digits = 1;};
my $da = $node->safe_psql('a', $fixed . $digest);
is($node->safe_psql('b', $fixed . $digest), $da, 'the same size gives the same rows in another database');

($ret, $out, $err) = load('a', 60);
is($ret, 0, 'loading again works') or diag($err);
is($node->safe_psql('a', $fixed . $digest), $da, 'loading again gives the same rows');

is($node->safe_psql('a', q{SELECT count(*) FROM pg_namespace WHERE nspname = 'crm_gen'}),
	'0', 'the generator leaves no helper schema behind');

# contents
my %n = split /[|\n]/, $node->safe_psql('a', q{
SELECT 'customers', count(*) FROM crm.customers
UNION ALL SELECT 'journeys', count(DISTINCT journey) FROM crm.sample_truth
UNION ALL SELECT 'interactions', (SELECT count(*) FROM crm.tickets) + (SELECT count(*) FROM crm.emails)
                               + (SELECT count(DISTINCT conversation_id) FROM crm.chat_messages) + (SELECT count(*) FROM crm.reviews)
UNION ALL SELECT 'quoted', count(*) FROM crm.emails WHERE body ~ '\nOn [^\n]* wrote:\n> '
UNION ALL SELECT 'signed', count(*) FROM crm.emails WHERE body ~ '\n--\n'
UNION ALL SELECT 'agent', count(*) FROM crm.chat_messages WHERE speaker = 'agent'
UNION ALL SELECT 'customer', count(*) FROM crm.chat_messages WHERE speaker = 'customer'
UNION ALL SELECT 'open', count(*) FROM crm.tickets WHERE status = 'open'
UNION ALL SELECT 'ratings', count(DISTINCT rating) FROM crm.reviews
UNION ALL SELECT 'labelled', count(*) FROM crm.sample_labels
UNION ALL SELECT 'customer texts', (SELECT count(*) FROM crm.tickets) + (SELECT count(*) FROM crm.emails)
                                 + (SELECT count(*) FROM crm.chat_messages WHERE speaker = 'customer') + (SELECT count(*) FROM crm.reviews)
UNION ALL SELECT 'outside period', count(*) FROM crm.tickets
          WHERE created_at < '2026-05-01 00:00:00+00' OR created_at >= '2026-11-01 00:00:00+00'
UNION ALL SELECT 'silent late', count(*) FROM crm.tickets t JOIN crm.sample_truth s USING (customer_id)
          WHERE s.journey = 'silent' AND t.created_at >= '2026-09-01 00:00:00+00'
});
is($n{customers}, 60, '60 customers for customers=60');
is($n{journeys}, 6, 'all six journeys occur');
cmp_ok($n{interactions}, '>', 60 * 5, 'several interactions per customer');
cmp_ok($n{quoted}, '>', 0, 'some e-mails quote an earlier reply');
cmp_ok($n{signed}, '>', 0, 'some e-mails carry a "--" signature');
cmp_ok($n{agent}, '>', 0, 'chats have agent turns');
cmp_ok($n{customer}, '>', 0, 'chats have customer turns');
cmp_ok($n{open}, '>', 0, 'some tickets are open');
cmp_ok($n{ratings}, '>=', 4, 'reviews use most star ratings');
is($n{labelled}, $n{'customer texts'}, 'every customer-written text has an intended mood');
is($n{'outside period'}, 0, 'every ticket lies in May-October 2026');
is($n{'silent late'}, 0, 'silent customers have no tickets in the last two months');

# the size parameter scales the data
$node->safe_psql('postgres', 'CREATE DATABASE c');
($ret, $out, $err) = load('c', 240);
is($ret, 0, 'a larger sample loads') or diag($err);
my $ratio = $node->safe_psql('c', 'SELECT count(*) FROM crm.tickets')
  / $node->safe_psql('a', 'SELECT count(*) FROM crm.tickets');
ok($ratio > 2.5 && $ratio < 6, "four times the customers, about four times the tickets ($ratio)");

# a schema "crm" the sample did not make is left alone
$node->safe_psql('postgres', 'CREATE DATABASE mine');
$node->safe_psql('mine', 'CREATE SCHEMA crm; CREATE TABLE crm.precious (x int); INSERT INTO crm.precious VALUES (42)');
($ret, $out, $err) = load('mine', 20);
isnt($ret, 0, 'the load refuses a foreign schema "crm"');
like($err, qr/did not create/, '... saying why');
is($node->safe_psql('mine', 'SELECT x FROM crm.precious'), '42', '... and leaves it as it was');

$node->stop;
done_testing();
