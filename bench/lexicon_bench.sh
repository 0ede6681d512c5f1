#!/bin/sh
# lexicon_bench.sh -- is scoring with a user lexicon as fast as the built-in
# path?
#
# usage: bench/lexicon_bench.sh [ROWS]        (ROWS default 200000)
#
# Connects with the standard libpq variables (PGHOST, PGPORT, PGDATABASE,
# PGUSER, ...) and creates the extension there if it is missing.  Steps:
#   1. bench_texts(id, body): ROWS customer-service texts from
#      bench/gen_texts.sql (fixed seed; kept between runs of the same size);
#   2. a user lexicon 'bench_acme' of 1000 entries: the (up to) 600 words
#      and phrases the built-in lexicon scores most often in the texts, with
#      new valences and emotions (so the overlay answers for nearly every
#      text), 20 frequent words the built-in lexicon leaves neutral, and
#      words that do not occur up to 1000 entries; and 'bench_miss' of
#      1000 words that do not occur;
#   3. with max_parallel_workers_per_gather = 0 and jit = off, runs
#        sum(sentiment(body))                 the built-in path (IMMUTABLE)
#        sum(sentiment(body, NULL))           the lexicon variant, no lexicon
#        sum(sentiment(body, 'en'))           a built-in language code
#        sum(sentiment(body, 'bench_acme'))   the 1000-entry overlay
#        sum(sentiment(body, 'bench_miss'))   1000 entries, none in the texts
#        count(emotion_score(body)) and count(emotion_score(body, 'bench_acme'))
#      BENCH_RUNS times each (default 3), in turn, and prints the fastest run
#      of each and its ratio to the built-in path as a Markdown table.
# The lexicons are deleted at the end (BENCH_KEEP=1 keeps them).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
rows=${1:-200000}
case $rows in
''|*[!0-9]*) echo "usage: $0 [ROWS]" >&2; exit 2 ;;
esac
runs=${BENCH_RUNS:-3}
case $runs in ''|*[!0-9]*|0) echo "$0: BENCH_RUNS must be a positive number" >&2; exit 2 ;; esac

PSQL="psql -X -q -v ON_ERROR_STOP=1"
log()
{
	echo "lexicon_bench: $*" >&2
}

$PSQL -At <<'EOF' >/dev/null
SELECT to_regprocedure('sentiment(text,text)') IS NULL AS need_ext \gset
\if :need_ext
CREATE EXTENSION IF NOT EXISTS emotion_crm;
\endif
EOF

have=-1
if [ "$($PSQL -At -c "SELECT to_regclass('bench_texts') IS NOT NULL")" = t ]; then
	have=$($PSQL -At -c "SELECT count(*) FROM bench_texts")
fi
if [ "$have" != "$rows" ]; then
	log "generating $rows texts into bench_texts"
	$PSQL -v rows="$rows" -f "$here/gen_texts.sql" >/dev/null
fi

log "building the 1000-entry lexicon bench_acme"
$PSQL <<'EOF'
DELETE FROM emotion_crm.lexicons WHERE name = 'bench_acme';
INSERT INTO emotion_crm.lexicons (name, description) VALUES ('bench_acme', 'lexicon_bench.sh');
-- every word and phrase the built-in lexicon scores in a sample of the
-- texts, with a valence and emotions of its own (so the overlay, not the
-- built-in lexicon, answers for the scoring words of nearly every text)
WITH w AS (
	SELECT x.token AS term, count(*) AS n
	FROM (SELECT body FROM bench_texts ORDER BY id LIMIT 20000) t,
	     emotion_explain(t.body) AS x
	WHERE emotion_crm.lexicon_term_ok(x.token)
	GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 600)
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, joy, anger, source)
SELECT 'bench_acme', term, ((hashtext(term) % 1000) / 1000.0)::real,
       (abs(hashtext(term)) % 3) * 0.25, (abs(hashtext(term || 'x')) % 3) * 0.25, 'bench'
FROM w;
-- 20 frequent domain words the built-in lexicon leaves neutral
WITH w AS (
	SELECT lower(m[1]) AS term, count(*) AS n
	FROM (SELECT body FROM bench_texts ORDER BY id LIMIT 20000) t,
	     regexp_matches(t.body, '([A-Za-z]{5,})', 'g') AS m
	GROUP BY 1 ORDER BY 2 DESC, 1)
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, source)
SELECT 'bench_acme', term, 0.3, 'bench' FROM w
WHERE NOT EXISTS (SELECT 1 FROM emotion_explain(w.term))
  AND NOT EXISTS (SELECT 1 FROM emotion_crm.lexicon_entries e WHERE e.lexicon = 'bench_acme' AND e.term = w.term)
LIMIT 20;
-- and words that never occur, up to 1000 entries
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, source)
SELECT 'bench_acme', 'zqxterm' || i, 0.3, 'bench'
FROM generate_series(1, 1000 - (SELECT count(*) FROM emotion_crm.lexicon_entries WHERE lexicon = 'bench_acme')) i;
SELECT count(*) AS lexicon_entries FROM emotion_crm.lexicon_entries WHERE lexicon = 'bench_acme';
-- 1000 words that never occur
DELETE FROM emotion_crm.lexicons WHERE name = 'bench_miss';
INSERT INTO emotion_crm.lexicons (name, description) VALUES ('bench_miss', 'lexicon_bench.sh');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, source)
SELECT 'bench_miss', 'zqxmiss' || i, 0.3, 'bench' FROM generate_series(1, 1000) i;
EOF

log "timing (each query $runs times)"
$PSQL -At -v runs="$runs" -v rotate="$here/rotate.sql" <<'EOF'
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE TEMP TABLE bench_query (ord int, label text, q text);
INSERT INTO bench_query VALUES
	(1, 'sum(sentiment(body))', 'SELECT sum(sentiment(body)) FROM bench_texts'),
	(2, 'sum(sentiment(body, NULL))', 'SELECT sum(sentiment(body, NULL)) FROM bench_texts'),
	(3, 'sum(sentiment(body, ''en''))', 'SELECT sum(sentiment(body, ''en'')) FROM bench_texts'),
	(4, 'sum(sentiment(body, ''bench_acme''))', 'SELECT sum(sentiment(body, ''bench_acme'')) FROM bench_texts'),
	(5, 'sum(sentiment(body, ''bench_miss''))', 'SELECT sum(sentiment(body, ''bench_miss'')) FROM bench_texts'),
	(6, 'count(emotion_score(body))', 'SELECT count(emotion_score(body)) FROM bench_texts'),
	(7, 'count(emotion_score(body, ''bench_acme''))', 'SELECT count(emotion_score(body, ''bench_acme'')) FROM bench_texts');
\i :rotate
SELECT '| query | best of ' || :runs || ' (ms) | vs built-in |';
SELECT '|---|---:|---:|';
WITH best AS (SELECT ord, label, min(ms) AS ms FROM bench_result GROUP BY ord, label)
SELECT format('| `%s` | %s | %s |', b.label, round(b.ms::numeric, 0),
              round((b.ms / base.ms)::numeric, 3))
FROM best b, best base
WHERE base.ord = CASE WHEN b.ord >= 6 THEN 6 ELSE 1 END
ORDER BY b.ord;
SELECT format('%s texts, %s MB', count(*), round(sum(octet_length(body)) / 1e6, 1)) FROM bench_texts;
EOF
[ -n "${BENCH_KEEP:-}" ] || $PSQL -c "DELETE FROM emotion_crm.lexicons WHERE name IN ('bench_acme', 'bench_miss')"
