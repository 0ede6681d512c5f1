# 001_install.pl -- installing, removing, dumping and restoring emotion_crm
#
#  * CREATE EXTENSION works for a superuser
#  * the install script refuses to run through psql -f (the \echo guard)
#  * DROP EXTENSION leaves no object behind
#  * pg_dump + pg_restore of a database with the extension, a table with an
#    emotion column and the extension's settings tables gives identical values
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

my $node = PostgreSQL::Test::Cluster->new('install');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

# ---- the \echo guard -------------------------------------------------------
my $sharedir = `pg_config --sharedir`;
chomp $sharedir;
my @scripts = glob("$sharedir/extension/emotion_crm--*.sql");
my ($install_script) = grep { !/--.*--/ } @scripts;
ok(defined $install_script && -f $install_script, 'install script is installed');

$node->safe_psql('postgres', 'CREATE DATABASE guard');
my ($ret, $out, $err) = $node->psql(
	'guard', '',
	extra_params => [ '-f', $install_script ],
	on_error_stop => 1);
like($out . $err, qr/Use "CREATE EXTENSION emotion_crm"/,
	'psql -f on the install script prints the guard message');
is( $node->safe_psql(
		'guard',
		q{SELECT count(*) FROM pg_namespace WHERE nspname = 'emotion_crm'}
		  . q{ UNION ALL SELECT count(*) FROM pg_type WHERE typname = 'emotion'}),
	"0\n0",
	'psql -f on the install script created nothing');

# ---- CREATE and DROP leave the catalogs as they were ----------------------
my $catalog_counts = q{
SELECT string_agg(c || '=' || n, ' ' ORDER BY c) FROM (
  SELECT 'pg_type' AS c, count(*) AS n FROM pg_type
  UNION ALL SELECT 'pg_proc', count(*) FROM pg_proc
  UNION ALL SELECT 'pg_class', count(*) FROM pg_class
  UNION ALL SELECT 'pg_namespace', count(*) FROM pg_namespace
  UNION ALL SELECT 'pg_operator', count(*) FROM pg_operator
  UNION ALL SELECT 'pg_opclass', count(*) FROM pg_opclass
  UNION ALL SELECT 'pg_opfamily', count(*) FROM pg_opfamily
  UNION ALL SELECT 'pg_amop', count(*) FROM pg_amop
  UNION ALL SELECT 'pg_amproc', count(*) FROM pg_amproc
  UNION ALL SELECT 'pg_cast', count(*) FROM pg_cast
  UNION ALL SELECT 'pg_aggregate', count(*) FROM pg_aggregate
  UNION ALL SELECT 'pg_trigger', count(*) FROM pg_trigger
  UNION ALL SELECT 'pg_event_trigger', count(*) FROM pg_event_trigger
  UNION ALL SELECT 'pg_policy', count(*) FROM pg_policy
  UNION ALL SELECT 'pg_rewrite', count(*) FROM pg_rewrite
  UNION ALL SELECT 'pg_attrdef', count(*) FROM pg_attrdef
  UNION ALL SELECT 'pg_constraint', count(*) FROM pg_constraint
  UNION ALL SELECT 'pg_description', count(*) FROM pg_description
  UNION ALL SELECT 'pg_depend', count(*) FROM pg_depend
  UNION ALL SELECT 'pg_init_privs', count(*) FROM pg_init_privs
  UNION ALL SELECT 'pg_ts_config', count(*) FROM pg_ts_config
  UNION ALL SELECT 'pg_ts_dict', count(*) FROM pg_ts_dict
  UNION ALL SELECT 'pg_extension', count(*) FROM pg_extension
  UNION ALL SELECT 'pg_authid', count(*) FROM pg_authid
) s};

$node->safe_psql('postgres', 'CREATE DATABASE lifecycle');
my $before = $node->safe_psql('lifecycle', $catalog_counts);

# a C extension is not trusted: an ordinary database owner may not create it
$node->safe_psql('postgres',
	'CREATE ROLE app LOGIN; GRANT CREATE ON DATABASE lifecycle TO app');
($ret, $out, $err) = $node->psql('lifecycle', 'CREATE EXTENSION emotion_crm',
	extra_params => [ '-U', 'app' ]);
isnt($ret, 0, 'CREATE EXTENSION is refused to a non-superuser');
like($err, qr/permission denied/, '... with "permission denied"');
$node->safe_psql('postgres',
	'REVOKE CREATE ON DATABASE lifecycle FROM app; DROP ROLE app');
is($node->safe_psql('lifecycle', $catalog_counts),
	$before, 'the refused CREATE EXTENSION left nothing behind');

($ret, $out, $err) =
  $node->psql('lifecycle', 'CREATE EXTENSION emotion_crm');
is($ret, 0, 'CREATE EXTENSION emotion_crm works for a superuser')
  or diag($err);
