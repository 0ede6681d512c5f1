#!/usr/bin/perl
# check.pl -- validate the lexicon files against the file-format contract:
# the English files lexicons/*.tsv and the per-language files
# lexicons/<lang>/*.tsv (two-letter directories).
# usage: perl lexicons/src/check.pl [lexicons-dir [lang ...]]   (core perl only)
# With languages given, only those directories are checked (not the English
# files); without, everything.  Prints one line per file with its entry
# count; exits 1 on any error.
use strict;
use warnings;

binmode $_, ":encoding(UTF-8)" for *STDOUT, *STDERR;
my $top = shift // 'lexicons';
my @langs = @ARGV;
my $english = !@langs;
unless (@langs)
{
	opendir my $dh, $top or die "$top: $!\n";
	@langs = sort grep { /^[a-z]{2}$/ && -d "$top/$_" } readdir $dh;
}
my @EMO = qw(joy trust fear surprise sadness disgust anger anticipation);
my %EMO = map { $_ => 1 } @EMO;
my $num = qr/-?(?:\d+(?:\.\d+)?|\.\d+)/;
my $errors = 0;

sub err { my ($f, $l, $m) = @_; print STDERR "$f:$l: $m\n"; $errors++; }

sub emolist
{
	my ($f, $l, $s) = @_;
	return if $s eq '-';
	my %seen;
	for my $p (split /,/, $s, -1)
	{
		my ($e, $v) = $p =~ /^([a-z]+)=(\d(?:\.\d{1,2})?)$/
			or return err($f, $l, "bad emotion item '$p'");
		err($f, $l, "unknown emotion '$e'") unless $EMO{$e};
		err($f, $l, "emotion '$e' twice") if $seen{$e}++;
		err($f, $l, "emotion '$e' out of [0,1]") if $v > 1;
	}
}

# file name => [kind, columns...]; a word-valence file's kind is its scale
my %english = (
	'vader.tsv'       => ['valence:4', 'term', 'valence'],
	'afinn165.tsv'    => ['valence:5', 'term', 'valence'],
	'crm_valence.tsv' => ['valence:1', 'term', 'valence'],
	'emotions.tsv'    => ['emotions', 'term', @EMO],
	'phrases.tsv'     => ['phrases', 'phrase', 'valence', 'emotions', 'cue'],
	'modifiers.tsv'   => ['modifiers', 'term', 'kind', 'strength'],
	'emoji.tsv'       => ['emoji', 'token', 'valence', 'emotions'],
);
my %language = (
	'valence.tsv'   => ['valence:1', 'term', 'valence'],
	'emotions.tsv'  => $english{'emotions.tsv'},
	'phrases.tsv'   => $english{'phrases.tsv'},
	'modifiers.tsv' => $english{'modifiers.tsv'},
);

