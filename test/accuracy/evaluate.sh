#!/bin/sh
# evaluate.sh -- accuracy of emotion_crm's sentiment() and emotion_score()
# on labelled TSV files, side by side with the npm package vader-sentiment.
#
# usage: test/accuracy/evaluate.sh [--no-peer] [--keep DIR] FILE.tsv...
#
# Every FILE is UTF-8, tab-separated, one header row, no quoting.  The header
# decides how a file is read:
#   id text label                 label negative/neutral/positive: sentiment
#                                 label anger/joy/optimism/sadness: emotion
#   id text label intensity       emotion intensity (label = emotion rated)
#   id text label ekman sentiment GoEmotions style (multi-label columns)
#   id text ekman                 one Ekman emotion or neutral per text
# Texts are scored through SQL in the database that the standard libpq
# variables (PGHOST, PGPORT, PGDATABASE, PGUSER, ...) point at; the
# extension is created there if it is missing.  The peer runs with node over
# the same texts.  One Markdown table goes to standard output, progress to
# standard error.  --keep DIR writes every scored row to DIR/<file>.scored.tsv.
# EVAL_KEEP_TMP=1 keeps the generated psql script (for debugging).
#
# Fixed choices (made once, the same for every file and both scorers):
#   * sentiment classes: value >= 0.05 positive, <= -0.05 negative, else
#     neutral (VADER's own convention for its compound score);
#   * numeric sentiment label: negative -1, neutral 0, positive 1;
#   * GoEmotions: only rows with exactly one sentiment label among
#     positive/negative/neutral count for sentiment ("ambiguous" and
#     multi-label rows are dropped), only rows with exactly one Ekman label
#     count for emotions;
#   * dominant emotion: the largest of the candidate intensities; "neutral"
#     (where the gold labels have it) when that largest intensity is < 0.05;
#     Ekman joy = greatest of joy, trust and anticipation (GoEmotions files
#     admiration, approval, optimism and desire under joy), TweetEval's
#     optimism = anticipation.
set -eu

BAND=0.05

usage()
{
	echo "usage: $0 [--no-peer] [--keep DIR] FILE.tsv..." >&2
	exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
peer=1
keep=
while [ $# -gt 0 ]; do
	case $1 in
	--no-peer) peer=0; shift ;;
	--keep) [ $# -ge 2 ] || usage; keep=$2; shift 2 ;;
	--help|-h) usage ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || usage

if [ $peer = 1 ]; then
	command -v node >/dev/null 2>&1 || { echo "$0: node not found (or use --no-peer)" >&2; exit 2; }
	if [ ! -d "$here/node_modules/vader-sentiment" ]; then
		echo "$0: installing the peer (npm install in $here)" >&2
		(cd "$here" && npm install --no-audit --no-fund --silent) >&2
	fi
