--
-- The same characters score the same in databases of other encodings
-- (LATIN1, WIN1252, EUC_JP) and in SQL_ASCII (bytes passed through).
--
\set SHOW_CONTEXT never
\set regress_db :DBNAME
SET client_encoding = 'UTF8';

-- texts that each target encoding can hold
\set t_latin1 'Très bien! The café was great, but I''m not happy: naïve staff, ¿why? ½ price. Déçu, really disappointed.'
\set t_win1252 'I don’t love it – “terrible” service, €20 wasted… but the agent wasn’t rude. Thanks!'
\set t_eucjp 'I don’t love this 商品 at all, it’s not good. 最悪 - but the café staff were lovely.'
\set t_ascii 'Great product, love it 😀 but delivery was awful 😡 and I’m not happy'

-- reference values in this UTF8 database
SELECT emotion_score(:'t_latin1') AS s_latin1, emotion_score(:'t_win1252') AS s_win1252,
	   emotion_score(:'t_eucjp') AS s_eucjp, emotion_score(:'t_ascii') AS s_ascii \gset
SELECT string_agg(token || '@' || position, ' ' ORDER BY position, token) AS x_latin1
FROM emotion_explain(:'t_latin1') \gset
SELECT string_agg(token || '@' || position, ' ' ORDER BY position, token) AS x_win1252
FROM emotion_explain(:'t_win1252') \gset
SELECT string_agg(token || '@' || position, ' ' ORDER BY position, token) AS x_eucjp
FROM emotion_explain(:'t_eucjp') \gset
SELECT string_agg(token || '@' || position, ' ' ORDER BY position, token) AS x_ascii
FROM emotion_explain(:'t_ascii') \gset
-- conversion matters: "Très" and "café" are one word each (in LATIN1 bytes
-- unconverted, é and è would be invalid UTF-8 and split them, moving every
-- later position), and the WIN1252 curly apostrophe of "don’t" and "wasn’t"
-- must become U+2019 for the negation to fire
SELECT token, position FROM emotion_explain(:'t_latin1') ORDER BY position;
SELECT token, position, rules FROM emotion_explain(:'t_win1252') WHERE token IN ('love', 'rude') ORDER BY position;
-- the texts carry scoring material, so equal scores below are not trivially zero
SELECT evidence(:'s_latin1') > 0 AS latin1_scores, evidence(:'s_win1252') > 0 AS win1252_scores,
	   evidence(:'s_eucjp') > 0 AS eucjp_scores, evidence(:'s_ascii') > 0 AS ascii_scores;

-- LATIN1
CREATE DATABASE emotion_crm_regress_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c emotion_crm_regress_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION emotion_crm;
SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database();
SELECT emotion_score(:'t_latin1') = :'s_latin1'::emotion AS same_score,
	   sentiment(:'t_latin1') = valence(:'s_latin1') AS same_sentiment,
	   (SELECT string_agg(token || '@' || position, ' ' ORDER BY position, token)
		FROM emotion_explain(:'t_latin1')) = :'x_latin1' AS same_explain;

-- WIN1252 (curly quotes, dashes and the euro sign are single bytes here)
CREATE DATABASE emotion_crm_regress_win1252 ENCODING 'WIN1252' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c emotion_crm_regress_win1252
SET client_encoding = 'UTF8';
CREATE EXTENSION emotion_crm;
SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database();
SELECT octet_length('don’t') AS bytes_in_db;
SELECT emotion_score(:'t_win1252') = :'s_win1252'::emotion AS same_score,
	   emotion_score(:'t_latin1') = :'s_latin1'::emotion AS same_score_latin1_text,
	   (SELECT string_agg(token || '@' || position, ' ' ORDER BY position, token)
		FROM emotion_explain(:'t_win1252')) = :'x_win1252' AS same_explain;

-- EUC_JP (multibyte, not UTF-8)
CREATE DATABASE emotion_crm_regress_eucjp ENCODING 'EUC_JP' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c emotion_crm_regress_eucjp
SET client_encoding = 'UTF8';
CREATE EXTENSION emotion_crm;
SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database();
SELECT emotion_score(:'t_eucjp') = :'s_eucjp'::emotion AS same_score,
	   (SELECT string_agg(token || '@' || position, ' ' ORDER BY position, token)
		FROM emotion_explain(:'t_eucjp')) = :'x_eucjp' AS same_explain;

-- SQL_ASCII: no conversion; UTF-8 bytes score as in a UTF8 database, and
-- bytes that are not UTF-8 are accepted without error
CREATE DATABASE emotion_crm_regress_sqlascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c emotion_crm_regress_sqlascii
SET client_encoding = 'UTF8';
CREATE EXTENSION emotion_crm;
SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database();
SELECT emotion_score(:'t_ascii') = :'s_ascii'::emotion AS same_score,
	   emotion_score(:'t_eucjp') = :'s_eucjp'::emotion AS same_score_eucjp_text,
	   (SELECT string_agg(token || '@' || position, ' ' ORDER BY position, token)
		FROM emotion_explain(:'t_ascii')) = :'x_ascii' AS same_explain;
SELECT evidence(emotion_score(convert_from('\x686170707920e9e8ff2c2063616665'::bytea, 'SQL_ASCII'))) >= 0 AS latin1_bytes_ok;

\c :regress_db
DROP DATABASE emotion_crm_regress_latin1;
DROP DATABASE emotion_crm_regress_win1252;
DROP DATABASE emotion_crm_regress_eucjp;
DROP DATABASE emotion_crm_regress_sqlascii;