is( $node->safe_psql(
		'lifecycle',
		q{SELECT extversion FROM pg_extension WHERE extname = 'emotion_crm'}),
	$node->safe_psql('lifecycle',
		q{SELECT default_version FROM pg_available_extensions WHERE name = 'emotion_crm'}),
	'the default version is installed');
isnt($node->safe_psql('lifecycle', $catalog_counts),
	$before, 'the extension added catalog entries');

# use it a little, so caches and the module are loaded before the drop
$node->safe_psql('lifecycle',
	q{SELECT '(valence=0.5, arousal=0.2, joy=0.4, evidence=1)'::emotion});

($ret, $out, $err) = $node->psql('lifecycle', 'DROP EXTENSION emotion_crm');
is($ret, 0, 'DROP EXTENSION emotion_crm works without CASCADE') or diag($err);
my $after = $node->safe_psql('lifecycle', $catalog_counts);
is($after, $before, 'DROP EXTENSION leaves the catalogs as before CREATE');
is( $node->safe_psql(
		'lifecycle',
		q{SELECT count(*) FROM pg_namespace WHERE nspname = 'emotion_crm'}),
	'0',
	'schema emotion_crm is gone');

# and again: a second CREATE after DROP works
($ret, $out, $err) =
  $node->psql('lifecycle', 'CREATE EXTENSION emotion_crm');
is($ret, 0, 'CREATE EXTENSION works again after DROP') or diag($err);

# ---- pg_dump / pg_restore ------------------------------------------------------
$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql(
	'src', q{
CREATE EXTENSION emotion_crm;
CREATE TABLE public.notes (id int PRIMARY KEY, body text, e emotion);
INSERT INTO public.notes VALUES
  (1, 'literal', '(valence=0.62, arousal=0.41, joy=0.55, trust=0.2, evidence=3)'),
  (2, 'extremes', '(valence=-1, arousal=1, fear=1, anger=1, evidence=1000000)'),
  (3, 'zero', '()'),
  (4, 'awkward floats', '(valence=0.1, arousal=0.3333333, sadness=1e-7, disgust=0.7, evidence=0.1)'),
  (5, 'null', NULL);
});

my $have_scoring = $node->safe_psql('src',
	q{SELECT to_regprocedure('emotion_score(text)') IS NOT NULL});
if ($have_scoring eq 't')
{
	$node->safe_psql(
		'src', q{
INSERT INTO public.notes (id, body)
VALUES (10, 'I was on hold for two hours and I am NOT happy!!!'),
       (11, 'Thank you so much, issue resolved 😊'),
       (12, 'Could you send me a copy of the invoice?');
UPDATE public.notes SET e = emotion_score(body) WHERE id >= 10;
});
}
else
{
	note('emotion_score(text) does not exist yet: dumping literals only');
}

my $values = q{
SELECT string_agg(id || ':' || coalesce(e::text, 'NULL') || ':' || coalesce((e::jsonb)::text, 'NULL'),
                  E'\n' ORDER BY id) FROM public.notes};
my $src_values = $node->safe_psql('src', $values);

# every settings table of the extension: row count and a digest of its rows
sub settings_digest
{
	my ($db) = @_;
	my @tables = split /\n/, $node->safe_psql($db, q{
SELECT c::regclass FROM pg_extension x, unnest(x.extconfig) AS c
WHERE x.extname = 'emotion_crm' ORDER BY c::regclass::text});
	my $digest = '';
	foreach my $t (@tables)
	{
		$digest .= "$t: "
		  . $node->safe_psql($db,
			"SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM $t t"
		  ) . "\n";
	}
	return $digest;
}
my $src_settings = settings_digest('src');

my $dump = $node->basedir . '/src.dump';
$node->command_ok(
	[ 'pg_dump', '-Fc', '-f', $dump, '-d', 'src' ],
	'pg_dump of a database with emotion_crm');
$node->safe_psql('postgres', 'CREATE DATABASE dst');
$node->command_ok(
	[ 'pg_restore', '--exit-on-error', '-d', 'dst', $dump ],
	'pg_restore into a fresh database');

is($node->safe_psql('dst', $values),
	$src_values, 'emotion values are identical after dump and restore');
is(settings_digest('dst'),
	$src_settings, 'settings tables are identical after dump and restore');
is( $node->safe_psql(
		'dst',
		q{SELECT count(*) FROM public.notes a JOIN public.notes b USING (id) WHERE a.e = b.e}),
	$node->safe_psql('src',
		q{SELECT count(*) FROM public.notes WHERE e IS NOT NULL}),
	'restored values compare equal with =');

# plain-format dump restored through psql with an empty search_path
my $plain = $node->basedir . '/src.sql';
$node->command_ok([ 'pg_dump', '-f', $plain, '-d', 'src' ],
	'pg_dump in plain format');
$node->safe_psql('postgres', 'CREATE DATABASE dst_plain');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'dst_plain', '-f', $plain ],
	'plain dump restores through psql');
is($node->safe_psql('dst_plain', $values),
	$src_values, 'values are identical after a plain dump and restore');

$node->stop;
done_testing();