fi
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	keep=$(cd "$keep" && pwd)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/emocrm-acc.XXXXXX")
[ -n "${EVAL_KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT INT TERM
chmod 755 "$tmp"

# SQL string literal
sqlq()
{
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
}

script=$tmp/run.sql
cat > "$script" <<EOF
\\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET client_encoding = 'UTF8';
SET max_parallel_workers_per_gather = 0;
SELECT to_regprocedure('sentiment(text)') IS NULL AS need_ext \\gset
\\if :need_ext
CREATE EXTENSION emotion_crm;
\\endif
CREATE TEMP TABLE ev_row (
	file_no int, file text, ord int, id text, body text,
	sent_label text,		-- negative / neutral / positive, or NULL
	emo_label text,			-- gold emotion, or NULL
	emo_kind text,			-- ekman / tweeteval / intensity
	intensity float8,
	peer float8);
EOF

dups=$(for f in "$@"; do basename "$f" .tsv; done | sort | uniq -d)
[ -z "$dups" ] || { echo "$0: two files are named $dups" >&2; exit 2; }

n=0
for f in "$@"; do
	[ -r "$f" ] || { echo "$0: cannot read $f" >&2; exit 2; }
	n=$((n + 1))
	name=$(basename "$f" .tsv)
	header=$(head -n 1 "$f" | tr -d '\r')
	cols=$(printf '%s' "$header" | tr '\t' ' ')
	case " $cols " in
	*" id "*"text "*) ;;
	*) echo "$0: $f: header must start with the columns id and text" >&2; exit 2 ;;
	esac
	coldefs=
	for c in $cols; do
		case $c in
		*[!a-z0-9_]*|"") echo "$0: $f: unusable column name '$c'" >&2; exit 2 ;;
		esac
		coldefs="$coldefs${coldefs:+, }\"$c\" text"
	done
	# a copy of the file with its row number in front keeps file order
	awk 'NR > 1 && $0 != "" { print NR - 1 "\t" $0 }' "$f" > "$tmp/in$n.tsv"
	if [ $peer = 1 ]; then
		echo "scoring $name with vader-sentiment" >&2
		node "$here/peer_vader.js" "$f" > "$tmp/peer$n.tsv"
	else
		: > "$tmp/peer$n.tsv"
	fi
	case " $cols " in
	*" ekman "*)
		case " $cols " in
		*" sentiment "*) sent="CASE WHEN sentiment IN ('negative','neutral','positive') THEN sentiment END" ;;
		*) sent=NULL ;;
		esac
		emo="CASE WHEN ekman !~ ',' THEN ekman END"; kind=ekman; inten=NULL ;;
	*" intensity "*)
		sent=NULL; emo=label; kind=intensity; inten="intensity::float8" ;;
	*" label "*)
		sent="CASE WHEN label IN ('negative','neutral','positive') THEN label END"
		emo="CASE WHEN label NOT IN ('negative','neutral','positive') THEN label END"
		kind=tweeteval; inten=NULL ;;
	*) echo "$0: $f: no label column" >&2; exit 2 ;;
	esac
	cat >> "$script" <<EOF
CREATE TEMP TABLE raw$n (ord int, $coldefs);
-- CSV mode with a quote byte that never occurs: the files have no quoting and
-- backslashes in them are literal
\\copy raw$n FROM $(sqlq "$tmp/in$n.tsv") WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')
CREATE TEMP TABLE peer$n (id text, v float8);
\\copy peer$n FROM $(sqlq "$tmp/peer$n.tsv") WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')
INSERT INTO ev_row
SELECT $n, $(sqlq "$name"), r.ord, r.id, coalesce(r.text, ''), $sent, $emo, '$kind', $inten, p.v
FROM raw$n r LEFT JOIN peer$n p ON p.id = r.id;
EOF
	if [ $peer = 1 ]; then
		cat >> "$script" <<EOF
DO \$\$BEGIN
	IF EXISTS (SELECT FROM ev_row WHERE file_no = $n AND peer IS NULL) THEN
		RAISE EXCEPTION 'vader-sentiment scores missing for some rows of %', $(sqlq "$f");
	END IF;
END\$\$;
EOF
	fi
done

cat "$here/metrics.sql" >> "$script"
if [ -n "$keep" ]; then
	cat >> "$script" <<EOF
\\pset format unaligned
\\pset fieldsep '\\t'
\\pset footer off
\\pset tuples_only off
EOF
	for f in "$@"; do
		name=$(basename "$f" .tsv)
		cat >> "$script" <<EOF
SELECT id, sent_label, emo_label, intensity, round(s::numeric, 4) AS sentiment,
	round(peer::numeric, 4) AS vader, e::text AS emotion, body
FROM ev_scored WHERE file = $(sqlq "$name") ORDER BY ord
\\g $(sqlq "$keep/$name.scored.tsv")
EOF
	done
fi

cat >> "$script" <<'EOF'
SELECT emotion_crm_version() AS emocrm_version \gset
\warn 'scored with' :emocrm_version
EOF

echo "scoring with emotion_crm through SQL" >&2
psql -X -q -v ON_ERROR_STOP=1 -v band=$BAND -v peer=$peer -f "$script"
