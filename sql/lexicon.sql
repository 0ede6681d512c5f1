--
-- User lexicons and languages: emotion_score/sentiment/emotion_explain with
-- a lexicon and a language, the settings tables, cache invalidation in the
-- same session, the loaders.  (Invalidation across sessions: the TAP test
-- test/t/040_lexicon_cache.pl.)
--
\set SHOW_CONTEXT never
\set VERBOSITY default

-- declared properties: the lexicon variants read tables, so STABLE, and
-- not STRICT (a NULL lexicon or language has a meaning)
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'emotion_crm')
  AND p.proname IN ('emotion_score', 'sentiment', 'emotion_explain')
ORDER BY p.proname, p.pronargs;

-- both settings tables are dumped by pg_dump (extension configuration tables)
SELECT c::regclass AS config_table
FROM pg_extension e, unnest(e.extconfig) AS c
WHERE e.extname = 'emotion_crm' AND c::regclass::text LIKE 'emotion_crm.lexicon%'
ORDER BY 1::text;

-- a one-argument call is still unambiguous next to the new overloads
SELECT sentiment('great') > 0 AS one_arg_resolves, emotion_score('great') = emotion_score('great', NULL) AS same;

-- ---- a user lexicon -------------------------------------------------------
INSERT INTO emotion_crm.lexicons (name, description) VALUES ('acme', 'support desk of ACME');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, anger, source) VALUES
	('acme', 'blorp', 0.8, 0, 'test'),          -- a word the built-in lexicon lacks
	('acme', 'chargeback', -0.9, 0.7, 'test'),  -- built-in: -0.5, anger 0.5
	('acme', 'great', 0.1, 0, 'test'),          -- built-in: strongly positive
	('acme', 'RMA number', -0.3, 0, 'test'),    -- a new phrase, written in capitals
	('acme', 'zero downtime', 0.6, 0, 'test');  -- a phrase around a negative word
SELECT language, created_at IS NOT NULL AS has_created_at FROM emotion_crm.lexicons WHERE name = 'acme';

-- the built-in lexicon alone does not know "blorp"; the overlay adds it
SELECT count(*) AS builtin_rows FROM emotion_explain('The blorp works');
SELECT token, base_valence, valence, rules FROM emotion_explain('The blorp works', 'acme');
SELECT sentiment('The blorp works') = 0 AS builtin_neutral, sentiment('The blorp works', 'acme') > 0 AS acme_positive;

-- overriding: base valence and emotions are the lexicon entry's, not the built-in ones
SELECT token, base_valence, emotions FROM emotion_explain('Another chargeback', 'acme');
SELECT token, base_valence FROM emotion_explain('Another chargeback');
SELECT token, base_valence FROM emotion_explain('a great day', 'acme');
SELECT sentiment('a great day', 'acme') < sentiment('a great day') AS great_weakened;

-- phrases: matched case-insensitively; the phrase beats its words
SELECT token, base_valence, rules FROM emotion_explain('Where is my rma number?', 'acme');
SELECT token, base_valence FROM emotion_explain('Zero downtime this month', 'acme');
SELECT sentiment('Zero downtime this month') < 0 AS builtin_negative,
       sentiment('Zero downtime this month', 'acme') > 0 AS acme_positive;

-- the rules still apply to overlay words: negation flips "blorp"
SELECT token, valence < 0 AS flipped, rules FROM emotion_explain('The blorp is not blorp', 'acme') ORDER BY "position";

-- emotion_score and sentiment agree; named arguments work
SELECT sentiment('Another chargeback', 'acme') = valence(emotion_score('Another chargeback', 'acme')) AS agree,
       sentiment('Another chargeback', lexicon => 'acme') = sentiment('Another chargeback', 'acme') AS named,
       sentiment('Another chargeback', lexicon => 'acme', language => NULL) = sentiment('Another chargeback', 'acme') AS named3;

