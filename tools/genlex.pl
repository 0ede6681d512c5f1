#!/usr/bin/perl
#
# genlex.pl -- compile lexicons/*.tsv into a static C hash table.
#
# usage: perl tools/genlex.pl LEXICON_DIR OUTPUT.c
#        perl tools/genlex.pl --dump LEXICON_DIR [LANG]  (merged entries as TSV)
#
# English comes from LEXICON_DIR itself (files below).  Every other language
# (es, de, fr, pt) comes from LEXICON_DIR/<code>/ with the files
#   valence.tsv     term valence         (-1..1; 0 = not a sentiment word)
#   emotions.tsv, phrases.tsv, modifiers.tsv  (the English formats)
# plus the shared LEXICON_DIR/emoji.tsv.  A missing directory or file is
# empty.  Terms of those languages are folded as the scorer folds text
# (NFKC, full case folding: "Straße" -> "strasse", curly apostrophes -> ').
# One table per language is generated (English keeps the ec_lex_* names).
#
# Reads whichever of these files exist (all optional):
#   vader.tsv       term valence         (-4..4)
#   afinn165.tsv    term valence         (-5..5)
#   crm_valence.tsv term valence         (-1..1, overrides; 0 = not a sentiment word)
#   emotions.tsv    term joy trust fear surprise sadness disgust anger anticipation  (0..1)
#   phrases.tsv     phrase valence emotions cue
#   modifiers.tsv   term kind strength
#   emoji.tsv       token valence emotions
# Every file: a header line first, '#' comment lines and blank lines ignored,
# tab-separated columns.  A malformed row stops the build with file:line and
# the reason.
#
# Valence merge: crm_valence wins; else mean(vader/4, afinn/5) where both
# exist; else whichever exists, scaled to [-1, 1].  Phrase and emoji valences
# are already in [-1, 1].
#
# Output: an array of entries, a string pool, and an open-addressing table
# (linear probing, load <= 0.5) of 32-bit slots holding (hash tag << 16 |
# entry index + 1).  See hash_word/hash_combine for the hash; the C side
# (src/core/lexicon.h) computes the same.  Only core Perl is used.
#
use strict;
use warnings;
use feature 'fc';
use Encode qw(decode encode);
use Unicode::Normalize qw(NFKC);

my $VERSION = '2026.11.1';
my @EMO = qw(joy trust fear surprise sadness disgust anger anticipation);
my %EMOIDX = map { $EMO[$_] => $_ } 0 .. $#EMO;

# flag bits, keep in sync with src/core/lexicon.h
my %F = (
	VALENCE => 0x01, EMO => 0x02, MOD => 0x04, HEAD => 0x08,
	CUE => 0x10, EMOJI => 0x20, MULTI => 0x40, PREFIX => 0x80,
);
# modifier kinds, keep in sync with src/core/lexicon.h
my %KIND = (none => 0, negator => 1, booster => 2, dampener => 3,
	contrast => 4, concessive => 5);

my @LANGS = qw(en es de fr pt);	# keep in sync with EcLanguage

my $dump = 0;
if (@ARGV && $ARGV[0] eq '--dump')
{
	$dump = 1;
	shift @ARGV;
}
(@ARGV == 2 && !$dump) || ((@ARGV == 1 || @ARGV == 2) && $dump)
  or die "usage: $0 LEXICON_DIR OUTPUT.c\n       $0 --dump LEXICON_DIR [LANG]\n";
