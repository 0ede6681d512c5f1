#!/usr/bin/perl
# expand.pl -- expand hand-written lemma lists into lexicon files.
#
#   perl lexicons/src/expand.pl emotions lexicons/src/emotion_lemmas.tsv lexicons/modifiers.tsv > lexicons/emotions.tsv
#   perl lexicons/src/expand.pl valence  lexicons/src/crm_lemmas.tsv     > lexicons/crm_valence.tsv
#
# Core perl only.  Input (UTF-8 TSV, '#' comments, header line):
#   lemma <TAB> class <TAB> value <TAB> extra
#     value  emotions mode: comma list emotion=intensity (0..1, 2 decimals),
#                           e.g. "anger=0.6,disgust=0.3"
#            valence mode:  a number in [-1,1]
#     extra  comma list of additional word forms with the same value, or -
#            (irregular forms: "broke,broken"; derived words: "annoyance")
#     class  which regular forms to generate from the lemma:
#       =    the lemma only
#       n    noun: lemma + plural             (worry -> worries, box -> boxes)
#       v    verb: lemma + 3rd person, past, -ing
#                                             (annoy -> annoys annoyed annoying;
#                                              hate -> hates hated hating;
#                                              worry -> worries worried worrying)
#       vd   verb doubling the final consonant (stop -> stops stopped stopping)
#       vi   verb with irregular past: lemma + 3rd person + -ing; give the
#            past forms in extra                      (break -> breaks breaking)
#       ac   adjective + comparative + superlative  (rude -> ruder rudest,
#                                              happy -> happier happiest)
#       acd  the same, doubling                    (sad -> sadder saddest)
#       ly   adverb in -ly                         (angry -> angrily,
#            terrible -> terribly, tragic -> tragically, rude -> rudely)
#       ness noun in -ness                         (happy -> happiness)
#     Classes may be joined with '+': "v+n" (a verb that is also a noun:
#     fear -> fears feared fearing).
#
# Conflicts: a word given as a lemma (or in extra) on its own row wins over a
# generated form; between generated forms the first row wins.  Every conflict
# with a different value is reported on stderr.  Output is sorted by term.
use strict;
use warnings;

my @EMO = qw(joy trust fear surprise sadness disgust anger anticipation);
my %EMO = map { $_ => 1 } @EMO;

my ($mode, $src, $modfile) = @ARGV;
die "usage: $0 emotions|valence SRC [modifiers.tsv]\n"
	unless defined $src && ($mode eq 'emotions' || $mode eq 'valence');
