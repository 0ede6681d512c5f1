--
-- SQL_ASCII databases declare no encoding: PostgreSQL stores whatever bytes
-- a client sends.  emotion_crm reads those bytes as UTF-8, without
-- conversion: UTF-8 text scores exactly as in a UTF8 database (the whole
-- suite runs in SQL_ASCII against the UTF8 expected files), and bytes that
-- are not valid UTF-8 (text stored in another encoding) separate words and
-- never score, and never raise an error.  Only SQL_ASCII can hold such
-- bytes; elsewhere the test stops (expected/encoding_sql_ascii_1.out).
--
SET extra_float_digits = 0;
SELECT getdatabaseencoding() = 'SQL_ASCII' AS sql_ascii;
SELECT getdatabaseencoding() <> 'SQL_ASCII' AS skip_test \gset
\if :skip_test
\quit
\endif

-- LATIN1 bytes in a SQL_ASCII database: 'Très déçu, café great' with é = 0xe9,
-- è = 0xe8, ç = 0xe7.  Each byte >= 0x80 that does not start a valid UTF-8
-- sequence is a separator: 'tr', 's', 'd', 'u', 'caf', 'great'.
CREATE TEMP TABLE raw AS
SELECT convert_from('\x5472e8732064e9e7752c20636166e9206772656174'::bytea, 'SQL_ASCII') AS t;
SELECT array_agg(k ORDER BY n) AS tokens FROM raw, emotion_crm.tokens(t) WITH ORDINALITY AS x(k, n);
SELECT token, position FROM raw, emotion_explain(t) ORDER BY position;
SELECT emotion_score(t) = emotion_score('Tr s d u, caf great') AS same_as_spaces,
	   emotion_score(t) AS score FROM raw;
-- and bytes that can never be UTF-8 (0xff, 0xfe, a lone continuation byte,
-- a truncated sequence) around a feeling word
SELECT sentiment(convert_from('\xfffe80e29820616e677279'::bytea, 'SQL_ASCII')) = sentiment('angry') AS invalid_bytes_separate,
	   sentiment(convert_from('\x68617070790a'::bytea || '\xc0af'::bytea, 'SQL_ASCII')) = sentiment('happy') AS overlong_ignored;
-- a user lexicon of UTF-8 terms works as in UTF8; a term of invalid bytes
-- only holds no word, and the CHECK on lexicon_entries refuses it
INSERT INTO emotion_crm.lexicons (name, language) VALUES ('enc_raw', 'fr');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence) VALUES ('enc_raw', 'déçu', -0.9), ('enc_raw', 'colis', -0.2);
SELECT emotion_crm.lexicon_term_ok(convert_from('\xe9e7'::bytea, 'SQL_ASCII')) AS only_invalid_bytes_term_ok;
SELECT token, position, base_valence FROM emotion_explain('colis DÉÇU', 'enc_raw') ORDER BY position;
DELETE FROM emotion_crm.lexicons WHERE name = 'enc_raw';
-- PostgreSQL's own length() counts bytes in SQL_ASCII (21 characters, 25
-- bytes of UTF-8); the extension's positions count words, as in UTF8
SELECT length('Très déçu, café great') AS pg_length,
	   (SELECT position FROM emotion_explain('Très déçu, café great') WHERE token = 'great') AS word_position;
-- (journey_sparkline, which makes up its characters rather than copying
-- them, uses ASCII in SQL_ASCII: see journey_sparkline)
DROP TABLE raw;