-- ---- NULL lexicon, built-in language codes --------------------------------
CREATE TEMP TABLE lex_texts(t text);
INSERT INTO lex_texts VALUES ('The agent was very helpful, thank you!'), ('Still waiting for my refund!!'),
	('Another chargeback, great'), ('Zero downtime this month'), (''), ('not bad at all');
SELECT bool_and(sentiment(t, NULL) = sentiment(t)) AS null_lexicon_is_builtin,
       bool_and(emotion_score(t, NULL) = emotion_score(t)) AS null_lexicon_score,
       bool_and(sentiment(t, 'en') = sentiment(t)) AS en_is_builtin,
       bool_and(sentiment(t, 'EN') = sentiment(t)) AS codes_case_insensitive,
       bool_and(sentiment(t, NULL, 'en') = sentiment(t)) AS language_en,
       bool_and(sentiment(t, 'acme', 'en') = sentiment(t, 'acme')) AS acme_in_its_language
FROM lex_texts;
SELECT (SELECT array_agg(token ORDER BY "position") FROM emotion_explain(t, NULL))
       IS NOT DISTINCT FROM (SELECT array_agg(token ORDER BY "position") FROM emotion_explain(t)) AS explain_same
FROM lex_texts;
-- NULL text gives NULL / no rows
SELECT sentiment(NULL, 'acme') IS NULL AS s, emotion_score(NULL, 'acme', 'en') IS NULL AS e,
       (SELECT count(*) FROM emotion_explain(NULL, 'acme')) AS explain_rows;

-- a user lexicon in another language overlays that language's built-in lexicon
INSERT INTO emotion_crm.lexicons (name, language) VALUES ('acme_de', 'de');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('acme_de', 'blorp', -0.6);
SELECT token, base_valence FROM emotion_explain('Der Blorp', 'acme_de');
SELECT bool_and(sentiment(t || ' blorp', 'acme_de') = sentiment(t || ' blorp', 'acme_de', 'de')) AS own_language_by_default
FROM lex_texts;
-- the language argument moves the overlay onto another built-in lexicon
SELECT base_valence AS acme_de_in_english FROM emotion_explain('blorp', 'acme_de', 'en');

-- the setting emotion_crm.language: the default of a NULL lexicon; the
-- one-argument functions stay English
SHOW emotion_crm.language;
SET emotion_crm.language = 'ES';
SHOW emotion_crm.language;
SELECT bool_and(sentiment(t, NULL) = sentiment(t, 'es')) AS null_lexicon_follows_setting,
       bool_and(sentiment(t, NULL, NULL) = sentiment(t, 'es')) AS null_null_follows_setting,
       bool_and(sentiment(t, 'acme') = sentiment(t, 'acme', 'en')) AS user_lexicon_keeps_its_language
FROM lex_texts;
SET emotion_crm.language = 'xx';
RESET emotion_crm.language;

-- ---- errors ---------------------------------------------------------------
SELECT sentiment('hello', 'nope');
SELECT sentiment('hello', NULL, 'xx');
SELECT sentiment('hello', 'acme', 'klingon');
SELECT sentiment('hello', 'de', 'fr');
SELECT sentiment('hello', repeat('x', 100));
\set VERBOSITY terse
INSERT INTO emotion_crm.lexicons (name) VALUES ('De');
INSERT INTO emotion_crm.lexicons (name, language) VALUES ('tlh', 'xx');
INSERT INTO emotion_crm.lexicons (name) VALUES (repeat('x', 64));
\set VERBOSITY default
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('acme', 'fine', 1.5);
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, joy) VALUES ('acme', 'fine', 0.5, -0.1);
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('acme', '...', 0.5);
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('acme', 'one two three four five six seven', 0.5);
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('nope', 'fine', 0.5);

