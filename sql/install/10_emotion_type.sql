
-- ---------------------------------------------------------------------------
-- The type `emotion`: valence, arousal, eight Plutchik intensities, evidence
-- ---------------------------------------------------------------------------

CREATE TYPE emotion;

CREATE FUNCTION emotion_in(cstring) RETURNS emotion
	AS 'MODULE_PATHNAME', 'emotion_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_out(emotion) RETURNS cstring
	AS 'MODULE_PATHNAME', 'emotion_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_recv(internal) RETURNS emotion
	AS 'MODULE_PATHNAME', 'emotion_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_send(emotion) RETURNS bytea
	AS 'MODULE_PATHNAME', 'emotion_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE emotion (
	INPUT = emotion_in,
	OUTPUT = emotion_out,
	RECEIVE = emotion_recv,
	SEND = emotion_send,
	INTERNALLENGTH = 44,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE emotion IS
	'emotional reading of a text: valence [-1,1], arousal [0,1], the eight Plutchik emotions [0,1] and the evidence behind it';
COMMENT ON FUNCTION emotion_in(cstring) IS
	'text input of emotion, e.g. ''(valence=0.6, arousal=0.4, joy=0.5, evidence=2)''';
COMMENT ON FUNCTION emotion_out(emotion) IS 'text output of emotion';
COMMENT ON FUNCTION emotion_recv(internal) IS 'binary input of emotion (11 float4, validated like text input)';
COMMENT ON FUNCTION emotion_send(emotion) IS 'binary output of emotion (11 float4)';

-- jsonb casts
CREATE FUNCTION emotion_to_jsonb(emotion) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'emotion_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jsonb_to_emotion(jsonb) RETURNS emotion
	AS 'MODULE_PATHNAME', 'jsonb_to_emotion' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (emotion AS jsonb) WITH FUNCTION emotion_to_jsonb(emotion);
CREATE CAST (jsonb AS emotion) WITH FUNCTION jsonb_to_emotion(jsonb);

COMMENT ON FUNCTION emotion_to_jsonb(emotion) IS 'emotion as a jsonb object with all 11 fields as numbers';
COMMENT ON FUNCTION jsonb_to_emotion(jsonb) IS 'emotion from a jsonb object; missing keys are 0, unknown keys are an error';
COMMENT ON CAST (emotion AS jsonb) IS 'emotion as a jsonb object with all 11 fields';
COMMENT ON CAST (jsonb AS emotion) IS 'emotion from a jsonb object (subset of the 11 keys, missing = 0)';

-- field access
CREATE FUNCTION emotion_field(emotion, text) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_field' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR -> (
	LEFTARG = emotion,
	RIGHTARG = text,
	FUNCTION = emotion_field
);
CREATE FUNCTION valence(emotion) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_valence' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION arousal(emotion) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_arousal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION evidence(emotion) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_evidence' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION emotion_field(emotion, text) IS
	'one field of an emotion by name (valence, arousal, joy, trust, fear, surprise, sadness, disgust, anger, anticipation, evidence)';
COMMENT ON OPERATOR -> (emotion, text) IS 'one field of an emotion by name, e.g. e -> ''anger''';
COMMENT ON FUNCTION valence(emotion) IS 'valence of an emotion, -1 (negative) .. 1 (positive)';
COMMENT ON FUNCTION arousal(emotion) IS 'arousal of an emotion, 0 (calm) .. 1 (agitated)';
COMMENT ON FUNCTION evidence(emotion) IS 'amount of scoring material behind an emotion (0 = no emotional words)';

