--
-- The type emotion: I/O, casts, field access, comparison, arithmetic, distance
--
\set SHOW_CONTEXT never

-- catalog shape: fixed length 44, int4 alignment, plain storage
SELECT typlen, typalign, typstorage, typbyval FROM pg_type WHERE typname = 'emotion';

-- text output: valence, arousal and evidence always, emotions only when non-zero
SELECT '(valence=0.62, arousal=0.41, joy=0.55, trust=0.2, evidence=3)'::emotion;
SELECT '()'::emotion, ' ( ) '::emotion;
-- names are case-insensitive, whitespace anywhere, any order, missing fields are 0
SELECT E' ( ANGER = 0.9 ,\n\tValence=-0.75,arousal= 1 ) '::emotion;
SELECT '(anticipation=0.1, disgust=0.2, sadness=0.3, surprise=0.4, fear=0.5, trust=0.6, joy=0.7, anger=0.8)'::emotion;
-- number forms: exponent, leading +, leading dot; -0 becomes 0
SELECT '(valence=-0, arousal=+.5, joy=25e-2, evidence=1e9)'::emotion;
SELECT '(valence=-0.0)'::emotion::text = '(valence=0, arousal=0, evidence=0)' AS negzero_normalised;

-- every value round-trips exactly through its text form, including the
-- smallest denormal and values that need all the float4 digits
SELECT '(joy=1e-45, trust=1.1754944e-38, fear=0.33333334, surprise=0.99999994, evidence=999999940)'::emotion;
SELECT e = e::text::emotion AS same_value, e::text = e::text::emotion::text AS same_text
FROM (VALUES ('(joy=1e-45, trust=1.1754944e-38, fear=0.33333334, surprise=0.99999994, evidence=999999940)'::emotion)) v(e);
SELECT count(*) AS values_tried,
	   count(*) FILTER (WHERE e::text::emotion = e) AS text_round_trips,
	   count(*) FILTER (WHERE (e -> 'valence')::float4 = v AND (e -> 'joy')::float4 = abs(v)) AS fields_exact
FROM (SELECT v, format('(valence=%s, joy=%s, evidence=%s)', v, abs(v), abs(v) * 1000)::emotion AS e
	  FROM (SELECT (sin(i * 0.7) * 0.999)::float4 AS v FROM generate_series(1, 2000) i) s) t;