# words that are modifiers (boosters, negators, ...) never get an entry in
# the emotion lexicon: their effect comes from the rules
my %modifier;
if (defined $modfile) {
	open my $mf, '<:encoding(UTF-8)', $modfile or die "$modfile: $!\n";
	while (<$mf>) { next if /^#/; my ($t) = split /\t/; $modifier{$t} = 1; }
}
open my $in, '<:encoding(UTF-8)', $src or die "$src: $!\n";
binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';

sub s3 {						# 3rd person singular / noun plural
	my $w = shift;
	return $w . 'es' if $w =~ /(?:s|x|z|ch|sh)$/;
	return substr($w, 0, -1) . 'ies' if $w =~ /[^aeiou]y$/;
	return $w . 's';
}
sub past {
	my ($w, $dbl) = @_;
	return $w . substr($w, -1) . 'ed' if $dbl;
	return $w . 'd' if $w =~ /e$/;
	return substr($w, 0, -1) . 'ied' if $w =~ /[^aeiou]y$/;
	return $w . 'ed';
}
sub ing {
	my ($w, $dbl) = @_;
	return $w . substr($w, -1) . 'ing' if $dbl;
	return substr($w, 0, -2) . 'ying' if $w =~ /ie$/;
	return substr($w, 0, -1) . 'ing' if $w =~ /[^eoy]e$/;
	return $w . 'ing';
}
sub comp {
	my ($w, $dbl) = @_;
	return ($w . substr($w, -1) . 'er', $w . substr($w, -1) . 'est') if $dbl;
	return ($w . 'r', $w . 'st') if $w =~ /e$/;
	return (substr($w, 0, -1) . 'ier', substr($w, 0, -1) . 'iest') if $w =~ /[^aeiou]y$/;
	return ($w . 'er', $w . 'est');
}

sub ly {
	my $w = shift;
	return substr($w, 0, -1) . 'ily' if $w =~ /[^aeiou]y$/;
	return substr($w, 0, -1) . 'y' if $w =~ /[^aeiou]le$/;
	return $w . 'ally' if $w =~ /ic$/;
	return substr($w, 0, -2) . 'lly' if $w =~ /ll$/;
	return $w . 'ly';
}
sub ness {
	my $w = shift;
	return substr($w, 0, -1) . 'iness' if $w =~ /[^aeiou]y$/;
	return $w . 'ness';
}

sub forms {
	my ($lemma, $class) = @_;
	my @f;
	for my $c (split /\+/, $class) {
		if    ($c eq '=')   { }
		elsif ($c eq 'n')   { push @f, s3($lemma); }
		elsif ($c eq 'v')   { push @f, s3($lemma), past($lemma), ing($lemma); }
		elsif ($c eq 'vd')  { push @f, s3($lemma), past($lemma, 1), ing($lemma, 1); }
		elsif ($c eq 'vi')  { push @f, s3($lemma), ing($lemma); }
		elsif ($c eq 'ac')  { push @f, comp($lemma); }
		elsif ($c eq 'acd') { push @f, comp($lemma, 1); }
		elsif ($c eq 'ly')  { push @f, ly($lemma); }
		elsif ($c eq 'ness') { push @f, ness($lemma); }
		else { return; }
	}
	return @f;
}

sub parse_value {
	my ($v, $where) = @_;
	if ($mode eq 'valence') {
		die "$where: bad valence '$v'\n"
			unless $v =~ /^-?(?:0(?:\.\d{1,2})?|1(?:\.0{1,2})?)$/;
		return $v + 0;
	}
	my %e;
	for my $p (split /,/, $v) {
		my ($n, $x) = $p =~ /^([a-z]+)=(0(?:\.\d{1,2})?|1(?:\.0{1,2})?)$/
			or die "$where: bad emotion item '$p'\n";
		die "$where: unknown emotion '$n'\n" unless $EMO{$n};
		die "$where: emotion '$n' twice\n" if exists $e{$n};
		$e{$n} = $x + 0;
	}
	die "$where: no emotion given\n" unless %e;
	return join("\t", map { fmt($e{$_} // 0) } @EMO);
}
sub fmt {
	my $x = sprintf('%.2f', shift);
	$x =~ s/0+$//; $x =~ s/\.$//;
	return $x;
}

my (%explicit, %generated, %origin, $header, $rows);
while (my $line = <$in>) {
	chomp $line;
	$line =~ s/\r$//;
	next if $line =~ /^#/ || $line =~ /^\s*$/;
	my @c = split /\t/, $line, -1;
	my $where = "$src:$.";
	die "$where: need 4 columns, got " . scalar(@c) . "\n" unless @c == 4;
	unless ($header) { $header = 1; next; }
	my ($lemma, $class, $value, $extra) = @c;
	die "$where: lemma '$lemma' must be one lower-case token\n"
		unless $lemma =~ /^[\p{Ll}\p{Nd}']+$/;
	my @gen = forms($lemma, $class);
	die "$where: bad class '$class'\n" if !@gen && $class !~ /^=(?:\+=)*$/;
	my $val = parse_value($value, $where);
	my @ext = $extra eq '-' ? () : split /,/, $extra;
	for my $w ($lemma, @ext) {
		die "$where: bad extra form '$w'\n" unless $w =~ /^[\p{Ll}\p{Nd}']+$/;
		if (exists $explicit{$w}) {
			die "$where: '$w' listed twice (first at $origin{$w})\n";
		}
		$explicit{$w} = $val;
		$origin{$w} = $where;
	}
	for my $w (@gen) {
		next if $w eq $lemma;
		if (exists $generated{$w}) {
			warn "$where: generated '$w' already generated at $origin{'g:' . $w}; keeping the first\n"
				if $generated{$w} ne $val;
			next;
		}
		$generated{$w} = $val;
		$origin{'g:' . $w} = $where;
	}
	$rows++;
}
die "$src: no header\n" unless $header;

my %out = %generated;
for my $w (keys %explicit) {
	warn "$origin{$w}: '$w' is a modifier: left out\n" if $modifier{$w};
	warn "$origin{$w}: '$w' overrides the form generated at " . $origin{'g:' . $w} . "\n"
		if exists $generated{$w} && $generated{$w} ne $explicit{$w};
	$out{$w} = $explicit{$w};
}

delete $out{$_} for keys %modifier;

print "# GENERATED by lexicons/src/expand.pl from lexicons/src/" . ($src =~ s{.*/}{}r) . " -- do not edit; edit the source.\n";
print "# Written by the emotion_crm project; lexicon version 2026.11.1.\n";
if ($mode eq 'valence') {
	print "# valence in [-1,1]; these entries override vader.tsv and afinn165.tsv; 0 = not a sentiment word.\n";
	print "term\tvalence\n";
	print "$_\t", fmt($out{$_}), "\n" for sort keys %out;
} else {
	print "# intensities in [0,1] for Plutchik's eight emotions.\n";
	print join("\t", 'term', @EMO), "\n";
	print "$_\t$out{$_}\n" for sort keys %out;
}
printf STDERR "%s: %d rows, %d entries\n", $src, $rows, scalar(keys %out);
