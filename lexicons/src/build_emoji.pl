#!/usr/bin/perl
# build_emoji.pl -- turn lexicons/src/emoji_src.tsv into lexicons/emoji.tsv.
# usage: perl lexicons/src/build_emoji.pl lexicons/src/emoji_src.tsv > lexicons/emoji.tsv
# Core perl only.  Validates every row and dies on a bad one.
use strict;
use warnings;

my %emotion = map { $_ => 1 } qw(joy trust fear surprise sadness disgust anger anticipation);
binmode STDOUT, ':encoding(UTF-8)';
my ($src) = @ARGV;
die "usage: $0 emoji_src.tsv\n" unless defined $src;
open my $in, '<:encoding(UTF-8)', $src or die "$src: $!\n";

print "# emotion_crm emoji and emoticon lexicon, lexicon version 2026.11.1\n";
print "# Written by the emotion_crm project; generated from lexicons/src/emoji_src.tsv\n";
print "# by lexicons/src/build_emoji.pl -- edit the source, not this file.\n";
print "# token: an emoji base code point (U+FE0F is stripped by the tokenizer) or an\n";
print "# ASCII emoticon matched case-sensitively; valence [-1,1]; emotions name=intensity list or -\n";
print "token\tvalence\temotions\n";

my (%seen, $header);
while (my $line = <$in>) {
	chomp $line;
	next if $line =~ /^#/ || $line eq '';
	my ($code, $val, $emo, $name) = split /\t/, $line, -1;
	die "$src:$.: need 4 columns\n" unless defined $name;
	unless ($header) { $header = 1; next; }
	my $tok;
	if ($code =~ /^U\+([0-9A-F]{4,6})$/) {
		$tok = chr(hex $1);
		die "$src:$.: variation selector listed\n" if hex($1) == 0xFE0F;
	} elsif ($code =~ /^[\x21-\x7e]+$/) {
		$tok = $code;
	} else {
		die "$src:$.: bad code '$code'\n";
	}
	die "$src:$.: bad valence '$val'\n"
		unless $val =~ /^-?(0(\.\d{1,2})?|1(\.0+)?)$/;
	if ($emo ne '-') {
		for my $p (split /,/, $emo) {
			my ($e, $x) = $p =~ /^([a-z]+)=(0(?:\.\d{1,2})?|1(?:\.0+)?)$/
				or die "$src:$.: bad emotion '$p'\n";
			die "$src:$.: unknown emotion '$e'\n" unless $emotion{$e};
		}
	}
	next if $val == 0 && $emo eq '-';       # carries nothing
	die "$src:$.: duplicate token '$code'\n" if $seen{$tok}++;
	print "# $name\n$tok\t$val\t$emo\n";
}
