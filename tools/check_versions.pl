#!/usr/bin/perl
# check_versions.pl -- the build's check of the extension's version scripts
#
#   perl tools/check_versions.pl EXTENSION VERSION CONTROL-FILE SCRIPT...
#
# SCRIPTs are the frozen install scripts of released versions
# (EXTENSION--V.sql) and the upgrade scripts (EXTENSION--A--B.sql).  Fails,
# naming the problem, when
#   * the control file's default_version is not VERSION (the Makefile's);
#   * a released version is VERSION itself or not older than it (release
#     VERSION by freezing its script and moving the Makefile on);
#   * a released version has no chain of upgrade scripts to VERSION, so
#     ALTER EXTENSION ... UPDATE could not bring it forward;
#   * an upgrade script starts from a version that was never released, ends
#     at one that is neither released nor VERSION, or goes backwards;
#   * an upgrade script lacks the guard that stops it from running in psql.
use strict;
use warnings;
use File::Basename qw(basename);

die "usage: $0 EXTENSION VERSION CONTROL-FILE SCRIPT...\n" if @ARGV < 3;
my ($ext, $current, $control, @scripts) = @ARGV;
my @errors;

# versions compare as dot-separated numbers
sub vcmp
{
	my @a = split /\./, $_[0];
	my @b = split /\./, $_[1];
	while (@a || @b)
	{
		my $x = shift(@a) // 0;
		my $y = shift(@b) // 0;
		return $x <=> $y if $x != $y;
	}
	return 0;
}

open my $cf, '<', $control or die "$control: $!\n";
my ($default) = map { /^\s*default_version\s*=\s*'([^']*)'/ ? $1 : () } <$cf>;
close $cf;
push @errors, "$control: default_version is "
  . (defined $default ? "'$default'" : 'missing')
  . ", the Makefile builds $current"
  if !defined $default || $default ne $current;

my (%released, %steps);
for my $path (@scripts)
{
	my $file = basename($path);
	if ($file =~ /^\Q$ext\E--([0-9][0-9.]*)--([0-9][0-9.]*)\.sql$/)
	{
		my ($from, $to) = ($1, $2);
		push @errors, "$path: upgrade script goes from $from back to $to"
		  if vcmp($from, $to) >= 0;
		push @{ $steps{$from} }, $to;
		open my $fh, '<', $path or die "$path: $!\n";
		local $/;
		my $text = <$fh>;
		close $fh;
		push @errors, "$path: no \\echo ... \\quit guard against running it in psql"
		  unless $text =~ /^\\echo Use "ALTER EXTENSION \Q$ext\E UPDATE[^\n]*\\quit$/m;
	}
	elsif ($file =~ /^\Q$ext\E--([0-9][0-9.]*)\.sql$/)
	{
		my $v = $1;
		$released{$v} = $path;
		push @errors,
		  "$path: a frozen install script for $v, but the Makefile builds $current "
		  . "(after releasing $current, move EXTVERSION and default_version on)"
		  if vcmp($v, $current) >= 0;
	}
	else
	{
		push @errors, "$path: not named $ext--VERSION.sql or $ext--FROM--TO.sql";
	}
}

for my $from (sort { vcmp($a, $b) } keys %steps)
{
	push @errors, "upgrade script $ext--$from--*.sql starts from $from, which has no frozen install script"
	  unless $released{$from};
	for my $to (@{ $steps{$from} })
	{
		push @errors, "$ext--$from--$to.sql ends at $to, which is neither released nor $current"
		  unless $released{$to} || $to eq $current;
	}
}

# every released version must reach the current one
for my $v (sort { vcmp($a, $b) } keys %released)
{
	my %seen = ($v => 1);
	my @todo = ($v);
	while (@todo)
	{
		my $x = shift @todo;
		for my $y (@{ $steps{$x} || [] })
		{
			next if $seen{$y}++;
			push @todo, $y;
		}
	}
	push @errors, "$released{$v}: version $v has no upgrade path to $current "
	  . "(add sql/upgrade/$ext--$v--$current.sql or a chain of upgrade scripts)"
	  unless $seen{$current};
}

if (@errors)
{
	print STDERR "check_versions: $_\n" for @errors;
	exit 1;
}
exit 0;
