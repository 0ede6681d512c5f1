-- Hostile input: texts of only punctuation, control characters, deeply
-- repeated negations, a 1 MB "word"; a 50 MB text under statement_timeout;
-- aggregates over 2 million rows with a work_mem-limited hash aggregate.
-- Every function must return a bounded, finite result (or a clear error),
-- promptly.  Only properties are asserted, no scores: the lexicon may
-- change.  The texts use ASCII and accented Latin letters, which every
-- tested database encoding holds, so this runs in each of them; emoji,
-- combining marks, invisible and bidi characters are in hostile_unicode.
\i sql/hostile_lib.psql
INSERT INTO hostile VALUES
	('emoticons',        repeat(':( :) :-( <3 ;-) :/ ', 20000)),
	-- only punctuation
	('punct_mix',        repeat('!?.,;:-()[]{}"''¿¡', 10000)),
	('punct_bang_1mb',   repeat('!', 1048576)),
	('punct_dots_1mb',   repeat('.', 1048576)),
	('punct_qbang',      repeat('?!', 200000)),
	-- deeply repeated negations and intensifiers
	('not_x100000_happy',   repeat('not ', 100000) || 'happy'),
	('never_x50000_happy',  repeat('never ', 50000) || 'happy'),
	('dont_x50000_like',    repeat('don''t ', 50000) || 'like it'),
	('very_x100000_bad',    repeat('very ', 100000) || 'bad'),
	('not_happy_x50000',    repeat('not happy ', 50000)),
	('caps_x50000',         repeat('FURIOUS!!! ', 50000)),
	('sentences_x200000',   repeat('bad. ', 200000)),
	-- a very long single word, alone and before a feeling word
	('word_1mb',            repeat('a', 1048576)),
	('word_1mb_then_happy', repeat('a', 1048576) || ' happy'),
	('glued_happy_1mb',     repeat('happy', 209716)),
	-- accented words (every word takes the ICU path)
	('accented_x10000',     repeat('Très DÉÇU, naïve café ¿happy? ', 10000)),
	('accent_word_then_happy', repeat('é', 200000) || ' happy'),
	('newlines_1mb',        repeat(E'\n', 1048576)),
	-- NUL-free control characters: C0 and DEL around a word (C1 controls:
	-- hostile_unicode; 0x80..0x9f are letters and signs in WIN1252)
	('controls_angry',      repeat((SELECT string_agg(chr(c), '') FROM generate_series(1, 31) c) || chr(127) || 'angry', 2000)),
	('controls_only',       repeat(E'\u0001\u0002\u001B\u007F', 200000)),
	-- e-mail and transcript structure, pathological amounts of it
	('quoted_lines',        repeat(E'> quoted angry\n', 50000)),
	('transcript_turns',    repeat(E'Agent: hi\nCustomer: angry\n', 50000)),
	('reply_headers',       repeat(E'On Mon wrote:\n', 50000)),
	('signoffs',            repeat(E'Thanks,\n', 50000));

\i sql/hostile_checks.psql

-- what the texts mean, relationally
SELECT
	-- no feeling words: neutral with zero evidence
	(SELECT emotion_score(t) = '(valence=0, arousal=0, evidence=0)' FROM hostile WHERE name = 'word_1mb') AS long_word_neutral,
	(SELECT emotion_score(t) = '(valence=0, arousal=0, evidence=0)' FROM hostile WHERE name = 'controls_only') AS controls_neutral,
	-- a 1 MB word is one unknown word like any other
	(SELECT sentiment(t) = sentiment('a happy') FROM hostile WHERE name = 'word_1mb_then_happy') AS long_word_then_happy,
	(SELECT sentiment(t) = sentiment('é happy') FROM hostile WHERE name = 'accent_word_then_happy') AS accent_word_then_happy,
	-- a long run of negations still negates, and the feeling word counts
	(SELECT sentiment(t) < sentiment('happy') AND evidence(emotion_score(t)) > 0
	   FROM hostile WHERE name = 'not_x100000_happy') AS negations_negate,
	-- control characters separate words
	(SELECT sentiment(t) < 0 FROM hostile WHERE name = 'controls_angry') AS word_among_controls;

-- the type input functions reject oversized or malformed values with an
-- error (never a crash or a hang)
SELECT pg_temp.try($$SELECT ('(valence=' || repeat('9', 100000) || ')')::emotion$$) AS huge_number,
	   pg_temp.try($$SELECT ('(valence=0.' || repeat('1', 100000) || ')')::emotion$$) AS long_fraction,
	   pg_temp.try($$SELECT ('(' || repeat('joy=0.1, ', 20000) || ')')::emotion$$) AS repeated_field,
	   pg_temp.try($$SELECT ('[' || repeat('anger 0.5.., ', 20000) || ']')::emotion_segment$$) AS repeated_dimension,
	   pg_temp.try($$SELECT repeat('x', 1048576)::emotion_journey$$) AS junk_journey;

