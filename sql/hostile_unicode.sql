-- Hostile Unicode input: texts of only emoji (ZWJ families, flags, skin
-- tones), combining marks, bidi controls, zero-width and invisible format
-- characters, noncharacters, mixed scripts, exotic spaces, C1 controls;
-- a 50 MB text under statement_timeout.  The same properties as
-- hostile (hostile_checks.psql).  The texts are written with \u escapes,
-- which PostgreSQL accepts above U+007F only when the database encoding
-- holds the character (and never in SQL_ASCII), and only Unicode holds
-- all of them: in databases other than UTF8 the test stops
-- (expected/hostile_unicode_1.out).
SELECT getdatabaseencoding() = 'UTF8' AS unicode;
SELECT getdatabaseencoding() <> 'UTF8' AS skip_test \gset
\if :skip_test
\quit
\endif
\i sql/hostile_lib.psql
INSERT INTO hostile VALUES
	-- only emoji: thousands, with ZWJ families, flags, skin tones, VS16
	('emoji_mixed',      repeat('😀😡😢🙏👍🔥', 2000)),
	('emoji_zwj_family', repeat(E'\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466', 3000)),
	('emoji_flags_tones', repeat(E'\U0001F1FA\U0001F1F8\U0001F3FD\uFE0F\u2764\uFE0F', 3000)),
	-- only punctuation
	('punct_mix',        repeat('!?.,;:-()[]{}"''…«»¿¡—', 10000)),
	-- valid UTF-8 that looks broken: combining marks, ZWJ/ZWNJ, bidi
	-- controls, BOM, noncharacters, the highest code point
	('zalgo_100000',        'e' || repeat(E'\u0301', 100000) || ' happy'),
	('combining_only',      repeat(E'\u0301\u0308\u20DD', 50000)),
	('bidi_marks',          repeat(E'\u200F\u202E happy \u202C\u2066angry\u2069 \u200E', 5000)),
	('zero_width',          repeat(E'hap\u200Dpy \u200B\uFEFF\u200C', 10000)),
	('noncharacters',       repeat(E'\uFFFE\uFFFF\U0010FFFF\uFDD0', 5000) || ' angry'),
	('mixed_scripts',       repeat('très déçu 😡 非常に悪い очень плохо سيء جدا ', 5000)),
	('exotic_spaces',       repeat(E'\u00A0\u2028\u2029\u3000\t\r\n\u000B\u000C', 100000)),
	-- NUL-free control characters: C0, DEL and C1 around a word
	('controls_angry',      repeat((SELECT string_agg(chr(c), '') FROM generate_series(1, 31) c) || chr(127)
								   || (SELECT string_agg(chr(c), '') FROM generate_series(128, 159) c) || 'angry', 2000)),
	('controls_only',       repeat(E'\u0001\u0002\u001B\u007F\u0085', 200000));

\i sql/hostile_checks.psql

-- what the texts mean, relationally
SELECT
	-- no feeling words: neutral with zero evidence
	(SELECT emotion_score(t) = '(valence=0, arousal=0, evidence=0)' FROM hostile WHERE name = 'combining_only') AS combining_neutral,
	(SELECT emotion_score(t) = '(valence=0, arousal=0, evidence=0)' FROM hostile WHERE name = 'controls_only') AS controls_neutral,
	(SELECT emotion_score(t) = '(valence=0, arousal=0, evidence=0)' FROM hostile WHERE name = 'exotic_spaces') AS spaces_neutral,
	-- the word after 100000 combining marks is still found
	(SELECT sentiment(t) > 0 FROM hostile WHERE name = 'zalgo_100000') AS word_after_zalgo,
	-- control characters separate words
	(SELECT sentiment(t) < 0 FROM hostile WHERE name = 'controls_angry') AS word_among_controls,
	-- emoji carry feeling
	(SELECT evidence(emotion_score(t)) > 0 FROM hostile WHERE name = 'emoji_mixed') AS emoji_scored;

-- invisible format characters around a word do not change its score
SELECT sentiment(w) = sentiment('happy') AS same_as_plain, count(*)
FROM unnest(ARRAY[E'\u200Fhappy\u200F', E'\u200Ehappy', E'\uFEFFhappy', E'\u2066happy\u2069', E'happy\uFE0F']) w
GROUP BY 1;

-- cancellation: a 50 MB text of accented letters made of combining marks,
-- with invisible characters (about 1.5 s to score on its own: every word
-- takes the ICU path), stops at statement_timeout
SET statement_timeout = '300ms';
SELECT sentiment(repeat(E'e\u0301\u200D\u200F happy ', 3300000));
SELECT emotion_crm.effort_cues(repeat(E'e\u0301\u200D\u200F happy ', 3300000));
RESET statement_timeout;

DROP TABLE hostile;