my ($topdir, $out) = @ARGV;
my $dumplang = $dump ? ($out // 'en') : undef;
die "unknown language '$dumplang'\n" if $dump && !grep { $_ eq $dumplang } @LANGS;

my %ent;	# key -> hashref (of the language being built)
my $dir;	# directory of the language being built
my $fold = 0;	# fold terms (languages other than English)

# fold a term as the scorer folds text: NFKC + full case folding
sub fold_term
{
	my ($k, $where) = @_;
	return $k unless $fold;
	my $u = eval { decode('UTF-8', $k, Encode::FB_CROAK) };
	die "$where: term is not valid UTF-8\n" unless defined $u;
	$u =~ s/[\x{2019}\x{2018}\x{02BC}]/'/g;
	$u = NFKC(fc(NFKC($u)));
	# each word must be one token of the scorer: letters, digits and marks,
	# apostrophes only between letters (or ending an elided clitic: "n'")
	for my $w (split / /, $u)
	{
		warn "$where: warning: '" . encode('UTF-8', $w) . "' is not one word token; it will never match\n"
		  unless $w =~ /^[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*'?\z/;
	}
	return encode('UTF-8', $u);
}

sub entry
{
	my ($k) = @_;
	$ent{$k} //= { key => $k, kind => 0, strength => 0, flags => 0,
		emo => [ (0) x 8 ], maxph => 0 };
	return $ent{$k};
}

# iterate over the data rows of one file: callback(\@cols, $where)
sub each_row
{
	my ($name, $ncols, $cb) = @_;
	my $path = "$dir/$name";
	return 0 unless -e $path;
	open(my $fh, '<:raw', $path) or die "$path: cannot open: $!\n";
	my $header = 0;
	my %seen;
	while (my $line = <$fh>)
	{
		$line =~ s/\r?\n\z//;
		next if $line =~ /^#/ || $line =~ /^\s*$/;
		my $where = "$path:$.";
		my @c = split /\t/, $line, -1;
		if (!$header)
		{
			$header = 1;
			@c == $ncols or die "$where: header has " . scalar(@c) . " columns, expected $ncols\n";
			next;
		}
		@c == $ncols or die "$where: " . scalar(@c) . " columns, expected $ncols\n";
		my $k = $c[0] = fold_term($c[0], $where);
		$k ne '' or die "$where: empty term\n";
		$k !~ /^\s|\s\z|  / or die "$where: term has leading/trailing/double spaces\n";
		die "$where: duplicate term '$k' (first at line $seen{$k})\n" if $seen{$k};
		$seen{$k} = $.;
		$cb->(\@c, $where);
	}
	close $fh;
	return 1;
}

sub num
{
	my ($v, $lo, $hi, $where, $what) = @_;
	$v =~ /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\z/
	  or die "$where: $what '$v' is not a number\n";
	$v += 0;
	die "$where: $what $v out of range [$lo, $hi]\n" if $v < $lo || $v > $hi;
	return $v;
}

sub words { my @w = split / /, $_[0]; return scalar @w; }

sub emotions
{
	my ($spec, $where) = @_;
	my @e = (0) x 8;
	return @e if $spec eq '-' || $spec eq '';
	my %seen;
	for my $p (split /,/, $spec)
	{
		$p =~ /^([a-z]+)=(.*)\z/ or die "$where: bad emotion item '$p' (want name=value)\n";
		my ($n, $v) = ($1, $2);
		exists $EMOIDX{$n} or die "$where: unknown emotion '$n'\n";
		die "$where: emotion '$n' given twice\n" if $seen{$n}++;
		$e[$EMOIDX{$n}] = num($v, 0, 1, $where, "emotion $n");
	}
	return @e;
}

# the key hash, keep in sync with src/core/lexicon.h: a word hash over
# little-endian 4-byte chunks, and for a multi-word key the word hashes of
# its words combined left to right
use constant { M1 => 0x9E3779B1, M2 => 0x85EBCA6B };

sub mul32
{
	my ($a, $b) = @_;
	return ($a * ($b & 0xffff) + ((($a * ($b >> 16)) & 0xffff) << 16)) & 0xFFFFFFFF;
}

sub hash_word
{
	my ($s) = @_;
	my $h = length $s;
	my $pad = $s . ("\0" x ((4 - length($s) % 4) % 4));
	for my $c (unpack('V*', $pad))
	{
		$h = mul32($h ^ $c, M1);
		$h ^= $h >> 15;
	}
	$h = mul32($h, M2);
	$h ^= $h >> 13;
	return $h;
}

sub hash_combine
{
	my ($a, $b) = @_;
	my $x = ((($a << 11) | ($a >> 21)) & 0xFFFFFFFF) ^ $b;
	$x = mul32($x, M2);
	$x ^= $x >> 16;
	return $x;
}

sub key_hash
{
	my ($k) = @_;
	return hash_word($k) if $F{EMOJI} & ($ent{$k}{flags} // 0);
	my @w = split / /, $k;
	my $h = hash_word(shift @w);
	$h = hash_combine($h, hash_word($_)) for @w;
	return $h;
}

my @ALLEMOTICONS;

# build the merged entries of one language into %ent; returns the sorted keys
sub build_lang
{
	my ($lang) = @_;
	my (%vader, %afinn, %crm);
	%ent = ();
	$dir = $lang eq 'en' ? $topdir : "$topdir/$lang";
	$fold = $lang ne 'en';
	if ($lang ne 'en')
	{
		each_row('valence.tsv', 2, sub { my ($c, $w) = @_; $crm{$c->[0]} = num($c->[1], -1, 1, $w, 'valence'); });
	}
	else
	{
	each_row('vader.tsv', 2, sub { my ($c, $w) = @_; $vader{$c->[0]} = num($c->[1], -4, 4, $w, 'valence'); });
	each_row('afinn165.tsv', 2, sub { my ($c, $w) = @_; $afinn{$c->[0]} = num($c->[1], -5, 5, $w, 'valence'); });
	each_row('crm_valence.tsv', 2, sub { my ($c, $w) = @_; $crm{$c->[0]} = num($c->[1], -1, 1, $w, 'valence'); });
	}

	my %allv = (%vader, %afinn, %crm);
	for my $k (keys %allv)
	{
		my $v;
		if (exists $crm{$k})
		{
			next if $crm{$k} == 0;		# "not a sentiment word"
			$v = $crm{$k};
		}
		elsif (exists $vader{$k} && exists $afinn{$k})
		{
			$v = ($vader{$k} / 4 + $afinn{$k} / 5) / 2;
		}
		elsif (exists $vader{$k})
		{
			$v = $vader{$k} / 4;
		}
		else
		{
			$v = $afinn{$k} / 5;
		}
		next if $v == 0;
		my $e = entry($k);
		$e->{valence} = $v;
		$e->{flags} |= $F{VALENCE};
	}

	each_row('emotions.tsv', 9, sub {
		my ($c, $w) = @_;
		my $e = entry($c->[0]);
		for my $i (0 .. 7)
		{
			$e->{emo}[$i] = num($c->[$i + 1], 0, 1, $w, $EMO[$i]);
		}
		$e->{flags} |= $F{EMO} if grep { $_ > 0 } @{ $e->{emo} };
	});

	my @heads;		# [head word, phrase word count]

	each_row('phrases.tsv', 4, sub {
		my ($c, $w) = @_;
		my $n = words($c->[0]);
		die "$w: phrase must have 2..6 words\n" if $n < 2 || $n > 6;
		my $v = num($c->[1], -1, 1, $w, 'valence');
		my @e = emotions($c->[2], $w);
		$c->[3] =~ /^[01]\z/ or die "$w: cue must be 0 or 1\n";
		my $e = entry($c->[0]);
		# valence 0 and no emotions: a neutral phrase ("best regards"); it keeps
		# the VALENCE flag with value 0, so it is matched and covers its words
		# (they do not score) but adds nothing
		$e->{valence} = $v;
		$e->{flags} |= $F{VALENCE};
		if (grep { $_ > 0 } @e)
		{
			$e->{emo} = [@e];
			$e->{flags} |= $F{EMO};
		}
		$e->{flags} |= $F{CUE} if $c->[3];
		$e->{phrase} = 1;
		push @heads, [ (split / /, $c->[0])[0], $n ];
	});

	each_row('modifiers.tsv', 3, sub {
		my ($c, $w) = @_;
		my $n = words($c->[0]);
		die "$w: modifier must have 1..3 words\n" if $n > 3;
		exists $KIND{ $c->[1] } && $c->[1] ne 'none'
		  or die "$w: unknown kind '$c->[1]'\n";
		my $s = num($c->[2], 0, 2, $w, 'strength');
		my $e = entry($c->[0]);
		$e->{kind} = $KIND{ $c->[1] };
		$e->{strength} = $s;
		$e->{flags} |= $F{MOD};
		push @heads, [ (split / /, $c->[0])[0], $n ] if $n > 1;
	});

	# emoji and emoticons: shared by all languages, never folded
	my $ldir = $dir;
	$dir = $topdir;
	$fold = 0;
	my @emoticons;
	each_row('emoji.tsv', 3, sub {
		my ($c, $w) = @_;
		my $k = $c->[0];
		$k =~ s/\xEF\xB8\x8F//g;		# U+FE0F variation selector
		$k ne '' or die "$w: empty emoji token\n";
		die "$w: emoji token contains a space\n" if $k =~ / /;
		my $v = num($c->[1], -1, 1, $w, 'valence');
		my @e = emotions($c->[2], $w);
		die "$w: duplicate emoji token after stripping U+FE0F\n"
		  if $ent{$k} && ($ent{$k}{flags} & $F{EMOJI});
		my $e = entry($k);
		if ($v != 0)
		{
			$e->{valence} = $v;
			$e->{flags} |= $F{VALENCE};
		}
		if (grep { $_ > 0 } @e)
		{
			$e->{emo} = [@e];
			$e->{flags} |= $F{EMO};
		}
		$e->{flags} |= $F{EMOJI};
		push @emoticons, $k if $k !~ /[\x80-\xff]/;
	});

	$dir = $ldir;
	@ALLEMOTICONS = @emoticons if $lang eq 'en';
	# rule phrases the scorer relies on, used only when phrases.tsv lacks them
	my @builtin = $lang ne 'en' ? () : (
		[ 'never again', -0.5, [ 0, 0, 0, 0, 0.2, 0.3, 0.4, 0 ] ],
	);
	for my $b (@builtin)
	{
		next if $ent{ $b->[0] } && $ent{ $b->[0] }{phrase};
		my $e = entry($b->[0]);
		$e->{valence} = $b->[1];
		$e->{emo} = $b->[2];
		$e->{flags} |= $F{VALENCE} | $F{EMO};
		$e->{phrase} = 1;
		push @heads, [ (split / /, $b->[0])[0], words($b->[0]) ];
	}

	for my $h (@heads)
	{
		my $e = entry($h->[0]);
		$e->{flags} |= $F{HEAD};
		$e->{maxph} = $h->[1] if $h->[1] > $e->{maxph};
	}
	for my $e (values %ent)
	{
		$e->{flags} |= $F{MULTI} if $e->{key} =~ / /;
	}
	# every proper prefix (2 words or more) of a multi-word key is marked, so the
	# scorer can extend a match word by word and stop at the first miss
	for my $k (grep { / / } keys %ent)
	{
		my @w = split / /, $k;
		for my $n (2 .. $#w)
		{
			my $p = entry(join ' ', @w[ 0 .. $n - 1 ]);
			$p->{flags} |= $F{PREFIX} | $F{MULTI};
		}
	}

	# drop entries that carry nothing
	my @keys = sort grep { $ent{$_}{flags} & ~$F{MULTI} } keys %ent;
	my $n = scalar @keys;
	die "lexicon too large ($n entries, max 65534)\n" if $n > 65534;
	return @keys;

}

if ($dump)
{
	my @keys = build_lang($dumplang);
	my %kind = reverse %KIND;
	print "term\tvalence\tkind\tstrength\tflags\tmaxphrase\t", join("\t", @EMO), "\n";
	for my $k (@keys)
	{
		my $e = $ent{$k};
		my @fl = grep { $e->{flags} & $F{$_} } sort keys %F;
		printf "%s\t%.6f\t%s\t%g\t%s\t%d\t%s\n", $k, $e->{valence} // 0,
		  $kind{ $e->{kind} }, $e->{strength}, join(',', @fl) || '-', $e->{maxph},
		  join("\t", map { sprintf('%g', $_) } @{ $e->{emo} });
	}
	exit 0;
}

# one table per language, English first and under the historical names
my %sym = (en => '');
$sym{$_} = "_$_" for grep { $_ ne 'en' } @LANGS;
my @tabtext;
my $total = 0;
my @sizes;
my $report = '';
for my $lang (@LANGS)
{
	my @keys = build_lang($lang);
	my $n = scalar @keys;
	my $sx = $sym{$lang};
	my $size = 1024;
	$size *= 2 while $size < 2 * $n;
	my $mask = $size - 1;
	my @slots = (0) x $size;
	my $maxprobe = 0;
	my $sumprobe = 0;
	my $pool = '';
	my @rows;
	my $maxkey = 0;
	for my $i (0 .. $#keys)
	{
		my $k = $keys[$i];
		my $e = $ent{$k};
		my $h = key_hash($k);
		my $p = $h & $mask;
		my $probe = 0;
		while ($slots[$p])
		{
			$p = ($p + 1) & $mask;
			$probe++;
		}
		$maxprobe = $probe if $probe > $maxprobe;
		$sumprobe += $probe + 1;
		$slots[$p] = (($h >> 16) << 16) | ($i + 1);
		my $off = length $pool;
		$pool .= $k . "\0";
		$maxkey = length $k if length $k > $maxkey;
		my $emo = join(',', map { sprintf('%d', int($_ * 255 + 0.5)) } @{ $e->{emo} });
		push @rows, sprintf("\t{%uu, %u, %u, %u, %u, %u, %.6ff, %.4ff, {%s}},",
			$h, $off, length $k, $e->{kind}, $e->{flags}, $e->{maxph},
			$e->{valence} // 0, $e->{strength}, $emo);
	}
	my $t = '';
	my $static = $lang eq 'en' ? '' : 'static ';
	$t .= "/* language $lang: $n entries */\n";
	$t .= "${static}const unsigned ec_lex_mask$sx = $mask;\t/* max probe length $maxprobe */\n";
	$t .= "${static}const unsigned ec_lex_max_key$sx = $maxkey;\n\n";
	$t .= "${static}const EcLexEntry ec_lex_entries${sx}[] = {\n";
	$t .= "\t{0, 0, 0, 0, 0, 0, 0.0f, 0.0f, {0}},\n" unless @rows;
	$t .= "$_\n" for @rows;
	$t .= "};\n\n";
	$t .= "${static}const uint32_t ec_lex_slots${sx}[] = {\n";
	for (my $i = 0; $i < $size; $i += 8)
	{
		$t .= "\t" . join(', ', map { sprintf('0x%08xu', $_) } @slots[ $i .. $i + 7 ]) . ",\n";
	}
	$t .= "};\n\n";
	# 8 NUL bytes after the last key: the C side compares keys 8 bytes at a time
	$pool .= "\0" x 8;
	$t .= "${static}const char ec_lex_pool${sx}[] =\n";
	my @chunks = map { cstr($_) } ($pool =~ /(.{1,60})/gs);
	@chunks = ('') unless @chunks;
	$t .= "\t\"$_\"\n" for @chunks;
	$t .= ";\n\n";
	push @tabtext, $t;
	push @sizes, $n;
	$total += $n;
	# slots a miss inspects, averaged over all home positions
	my $missprobe = 0;
	for my $i (0 .. $size - 1)
	{
		my $p = $i;
		my $k = 1;
		while ($slots[$p])
		{
			$p = ($p + 1) & $mask;
			$k++;
		}
		$missprobe += $k;
	}
	$report .= sprintf("genlex: %s: %d entries, %d slots (load %.2f), slots per hit %.2f (max %d), per miss %.2f\n",
	  $lang, $n, $size, $n / $size, $n ? $sumprobe / $n : 0, $maxprobe + 1, $missprobe / $size);
}

sub cstr
{
	my ($s) = @_;
	my $o = '';
	for my $b (unpack('C*', $s))
	{
		if ($b == 0x22 || $b == 0x5c)	{ $o .= sprintf('\\%03o', $b); }
		elsif ($b >= 0x20 && $b < 0x7f && $b != 0x3f) { $o .= chr $b; }
		else { $o .= sprintf('\\%03o', $b); }
	}
	return $o;
}

# emoticons: sorted by first byte, then longest first
my @emoticons = sort { substr($a, 0, 1) cmp substr($b, 0, 1) || length($b) <=> length($a) || $a cmp $b } @ALLEMOTICONS;
my @first = (0) x 256;
for my $i (reverse 0 .. $#emoticons) { $first[ord $emoticons[$i]] = $i + 1; }

open(my $o, '>:raw', "$out.tmp") or die "$out.tmp: $!\n";
print $o "/* generated by tools/genlex.pl from the lexicons TSV files: do not edit */\n";
print $o "#include \"core/lexicon.h\"\n\n";
print $o "const char *\nec_lexicon_version(void)\n{\n\treturn \"$VERSION\";\n}\n\n";
print $o "/* all languages */\nsize_t\nec_lexicon_size(void)\n{\n\treturn $total;\n}\n\n";
print $o $_ for @tabtext;
print $o "const EcLexTable ec_lex_tables[EC_NUM_LANGUAGES] = {\n";
for my $i (0 .. $#LANGS)
{
	my $sx = $sym{ $LANGS[$i] };
	print $o "\t{ec_lex_entries$sx, ec_lex_slots$sx, ec_lex_pool$sx, $sizes[$i], ec_lex_mask$sx, ec_lex_max_key$sx},\t/* $LANGS[$i] */\n";
}
print $o "};\n\n";
print $o "const EcEmoticon ec_emoticons[] = {\n";
print $o "\t{\"" . cstr($_) . "\", " . length($_) . "},\n" for @emoticons;
print $o "\t{\"\", 0}\n};\n";
print $o "const unsigned ec_num_emoticons = " . scalar(@emoticons) . ";\n\n";
print $o "/* index + 1 of the first emoticon starting with each byte, 0 if none */\n";
print $o "const uint16_t ec_emoticon_first[256] = {\n";
for (my $i = 0; $i < 256; $i += 32)
{
	print $o "\t", join(',', @first[ $i .. $i + 31 ]), ",\n";
}
print $o "};\n";
close $o or die "$out.tmp: $!\n";
rename "$out.tmp", $out or die "$out: $!\n";
print STDERR $report;
printf STDERR "genlex: %d entries in all, %d emoticons\n", $total, scalar @emoticons;
