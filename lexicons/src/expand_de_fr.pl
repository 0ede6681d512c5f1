#!/usr/bin/perl
# expand_de_fr.pl -- expand German/French lemma rows into valence.tsv and emotions.tsv.
# usage: perl expand_de_fr.pl de|fr valence|emotions SRC
# SRC rows: lemma | class | valence | emotions(or -) | extra forms (comma list)
# '#' comments. Classes: see sub forms_de / forms_fr.
use strict;
use warnings;
use utf8;
binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';

my ($lang, $what, $src) = @ARGV;
my @EMO = qw(joy trust fear surprise sadness disgust anger anticipation);

sub uniq { my %s; grep { !$s{$_}++ } @_ }

sub de_adj_endings { my ($s) = @_; map { $s . $_ } qw(e en em er es) }

sub forms_de {
	my ($l, $c) = @_;
	my @f = ($l);
	for my $k (split /\+/, $c) {
		if ($k eq '=' || $k eq 'n') {
			# lemma only (nouns: plural etc. given as extras)
		} elsif ($k eq 'a') {
			push @f, de_adj_endings($l);
		} elsif ($k eq 'ae') {			# adjective ending in -e: müde -> müden
			push @f, map { $l . $_ } qw(n m r s);
		} elsif ($k eq 'a2') {			# teuer -> teure, miserabel -> miserable
			(my $s = $l) =~ s/e([lr])$/$1/;
			push @f, de_adj_endings($s);
		} elsif ($k eq 'c') {			# regular comparative / superlative
			my $b = $l;
			$b =~ s/e([lr])$/$1/ if $c =~ /a2/;
			my $cmp = ($l =~ /e$/ ? $l . 'r' : $b . 'er');
			my $sup = ($l =~ /(?:s|ss|t|d|z|sch|x)$/ ? $l . 'est' : $l . 'st');
			push @f, $cmp, de_adj_endings($cmp), de_adj_endings($sup);
		} elsif ($k eq 'vw') {			# weak verb, infinitive given
			my $s = $l;
			$s =~ s/(?<=[lr])n$// or $s =~ s/en$//;
			my $e = ($s =~ /(?:[td]|[^aeiouäöühlr][mn])$/) ? 'e' : '';
			push @f, $s . 'e', $s . $e . 'st', $s . $e . 't', $s . $e . 'te',
			  $s . $e . 'ten', $s . $e . 'test', $s . $e . 'tet';
			my $pp;
			if ($l =~ /ieren$/ || $l =~ /^(?:be|ge|er|ver|zer|ent|emp|miss)/) {
				$pp = $s . $e . 't';
			} else {
				$pp = 'ge' . $s . $e . 't';
			}
			push @f, $pp, de_adj_endings($pp);
		} elsif ($k eq 'pp') {			# participle / adjective given as lemma: inflect
			push @f, de_adj_endings($l);
		} else {
			die "unknown de class '$k' for $l\n";
		}
	}
	return @f;
}

sub fr_adj {
	my ($l) = @_;
	return ($l, $l . 's') if $l =~ /[^é]e$/;
	return ($l, substr($l, 0, -1) . 'se', substr($l, 0, -1) . 'ses') if $l =~ /eux$/;
	return ($l, substr($l, 0, -1) . 'ses') if 0;
	return ($l, substr($l, 0, -1) . 've', $l . 's', substr($l, 0, -1) . 'ves') if $l =~ /if$/;
	return ($l, $l . 'le', $l . 's', $l . 'les') if $l =~ /(?:el|eil|ul)$/;
	return ($l, $l . 'ne', $l . 's', $l . 'nes') if $l =~ /(?:en|on)$/;
	return ($l, $l . 'e', substr($l, 0, -1) . 'ux', $l . 'es') if $l =~ /al$/;
	return ($l, substr($l, 0, -2) . 'ère', $l . 's', substr($l, 0, -2) . 'ères') if $l =~ /er$/;
	return ($l, substr($l, 0, -3) . 'euse', $l . 's', substr($l, 0, -3) . 'euses') if $l =~ /eur$/;
	return ($l, $l . 'e', $l . 'es') if $l =~ /[sx]$/;
	return ($l, $l . 'e', $l . 's', $l . 'es');
}