-- bad literals: SQLSTATE, message and detail
CREATE FUNCTION pg_temp.try_emotion(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text;
BEGIN
	PERFORM t::emotion;
	RETURN 'accepted';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
	RETURN st || ' ' || msg || E'\n      ' || det;
END $$;
SELECT t AS literal, pg_temp.try_emotion(t) AS result
FROM (VALUES
	(''), ('valence=1'), ('('), ('(valence=0.5'), ('(valence=0.5,)'), ('(,)'),
	('(valence)'), ('(valence 0.5)'), ('(valence=)'), ('(valence=abc)'), ('(valence=0.5 joy=1)'),
	('(happiness=0.5)'), ('(joy=0.1, JOY=0.2)'), ('(joy=0.1) x'), ('(joy=0.1))'),
	('(valence=1.5)'), ('(valence=-1.01)'), ('(arousal=-0.1)'), ('(anger=1.0001)'),
	('(evidence=-1)'), ('(evidence=2e9)'), ('(joy=1e39)'),
	('(joy=NaN)'), ('(valence=Infinity)'), ('(valence=-inf)'),
	('(valence=-1, arousal=1, joy=1, evidence=1e9)')
) v(t);
-- the same through psql, as a user sees it
SELECT '(valence=2)'::emotion;
SELECT '(joy=0.5, angry=0.2)'::emotion;

-- binary send/recv: 11 big-endian float4 in storage order
SELECT encode(emotion_send('(valence=0.5, arousal=0.25, joy=1, anticipation=0.125, evidence=2)'), 'hex');
CREATE TEMP TABLE emo_src (id int, e emotion);
INSERT INTO emo_src VALUES
	(1, '()'), (2, '(valence=-1, arousal=1, joy=1, trust=1, fear=1, surprise=1, sadness=1, disgust=1, anger=1, anticipation=1, evidence=1e9)'),
	(3, '(valence=0.62, arousal=0.41, joy=0.55, trust=0.2, evidence=3)'), (4, '(joy=1e-45)'), (5, NULL);
COPY emo_src TO '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
CREATE TEMP TABLE emo_dst (id int, e emotion);
COPY emo_dst FROM '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
SELECT s.id, s.e IS NOT DISTINCT FROM d.e AS same, d.e FROM emo_src s JOIN emo_dst d USING (id) ORDER BY id;
-- recv validates like input: feed hand-made 44-byte payloads through a bytea
-- column of the same binary layout
CREATE TEMP TABLE emo_raw (id int, b bytea);
INSERT INTO emo_raw VALUES
	(1, decode('3f000000' || '3e800000' || '3f800000' || repeat('00', 28) || '40000000', 'hex')),
	(2, decode('80000000' || repeat('00', 40), 'hex'));
COPY emo_raw TO '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
TRUNCATE emo_dst;
COPY emo_dst FROM '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
SELECT id, e, e = '()' AS is_zero FROM emo_dst ORDER BY id;
TRUNCATE emo_raw;
INSERT INTO emo_raw VALUES (1, decode('40000000' || repeat('00', 40), 'hex'));	-- valence 2
COPY emo_raw TO '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
COPY emo_dst FROM '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
TRUNCATE emo_raw;
INSERT INTO emo_raw VALUES (1, decode(repeat('00', 16) || '7fc00000' || repeat('00', 24), 'hex'));	-- fear NaN
COPY emo_raw TO '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
COPY emo_dst FROM '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
TRUNCATE emo_raw;
INSERT INTO emo_raw VALUES (1, decode(repeat('00', 40) || 'bf800000', 'hex'));	-- evidence -1
COPY emo_raw TO '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
COPY emo_dst FROM '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
TRUNCATE emo_raw;
INSERT INTO emo_raw VALUES (1, decode(repeat('00', 40), 'hex'));	-- too short
COPY emo_raw TO '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
COPY emo_dst FROM '/tmp/emotion_crm_regress_emotion.bin' (FORMAT binary);
-- text COPY round trip
COPY emo_src TO '/tmp/emotion_crm_regress_emotion.txt';
TRUNCATE emo_dst;
COPY emo_dst FROM '/tmp/emotion_crm_regress_emotion.txt';
SELECT count(*) AS rows, count(*) FILTER (WHERE s.e IS NOT DISTINCT FROM d.e) AS equal
FROM emo_src s JOIN emo_dst d USING (id);

-- jsonb casts
SELECT '(valence=0.62, arousal=0.41, joy=0.55, trust=0.2, evidence=3)'::emotion::jsonb;
SELECT '{"joy": 0.3, "evidence": 2, "Valence": -0.5}'::jsonb::emotion, '{}'::jsonb::emotion;
SELECT count(*) FILTER (WHERE e::jsonb::emotion = e) AS jsonb_round_trips FROM emo_src WHERE e IS NOT NULL;
SELECT '{"joy": 0.3, "happiness": 1}'::jsonb::emotion;
SELECT '{"joy": "0.3"}'::jsonb::emotion;
SELECT '{"joy": null}'::jsonb::emotion;
SELECT '{"joy": [0.3]}'::jsonb::emotion;
SELECT '[0.3]'::jsonb::emotion;
SELECT '0.3'::jsonb::emotion;
SELECT '{"valence": -2}'::jsonb::emotion;
SELECT '{"evidence": 1e400}'::jsonb::emotion;

-- field access
SELECT f, '(valence=-0.5, arousal=0.9, joy=0.1, trust=0.2, fear=0.3, surprise=0.4, sadness=0.5, disgust=0.6, anger=0.7, anticipation=0.8, evidence=12.5)'::emotion -> f AS value
FROM unnest(ARRAY['valence', 'arousal', 'joy', 'trust', 'fear', 'surprise', 'sadness',
				  'disgust', 'anger', 'anticipation', 'evidence', 'Anger', 'EVIDENCE']) f;
SELECT pg_typeof('(anger=0.5)'::emotion -> 'anger'), '(anger=0.5)'::emotion -> 'anger' > 0.4 AS precedence_ok;
SELECT '(anger=0.5)'::emotion -> 'rage';
SELECT valence('(valence=-0.3, arousal=0.6, evidence=4)'), arousal('(valence=-0.3, arousal=0.6, evidence=4)'),
	   evidence('(valence=-0.3, arousal=0.6, evidence=4)');

-- equality, order, grouping, hashing
SELECT '(joy=0.5)'::emotion = '(JOY = 0.50)' AS eq, '(joy=0.5)'::emotion <> '(joy=0.5, evidence=1)' AS ne,
	   '(joy=0.5)'::emotion = '(joy=0.5, evidence=1)' AS eq_evidence_counts;
CREATE TEMP TABLE emo_ord (e emotion);
INSERT INTO emo_ord VALUES ('(valence=0.5)'), ('(valence=-0.5)'), ('(valence=0.5, evidence=1)'), ('()'),
	('(valence=0.5, arousal=0.1)'), ('(valence=0.5)'), ('(valence=-0.5, joy=0.1)'), ('(valence=-0.5, trust=0.1)'), ('()');
SELECT e FROM emo_ord ORDER BY e;
SELECT e, count(*) FROM emo_ord GROUP BY e ORDER BY e DESC;
SELECT count(DISTINCT e) AS distinct_values FROM emo_ord;
SET enable_sort = off;	-- force hash aggregation
SELECT count(*) AS groups FROM (SELECT e FROM emo_ord GROUP BY e) g;
RESET enable_sort;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM emo_ord a JOIN emo_ord b ON a.e = b.e;
SELECT count(*) AS hash_join_pairs FROM emo_ord a JOIN emo_ord b ON a.e = b.e;
RESET enable_mergejoin;
SET enable_hashjoin = off;
SELECT count(*) AS merge_join_pairs FROM emo_ord a JOIN emo_ord b ON a.e = b.e;
RESET enable_hashjoin;
RESET enable_nestloop;
SELECT emotion_hash('(joy=0.25)') = emotion_hash(jsonb_to_emotion('{"joy": 0.25}')) AS hash_agrees,
	   emotion_hash_extended('(joy=0.25)', 7) = emotion_hash_extended('{"joy": 0.25}'::jsonb::emotion, 7) AS hash_ext_agrees,
	   emotion_hash('(valence=0)') = emotion_hash('(valence=-0)') AS zero_hash;
CREATE INDEX emo_ord_btree ON emo_ord (e);
CREATE INDEX emo_ord_hash ON emo_ord USING hash (e);
SET enable_seqscan = off;
SELECT count(*) FROM emo_ord WHERE e = '(valence=0.5)';
RESET enable_seqscan;

-- arithmetic
SELECT '(valence=0.25, arousal=0.5, joy=0.5, evidence=2)'::emotion + '(valence=-0.5, anger=0.25, evidence=1)' AS sum;
SELECT '(valence=-0.5, arousal=0.5, joy=0.5, evidence=2)'::emotion * 0.5 AS half,
	   2 * '(valence=-0.25, anger=0.25, evidence=3)'::emotion AS double,
	   '(valence=-0.5, joy=0.5, evidence=2)'::emotion * 0 AS zero;
-- an average through sum and scaling
SELECT (sum_e * (1.0 / n)) AS mean
FROM (SELECT '(valence=0.5, joy=0.75, evidence=3)'::emotion + '(valence=-0.25, evidence=1)'
			 + '(valence=0.5, anger=0.75, evidence=2)' AS sum_e, 3 AS n) s;
SELECT '(valence=0.75)'::emotion + '(valence=0.5)';
SELECT '(joy=0.75)'::emotion * 1.5;
SELECT '(evidence=1e9)'::emotion * 2;
SELECT '(evidence=1e9)'::emotion * 1e300;
SELECT '(joy=0.5)'::emotion * -1;
SELECT '(joy=0.5)'::emotion * 'NaN'::float8;
SELECT 'Infinity'::float8 * '(joy=0.5)'::emotion;

-- distance over the ten dimensions; evidence does not count
SELECT '(valence=0.75, arousal=1)'::emotion <-> '()' AS d_1_25,
	   '(joy=0.375, anger=0.5, evidence=7)'::emotion <-> '(evidence=1)' AS d_0_625,
	   '(valence=-1)'::emotion <-> '(valence=1)' AS d_2,
	   '(evidence=100)'::emotion <-> '()' AS d_evidence,
	   ('(valence=0.1, fear=0.3)'::emotion <-> '(joy=0.2)') = ('(joy=0.2)'::emotion <-> '(valence=0.1, fear=0.3)') AS symmetric;
SELECT round(('(valence=-1, arousal=1, joy=1, trust=1, fear=1, surprise=1, sadness=1, disgust=1, anger=1, anticipation=1)'::emotion
		<-> '(valence=1)')::numeric, 6) AS max_distance, round(sqrt(13)::numeric, 6) AS sqrt_13;

-- storage
CREATE TEMP TABLE emo_store (e emotion);
INSERT INTO emo_store VALUES ('(valence=0.62, arousal=0.41, joy=0.55, trust=0.2, evidence=3)');
SELECT pg_column_size(e), e FROM emo_store;

DROP TABLE emo_src, emo_dst, emo_raw, emo_ord, emo_store;
