#!/usr/bin/perl
# check_symbols.pl -- the module must export every C function a shipped
# script declares
#
#   perl tools/check_symbols.pl MODULE.so SCRIPT...    check (nm -D)
#   perl tools/check_symbols.pl --list SCRIPT...       print "symbol script" lines
#
# A database that installed an older version keeps that version's C
# functions until ALTER EXTENSION ... UPDATE replaces them, and runs them
# with the new module meanwhile; an upgrade script may call them too.  So
# every symbol named by an install script (current or frozen) or an upgrade
# script must stay in the library: removing one is an error here, and the
# function must be kept (as a stub that raises an error, if nothing else).
#
# Every "AS 'MODULE_PATHNAME'" of a script must belong to a CREATE FUNCTION
# this script can read; an unreadable one is an error rather than a gap.
use strict;
use warnings;

my $list = @ARGV && $ARGV[0] eq '--list';
shift @ARGV if $list;
die "usage: $0 MODULE.so SCRIPT... | --list SCRIPT...\n" if @ARGV < ($list ? 1 : 2);
my $module = $list ? undef : shift @ARGV;

# symbol => first script naming it
my (%wanted, @errors);
for my $script (@ARGV)
{
	open my $fh, '<', $script or die "$script: $!\n";
	local $/;
	my $sql = <$fh>;
	close $fh;
	$sql =~ s/--[^\n]*//g;    # comments may mention MODULE_PATHNAME
	my $mentions = () = $sql =~ /'MODULE_PATHNAME'/g;
	my $found = 0;
	# CREATE FUNCTION name(...) ... AS 'MODULE_PATHNAME'[, 'symbol'], with no
	# other CREATE in between (plpgsql bodies may hold CREATE FUNCTION text)
	while ($sql =~ /\bCREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+([\w."]+)\s*\((?:(?!\bCREATE\s).)*?\bAS\s+'MODULE_PATHNAME'(?:\s*,\s*'([^']+)')?/gis)
	{
		my ($fname, $sym) = ($1, $2);
		if (!defined $sym)
		{
			($sym = $fname) =~ s/^.*\.//;
			$sym =~ s/"//g;
		}
		$wanted{$sym} //= $script;
		$found++;
	}
	push @errors, "$script: $mentions mentions of 'MODULE_PATHNAME' but only $found CREATE FUNCTION ... AS 'MODULE_PATHNAME' read"
	  if $found != $mentions;
	push @errors, "$script: no C functions found" if $found == 0 && $script !~ /--.*--/;
}

if ($list)
{
	print "$_ $wanted{$_}\n" for sort keys %wanted;
}
else
{
	my $nm = qx{nm -D --defined-only "$module"};
	die "check_symbols: nm -D $module failed\n" if $? != 0;
	my %have = map { (split ' ')[-1] => 1 } grep { /\s[TtWw]\s/ } split /\n/, $nm;
	for my $sym (sort keys %wanted)
	{
		# PG_FUNCTION_INFO_V1(f) defines f and pg_finfo_f
		for my $need ($sym, "pg_finfo_$sym")
		{
			push @errors, "$module lacks $need, needed by $wanted{$sym}" unless $have{$need};
		}
	}
}

if (@errors)
{
	print STDERR "check_symbols: $_\n" for @errors;
	exit 1;
}
exit 0;
