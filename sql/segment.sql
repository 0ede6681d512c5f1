--
-- emotion_segment: text and binary I/O, errors, containment, named segments
--
-- text form round-trips; open bounds, whitespace and case are accepted
SELECT s::emotion_segment AS seg
  FROM (VALUES ('[valence -1..-0.3, anger 0.5..1]'),
               ('[ ANGER 0.5.. ,valence ..-0.3 ]'),
               ('[]'),
               ('[joy .1..1e-1]'),
               ('[valence -0..0, fear 0.30000001..0.3000001]'),
               ('[anticipation 1..1, surprise 0..1, arousal 0.25..0.75, trust ..0.2, disgust 0.2.., sadness 0.1..0.9]')) AS v(s);
-- shortest representation: every bound reads back to the same float4
SELECT setseed(0.25);
SELECT count(*) AS segments,
       count(*) FILTER (WHERE s::text::emotion_segment = s) AS round_trips,
       count(*) FILTER (WHERE s::text = s::text::emotion_segment::text) AS stable_text,
       count(*) FILTER (WHERE lower(s, 'anger')::float4 = a_lo AND upper(s, 'anger')::float4 = a_hi) AS bounds_kept
  FROM (SELECT format('[valence %s..1, anger %s..%s]', v, lo, hi)::emotion_segment AS s,
               lo::float4 AS a_lo, hi::float4 AS a_hi
          FROM (SELECT (random() * 2 - 1)::float4 AS v, x AS lo, x + (1 - x) * random() AS hi
                  FROM (SELECT random() AS x FROM generate_series(1, 2000)) r) r2) q;
-- bad definitions
SELECT '[valence 0.5..-0.5]'::emotion_segment;
SELECT '[rage 0.5..1]'::emotion_segment;
SELECT '[anger 0.5..1.5]'::emotion_segment;
SELECT '[valence -2..]'::emotion_segment;
SELECT '[anger -0.1..]'::emotion_segment;
SELECT '[anger 0.5..1, Anger ..0.9]'::emotion_segment;
SELECT '[anger ..]'::emotion_segment;
SELECT '[anger 0.5]'::emotion_segment;
SELECT '[anger NaN..1]'::emotion_segment;
SELECT '[anger 0.5..Infinity]'::emotion_segment;
SELECT '[anger 0.5..1,]'::emotion_segment;
SELECT '[anger 0.5..1] x'::emotion_segment;
SELECT 'anger 0.5..1'::emotion_segment;
SELECT ''::emotion_segment;
SELECT '[anger 1e40..]'::emotion_segment;
SELECT lower('[anger 0.5..]'::emotion_segment, 'rage');
-- accessors: open bounds are NULL
SELECT lower(s, 'anger') AS anger_lo, upper(s, 'anger') AS anger_hi,
       lower(s, 'valence') AS val_lo, upper(s, 'valence') AS val_hi,
       lower(s, 'joy') AS joy_lo
  FROM (SELECT '[valence ..-0.25, anger 0.5..]'::emotion_segment AS s) q;
-- volume: share of the space (valence spans 2 units, the others 1)
SELECT emotion_segment_volume('[]') AS whole,
       emotion_segment_volume('[valence 0..]') AS half,
       emotion_segment_volume('[valence 0.5.., anger 0.5..]') AS eighth,
       emotion_segment_volume('[joy 0.5..0.5]') AS flat;
