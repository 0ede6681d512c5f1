--
-- The same characters give the same answers in every database encoding.
--
-- The test command runs the whole suite in UTF8, LATIN1, WIN1252, EUC_JP
-- and SQL_ASCII databases, each against the same expected file, so every
-- value printed here is compared with the UTF8 run.  The texts use only
-- characters all five encodings hold: ASCII and the accented Latin letters
-- of the four European languages (EUC_JP holds them through JIS X 0212).
-- psql talks UTF8 (see the Makefile): the server converts the literals to
-- the database encoding, and the results back.
--
SET extra_float_digits = 0;
SELECT getdatabaseencoding() IN ('UTF8', 'LATIN1', 'WIN1252', 'EUC_JP', 'SQL_ASCII') AS tested_encoding;

CREATE TEMP TABLE texts (id int PRIMARY KEY, lang text NOT NULL, t text NOT NULL);
INSERT INTO texts VALUES
	(1, 'en', 'Très bien! The café was great, but I''m not happy: naïve staff, ¿why? Déçu, really disappointed.'),
	(2, 'es', 'El servicio fue pésimo, ¡qué decepción! No estoy contento con la atención.'),
	(3, 'de', 'Der Kundendienst war großartig, aber die Lieferung war völlig enttäuschend. Schön wäre eine Antwort.'),
	(4, 'fr', 'Je suis très déçu, le colis est arrivé abîmé. Merci quand même, l''équipe était aimable.'),
	(5, 'pt', 'O atendimento foi ótimo, mas a entrega atrasou e não gostei. Péssimo!');

-- the same characters arrived: their UTF-8 form is the same everywhere
-- (octet_length differs by encoding, é is two bytes in UTF-8 and one in
-- LATIN1; length counts bytes in SQL_ASCII, see encoding_sql_ascii)
SELECT id, length(convert_to(t, 'UTF8')) AS utf8_bytes, md5(convert_to(t, 'UTF8')) AS utf8_md5
FROM texts ORDER BY id;

-- full scores, in English and in each text's own language
SELECT id, emotion_score(t) AS english FROM texts ORDER BY id;
SELECT id, emotion_score(t, NULL, lang) AS own_language, sentiment(t, NULL, lang) = valence(emotion_score(t, NULL, lang)) AS sentiment_is_valence
FROM texts ORDER BY id;

-- every explain row: tokens come back in the database encoding, positions
-- count words (not bytes), and the rules and emotions are those of UTF8
SELECT x.id, e.token, e.position, e.base_valence, e.valence, e.rules, e.emotions
FROM texts x, LATERAL emotion_explain(x.t, NULL, x.lang) e
ORDER BY x.id, e.position, e.token;

-- the tokenizer: case folded (DÉÇU is déçu, GROSSARTIG and großartig fold
-- alike), one token per word, accents kept
SELECT id, array_agg(tok ORDER BY n) AS tokens
FROM texts, LATERAL emotion_crm.tokens(t) WITH ORDINALITY AS k(tok, n)
WHERE id IN (1, 3) GROUP BY id ORDER BY id;
SELECT array_agg(tok ORDER BY n) AS folded
FROM emotion_crm.tokens('DÉÇU Déçu déçu GROSSARTIG Großartig ÀÉÎÕÜ') WITH ORDINALITY AS k(tok, n);

-- preprocessing of CRM text keeps the characters
SELECT emotion_crm.customer_text(E'Agent: ¿En qué puedo ayudarle?\nCustomer: Estoy muy decepcionado, el pedido llegó dañado.\nAgent: Lo siento mucho.') AS customer,
	   emotion_crm.agent_text(E'Agent: ¿En qué puedo ayudarle?\nCustomer: Estoy muy decepcionado.\nAgent: Lo siento mucho.') AS agent,
	   emotion_crm.effort_cues('Je suis très déçu, toujours pas de réponse, still waiting for a refund!') AS cues;

-- a user lexicon with accented terms: terms are converted to UTF-8 for the
-- scorer like the texts (in a LATIN1 database they used to be passed as
-- LATIN1 bytes and never matched), and of two terms that fold to the same
-- word the later one in code point order wins ('déçu' after 'Déçu'), in
-- every encoding
INSERT INTO emotion_crm.lexicons (name, language) VALUES ('enc_fr', 'fr');
INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, anger) VALUES
	('enc_fr', 'Déçu', 0.5, 0), ('enc_fr', 'déçu', -0.9, 0.6), ('enc_fr', 'abîmé', -0.7, 0.4),
	('enc_fr', 'très aimable', 0.8, 0);
SELECT emotion_crm.lexicon_term_ok('abîmé') AS accented_term_ok, emotion_crm.lexicon_term_ok('¿¡') AS punctuation_term_ok;
SELECT e.token, e.position, e.base_valence, e.valence, e.rules, e.emotions
FROM emotion_explain('Colis abîmé, je suis DÉÇU. L''équipe était très aimable.', 'enc_fr') e
ORDER BY e.position, e.token;
SELECT emotion_score('Colis abîmé, je suis DÉÇU.', 'enc_fr') AS with_lexicon,
	   emotion_score('Colis abîmé, je suis DÉÇU.', NULL, 'fr') AS without;
DELETE FROM emotion_crm.lexicons WHERE name = 'enc_fr';

DROP TABLE texts;