# one row's rules by file kind
sub check_row
{
	my ($f, $l, $kind, $lang, @c) = @_;
	my $t = $c[0];

	err($f, $l, "leading/trailing/double space in '$t'") if $t =~ /^ | $|  /;
	if ($kind eq 'emoji')
	{
		err($f, $l, "variation selector in '$t'") if $t =~ /\x{FE0F}/;
		err($f, $l, "bad valence '$c[1]'") unless $c[1] =~ /^$num$/ && abs($c[1]) <= 1;
		emolist($f, $l, $c[2]);
		return;
	}
	err($f, $l, "not lower-case: '$t'") if $t ne lc $t;
	err($f, $l, "curly apostrophe in '$t'") if $t =~ /[\x{2018}\x{2019}]/;
	err($f, $l, "decomposed accent in '$t' (write NFC)") if $lang && $t =~ /\p{M}/;
	if ($kind =~ /^valence:(\d+)$/ || $kind eq 'emotions')
	{
		err($f, $l, "not a single token: '$t'") unless $t =~ /^[\p{L}\p{N}']+$/;
		err($f, $l, "a bare number: '$t'") if $lang && $t !~ /\p{L}/;
	}
	if ($kind =~ /^valence:(\d+)$/)
	{
		my $max = $1;
		err($f, $l, "bad valence '$c[1]'") unless $c[1] =~ /^$num$/ && abs($c[1]) <= $max;
	}
	elsif ($kind eq 'emotions')
	{
		my $any = 0;
		for my $i (1 .. 8)
		{
			my $v = $c[$i];
			if ($v !~ /^\d(?:\.\d{1,2})?$/ || $v > 1) { err($f, $l, "bad intensity '$v'"); next; }
			$any ||= $v > 0;
		}
		err($f, $l, "all-zero row '$t'") unless $any;
	}
	elsif ($kind eq 'phrases')
	{
		my @w = split / /, $t;
		err($f, $l, "phrase needs 2-6 words: '$t'") unless @w >= 2 && @w <= 6;
		for (@w) { err($f, $l, "bad word '$_' in '$t'") unless /^[\p{L}']+$/; }
		err($f, $l, "bad valence '$c[1]'") unless $c[1] =~ /^$num$/ && abs($c[1]) <= 1;
		emolist($f, $l, $c[2]);
		err($f, $l, "cue must be 0 or 1") unless $c[3] =~ /^[01]$/;
	}
	elsif ($kind eq 'modifiers')
	{
		my @w = split / /, $t;
		err($f, $l, "modifier needs 1-3 words: '$t'") unless @w >= 1 && @w <= 3;
		for (@w) { err($f, $l, "bad word '$_' in '$t'") unless /^[\p{L}']+$/; }
		my ($k, $s) = @c[1, 2];
		if ($k eq 'negator') { err($f, $l, 'negator strength must be 1') unless $s eq '1'; }
		elsif ($k eq 'booster' || $k eq 'dampener') { err($f, $l, "bad strength '$s'") unless $s =~ /^$num$/ && $s > 0 && $s < 1; }
		elsif ($k eq 'contrast') { err($f, $l, "bad strength '$s'") unless $s =~ /^$num$/ && $s > 1 && $s < 2; }
		elsif ($k eq 'concessive') { err($f, $l, "bad strength '$s'") unless $s =~ /^$num$/ && $s > 0 && $s < 1; }
		else { err($f, $l, "bad kind '$k'"); }
	}
}

# read one file; returns { term => [columns] } of its entries
sub check_file
{
	my ($f, $spec, $lang) = @_;
	my ($kind, @cols) = @$spec;
	my %rows;
	open my $fh, '<:raw', $f or die "$f: $!\n";
	my ($hdr, $n) = (0, 0);
	while (my $raw = <$fh>)
	{
		my $l = $.;
		err($f, $l, 'CR in line') if $raw =~ /\r/;
		chomp $raw;
		my $line = $raw;
		utf8::decode($line) or err($f, $l, 'invalid UTF-8');
		next if $line =~ /^#/;
		if ($line eq '') { err($f, $l, 'empty line'); next; }
		my @c = split /\t/, $line, -1;
		unless ($hdr)
		{
			$hdr = 1;
			err($f, $l, "header must be '" . join("\\t", @cols) . "'")
				unless join("\t", @c) eq join("\t", @cols);
			next;
		}
		if (@c != @cols) { err($f, $l, scalar(@c) . " columns, want " . scalar(@cols)); next; }
		err($f, $l, "duplicate '$c[0]'") if exists $rows{$c[0]};
		$rows{$c[0]} = \@c;
		$n++;
		check_row($f, $l, $kind, $lang, @c);
	}
	err($f, 0, 'no header') unless $hdr;
	printf "%-28s %6d entries\n", $f, $n;
	return \%rows;
}

# check every .tsv of a directory; cross-file rules over what was read
sub check_dir
{
	my ($dir, $spec, $lang) = @_;
	opendir my $dh, $dir or return err($dir, 0, "no such directory");
	my %data;
	for my $name (sort grep { /\.tsv$/ } readdir $dh)
	{
		unless ($spec->{$name}) { err("$dir/$name", 0, 'unknown lexicon file'); next; }
		$data{$name} = check_file("$dir/$name", $spec->{$name}, $lang);
	}
	my $mod = $data{'modifiers.tsv'} // {};
	# a phrase must not be a modifier
	for my $t (sort keys %{$data{'phrases.tsv'} // {}})
	{
		err("$dir/phrases.tsv", 0, "'$t' is both phrase and modifier") if $mod->{$t};
	}
	return unless $lang;
	# a negator or a contrast/concessive marker carries no valence of its
	# own; a booster or dampener may (the scorer decides per use whether it
	# modifies or scores: "super", "bem" at clause end)
	for my $t (sort keys %{$data{'valence.tsv'} // {}})
	{
		next unless $mod->{$t};
		my ($k, $v) = ($mod->{$t}[1], $data{'valence.tsv'}{$t}[1]);
		err("$dir/valence.tsv", 0, "'$t' is a $k and has valence $v")
			unless $k eq 'booster' || $k eq 'dampener' || $v == 0;
	}
}

check_dir($top, \%english, 0) if $english;
check_dir("$top/$_", \%language, 1) for @langs;
exit($errors ? 1 : 0);