-- binary I/O: send, then load the bytes back through COPY (FORMAT binary)
CREATE TABLE seg_bin (s emotion_segment);
CREATE FUNCTION pg_temp.copy_binary(payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	msg text;
	detail text;
	file bytea := '\x5047434f50590aff0d0a00'::bytea		-- signature
		|| '\x0000000000000000'::bytea					-- flags, header extension
		|| '\x0001'::bytea								-- one field
		|| int4send(length(payload)) || payload
		|| '\xffff'::bytea;								-- trailer
	cmd text := '';
	i int;
	b int;
BEGIN
	FOR i IN 0 .. length(file) - 1 LOOP
		b := get_byte(file, i);
		cmd := cmd || format('\%s%s%s', b >> 6, (b >> 3) & 7, b & 7);
	END LOOP;
	EXECUTE format('COPY seg_bin FROM PROGRAM %L (FORMAT binary)', 'printf ''' || cmd || '''');
	RETURN 'loaded';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
	RETURN format('rejected (%s): %s; %s', SQLSTATE, msg, detail);
END
$$;
SELECT pg_temp.copy_binary(emotion_segment_send(s::emotion_segment))
  FROM (VALUES ('[valence -1..-0.3, anger 0.5..1]'), ('[]'), ('[joy 0.1..0.1, anticipation ..0.7]')) v(s);
SELECT s, emotion_segment_send(s) = emotion_segment_send(s::text::emotion_segment) AS same_bytes FROM seg_bin;
SELECT length(emotion_segment_send('[]')) AS binary_length,
       emotion_segment_send('[anger 0.5..1]') AS bytes;
-- recv validates like in: lower > upper, out of range, NaN, wrong length, +Infinity as lower bound
SELECT pg_temp.copy_binary(overlay(emotion_segment_send('[anger 0.5..1]') placing float4send(0.25) from 73 for 4));
SELECT pg_temp.copy_binary(overlay(emotion_segment_send('[]') placing float4send(1.5) from 5 for 4));
SELECT pg_temp.copy_binary(overlay(emotion_segment_send('[]') placing float4send('NaN') from 1 for 4));
SELECT pg_temp.copy_binary(overlay(emotion_segment_send('[]') placing float4send('Infinity') from 1 for 4));
SELECT pg_temp.copy_binary(emotion_segment_send('[]') || '\x00'::bytea);
SELECT count(*) AS rows_after_bad_input FROM seg_bin;
DROP TABLE seg_bin;
-- containment: bounds are inclusive, @> is the commutator, NULL gives NULL
SELECT e, e <@ s AS inside, s @> e AS contains
  FROM (VALUES ('(valence=-0.3, anger=0.5, evidence=1)'::emotion),
               ('(valence=-0.3, anger=0.49, evidence=1)'),
               ('(valence=-0.29, anger=1, evidence=1)'),
               ('(valence=-1, anger=1)')) v(e),
       (SELECT '[valence ..-0.3, anger 0.5..]'::emotion_segment AS s) q;
SELECT '(valence=0.1)'::emotion <@ '[]' AS whole_space,
       NULL::emotion <@ '[]'::emotion_segment AS null_emotion,
       '[]'::emotion_segment @> NULL::emotion AS null_emotion2;
-- every dimension is checked, by name, against a segment bounding only it
SELECT d, ('(' || d || '=0.5)')::emotion <@ ('[' || d || ' 0.4..0.6]')::emotion_segment AS in_own,
          ('(' || d || '=0.5)')::emotion <@ ('[' || d || ' 0.6..]')::emotion_segment AS above,
          '(valence=0)'::emotion <@ ('[' || d || ' 0.4..0.6]')::emotion_segment AS zero_in
  FROM unnest(ARRAY['valence', 'arousal', 'joy', 'trust', 'fear', 'surprise', 'sadness',
                    'disgust', 'anger', 'anticipation']) AS d;
-- named segments shipped with the extension
SELECT name, segment, priority, enabled, is_default, emotion_segment_volume(segment) > 0 AS nonempty
  FROM emotion_crm.segments ORDER BY priority, name;
SELECT segment('angry') AS angry, segment('delighted') AS delighted;
SELECT segment('furious');
-- best match: lowest priority, then smallest volume, then name; NULL if none
SELECT e, emotion_segment(e) AS best,
       (SELECT array_agg(name ORDER BY name) FROM emotion_crm.segments s WHERE e <@ s.segment) AS all_containing
  FROM (VALUES ('(valence=-0.6, arousal=0.8, anger=0.7, evidence=3)'::emotion),
               ('(valence=-0.3, anger=0.3, evidence=1)'),
               ('(valence=-0.4, fear=0.5, sadness=0.4, evidence=2)'),
               ('(valence=0.8, joy=0.9, trust=0.5, evidence=4)'),
               ('(valence=0.4, joy=0.2, evidence=1)'),
               ('(valence=0.05, arousal=0.1)'),
               ('(valence=0, arousal=0.6, surprise=0.1)'),
               ('(valence=-0.1, surprise=0.5, evidence=1)')) v(e);
SELECT emotion_segment(NULL::emotion) AS null_in;
BEGIN;
-- ties: same priority -> smaller volume; same volume -> name (in C order)
INSERT INTO emotion_crm.segments (name, segment, priority) VALUES
	('b-wide', '[joy 0.5..]', 1), ('b-narrow', '[joy 0.5..0.9]', 1),
	('a-narrow', '[joy 0.1..0.5]', 1), ('B-narrow', '[joy 0.1..0.5]', 1);
SELECT emotion_segment('(joy=0.6)'::emotion) AS narrower, emotion_segment('(joy=0.95)'::emotion) AS only_wide,
       emotion_segment('(joy=0.3)'::emotion) AS by_name;
-- disabled segments are ignored by both functions
UPDATE emotion_crm.segments SET enabled = false WHERE name = 'B-narrow';
SELECT emotion_segment('(joy=0.3)'::emotion) AS after_disable;
-- an untyped literal in emotion_segment(...) is read as a segment (cast syntax)
SELECT emotion_segment('[joy 0.5..]') AS cast_syntax;
SELECT segment('B-narrow');
ROLLBACK;
BEGIN;
-- edits earlier in the same transaction, even inside one PL/pgSQL block, are seen
DO $$
DECLARE
	before_edit text;
BEGIN
	before_edit := emotion_segment('(valence=-0.6, anger=0.7)'::emotion);
	UPDATE emotion_crm.segments SET priority = 1 WHERE name = 'frustrated';
	RAISE NOTICE 'before: %, after: %', before_edit, emotion_segment('(valence=-0.6, anger=0.7)'::emotion);
	UPDATE emotion_crm.segments SET segment = '[valence ..-0.5, anger 0.6..]' WHERE name = 'angry';
	RAISE NOTICE 'angry is now %', segment('angry');
END
$$;
ROLLBACK;
BEGIN;
-- edits turn a shipped row into a user row (dumped by pg_dump); a user row
-- inserted under a default's name replaces the default (what a restore does)
UPDATE emotion_crm.segments SET priority = 5 WHERE name = 'angry';
INSERT INTO emotion_crm.segments (name, segment, priority, description)
	VALUES ('neutral', '[valence -0.1..0.1]', 85, 'narrower neutral');
INSERT INTO emotion_crm.segments (name, segment) VALUES ('churn risk', '[valence ..-0.5, sadness 0.4..]');
SELECT name, segment, priority, is_default FROM emotion_crm.segments
 WHERE name IN ('angry', 'neutral', 'churn risk', 'satisfied') ORDER BY name;
-- a second insert under the same (now user) name is a plain duplicate
INSERT INTO emotion_crm.segments (name, segment) VALUES ('neutral', '[]');
ROLLBACK;
SELECT count(*) AS shipped, count(*) FILTER (WHERE is_default) AS pristine FROM emotion_crm.segments;
-- the rows pg_dump keeps for this configuration table
SELECT u.cfg::regclass AS config_table, u.cond AS dump_filter
  FROM pg_extension x, unnest(x.extconfig, x.extcondition) AS u(cfg, cond)
 WHERE x.extname = 'emotion_crm' AND u.cfg = 'emotion_crm.segments'::regclass;