-- cancellation: a 59 MB text of accented words (1.5 to 2 s to score on
-- its own: every word takes the ICU path; in a LATIN1, WIN1252 or EUC_JP
-- database it is converted to UTF-8 first) stops soon after
-- statement_timeout, also in the preprocessing functions and in
-- emotion_explain (13 s for 10 million rows).  The timeout fires after
-- 300 ms; the check allows 1.2 s more for a busy machine.
SET statement_timeout = '300ms';
SELECT pg_temp.cancel_time($$SELECT sentiment(repeat('très déçu, naïve café happy ', 1800000))$$) AS sentiment_59mb;
SELECT pg_temp.cancel_time($$SELECT count(*) FROM emotion_explain(repeat('very happy ', 5000000))$$) AS explain_55mb;
SELECT pg_temp.cancel_time($$SELECT length(emotion_crm.customer_text(repeat(E'x\n', 25000000)))$$) AS customer_text_50mb;
SELECT pg_temp.cancel_time($$SELECT emotion_crm.effort_cues(repeat('très déçu, naïve café happy ', 1800000))$$) AS effort_cues_59mb;
RESET statement_timeout;
-- 100 MB: scored to the end (about 1 s; the scorer allocates nothing, the
-- backend's peak memory is the text itself, twice: see the load doc)
SELECT sentiment(repeat('not very happy but ', 5500000)) BETWEEN -1 AND 1 AS scored_100mb;
-- the error as a client sees it
SET statement_timeout = '300ms';
SELECT sentiment(repeat('très déçu, naïve café happy ', 1800000));
RESET statement_timeout;

-- 2,000,004 rows unnested from an array of scored emotions, aggregated per
-- customer with a hash aggregate limited to work_mem = 64kB: it spills to
-- disk in batches, its memory stays bounded, and the results match the
-- built-in avg and count over the same rows.  The check runs inside the
-- EXPLAIN ANALYZE'd query (set_config), so the 2M rows are aggregated once.
CREATE FUNCTION pg_temp.hash_agg_node(q text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	p jsonb;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ' || q INTO p;
	RETURN jsonb_path_query_first(p, 'strict $.**? (@."Node Type" == "Aggregate" && @."Strategy" == "Hashed")');
END
$$;
SET work_mem = '64kB';
SET enable_sort = off;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE hash_agg AS
SELECT pg_temp.hash_agg_node($q$
	SELECT set_config('hostile.aggregates',
		(sum(n) = 2000004
		 AND bool_and(journey_count(j) = n)
		 AND bool_and(abs(journey_mean(j) - v) < 1e-6)
		 AND bool_and(abs(valence(a) - v) < 1e-6)
		 AND bool_and(abs((a -> 'anger') - anger) < 1e-6)
		 AND bool_and(pg_temp.bounded(a)))::text, false)
	FROM (SELECT g % 2000 AS customer,
				 emotion_journey(x.e, timestamptz '2026-01-01 00:00+00' + g * interval '1 second') AS j,
				 emotion_avg(x.e) AS a,
				 avg(valence(x.e)) AS v, avg(x.e -> 'anger') AS anger, count(*) AS n
		  FROM unnest(ARRAY(SELECT emotion_score(s) FROM unnest(ARRAY[
				'I am furious, this is the third time my order was lost!',
				'Thank you so much, the agent was wonderful',
				'I am worried my card was charged twice',
				'The parcel arrived on Tuesday.',
				'Still waiting for a refund, very disappointed',
				'Très bien, great service, love it']) s)) x(e),
			   generate_series(1, 333334) g
		  GROUP BY 1) per_customer
	$q$) AS node;
RESET work_mem;
RESET enable_sort;
RESET max_parallel_workers_per_gather;
SELECT (node ->> 'HashAgg Batches')::int > 1 AS spilled,
	   (node ->> 'Peak Memory Usage')::int < 1024 AS peak_below_1mb,
	   (node ->> 'Actual Rows')::int AS customers,
	   current_setting('hostile.aggregates') AS results_match
FROM hash_agg;

-- without GROUP BY: one aggregate state, whatever the number of rows
SELECT pg_temp.bounded(emotion_avg(x.e)) AS avg_bounded,
	   journey_count(emotion_journey(x.e, timestamptz '2026-01-01 00:00+00' + g * interval '1 second')) AS journey_rows
FROM unnest(ARRAY['(valence=-1, arousal=1, anger=1, evidence=100)', '(valence=1, arousal=1, joy=1, evidence=100)']::emotion[]) x(e),
	 generate_series(1, 500000) g;

DROP TABLE hostile, hash_agg;