-- ---- the cache sees changes at once (same session) -------------------------
-- a statement that uses the lexicon builds the cache; each change below is
-- visible to the next statement
SELECT sentiment('blorp', 'acme') > 0 AS before;
UPDATE emotion_crm.lexicon_entries SET valence = -0.8 WHERE lexicon = 'acme' AND term = 'blorp';
SELECT token, base_valence FROM emotion_explain('blorp', 'acme');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('acme', 'frobnicate', 0.7);
SELECT token, base_valence FROM emotion_explain('we frobnicate', 'acme');
DELETE FROM emotion_crm.lexicon_entries WHERE lexicon = 'acme' AND term = 'great';
SELECT sentiment('a great day', 'acme') = sentiment('a great day') AS great_back_to_builtin;
-- a rolled-back change is forgotten
BEGIN;
UPDATE emotion_crm.lexicon_entries SET valence = 0.9 WHERE lexicon = 'acme' AND term = 'blorp';
SELECT base_valence AS in_transaction FROM emotion_explain('blorp', 'acme');
ROLLBACK;
SELECT base_valence AS after_rollback FROM emotion_explain('blorp', 'acme');
-- within one PL/pgSQL block (the expression keeps its cached options)
DO $$
DECLARE
	a float8;
	b float8;
BEGIN
	a := sentiment('blorp', 'acme');
	UPDATE emotion_crm.lexicon_entries SET valence = 0.8 WHERE lexicon = 'acme' AND term = 'blorp';
	b := sentiment('blorp', 'acme');
	RAISE NOTICE 'before update negative: %, after update positive: %', a < 0, b > 0;
END $$;
-- per-row lexicon argument: each row uses its own lexicon
INSERT INTO emotion_crm.lexicons (name, language) VALUES ('other', 'en');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('other', 'blorp', -0.4);
SELECT l, (SELECT base_valence FROM emotion_explain('blorp', l)) AS base_valence
FROM (VALUES ('acme'), ('other'), ('acme'), (NULL)) v(l);
-- TRUNCATE empties every lexicon
TRUNCATE emotion_crm.lexicon_entries;
SELECT bool_and(sentiment(t, 'acme') = sentiment(t)) AS truncated_acme_is_builtin FROM lex_texts;
-- renaming cascades to the entries; the old name is gone
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('acme', 'blorp', 0.5);
UPDATE emotion_crm.lexicons SET name = 'acme2' WHERE name = 'acme';
SELECT lexicon, term FROM emotion_crm.lexicon_entries ORDER BY 1, 2;
SELECT base_valence FROM emotion_explain('blorp', 'acme2');
SELECT sentiment('blorp', 'acme');
-- deleting a lexicon deletes its entries
DELETE FROM emotion_crm.lexicons WHERE name = 'acme2';
SELECT count(*) AS entries_left FROM emotion_crm.lexicon_entries;
SELECT sentiment('blorp', 'acme2');

-- ---- loaders --------------------------------------------------------------
-- a file in the NRC word-emotion layout: word<TAB>emotion<TAB>0|1
COPY (SELECT w, e, CASE WHEN (w, e) IN (('delight', 'joy'), ('delight', 'positive'),
                                           ('fraud', 'anger'), ('fraud', 'disgust'), ('fraud', 'negative'),
                                           ('hazard', 'fear'), ('mixed', 'positive'), ('mixed', 'negative'),
                                           ('Waiting', 'anticipation'))
                          THEN 1 ELSE 0 END
      FROM unnest(ARRAY['delight', 'fraud', 'hazard', 'mixed', 'plain', 'Waiting']) w,
           unnest(ARRAY['anger', 'anticipation', 'disgust', 'fear', 'joy', 'negative',
                        'positive', 'sadness', 'surprise', 'trust']) e
      ORDER BY 1, 2)
	TO '/tmp/emotion_crm_test_word_emotion.txt';