-- comparison: equality of all 11 fields; a total order for sorting and grouping
CREATE FUNCTION emotion_eq(emotion, emotion) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_ne(emotion, emotion) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_lt(emotion, emotion) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_le(emotion, emotion) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_gt(emotion, emotion) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_ge(emotion, emotion) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_cmp(emotion, emotion) RETURNS int4
	AS 'MODULE_PATHNAME', 'emotion_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_hash(emotion) RETURNS int4
	AS 'MODULE_PATHNAME', 'emotion_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_hash_extended(emotion, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'emotion_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR = (
	LEFTARG = emotion, RIGHTARG = emotion, FUNCTION = emotion_eq,
	COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR <> (
	LEFTARG = emotion, RIGHTARG = emotion, FUNCTION = emotion_ne,
	COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
	LEFTARG = emotion, RIGHTARG = emotion, FUNCTION = emotion_lt,
	COMMUTATOR = >, NEGATOR = >=,
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = emotion, RIGHTARG = emotion, FUNCTION = emotion_le,
	COMMUTATOR = >=, NEGATOR = >,
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = emotion, RIGHTARG = emotion, FUNCTION = emotion_gt,
	COMMUTATOR = <, NEGATOR = <=,
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = emotion, RIGHTARG = emotion, FUNCTION = emotion_ge,
	COMMUTATOR = <=, NEGATOR = <,
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS emotion_btree_ops
	DEFAULT FOR TYPE emotion USING btree AS
		OPERATOR 1 <,
		OPERATOR 2 <=,
		OPERATOR 3 =,
		OPERATOR 4 >=,
		OPERATOR 5 >,
		FUNCTION 1 emotion_cmp(emotion, emotion);

CREATE OPERATOR CLASS emotion_hash_ops
	DEFAULT FOR TYPE emotion USING hash AS
		OPERATOR 1 =,
		FUNCTION 1 emotion_hash(emotion),
		FUNCTION 2 emotion_hash_extended(emotion, int8);

COMMENT ON FUNCTION emotion_eq(emotion, emotion) IS 'true if all 11 fields are equal';
COMMENT ON FUNCTION emotion_ne(emotion, emotion) IS 'true if any field differs';
COMMENT ON FUNCTION emotion_lt(emotion, emotion) IS 'less than, in the lexicographic order of the fields';
COMMENT ON FUNCTION emotion_le(emotion, emotion) IS 'less than or equal, in the lexicographic order of the fields';
COMMENT ON FUNCTION emotion_gt(emotion, emotion) IS 'greater than, in the lexicographic order of the fields';
COMMENT ON FUNCTION emotion_ge(emotion, emotion) IS 'greater than or equal, in the lexicographic order of the fields';
COMMENT ON FUNCTION emotion_cmp(emotion, emotion) IS
	'btree comparison: lexicographic over valence, arousal, the 8 emotions, evidence';
COMMENT ON FUNCTION emotion_hash(emotion) IS 'hash of an emotion';
COMMENT ON FUNCTION emotion_hash_extended(emotion, int8) IS 'seeded 64-bit hash of an emotion';
COMMENT ON OPERATOR = (emotion, emotion) IS 'equal (all 11 fields)';
COMMENT ON OPERATOR <> (emotion, emotion) IS 'not equal';
COMMENT ON OPERATOR < (emotion, emotion) IS 'less than (lexicographic order of the fields; for sorting, not a measure of feeling)';
COMMENT ON OPERATOR <= (emotion, emotion) IS 'less than or equal (lexicographic order of the fields)';
COMMENT ON OPERATOR > (emotion, emotion) IS 'greater than (lexicographic order of the fields)';
COMMENT ON OPERATOR >= (emotion, emotion) IS 'greater than or equal (lexicographic order of the fields)';
COMMENT ON OPERATOR CLASS emotion_btree_ops USING btree IS
	'total order of emotion values for ORDER BY, DISTINCT, GROUP BY and btree indexes';
COMMENT ON OPERATOR CLASS emotion_hash_ops USING hash IS 'hashing of emotion values for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY emotion_btree_ops USING btree IS 'btree operators of emotion';
COMMENT ON OPERATOR FAMILY emotion_hash_ops USING hash IS 'hash operators of emotion';

-- arithmetic and distance
CREATE FUNCTION emotion_add(emotion, emotion) RETURNS emotion
	AS 'MODULE_PATHNAME', 'emotion_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_mul(emotion, float8) RETURNS emotion
	AS 'MODULE_PATHNAME', 'emotion_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION float8_mul_emotion(float8, emotion) RETURNS emotion
	AS 'MODULE_PATHNAME', 'float8_mul_emotion' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_distance(emotion, emotion) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_dist' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR + (
	LEFTARG = emotion, RIGHTARG = emotion, FUNCTION = emotion_add,
	COMMUTATOR = +
);
CREATE OPERATOR * (
	LEFTARG = emotion, RIGHTARG = float8, FUNCTION = emotion_mul,
	COMMUTATOR = *
);
CREATE OPERATOR * (
	LEFTARG = float8, RIGHTARG = emotion, FUNCTION = float8_mul_emotion,
	COMMUTATOR = *
);
CREATE OPERATOR <-> (
	LEFTARG = emotion, RIGHTARG = emotion, FUNCTION = emotion_distance,
	COMMUTATOR = <->
);

COMMENT ON FUNCTION emotion_add(emotion, emotion) IS 'fieldwise sum of two emotions (error if a field leaves its range)';
COMMENT ON FUNCTION emotion_mul(emotion, float8) IS 'every field, evidence included, scaled by a finite factor >= 0';
COMMENT ON FUNCTION float8_mul_emotion(float8, emotion) IS 'every field, evidence included, scaled by a finite factor >= 0';
COMMENT ON FUNCTION emotion_distance(emotion, emotion) IS
	'Euclidean distance over valence, arousal and the 8 emotions (evidence is not counted)';
COMMENT ON OPERATOR + (emotion, emotion) IS 'fieldwise sum';
COMMENT ON OPERATOR * (emotion, float8) IS 'scale every field by a factor >= 0';
COMMENT ON OPERATOR * (float8, emotion) IS 'scale every field by a factor >= 0';
COMMENT ON OPERATOR <-> (emotion, emotion) IS 'Euclidean distance over valence, arousal and the 8 emotions';
