--
-- Japanese text: EUC_JP and UTF8 hold it (SQL_ASCII as UTF-8 bytes).  In
-- LATIN1 and WIN1252 the server cannot convert a Japanese literal from the
-- UTF-8 client and fails with SQLSTATE 22P05 (untranslatable character),
-- shown once, then the test stops (expected/encoding_eucjp_1.out).
--
SET extra_float_digits = 0;
SELECT getdatabaseencoding() IN ('UTF8', 'SQL_ASCII', 'EUC_JP') AS holds_japanese;
SELECT getdatabaseencoding() NOT IN ('UTF8', 'SQL_ASCII', 'EUC_JP') AS skip_test \gset
\if :skip_test
\set VERBOSITY sqlstate
SELECT sentiment('最悪');
\quit
\endif

-- English with Japanese words and a curly apostrophe (EUC_JP has U+2019):
-- every value
\set t 'I don’t love this 商品 at all, it’s not good. 最悪 - but the café staff were lovely.'
SELECT emotion_score(:'t');
SELECT token, position, base_valence, valence, rules, emotions
FROM emotion_explain(:'t') ORDER BY position, token;

-- the tokenizer: Japanese words, half-width katakana folded to full width
-- (NFKC), hiragana kept
SELECT pg_catalog.array_agg(t) AS tokens
FROM emotion_crm.tokens('ｶﾞｯｶﾘ ガッカリ がっかり 商品が届かない 最悪') t;

-- a user lexicon of Japanese terms: terms are converted to UTF-8 for the
-- scorer like the texts.  'ｶﾞｯｶﾘ' and 'ガッカリ' fold to the same word; the
-- later one in code point order wins ('ｶﾞｯｶﾘ', U+FF76...), in every
-- encoding.  In EUC_JP bytes half-width katakana sort first, so loading the
-- terms in the database's byte order would let 'ガッカリ' win there.
INSERT INTO emotion_crm.lexicons (name, language) VALUES ('enc_ja', 'en');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, sadness) VALUES
	('enc_ja', 'ガッカリ', -0.8, 0.7), ('enc_ja', 'ｶﾞｯｶﾘ', 0.3, 0), ('enc_ja', '最悪', -0.9, 0.5),
	('enc_ja', '商品 届かない', -0.6, 0.4);
SELECT token, position, base_valence, valence, rules, emotions
FROM emotion_explain('ガッカリ、最悪。商品 届かない', 'enc_ja') ORDER BY position, token;
DELETE FROM emotion_crm.lexicons WHERE name = 'enc_ja';
