--
-- Emoji: only Unicode holds them, so this part of the suite runs in UTF8
-- and SQL_ASCII databases (SQL_ASCII bytes are read as UTF-8).  In LATIN1,
-- WIN1252 and EUC_JP the server cannot convert an emoji literal from the
-- UTF-8 client and fails with SQLSTATE 22P05 (untranslatable character)
-- before the extension sees it: shown once, then the test stops
-- (expected/encoding_emoji_1.out).
--
SET extra_float_digits = 0;
SELECT getdatabaseencoding() IN ('UTF8', 'SQL_ASCII') AS holds_emoji;
SELECT getdatabaseencoding() NOT IN ('UTF8', 'SQL_ASCII') AS skip_test \gset
\if :skip_test
\set VERBOSITY sqlstate
SELECT sentiment('😀');
\quit
\endif

-- emoji are tokens with values
SELECT sentiment('😀') > 0 AS grin, sentiment('😡') < 0 AS pouting,
	   sentiment('delivery was late 😡') < sentiment('delivery was late') AS emoji_in_text;
SELECT token, rules FROM emotion_explain('thanks :) 😀') WHERE 'emoji' = ANY (rules) ORDER BY position, token;
SELECT bool_and(sentiment(t) = valence(emotion_score(t))) AS sentiment_is_valence,
	   bool_and(sentiment(t) BETWEEN -1 AND 1) AS in_range
FROM (VALUES ('AMAZING!!! best ever 😍😍😍 love love love'), ('😀😡😢🙏👍🔥')) v(t);

-- the scorer's tokens keep emoji
SELECT pg_catalog.array_agg(t) AS tokens
  FROM emotion_crm.tokens('The DELIVERY was late, can''t believe it!!! :( 😡 see https://example.com @bob 404 Café') t;

-- a text with emoji, a curly apostrophe and ASCII: every value
\set t 'Great product, love it 😀 but delivery was awful 😡 and I’m not happy'
SELECT emotion_score(:'t');
SELECT token, position, base_valence, valence, rules, emotions
FROM emotion_explain(:'t') ORDER BY position, token;