sub forms_fr {
	my ($l, $c) = @_;
	my @f = ($l);
	for my $k (split /\+/, $c) {
		if ($k eq '=') {
		} elsif ($k eq 'n') {
			push @f, ($l =~ /[sxz]$/ ? () : ($l =~ /(?:eau|eu)$/ ? $l . 'x' : $l =~ /al$/ ? substr($l, 0, -2) . 'aux' : $l . 's'));
		} elsif ($k eq 'a') {
			push @f, fr_adj($l);
		} elsif ($k eq 'ment') {		# adverb from feminine: lent -> lentement
			my @a = fr_adj($l);
			my $fem = $a[1];
			$fem = $l if $l =~ /[^é]e$/;
			push @f, $fem . 'ment';
		} elsif ($k eq 've') {			# -er verb
			(my $s = $l) =~ s/er$// or die "not -er: $l\n";
			my $s2 = $s;
			$s2 .= 'e' if $s =~ /g$/;
			(my $s3 = $s) =~ s/c$/ç/;
			push @f, map { $s . $_ } qw(e es ent ez é ée és ées);
			push @f, $s2 . 'ons', $s2 . 'ait', $s2 . 'aient', $s2 . 'ais' if $s2 eq $s3 || 1;
			push @f, $s . 'era', $s . 'erai', $s . 'eront';
		} elsif ($k eq 'vi') {			# -ir verb of the finir type
			(my $s = $l) =~ s/ir$// or die "not -ir: $l\n";
			push @f, map { $s . $_ } qw(is it issent issons issez i ie ies issait issaient ira);
		} else {
			die "unknown fr class '$k' for $l\n";
		}
	}
	return @f;
}

open my $fh, '<:encoding(UTF-8)', $src or die "$src: $!\n";
my (%val, %emo, %from, @order);
while (my $line = <$fh>) {
	chomp $line;
	next if $line =~ /^\s*(?:#|$)/;
	my @c = map { s/^\s+|\s+$//gr } split /\|/, $line, -1;
	die "$src:$.: want 5 fields\n" unless @c == 5;
	my ($lemma, $cls, $v, $e, $extra) = @c;
	die "$src:$.: bad valence\n" unless $v =~ /^-?\d(?:\.\d+)?$/ && abs($v) <= 1;
	my @f = $lang eq 'de' ? forms_de($lemma, $cls) : forms_fr($lemma, $cls);
	push @f, grep { length } split /\s*,\s*/, $extra;
	my %ev = map { $_ => 0 } @EMO;
	if ($e ne '-') {
		for my $p (split /,/, $e) {
			my ($n, $x) = $p =~ /^(\w+)=([\d.]+)$/ or die "$src:$.: bad emo $p\n";
			die "$src:$.: unknown emotion $n\n" unless exists $ev{$n};
			$ev{$n} = $x;
		}
	}
	for my $t (uniq @f) {
		die "$src:$.: not lower-case '$t'\n" if $t ne lc $t;
		die "$src:$.: ß in '$t' (write ss)\n" if $t =~ /ß/;
		if (exists $val{$t}) {
			# the first explicit row wins; report only real conflicts
			print STDERR "conflict: $t ($from{$t} vs $lemma)\n"
			  if $val{$t} != $v;
			next;
		}
		$val{$t} = $v;
		$emo{$t} = $e eq '-' ? undef : {%ev};
		$from{$t} = $lemma;
		push @order, $t;
	}
}

my $name = $lang eq 'de' ? 'German' : 'French';
if ($what eq 'valence') {
	print "# GENERATED from the emotion_crm $name lemma list -- written by the emotion_crm project.\n";
	print "# $name single-word valence in [-1,1] on the scale of crm_valence.tsv; 0 = not a sentiment word.\n";
	print "# Terms are NFKC case folded: German ß is written ss.\n" if $lang eq 'de';
	print "term\tvalence\n";
	for my $t (sort @order) {
		my $v = $val{$t} + 0;
		print "$t\t$v\n";
	}
} else {
	print "# GENERATED from the emotion_crm $name lemma list -- written by the emotion_crm project.\n";
	print "# intensities in [0,1] for Plutchik's eight emotions.\n";
	print join("\t", 'term', @EMO), "\n";
	for my $t (sort @order) {
		next unless $emo{$t};
		next unless grep { $_ > 0 } values %{ $emo{$t} };
		print join("\t", $t, map { $emo{$t}{$_} + 0 } @EMO), "\n";
	}
}
