#!/usr/bin/perl
# check.pl -- validate lexicons/*.tsv against the file-format contract.
# usage: perl lexicons/src/check.pl [lexicons-dir]     (core perl only)
# Prints one line per file with its entry count; exits 1 on any error.
use strict;
use warnings;

my $dir = shift // 'lexicons';
my @EMO = qw(joy trust fear surprise sadness disgust anger anticipation);
my %EMO = map { $_ => 1 } @EMO;
my $num = qr/-?(?:\d+(?:\.\d+)?|\.\d+)/;
my $errors = 0;
my %count;

sub err { my ($f, $l, $m) = @_; print STDERR "$f:$l: $m\n"; $errors++; }

sub emolist {
	my ($f, $l, $s) = @_;
	return if $s eq '-';
	my %seen;
	for my $p (split /,/, $s, -1) {
		my ($e, $v) = $p =~ /^([a-z]+)=(\d(?:\.\d{1,2})?)$/
			or return err($f, $l, "bad emotion item '$p'");
		err($f, $l, "unknown emotion '$e'") unless $EMO{$e};
		err($f, $l, "emotion '$e' twice") if $seen{$e}++;
		err($f, $l, "emotion '$e' out of [0,1]") if $v > 1;
	}
}

my %spec = (
	'vader.tsv'       => ['term', 'valence'],
	'afinn165.tsv'    => ['term', 'valence'],
	'crm_valence.tsv' => ['term', 'valence'],
	'emotions.tsv'    => ['term', @EMO],
	'phrases.tsv'     => ['phrase', 'valence', 'emotions', 'cue'],
	'modifiers.tsv'   => ['term', 'kind', 'strength'],
	'emoji.tsv'       => ['token', 'valence', 'emotions'],
);

opendir my $dh, $dir or die "$dir: $!\n";
my @files = sort grep { /\.tsv$/ } readdir $dh;
for my $name (@files) {
	my $f = "$dir/$name";
	my $cols = $spec{$name} or do { err($f, 0, 'unknown lexicon file'); next };
	open my $fh, '<:raw', $f or die "$f: $!\n";
	my ($hdr, %seen, $n);
	while (my $raw = <$fh>) {
		my $l = $.;
		err($f, $l, 'CR in line') if $raw =~ /\r/;
		chomp $raw;
		my $line = $raw;
		utf8::decode($line) or err($f, $l, 'invalid UTF-8');
		next if $line =~ /^#/;
		if ($line eq '') { err($f, $l, 'empty line'); next; }
		my @c = split /\t/, $line, -1;
		unless ($hdr) {
			$hdr = 1;
			err($f, $l, "header must be '" . join("\\t", @$cols) . "'")
				unless join("\t", @c) eq join("\t", @$cols);
			next;
		}
		if (@c != @$cols) { err($f, $l, scalar(@c) . " columns, want " . scalar(@$cols)); next; }
		my $t = $c[0];
		err($f, $l, "duplicate '$t'") if $seen{$t}++;
		err($f, $l, "leading/trailing/double space in '$t'") if $t =~ /^ | $|  /;
		$n++;
		if ($name eq 'emoji.tsv') {
			err($f, $l, "variation selector in '$t'") if $t =~ /\x{FE0F}/;
		} else {
			err($f, $l, "not lower-case: '$t'") if $t ne lc $t;
			err($f, $l, "curly apostrophe in '$t'") if $t =~ /[\x{2018}\x{2019}]/;
		}
		if ($name =~ /^(vader|afinn165|crm_valence|emotions)\.tsv$/) {
			err($f, $l, "not a single token: '$t'") unless $t =~ /^[\p{L}\p{N}']+$/;
		}
		if ($name =~ /^(vader|afinn165|crm_valence)\.tsv$/) {
			my $v = $c[1];
			my $max = $name eq 'vader.tsv' ? 4 : $name eq 'afinn165.tsv' ? 5 : 1;
			err($f, $l, "bad valence '$v'") unless $v =~ /^$num$/ && abs($v) <= $max;
		} elsif ($name eq 'emotions.tsv') {
			my $any = 0;
			for my $i (1 .. 8) {
				my $v = $c[$i];
				if ($v !~ /^\d(?:\.\d{1,2})?$/ || $v > 1) { err($f, $l, "bad intensity '$v'"); next; }
				$any ||= $v > 0;
			}
			err($f, $l, "all-zero row '$t'") unless $any;
		} elsif ($name eq 'phrases.tsv') {
			my @w = split / /, $t;
			err($f, $l, "phrase needs 2-6 words: '$t'") unless @w >= 2 && @w <= 6;
			for (@w) { err($f, $l, "bad word '$_' in '$t'") unless /^[\p{L}']+$/; }
			err($f, $l, "bad valence '$c[1]'") unless $c[1] =~ /^$num$/ && abs($c[1]) <= 1;
			emolist($f, $l, $c[2]);
			err($f, $l, "cue must be 0 or 1") unless $c[3] =~ /^[01]$/;
		} elsif ($name eq 'modifiers.tsv') {
			my @w = split / /, $t;
			err($f, $l, "modifier needs 1-3 words: '$t'") unless @w >= 1 && @w <= 3;
			for (@w) { err($f, $l, "bad word '$_' in '$t'") unless /^[\p{L}']+$/; }
			my ($k, $s) = @c[1, 2];
			if ($k eq 'negator') { err($f, $l, 'negator strength must be 1') unless $s eq '1'; }
			elsif ($k eq 'booster' || $k eq 'dampener') { err($f, $l, "bad strength '$s'") unless $s =~ /^$num$/ && $s > 0 && $s < 1; }
			elsif ($k eq 'contrast') { err($f, $l, "bad strength '$s'") unless $s =~ /^$num$/ && $s > 1 && $s < 2; }
			elsif ($k eq 'concessive') { err($f, $l, "bad strength '$s'") unless $s =~ /^$num$/ && $s > 0 && $s < 1; }
			else { err($f, $l, "bad kind '$k'"); }
		} elsif ($name eq 'emoji.tsv') {
			err($f, $l, "bad valence '$c[1]'") unless $c[1] =~ /^$num$/ && abs($c[1]) <= 1;
			emolist($f, $l, $c[2]);
		}
	}
	err($f, 0, 'no header') unless $hdr;
	$count{$name} = $n // 0;
	printf "%-16s %6d entries\n", $name, $n // 0;
}
# a phrase must not be a modifier, a modifier should not carry valence
if (exists $count{'phrases.tsv'} && exists $count{'modifiers.tsv'}) {
	my (%ph, %mod);
	for ([\%ph, 'phrases.tsv'], [\%mod, 'modifiers.tsv']) {
		my ($h, $n) = @$_;
		open my $fh, '<:encoding(UTF-8)', "$dir/$n" or die;
		<$fh> while 0;
		while (<$fh>) { chomp; next if /^#/; my ($t) = split /\t/; $h->{$t} = 1; }
	}
	for (sort keys %mod) { err("$dir/phrases.tsv", 0, "'$_' is both phrase and modifier") if $ph{$_}; }
}
exit($errors ? 1 : 0);