SELECT emotion_crm.load_lexicon('nrc', '/tmp/emotion_crm_test_word_emotion.txt', 'word-emotion') AS loaded;
SELECT term, valence, joy, trust, fear, surprise, sadness, disgust, anger, anticipation, source
FROM emotion_crm.lexicon_entries WHERE lexicon = 'nrc' ORDER BY term;
SELECT token, base_valence, emotions FROM emotion_explain('What a delight', 'nrc');

-- a word-valence TSV on a -5..5 scale; extra columns are ignored, # lines skipped
COPY (VALUES ('# comment line', NULL, NULL), ('superb', '5', 'x'), ('awful', '-4', 'x'), ('meh', '-1.5', 'x'), ('Superb', '4', 'x'))
	TO '/tmp/emotion_crm_test_valence.tsv';
SELECT emotion_crm.load_lexicon('afinnish', '/tmp/emotion_crm_test_valence.tsv', 'valence-tsv', scale => 5) AS loaded;
SELECT term, valence, joy, source FROM emotion_crm.lexicon_entries WHERE lexicon = 'afinnish' ORDER BY term;
-- loading into an existing lexicon: valence-tsv updates valence, keeps emotions
SELECT emotion_crm.load_lexicon('nrc', '/tmp/emotion_crm_test_valence.tsv', 'valence-tsv', scale => 5) AS loaded;
SELECT term, valence, joy, anger FROM emotion_crm.lexicon_entries WHERE lexicon = 'nrc' ORDER BY term;
-- loader errors
SELECT emotion_crm.load_lexicon('x', '/tmp/emotion_crm_test_valence.tsv', 'csv');
SELECT emotion_crm.load_lexicon('x', '/tmp/emotion_crm_test_valence.tsv', 'valence-tsv');
SELECT emotion_crm.load_lexicon('x', '/tmp/emotion_crm_test_valence.tsv', 'valence-tsv', scale => 2);
SELECT emotion_crm.load_lexicon('x', '/tmp/emotion_crm_test_valence.tsv', 'word-emotion');
SELECT emotion_crm.load_lexicon('nrc', '/tmp/emotion_crm_test_valence.tsv', 'valence-tsv', 'de', 5);
SELECT count(*) AS no_lexicon_x FROM emotion_crm.lexicons WHERE name = 'x';

-- import from a table (e.g. filled with \copy)
CREATE TEMP TABLE staging(term text, valence float8, anger float8, note text);
INSERT INTO staging VALUES ('outage', -0.7, 0.6, 'a'), ('uptime', 0.4, NULL, 'b');
SELECT emotion_crm.import_lexicon('ops', 'staging') AS imported;
SELECT term, valence, anger, joy, source FROM emotion_crm.lexicon_entries WHERE lexicon = 'ops' ORDER BY term;
SELECT sentiment('another outage', 'ops') < sentiment('another outage') AS outage_worse;
CREATE TEMP TABLE bad_staging(word text, score float8);
SELECT emotion_crm.import_lexicon('ops', 'bad_staging');

-- parallel query: workers compile the lexicon themselves, same result as serial
CREATE TABLE lex_par (id int, body text) WITH (parallel_workers = 2);
INSERT INTO lex_par SELECT i, (ARRAY['another outage today', 'uptime is great', 'the outage is over, thanks',
                                      'not an outage'])[i % 4 + 1] FROM generate_series(1, 4000) i;
ANALYZE lex_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT round(sum(sentiment(body, 'ops'))::numeric, 6) AS s FROM lex_par;
SELECT round(sum(sentiment(body, 'ops'))::numeric, 6) AS parallel_ops, round(sum(sentiment(body))::numeric, 6) AS parallel_builtin FROM lex_par;
SET max_parallel_workers_per_gather = 0;
SELECT round(sum(sentiment(body, 'ops'))::numeric, 6) AS serial_ops, round(sum(sentiment(body))::numeric, 6) AS serial_builtin FROM lex_par;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- clean up
DELETE FROM emotion_crm.lexicons;
DROP TABLE lex_texts, staging, bad_staging, lex_par;
