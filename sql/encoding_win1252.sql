--
-- WIN1252's typographic characters: curly quotes, dashes, the ellipsis and
-- the euro sign are single bytes in WIN1252 and exist in UTF8 (and in
-- SQL_ASCII as UTF-8 bytes).  LATIN1 has none of them and EUC_JP lacks the
-- dashes and the euro sign: there the server cannot convert the literal
-- from the UTF-8 client and fails with SQLSTATE 22P05 (untranslatable
-- character), shown once, then the test stops
-- (expected/encoding_win1252_1.out).  encoding_eucjp checks the curly
-- apostrophe in EUC_JP.
--
SET extra_float_digits = 0;
SELECT getdatabaseencoding() IN ('UTF8', 'SQL_ASCII', 'WIN1252') AS holds_win1252;
SELECT getdatabaseencoding() NOT IN ('UTF8', 'SQL_ASCII', 'WIN1252') AS skip_test \gset
\if :skip_test
\set VERBOSITY sqlstate
SELECT sentiment('good – not great');
\quit
\endif

-- contractions with a curly apostrophe (U+2019) score as with a straight one
SELECT bool_and(emotion_score(t) = emotion_score(replace(t, '''', '’'))) AS curly_same_as_straight,
	   count(*) AS texts
FROM (VALUES ('I don''t love it'), ('it isn''t good'), ('I can''t recommend it'),
			 ('it won''t work'), ('it wasn''t helpful'), ('I''m not happy')) v(t);

-- a text with every kind: every value
\set t 'I don’t love it – “terrible” service — €20 wasted… but the agent wasn’t rude. Thanks!'
SELECT emotion_score(:'t');
SELECT token, position, base_valence, valence, rules, emotions
FROM emotion_explain(:'t') ORDER BY position, token;
SELECT pg_catalog.array_agg(t) AS tokens FROM emotion_crm.tokens(:'t') t;
-- quotes, dashes and the euro sign separate words and never score
SELECT emotion_score('“terrible” – €20 … —') = emotion_score('terrible') AS punctuation_neutral,
	   emotion_score('I don’t love it') = emotion_score('I don''t love it') AS curly_negates;
