-- emotion_crm install script.  Built by `make` from sql/install/*.sql.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION emotion_crm" to load this file. \quit

-- Types, operators, scoring functions and aggregates live in the schema the
-- extension is created in (@extschema@, usually public).  Settings tables and
-- management functions live in the schema emotion_crm, created here.
CREATE SCHEMA emotion_crm;
COMMENT ON SCHEMA emotion_crm IS 'emotion_crm settings tables and management functions';
GRANT USAGE ON SCHEMA emotion_crm TO PUBLIC;

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

-- ---------------------------------------------------------------------------
-- Scoring: emotion_score, sentiment, emotion_explain, emotion_crm_version
-- ---------------------------------------------------------------------------

CREATE FUNCTION emotion_score(text) RETURNS emotion
	AS 'MODULE_PATHNAME', 'emotion_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_score(text) IS
	'emotion of a text with the built-in lexicon: valence, arousal, the eight Plutchik emotions and the evidence behind them';

CREATE FUNCTION sentiment(text) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_sentiment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment(text) IS
	'sentiment of a text in [-1, 1] (the valence of emotion_score): positive = good feeling, near 0 = neutral';

CREATE FUNCTION emotion_explain(text)
	RETURNS TABLE(token text, "position" int, base_valence float8, valence float8, rules text[], emotions jsonb)
	AS 'MODULE_PATHNAME', 'emotion_explain' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION emotion_explain(text) IS
	'one row per token or phrase that contributed to the score: its position, lexicon valence, valence after rules, the rules that fired and the emotions it adds';

CREATE FUNCTION emotion_crm_version() RETURNS text
	AS 'MODULE_PATHNAME', 'emotion_crm_version' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_crm_version() IS 'version of the emotion_crm module and of its compiled-in lexicon';

-- ---------------------------------------------------------------------------
-- Customer journeys: emotion_avg, the emotion_journey type and aggregate,
-- its accessors and journey_state
-- ---------------------------------------------------------------------------

-- emotion_avg(emotion): plain, parallel and moving aggregate
CREATE FUNCTION emotion_avg_accum(internal, emotion) RETURNS internal
	AS 'MODULE_PATHNAME', 'emotion_avg_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION emotion_avg_accum_inv(internal, emotion) RETURNS internal
	AS 'MODULE_PATHNAME', 'emotion_avg_accum_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION emotion_avg_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'emotion_avg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION emotion_avg_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'emotion_avg_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_avg_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'emotion_avg_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_avg_final(internal) RETURNS emotion
	AS 'MODULE_PATHNAME', 'emotion_avg_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE emotion_avg(emotion) (
	SFUNC = emotion_avg_accum,
	STYPE = internal,
	SSPACE = 192,
	FINALFUNC = emotion_avg_final,
	COMBINEFUNC = emotion_avg_combine,
	SERIALFUNC = emotion_avg_serialize,
	DESERIALFUNC = emotion_avg_deserialize,
	MSFUNC = emotion_avg_accum,
	MINVFUNC = emotion_avg_accum_inv,
	MSTYPE = internal,
	MSSPACE = 192,
	MFINALFUNC = emotion_avg_final,
	PARALLEL = SAFE
);

COMMENT ON FUNCTION emotion_avg_accum(internal, emotion) IS 'transition function of emotion_avg';
COMMENT ON FUNCTION emotion_avg_accum_inv(internal, emotion) IS 'inverse transition function of emotion_avg (moving window frames)';
COMMENT ON FUNCTION emotion_avg_combine(internal, internal) IS 'combine function of emotion_avg (parallel aggregation)';
COMMENT ON FUNCTION emotion_avg_serialize(internal) IS 'serialize function of emotion_avg';
COMMENT ON FUNCTION emotion_avg_deserialize(bytea, internal) IS 'deserialize function of emotion_avg';
COMMENT ON FUNCTION emotion_avg_final(internal) IS 'final function of emotion_avg';
COMMENT ON AGGREGATE emotion_avg(emotion) IS
	'mean of every field of the non-NULL emotions (exact fixed-point sums; NULL for no rows); works as a moving window aggregate';

-- the emotion_journey type
CREATE TYPE emotion_journey;

CREATE FUNCTION emotion_journey_in(cstring) RETURNS emotion_journey
	AS 'MODULE_PATHNAME', 'emotion_journey_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_journey_out(emotion_journey) RETURNS cstring
	AS 'MODULE_PATHNAME', 'emotion_journey_out' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_journey_recv(internal) RETURNS emotion_journey
	AS 'MODULE_PATHNAME', 'emotion_journey_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_journey_send(emotion_journey) RETURNS bytea
	AS 'MODULE_PATHNAME', 'emotion_journey_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE emotion_journey (
	INPUT = emotion_journey_in,
	OUTPUT = emotion_journey_out,
	RECEIVE = emotion_journey_recv,
	SEND = emotion_journey_send,
	INTERNALLENGTH = 744,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE emotion_journey IS
	'fixed-size summary (744 bytes) of a customer''s emotions over time, built by the emotion_journey aggregate';
COMMENT ON FUNCTION emotion_journey_in(cstring) IS 'text input of emotion_journey (the form emotion_journey_out writes; validated)';
COMMENT ON FUNCTION emotion_journey_out(emotion_journey) IS 'text output of emotion_journey (complete, reads back to the same value)';
COMMENT ON FUNCTION emotion_journey_recv(internal) IS 'binary input of emotion_journey (validated like text input)';
COMMENT ON FUNCTION emotion_journey_send(emotion_journey) IS 'binary output of emotion_journey';

-- the aggregates
CREATE FUNCTION emotion_journey_trans(emotion_journey, emotion, timestamptz) RETURNS emotion_journey
	AS 'MODULE_PATHNAME', 'emotion_journey_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION emotion_journey_combine(emotion_journey, emotion_journey) RETURNS emotion_journey
	AS 'MODULE_PATHNAME', 'emotion_journey_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE emotion_journey(emotion, timestamptz) (
	SFUNC = emotion_journey_trans,
	STYPE = emotion_journey,
	COMBINEFUNC = emotion_journey_combine,
	PARALLEL = SAFE
);

CREATE AGGREGATE journey_merge(emotion_journey) (
	SFUNC = emotion_journey_combine,
	STYPE = emotion_journey,
	COMBINEFUNC = emotion_journey_combine,
	PARALLEL = SAFE
);

COMMENT ON FUNCTION emotion_journey_trans(emotion_journey, emotion, timestamptz) IS
	'transition function of emotion_journey (reads emotion_crm.mood_half_life and emotion_crm.swing_dead_band)';
COMMENT ON FUNCTION emotion_journey_combine(emotion_journey, emotion_journey) IS
	'merges two journeys into the journey of all their interactions';
COMMENT ON AGGREGATE emotion_journey(emotion, timestamptz) IS
	'journey of a customer''s interactions (emotion, time); rows with a NULL emotion or time are skipped; NULL for no rows';
COMMENT ON AGGREGATE journey_merge(emotion_journey) IS
	'merges journeys (e.g. per-day or per-channel journeys) into one';

-- accessors
CREATE FUNCTION journey_count(emotion_journey) RETURNS bigint
	AS 'MODULE_PATHNAME', 'journey_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_first(emotion_journey) RETURNS emotion
	AS 'MODULE_PATHNAME', 'journey_first' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_first_at(emotion_journey) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'journey_first_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_last(emotion_journey) RETURNS emotion
	AS 'MODULE_PATHNAME', 'journey_last' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_last_at(emotion_journey) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'journey_last_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_peak(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_peak' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_peak_at(emotion_journey) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'journey_peak_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_trough(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_trough' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_trough_at(emotion_journey) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'journey_trough_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_mean(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_trend(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_trend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_volatility(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_volatility' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_mood(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_mood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_negativity(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_negativity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_tenure_days(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_tenure_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_days_since_last(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_days_since_last' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_days_since_last(emotion_journey, as_of timestamptz) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_days_since_last_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_churn_risk(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_churn_risk' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_churn_risk(emotion_journey, as_of timestamptz) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_churn_risk_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_ordered(emotion_journey) RETURNS boolean
	AS 'MODULE_PATHNAME', 'journey_ordered' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_swings(emotion_journey) RETURNS bigint
	AS 'MODULE_PATHNAME', 'journey_swings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_longest_negative_streak(emotion_journey) RETURNS bigint
	AS 'MODULE_PATHNAME', 'journey_longest_negative_streak' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_recovered(emotion_journey) RETURNS boolean
	AS 'MODULE_PATHNAME', 'journey_recovered' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_half_life(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_half_life' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_dead_band(emotion_journey) RETURNS float8
	AS 'MODULE_PATHNAME', 'journey_dead_band' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_sparkline(emotion_journey) RETURNS text
	AS 'MODULE_PATHNAME', 'journey_sparkline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey_sparkline(emotion_journey, gaps boolean) RETURNS text
	AS 'MODULE_PATHNAME', 'journey_sparkline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION journey_count(emotion_journey) IS 'number of interactions in the journey';
COMMENT ON FUNCTION journey_first(emotion_journey) IS 'emotion of the earliest interaction (ties: the lowest emotion in the emotion order)';
COMMENT ON FUNCTION journey_first_at(emotion_journey) IS 'time of the earliest interaction';
COMMENT ON FUNCTION journey_last(emotion_journey) IS 'emotion of the latest interaction (ties: the highest emotion in the emotion order)';
COMMENT ON FUNCTION journey_last_at(emotion_journey) IS 'time of the latest interaction';
COMMENT ON FUNCTION journey_peak(emotion_journey) IS 'highest valence (the happiest moment)';
COMMENT ON FUNCTION journey_peak_at(emotion_journey) IS 'earliest time the highest valence was reached';
COMMENT ON FUNCTION journey_trough(emotion_journey) IS 'lowest valence (the worst moment)';
COMMENT ON FUNCTION journey_trough_at(emotion_journey) IS 'earliest time the lowest valence was reached';
COMMENT ON FUNCTION journey_mean(emotion_journey) IS 'mean valence';
COMMENT ON FUNCTION journey_trend(emotion_journey) IS
	'least-squares slope of valence per day, as regr_slope(valence, epoch/86400); NULL with fewer than two distinct times';
COMMENT ON FUNCTION journey_volatility(emotion_journey) IS 'sample standard deviation of valence (stddev_samp); NULL for one interaction';
COMMENT ON FUNCTION journey_mood(emotion_journey) IS
	'current mood: valence averaged with weights halving every mood_half_life before the last interaction';
COMMENT ON FUNCTION journey_negativity(emotion_journey) IS
	'recent negative intensity: mean of max(0, -valence) with the mood''s time-decayed weights, in [0, 1]';
COMMENT ON FUNCTION journey_tenure_days(emotion_journey) IS 'days between the first and the last interaction';
COMMENT ON FUNCTION journey_days_since_last(emotion_journey) IS 'days from the last interaction to now()';
COMMENT ON FUNCTION journey_days_since_last(emotion_journey, timestamptz) IS 'days from the last interaction to as_of';
COMMENT ON FUNCTION journey_churn_risk(emotion_journey) IS
	'churn risk in [0, 1] from current mood, recent negativity, trend and silence since the last interaction, as of now()';
COMMENT ON FUNCTION journey_churn_risk(emotion_journey, timestamptz) IS 'churn risk in [0, 1] as of as_of';
COMMENT ON FUNCTION journey_ordered(emotion_journey) IS
	'true when the rows arrived in time order, so swings, streaks and recovery are known';
COMMENT ON FUNCTION journey_swings(emotion_journey) IS
	'number of mood swings: sign changes between interactions outside the dead band (needs ORDER BY at)';
COMMENT ON FUNCTION journey_longest_negative_streak(emotion_journey) IS
	'longest run of consecutive interactions with valence below minus the dead band (needs ORDER BY at)';
COMMENT ON FUNCTION journey_recovered(emotion_journey) IS
	'true when a negative interaction was later followed by a positive one and the last non-neutral one is positive (needs ORDER BY at)';
COMMENT ON FUNCTION journey_half_life(emotion_journey) IS 'mood half-life in days the journey was built with';
COMMENT ON FUNCTION journey_dead_band(emotion_journey) IS 'swing dead band the journey was built with';
COMMENT ON FUNCTION journey_sparkline(emotion_journey) IS
	'valence path as up to 32 block glyphs U+2581..U+2588 (one per non-empty time bucket, -1 lowest, 1 highest)';
COMMENT ON FUNCTION journey_sparkline(emotion_journey, boolean) IS
	'valence path as glyphs; with gaps = true, empty time buckets print as spaces';

-- cast to jsonb: the measures, not the raw sums
CREATE FUNCTION journey_to_jsonb(j emotion_journey) RETURNS jsonb
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.jsonb_build_object(
		'count', @extschema@.journey_count(j),
		'first_at', @extschema@.journey_first_at(j),
		'first', @extschema@.journey_first(j)::jsonb,
		'last_at', @extschema@.journey_last_at(j),
		'last', @extschema@.journey_last(j)::jsonb,
		'peak', @extschema@.journey_peak(j),
		'peak_at', @extschema@.journey_peak_at(j),
		'trough', @extschema@.journey_trough(j),
		'trough_at', @extschema@.journey_trough_at(j),
		'mean', @extschema@.journey_mean(j),
		'trend_per_day', @extschema@.journey_trend(j),
		'volatility', @extschema@.journey_volatility(j),
		'mood', @extschema@.journey_mood(j),
		'negativity', @extschema@.journey_negativity(j),
		'ordered', @extschema@.journey_ordered(j),
		'swings', CASE WHEN @extschema@.journey_ordered(j) THEN @extschema@.journey_swings(j) END,
		'longest_negative_streak',
			CASE WHEN @extschema@.journey_ordered(j) THEN @extschema@.journey_longest_negative_streak(j) END,
		'recovered', CASE WHEN @extschema@.journey_ordered(j) THEN @extschema@.journey_recovered(j) END,
		'sparkline', @extschema@.journey_sparkline(j),
		'half_life_days', @extschema@.journey_half_life(j),
		'dead_band', @extschema@.journey_dead_band(j))
$$;
CREATE CAST (emotion_journey AS jsonb) WITH FUNCTION journey_to_jsonb(emotion_journey);
COMMENT ON FUNCTION journey_to_jsonb(emotion_journey) IS
	'the journey''s measures as jsonb (order-dependent ones are null when the rows were not in time order)';
COMMENT ON CAST (emotion_journey AS jsonb) IS 'the journey''s measures as jsonb';

-- ---------------------------------------------------------------------------
-- journey_state: ordered rules in a settings table
-- ---------------------------------------------------------------------------
CREATE TABLE emotion_crm.journey_states (
	priority			integer PRIMARY KEY,
	state				text NOT NULL,
	enabled				boolean NOT NULL DEFAULT true,
	min_count			bigint,
	min_mood			float8,
	max_mood			float8,
	min_mean			float8,
	max_mean			float8,
	min_trend			float8,
	max_trend			float8,
	min_volatility		float8,
	max_trough			float8,
	min_negativity		float8,
	min_days_since_last	float8,
	max_days_since_last	float8,
	min_tenure_days		float8,
	min_churn_risk		float8,
	description			text
);
COMMENT ON TABLE emotion_crm.journey_states IS
	'rules of journey_state: the enabled rule with the lowest priority whose non-NULL thresholds all hold gives the state; '
	'inserting a rule with an existing priority replaces it';

INSERT INTO emotion_crm.journey_states
	(priority, state, min_count, min_mood, max_mood, min_mean, max_mean, min_trend, max_trend,
	 min_volatility, max_trough, min_negativity, min_days_since_last, max_days_since_last,
	 min_tenure_days, min_churn_risk, description)
VALUES
	(10, 'disconnected', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 90, NULL, NULL, NULL,
	 'no interaction for 90 days or more'),
	(20, 'at_risk', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0.6,
	 'churn risk 0.6 or more'),
	(30, 'frustrated', NULL, NULL, -0.3, NULL, NULL, NULL, NULL, NULL, NULL, 0.3, NULL, NULL, NULL, NULL,
	 'current mood -0.3 or lower with recent negativity 0.3 or more'),
	(40, 'declining', 3, NULL, NULL, NULL, NULL, NULL, -0.01, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 'at least 3 interactions and valence falling by 0.01 a day (0.3 a month) or faster'),
	(50, 'volatile', 4, NULL, NULL, NULL, NULL, NULL, NULL, 0.5, NULL, NULL, NULL, NULL, NULL, NULL,
	 'at least 4 interactions with a valence standard deviation of 0.5 or more'),
	(60, 'recovering', 3, 0.0, NULL, NULL, NULL, 0.0, NULL, NULL, -0.3, NULL, NULL, NULL, NULL, NULL,
	 'was at -0.3 or lower, now non-negative mood and a rising or flat trend'),
	(70, 'loyal', 5, 0.2, NULL, 0.3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 180, NULL,
	 'at least 5 interactions over 180 days or more, mean valence 0.3 or more, mood 0.2 or more'),
	(80, 'delighted', NULL, 0.6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 'current mood 0.6 or more'),
	(1000, 'stable', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 'anything else');

-- an INSERT with an existing priority replaces that rule, so a dump of the
-- table restores over the defaults that CREATE EXTENSION inserts
CREATE FUNCTION emotion_crm.journey_states_replace() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
	DELETE FROM emotion_crm.journey_states WHERE priority = NEW.priority;
	RETURN NEW;
END
$$;
CREATE TRIGGER journey_states_replace BEFORE INSERT ON emotion_crm.journey_states
	FOR EACH ROW EXECUTE FUNCTION emotion_crm.journey_states_replace();
COMMENT ON FUNCTION emotion_crm.journey_states_replace() IS
	'trigger: an inserted journey_states rule replaces the rule with the same priority';

SELECT pg_catalog.pg_extension_config_dump('emotion_crm.journey_states', '');

CREATE FUNCTION journey_state(j emotion_journey, as_of timestamptz) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT r.state
	FROM emotion_crm.journey_states r,
		LATERAL (SELECT @extschema@.journey_count(j) AS n,
						@extschema@.journey_mood(j) AS mood,
						@extschema@.journey_mean(j) AS mean,
						@extschema@.journey_trend(j) AS trend,
						@extschema@.journey_volatility(j) AS vol,
						@extschema@.journey_trough(j) AS trough,
						@extschema@.journey_negativity(j) AS neg,
						@extschema@.journey_days_since_last(j, as_of) AS days,
						@extschema@.journey_tenure_days(j) AS tenure,
						@extschema@.journey_churn_risk(j, as_of) AS risk) m
	WHERE r.enabled
	  AND (r.min_count IS NULL OR m.n >= r.min_count)
	  AND (r.min_mood IS NULL OR m.mood >= r.min_mood)
	  AND (r.max_mood IS NULL OR m.mood <= r.max_mood)
	  AND (r.min_mean IS NULL OR m.mean >= r.min_mean)
	  AND (r.max_mean IS NULL OR m.mean <= r.max_mean)
	  AND (r.min_trend IS NULL OR m.trend >= r.min_trend)
	  AND (r.max_trend IS NULL OR m.trend <= r.max_trend)
	  AND (r.min_volatility IS NULL OR m.vol >= r.min_volatility)
	  AND (r.max_trough IS NULL OR m.trough <= r.max_trough)
	  AND (r.min_negativity IS NULL OR m.neg >= r.min_negativity)
	  AND (r.min_days_since_last IS NULL OR m.days >= r.min_days_since_last)
	  AND (r.max_days_since_last IS NULL OR m.days <= r.max_days_since_last)
	  AND (r.min_tenure_days IS NULL OR m.tenure >= r.min_tenure_days)
	  AND (r.min_churn_risk IS NULL OR m.risk >= r.min_churn_risk)
	ORDER BY r.priority
	LIMIT 1
$$;
CREATE FUNCTION journey_state(j emotion_journey) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$ SELECT @extschema@.journey_state(j, pg_catalog.now()) $$;

COMMENT ON FUNCTION journey_state(emotion_journey, timestamptz) IS
	'state of a journey as of as_of (loyal, delighted, recovering, stable, volatile, declining, frustrated, at_risk, disconnected) by the rules in emotion_crm.journey_states';
COMMENT ON FUNCTION journey_state(emotion_journey) IS 'state of a journey as of now() by the rules in emotion_crm.journey_states';

-- ---------------------------------------------------------------------------
-- Segments: named boxes in emotion space, containment operators, the default
-- GiST operator class for emotion (containment, equality, nearest neighbour)
-- and the planner statistics behind them.
-- ---------------------------------------------------------------------------

CREATE TYPE emotion_segment;

CREATE FUNCTION emotion_segment_in(cstring) RETURNS emotion_segment
	AS 'MODULE_PATHNAME', 'emotion_segment_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_segment_out(emotion_segment) RETURNS cstring
	AS 'MODULE_PATHNAME', 'emotion_segment_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_segment_recv(internal) RETURNS emotion_segment
	AS 'MODULE_PATHNAME', 'emotion_segment_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_segment_send(emotion_segment) RETURNS bytea
	AS 'MODULE_PATHNAME', 'emotion_segment_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE emotion_segment (
	INPUT = emotion_segment_in,
	OUTPUT = emotion_segment_out,
	RECEIVE = emotion_segment_recv,
	SEND = emotion_segment_send,
	INTERNALLENGTH = 80,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE emotion_segment IS
	'box in emotion space: bounds on any of valence, arousal and the eight emotions, e.g. ''[valence -1..-0.3, anger 0.5..]''';
COMMENT ON FUNCTION emotion_segment_in(cstring) IS
	'text input of emotion_segment: ''[dim lo..hi, ...]'', a bound left out is open';
COMMENT ON FUNCTION emotion_segment_out(emotion_segment) IS 'text output of emotion_segment (round-trips exactly)';
COMMENT ON FUNCTION emotion_segment_recv(internal) IS
	'binary input of emotion_segment (10 lower then 10 upper float4 bounds, -/+Infinity = open; validated like text input)';
COMMENT ON FUNCTION emotion_segment_send(emotion_segment) IS
	'binary output of emotion_segment (10 lower then 10 upper float4 bounds)';

CREATE FUNCTION emotion_segment_eq(emotion_segment, emotion_segment) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_segment_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_segment_ne(emotion_segment, emotion_segment) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_segment_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR = (
	LEFTARG = emotion_segment, RIGHTARG = emotion_segment, FUNCTION = emotion_segment_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR <> (
	LEFTARG = emotion_segment, RIGHTARG = emotion_segment, FUNCTION = emotion_segment_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION emotion_segment_eq(emotion_segment, emotion_segment) IS 'true if all bounds are equal';
COMMENT ON FUNCTION emotion_segment_ne(emotion_segment, emotion_segment) IS 'true if any bound differs';
COMMENT ON OPERATOR = (emotion_segment, emotion_segment) IS 'same bounds';
COMMENT ON OPERATOR <> (emotion_segment, emotion_segment) IS 'different bounds';

CREATE FUNCTION emotion_segment_volume(emotion_segment) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_segment_volume' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lower(emotion_segment, text) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_segment_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION upper(emotion_segment, text) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_segment_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_segment_volume(emotion_segment) IS
	'share of the whole emotion space the segment covers, 0..1 (open sides end at the range of the dimension)';
COMMENT ON FUNCTION lower(emotion_segment, text) IS 'lower bound of a segment on a dimension; NULL if open';
COMMENT ON FUNCTION upper(emotion_segment, text) IS 'upper bound of a segment on a dimension; NULL if open';

-- planner statistics: the standard ones plus a sample of values for <@
CREATE FUNCTION emotion_typanalyze(internal) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_typanalyze' LANGUAGE C STRICT;
COMMENT ON FUNCTION emotion_typanalyze(internal) IS
	'ANALYZE support for emotion: standard statistics plus a sample of values for segment selectivity';
ALTER TYPE emotion SET (ANALYZE = emotion_typanalyze);

CREATE FUNCTION emotion_segment_contsel(internal, oid, internal, int4) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_segment_contsel' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_segment_contsel(internal, oid, internal, int4) IS
	'restriction selectivity of emotion <@ emotion_segment from the sampled values ANALYZE keeps';

-- containment
CREATE FUNCTION emotion_contained_in_segment(emotion, emotion_segment) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_contained_in_segment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_segment_contains(emotion_segment, emotion) RETURNS bool
	AS 'MODULE_PATHNAME', 'emotion_segment_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR <@ (
	LEFTARG = emotion, RIGHTARG = emotion_segment, FUNCTION = emotion_contained_in_segment,
	COMMUTATOR = @>, RESTRICT = emotion_segment_contsel, JOIN = contjoinsel
);
CREATE OPERATOR @> (
	LEFTARG = emotion_segment, RIGHTARG = emotion, FUNCTION = emotion_segment_contains,
	COMMUTATOR = <@, RESTRICT = emotion_segment_contsel, JOIN = contjoinsel
);
COMMENT ON FUNCTION emotion_contained_in_segment(emotion, emotion_segment) IS
	'true if the emotion lies inside the segment (bounds inclusive)';
COMMENT ON FUNCTION emotion_segment_contains(emotion_segment, emotion) IS
	'true if the segment contains the emotion (bounds inclusive)';
COMMENT ON OPERATOR <@ (emotion, emotion_segment) IS 'emotion is inside the segment';
COMMENT ON OPERATOR @> (emotion_segment, emotion) IS 'segment contains the emotion';

-- the GiST operator class.  Index keys are of the internal type
-- emotion_gist_key: the emotion itself on leaves (index-only scans), a
-- bounding box over the 10 dimensions on inner pages.
CREATE TYPE emotion_gist_key;
CREATE FUNCTION emotion_gist_key_in(cstring) RETURNS emotion_gist_key
	AS 'MODULE_PATHNAME', 'emotion_gist_key_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION emotion_gist_key_out(emotion_gist_key) RETURNS cstring
	AS 'MODULE_PATHNAME', 'emotion_gist_key_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE emotion_gist_key (
	INPUT = emotion_gist_key_in,
	OUTPUT = emotion_gist_key_out,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE emotion_gist_key IS
	'internal key of the emotion GiST index: an emotion (leaf) or a bounding box (inner page); not for tables';
COMMENT ON FUNCTION emotion_gist_key_in(cstring) IS 'input of emotion_gist_key (always an error: internal type)';
COMMENT ON FUNCTION emotion_gist_key_out(emotion_gist_key) IS
	'output of emotion_gist_key: an emotion for a leaf key, a segment for an inner key';

CREATE FUNCTION gist_emotion_consistent(internal, emotion, smallint, oid, internal) RETURNS bool
	AS 'MODULE_PATHNAME', 'gist_emotion_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gist_emotion_union(internal, internal) RETURNS emotion_gist_key
	AS 'MODULE_PATHNAME', 'gist_emotion_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gist_emotion_compress(internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'gist_emotion_compress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gist_emotion_penalty(internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'gist_emotion_penalty' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gist_emotion_picksplit(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'gist_emotion_picksplit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gist_emotion_same(emotion_gist_key, emotion_gist_key, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'gist_emotion_same' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gist_emotion_distance(internal, emotion, smallint, oid, internal) RETURNS float8
	AS 'MODULE_PATHNAME', 'gist_emotion_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gist_emotion_fetch(internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'gist_emotion_fetch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR CLASS emotion_gist_ops
	DEFAULT FOR TYPE emotion USING gist AS
		OPERATOR 8 <@ (emotion, emotion_segment),
		OPERATOR 15 <-> (emotion, emotion) FOR ORDER BY pg_catalog.float_ops,
		OPERATOR 18 = (emotion, emotion),
		FUNCTION 1 gist_emotion_consistent(internal, emotion, smallint, oid, internal),
		FUNCTION 2 gist_emotion_union(internal, internal),
		FUNCTION 3 gist_emotion_compress(internal),
		FUNCTION 5 gist_emotion_penalty(internal, internal, internal),
		FUNCTION 6 gist_emotion_picksplit(internal, internal),
		FUNCTION 7 gist_emotion_same(emotion_gist_key, emotion_gist_key, internal),
		FUNCTION 8 gist_emotion_distance(internal, emotion, smallint, oid, internal),
		FUNCTION 9 gist_emotion_fetch(internal),
		STORAGE emotion_gist_key;

-- sorted index builds (GiST support function 11) exist from PostgreSQL 14 on
CREATE FUNCTION gist_emotion_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'gist_emotion_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION gist_emotion_sortsupport(internal) IS
	'GiST support: Z-order sorting of leaf keys for sorted index builds (PostgreSQL 14+)';
DO $$
BEGIN
	IF pg_catalog.current_setting('server_version_num')::int >= 140000 THEN
		ALTER OPERATOR FAMILY @extschema@.emotion_gist_ops USING gist
			ADD FUNCTION 11 (@extschema@.emotion) @extschema@.gist_emotion_sortsupport(internal);
	END IF;
END
$$;

COMMENT ON OPERATOR CLASS emotion_gist_ops USING gist IS
	'GiST index on emotion: e <@ segment (and segment @> e), e = e, and ORDER BY e <-> q nearest-neighbour search';
COMMENT ON FUNCTION gist_emotion_consistent(internal, emotion, smallint, oid, internal) IS 'GiST support: consistent';
COMMENT ON FUNCTION gist_emotion_union(internal, internal) IS 'GiST support: bounding box of keys';
COMMENT ON FUNCTION gist_emotion_compress(internal) IS 'GiST support: emotion to a leaf key';
COMMENT ON FUNCTION gist_emotion_fetch(internal) IS 'GiST support: leaf key back to the emotion (index-only scans)';
COMMENT ON FUNCTION gist_emotion_penalty(internal, internal, internal) IS 'GiST support: margin enlargement';
COMMENT ON FUNCTION gist_emotion_picksplit(internal, internal) IS 'GiST support: minimal-margin sorted split';
COMMENT ON FUNCTION gist_emotion_same(emotion_gist_key, emotion_gist_key, internal) IS 'GiST support: equal keys';
COMMENT ON FUNCTION gist_emotion_distance(internal, emotion, smallint, oid, internal) IS
	'GiST support: distance from a query emotion to a key (exact on leaves, lower bound on boxes)';

-- ---------------------------------------------------------------------------
-- Named segments: emotion_crm.segments
--
-- The extension script inserts the shipped defaults with is_default = true.
-- Any change a user makes (INSERT, UPDATE) yields a row with
-- is_default = false, and only those rows are dumped by pg_dump.  On
-- restore, CREATE EXTENSION inserts the defaults again, then the dumped rows
-- are loaded: a dumped row whose name matches a default replaces that
-- default (the insert trigger turns the insert into an update), so edited
-- defaults survive dump and restore.  To retire a default durably, set
-- enabled = false rather than deleting it (a deleted default comes back
-- with the next CREATE EXTENSION).
-- ---------------------------------------------------------------------------

CREATE TABLE emotion_crm.segments (
	name		text PRIMARY KEY CHECK (name <> '' AND name = pg_catalog.btrim(name)),
	segment		emotion_segment NOT NULL,
	priority	int NOT NULL DEFAULT 100,
	description	text,
	enabled		boolean NOT NULL DEFAULT true,
	is_default	boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE emotion_crm.segments IS
	'named emotion segments for segment(name) and emotion_segment(e); editable (set enabled = false to retire a shipped one)';
COMMENT ON COLUMN emotion_crm.segments.priority IS
	'emotion_segment(e) picks the containing segment with the lowest priority, then the smallest volume, then the name';
COMMENT ON COLUMN emotion_crm.segments.is_default IS
	'true for an unchanged shipped default (not dumped); any edit sets it to false';

INSERT INTO emotion_crm.segments (name, segment, priority, description, is_default) VALUES
	('angry',        '[valence ..-0.3, anger 0.5..]',            10, 'strongly negative with high anger: escalate', true),
	('delighted',    '[valence 0.6.., joy 0.5..]',               10, 'strongly positive with high joy: reward, ask for a review', true),
	('anxious',      '[valence ..0, fear 0.3..]',                20, 'worried or afraid: reassure', true),
	('frustrated',   '[valence ..-0.2, anger 0.2..]',            30, 'negative with some anger: fix fast, acknowledge the effort', true),
	('confused',     '[valence -0.5..0.3, surprise 0.3..]',      30, 'surprised without clear feeling: explain, guide', true),
	('disappointed', '[valence ..-0.1, sadness 0.3..]',          40, 'let down, sad rather than angry: apologise, make good', true),
	('disconnected', '[valence -0.4..-0.05, arousal ..0.3, joy ..0.2, trust ..0.2]',
	                                                              60, 'flat, low-energy, slightly negative: re-engage', true),
	('satisfied',    '[valence 0.2..]',                          70, 'positive: keep as is', true),
	('neutral',      '[valence -0.2..0.2, arousal ..0.4]',       80, 'no clear feeling either way', true);

CREATE FUNCTION emotion_crm.segments_keep_edits() RETURNS trigger
	LANGUAGE plpgsql AS
$$
BEGIN
	NEW.is_default := false;
	IF TG_OP = 'INSERT' THEN
		-- a user row named like an unchanged default replaces that default
		UPDATE emotion_crm.segments AS s
		   SET segment = NEW.segment, priority = NEW.priority,
			   description = NEW.description, enabled = NEW.enabled,
			   is_default = false
		 WHERE s.name = NEW.name AND s.is_default;
		IF FOUND THEN
			RETURN NULL;
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION emotion_crm.segments_keep_edits() IS
	'trigger on emotion_crm.segments: marks edited rows as user rows so pg_dump keeps them';
CREATE TRIGGER segments_keep_edits BEFORE INSERT OR UPDATE ON emotion_crm.segments
	FOR EACH ROW EXECUTE FUNCTION emotion_crm.segments_keep_edits();

SELECT pg_catalog.pg_extension_config_dump('emotion_crm.segments', 'WHERE NOT is_default');
GRANT SELECT ON emotion_crm.segments TO PUBLIC;

CREATE FUNCTION segment(name text) RETURNS emotion_segment
	AS 'MODULE_PATHNAME', 'emotion_segment_by_name' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION segment(text) IS
	'the named segment from emotion_crm.segments (error if there is no enabled segment of that name)';

CREATE FUNCTION emotion_segment(e emotion) RETURNS text
	AS 'MODULE_PATHNAME', 'emotion_best_segment' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_segment(emotion) IS
	'best-matching named segment: among the enabled segments containing e, the lowest priority, then the smallest volume, then the name; NULL if none';

-- ---------------------------------------------------------------------------
-- CRM integration: text preprocessing, tracked sources (side tables kept
-- current by triggers, batched back-fill), dashboard views, escalation queue
-- with NOTIFY alerts, response playbook.
--
-- Objects that track() creates (side tables, triggers, policies, the views)
-- are ordinary objects, not extension members, so pg_dump carries them.
-- Every reference in them is schema-qualified.
-- ---------------------------------------------------------------------------

-- text preprocessing (C)
CREATE FUNCTION emotion_crm.customer_text(body text) RETURNS text
	AS 'MODULE_PATHNAME', 'emotion_customer_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_crm.customer_text(text) IS
	'the customer''s own words: customer turns of a speaker-labelled transcript, or an e-mail without quoted replies, reply headers, signature and sign-off';

CREATE FUNCTION emotion_crm.agent_text(body text) RETURNS text
	AS 'MODULE_PATHNAME', 'emotion_agent_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_crm.agent_text(text) IS
	'the agent''s turns of a speaker-labelled transcript (empty when the text has no speaker labels)';

CREATE FUNCTION emotion_crm.effort_cues(body text) RETURNS integer
	AS 'MODULE_PATHNAME', 'emotion_effort_cues' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_crm.effort_cues(text) IS
	'number of negative customer-service cues the scorer finds in a text ("still waiting", "third time", ...): the customer-effort signal of the escalation priority';

-- ---------------------------------------------------------------------------
-- settings: escalation weights (one row)
-- ---------------------------------------------------------------------------
CREATE TABLE emotion_crm.escalation_weights (
	id					boolean PRIMARY KEY DEFAULT true CHECK (id),
	negative			float8 NOT NULL DEFAULT 1.0 CHECK (negative >= 0),
	anger				float8 NOT NULL DEFAULT 0.8 CHECK (anger >= 0),
	disgust				float8 NOT NULL DEFAULT 0.4 CHECK (disgust >= 0),
	sadness				float8 NOT NULL DEFAULT 0.2 CHECK (sadness >= 0),
	effort_cue			float8 NOT NULL DEFAULT 0.25 CHECK (effort_cue >= 0),
	max_cues			integer NOT NULL DEFAULT 4 CHECK (max_cues >= 0),
	repeat_contact		float8 NOT NULL DEFAULT 0.2 CHECK (repeat_contact >= 0),
	max_repeats			integer NOT NULL DEFAULT 3 CHECK (max_repeats >= 0),
	repeat_window_days	float8 NOT NULL DEFAULT 7 CHECK (repeat_window_days >= 0),
	half_life_days		float8 NOT NULL DEFAULT 3 CHECK (half_life_days > 0),
	open_days			float8 NOT NULL DEFAULT 14 CHECK (open_days >= 0),
	min_priority		float8 NOT NULL DEFAULT 0.5,
	alert_threshold		float8 DEFAULT 1.5
);
COMMENT ON TABLE emotion_crm.escalation_weights IS
	'weights of the escalation priority (one row): priority = (negative*max(0,-valence) + anger*anger + disgust*disgust + sadness*sadness '
	'+ effort_cue*least(cues,max_cues) + repeat_contact*least(repeats,max_repeats)) * 0.5^(age_days/half_life_days); '
	'repeats = earlier contacts of the customer within repeat_window_days; the queue lists open cases with priority >= min_priority; '
	'a new or changed interaction with priority >= alert_threshold sends NOTIFY emotion_crm_escalation (NULL: no alerts)';
INSERT INTO emotion_crm.escalation_weights DEFAULT VALUES;

-- settings: response playbook
CREATE TABLE emotion_crm.playbook (
	state		text PRIMARY KEY,
	tone		text NOT NULL,
	action		text NOT NULL,
	handoff		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE emotion_crm.playbook IS
	'recommended tone and action per journey state (journey_state) or interaction segment (emotion_segment); handoff = route to a human';
INSERT INTO emotion_crm.playbook (state, tone, action, handoff) VALUES
	('angry', 'calm, apologetic, no scripts', 'apologise, take ownership, escalate to a senior human now', true),
	('frustrated', 'calm, step by step', 'acknowledge the effort, give step-by-step help, hand off to a human', true),
	('at_risk', 'personal, urgent', 'retention call by a senior agent within a day, offer a remedy', true),
	('declining', 'empathetic, proactive', 'check in before they complain, review their open issues', false),
	('volatile', 'steady, consistent', 'one named owner, clear expectations, proactive follow-up', false),
	('disappointed', 'sincere, apologetic', 'apologise and make good (credit, replacement), then follow up', false),
	('anxious', 'reassuring, clear', 'say what happens next and when, give a direct contact', false),
	('confused', 'patient, simple', 'explain step by step with an example, confirm it is understood', false),
	('disconnected', 'light, inviting', 're-engage with what is new for them, no hard sell', false),
	('recovering', 'reassuring, appreciative', 'confirm the fix held, thank them for their patience', false),
	('stable', 'friendly, efficient', 'answer the question, nothing special', false),
	('neutral', 'friendly, efficient', 'answer the question, nothing special', false),
	('satisfied', 'friendly', 'thank them, keep it that way', false),
	('loyal', 'warm, personal', 'thank them for their loyalty, invite to the referral programme', false),
	('delighted', 'warm, enthusiastic', 'thank them and invite them to a loyalty offer or a review', false);

-- a dumped row replaces the default CREATE EXTENSION inserts (same key)
CREATE FUNCTION emotion_crm.settings_replace() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
	IF TG_TABLE_NAME = 'escalation_weights' THEN
		DELETE FROM emotion_crm.escalation_weights WHERE id = NEW.id;
	ELSIF TG_TABLE_NAME = 'playbook' THEN
		DELETE FROM emotion_crm.playbook WHERE state = NEW.state;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION emotion_crm.settings_replace() IS
	'trigger: an inserted escalation_weights or playbook row replaces the row with the same key';
CREATE TRIGGER settings_replace BEFORE INSERT ON emotion_crm.escalation_weights
	FOR EACH ROW EXECUTE FUNCTION emotion_crm.settings_replace();
CREATE TRIGGER settings_replace BEFORE INSERT ON emotion_crm.playbook
	FOR EACH ROW EXECUTE FUNCTION emotion_crm.settings_replace();
SELECT pg_catalog.pg_extension_config_dump('emotion_crm.escalation_weights', '');
SELECT pg_catalog.pg_extension_config_dump('emotion_crm.playbook', '');
-- read by the (security_invoker) views and functions for every user; the
-- journey rules too, which customer_state reads through journey_state()
GRANT SELECT ON emotion_crm.escalation_weights, emotion_crm.playbook TO PUBLIC;
GRANT SELECT ON emotion_crm.journey_states TO PUBLIC;

-- the priority formula (see the comment on escalation_weights)
CREATE FUNCTION emotion_crm.priority(e emotion, cues integer, repeats bigint, age_days float8) RETURNS float8
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT (w.negative * GREATEST(0, -@extschema@.valence(e))
			+ w.anger * @extschema@.emotion_field(e, 'anger')
			+ w.disgust * @extschema@.emotion_field(e, 'disgust')
			+ w.sadness * @extschema@.emotion_field(e, 'sadness')
			+ w.effort_cue * LEAST(COALESCE(cues, 0), w.max_cues)
			+ w.repeat_contact * LEAST(COALESCE(repeats, 0), w.max_repeats))
		   * pg_catalog.power(0.5::float8, GREATEST(0, COALESCE(age_days, 0)) / w.half_life_days)
	FROM emotion_crm.escalation_weights w
$$;
COMMENT ON FUNCTION emotion_crm.priority(emotion, integer, bigint, float8) IS
	'escalation priority of an interaction from its emotion, effort cues, earlier contacts in the repeat window and age in days, with the weights in emotion_crm.escalation_weights';

-- ---------------------------------------------------------------------------
-- tracked sources
-- ---------------------------------------------------------------------------
CREATE TABLE emotion_crm.sources (
	source			regclass PRIMARY KEY,
	channel			text NOT NULL,
	text_column		name NOT NULL,
	customer_column	name NOT NULL,
	at_column		name NOT NULL,
	id_column		name NOT NULL,
	id_type			text NOT NULL,
	open_column		name,
	preprocess		boolean NOT NULL DEFAULT true,
	row_filter		text,
	side_table		regclass NOT NULL UNIQUE,
	trigger_function name NOT NULL,
	batch_size		integer NOT NULL CHECK (batch_size > 0),
	backfill_after	text,
	backfill_done	boolean NOT NULL DEFAULT false,
	backfilled		bigint NOT NULL DEFAULT 0,
	tracked_at		timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE emotion_crm.sources IS
	'tables registered with emotion_crm.track(): their columns, score side table and back-fill progress (backfill_after = last id scored)';
SELECT pg_catalog.pg_extension_config_dump('emotion_crm.sources', '');

-- The SELECT that scores rows of a source read through relation alias n
-- (used by the back-fill); columns in side-table order.
CREATE FUNCTION emotion_crm.score_select(s emotion_crm.sources, rel text, cond text) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog
AS $$
DECLARE
	body text := format('n.%I::pg_catalog.text', s.text_column);
	clean text;
	open_expr text;
BEGIN
	IF s.preprocess THEN
		clean := format('emotion_crm.customer_text(COALESCE(%s, ''''))', body);
	ELSE
		clean := format('COALESCE(%s, '''')', body);
	END IF;
	open_expr := emotion_crm.open_expr(s, 'n');
	RETURN format($q$
		SELECT x.id, x.customer, x.at, %L::pg_catalog.text,
			   @extschema@.emotion_score(x.clean),
			   CASE WHEN x.agent <> '' THEN @extschema@.emotion_score(x.agent) END,
			   emotion_crm.effort_cues(x.clean),
			   x.clean IS DISTINCT FROM COALESCE(x.body, ''), x.is_open, pg_catalog.now()
		FROM (SELECT n.%I AS id, n.%I::pg_catalog.text AS customer, n.%I::pg_catalog.timestamptz AS at,
					 %s AS body, %s AS clean, %s AS agent, %s AS is_open
			  FROM %s n %s) x$q$,
		s.channel, s.id_column, s.customer_column, s.at_column, body, clean,
		CASE WHEN s.preprocess THEN format('emotion_crm.agent_text(COALESCE(%s, ''''))', body) ELSE '''''' END,
		open_expr, rel, cond);
END
$$;
COMMENT ON FUNCTION emotion_crm.score_select(emotion_crm.sources, text, text) IS
	'internal: SQL that scores rows of a tracked source read as relation alias n';

-- whether the case of a row (alias a) is open: the open column when it is
-- boolean, else its text in a list of open states; NULL without open column
CREATE FUNCTION emotion_crm.open_expr(s emotion_crm.sources, a text) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog
AS $$
DECLARE
	open_type regtype;
BEGIN
	IF s.open_column IS NULL THEN
		RETURN 'NULL::pg_catalog.bool';
	END IF;
	SELECT t.atttypid::regtype INTO open_type FROM pg_catalog.pg_attribute t
	WHERE t.attrelid = s.source AND t.attname = s.open_column;
	IF open_type = 'boolean'::regtype THEN
		RETURN format('%s.%I', a, s.open_column);
	END IF;
	RETURN format('(pg_catalog.lower(%s.%I::pg_catalog.text) = ANY (''{open,new,pending,waiting,reopened,"on hold",true,t,yes}''::pg_catalog.text[]))',
				  a, s.open_column);
END
$$;
COMMENT ON FUNCTION emotion_crm.open_expr(emotion_crm.sources, text) IS
	'internal: SQL expression telling whether the case of a source row is open';

-- The row trigger function of one source, generated by track() with static
-- SQL (plans cached per session) and every reference schema-qualified.
-- SECURITY DEFINER (owned by whoever ran track()), so writers of the source
-- need no rights on the side table; fixed search_path.
CREATE FUNCTION emotion_crm.create_trigger_function(s emotion_crm.sources, fname name) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $fn$
DECLARE
	clean text := CASE WHEN s.preprocess
					   THEN format('emotion_crm.customer_text(COALESCE(NEW.%I::pg_catalog.text, ''''))', s.text_column)
					   ELSE format('COALESCE(NEW.%I::pg_catalog.text, '''')', s.text_column) END;
BEGIN
	EXECUTE format($f$
CREATE FUNCTION emotion_crm.%1$I() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
	v_clean pg_catalog.text;
	v_agent pg_catalog.text;
	v_e @extschema@.emotion;
	v_cues pg_catalog.int4;
	v_open pg_catalog.bool;
	v_at pg_catalog.timestamptz;
	v_age pg_catalog.float8;
	v_decay pg_catalog.float8;
	v_w emotion_crm.escalation_weights;
	v_pr pg_catalog.float8;
	v_rep pg_catalog.int8;
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		TRUNCATE %2$s;
		RETURN NULL;
	END IF;
	IF TG_OP = 'DELETE' THEN
		DELETE FROM %2$s WHERE id = OLD.%3$I;
		RETURN NULL;
	END IF;
	IF TG_OP = 'UPDATE' THEN
		IF OLD.%3$I IS DISTINCT FROM NEW.%3$I THEN
			DELETE FROM %2$s WHERE id = OLD.%3$I;
		ELSIF (OLD.%4$I::pg_catalog.text, OLD.%5$I::pg_catalog.text, OLD.%6$I::pg_catalog.text, %7$s)
			  IS NOT DISTINCT FROM (NEW.%4$I::pg_catalog.text, NEW.%5$I::pg_catalog.text, NEW.%6$I::pg_catalog.text, %8$s)%13$s THEN
			RETURN NULL;
		END IF;
	END IF;%14$s
	v_clean := %9$s;
	v_e := @extschema@.emotion_score(v_clean);
	v_cues := emotion_crm.effort_cues(v_clean);
	v_agent := %15$s;
	v_open := %10$s;
	v_at := NEW.%6$I::pg_catalog.timestamptz;
	INSERT INTO %2$s AS d (id, customer, at, channel, e, agent_e, cues, preprocessed, is_open, scored_at)
	VALUES (NEW.%3$I, NEW.%5$I::pg_catalog.text, v_at, %11$L, v_e,
			CASE WHEN v_agent <> '' THEN @extschema@.emotion_score(v_agent) END, v_cues,
			v_clean IS DISTINCT FROM COALESCE(NEW.%4$I::pg_catalog.text, ''), v_open, pg_catalog.now())
	ON CONFLICT (id) DO UPDATE
	   SET customer = EXCLUDED.customer, at = EXCLUDED.at, channel = EXCLUDED.channel, e = EXCLUDED.e,
		   agent_e = EXCLUDED.agent_e, cues = EXCLUDED.cues, preprocessed = EXCLUDED.preprocessed, is_open = EXCLUDED.is_open,
		   scored_at = EXCLUDED.scored_at;

	-- alert: a cheap upper bound first (as if every repeat counted), the
	-- exact priority with the earlier contacts only then
	SELECT * INTO v_w FROM emotion_crm.escalation_weights;
	IF v_w.alert_threshold IS NULL OR v_at IS NULL
	   OR NOT COALESCE(v_open, v_at > pg_catalog.now() - v_w.open_days * interval '1 day') THEN
		RETURN NULL;
	END IF;
	-- the formula of emotion_crm.priority(), inline for speed
	v_age := pg_catalog.date_part('epoch', pg_catalog.now() - v_at) / 86400;
	v_decay := pg_catalog.power(0.5::pg_catalog.float8, GREATEST(0, v_age) / v_w.half_life_days);
	v_pr := (v_w.negative * GREATEST(0, -@extschema@.valence(v_e))
		   + v_w.anger * @extschema@.emotion_field(v_e, 'anger')
		   + v_w.disgust * @extschema@.emotion_field(v_e, 'disgust')
		   + v_w.sadness * @extschema@.emotion_field(v_e, 'sadness')
		   + v_w.effort_cue * LEAST(v_cues, v_w.max_cues)) * v_decay;
	IF v_pr + v_w.repeat_contact * v_w.max_repeats * v_decay < v_w.alert_threshold THEN
		RETURN NULL;
	END IF;
	SELECT pg_catalog.count(*) INTO v_rep FROM emotion_crm.interactions p
	WHERE p.customer = NEW.%5$I::pg_catalog.text AND p.at < v_at
	  AND p.at >= v_at - v_w.repeat_window_days * interval '1 day';
	v_pr := v_pr + v_w.repeat_contact * LEAST(v_rep, v_w.max_repeats) * v_decay;
	IF v_pr >= v_w.alert_threshold THEN
		PERFORM pg_catalog.pg_notify('emotion_crm_escalation',
			pg_catalog.json_build_object('source', %12$L, 'channel', %11$L, 'id', NEW.%3$I,
				'customer', NEW.%5$I::pg_catalog.text, 'state', @extschema@.emotion_segment(v_e),
				'priority', pg_catalog.round(v_pr::pg_catalog.numeric, 3))::pg_catalog.text);
	END IF;
	RETURN NULL;
END
$body$
$f$,
		fname, s.side_table, s.id_column, s.text_column, s.customer_column, s.at_column,
		CASE WHEN s.open_column IS NULL THEN 'NULL::pg_catalog.text'
			 ELSE format('OLD.%I::pg_catalog.text', s.open_column) END,
		CASE WHEN s.open_column IS NULL THEN 'NULL::pg_catalog.text'
			 ELSE format('NEW.%I::pg_catalog.text', s.open_column) END,
		clean, emotion_crm.open_expr(s, 'NEW'), s.channel, s.source::text,
		CASE WHEN s.row_filter IS NULL THEN ''
			 ELSE format(E'\n\t\t\t  AND EXISTS (SELECT 1 FROM %s WHERE id = NEW.%I)' ||
						 E'\n\t\t\t  AND COALESCE((SELECT (%s) FROM (SELECT NEW.*) r), false)',
						 s.side_table, s.id_column, s.row_filter) END,
		CASE WHEN s.row_filter IS NULL THEN ''
			 ELSE format(E'\n\t-- row filter\n\tIF NOT COALESCE((SELECT (%s) FROM (SELECT NEW.*) r), false) THEN\n' ||
						 E'\t\tDELETE FROM %s WHERE id = NEW.%I;\n\t\tRETURN NULL;\n\tEND IF;',
						 s.row_filter, s.side_table, s.id_column) END,
		CASE WHEN s.preprocess
			 THEN format('emotion_crm.agent_text(COALESCE(NEW.%I::pg_catalog.text, ''''))', s.text_column)
			 ELSE '''''' END);
	EXECUTE format('COMMENT ON FUNCTION emotion_crm.%I() IS %L', fname,
				   format('emotion_crm trigger of %s: keeps %s current, sends NOTIFY emotion_crm_escalation (created by emotion_crm.track)',
						  s.source, s.side_table));
	EXECUTE format('REVOKE ALL ON FUNCTION emotion_crm.%I() FROM PUBLIC', fname);
END
$fn$;
COMMENT ON FUNCTION emotion_crm.create_trigger_function(emotion_crm.sources, name) IS
	'internal: creates the row trigger function of a tracked source';
REVOKE ALL ON FUNCTION emotion_crm.create_trigger_function(emotion_crm.sources, name) FROM PUBLIC;

-- (re)create the union view and the dashboard views over all sources; with
-- no source left, drop them
CREATE FUNCTION emotion_crm.rebuild_views() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
	u text;
	-- security_invoker views need PostgreSQL 15; older servers get views
	-- that only their owner may read (see the README, "CRM integration")
	invoker boolean := pg_catalog.current_setting('server_version_num')::int >= 150000;
	opts text := CASE WHEN invoker THEN 'WITH (security_invoker = true)' ELSE '' END;
BEGIN
	SELECT string_agg(format($v$SELECT %L::pg_catalog.regclass AS source, d.channel, d.id::pg_catalog.text AS id,
		d.customer, d.at, d.e, @extschema@.valence(d.e) AS valence, d.agent_e, d.cues, d.preprocessed, d.is_open, d.scored_at
	FROM %s d$v$, s.source::text, s.side_table), E'\nUNION ALL\n' ORDER BY s.source::text)
	INTO u FROM emotion_crm.sources s;

	IF u IS NULL THEN
		DROP VIEW IF EXISTS emotion_crm.escalation_queue, emotion_crm.segment_sizes, emotion_crm.mood_daily,
			emotion_crm.customer_state;
		DROP VIEW IF EXISTS emotion_crm.interactions;
		RETURN;
	END IF;

	EXECUTE 'CREATE OR REPLACE VIEW emotion_crm.interactions ' || opts || ' AS ' || u;
	COMMENT ON VIEW emotion_crm.interactions IS 'every scored interaction of every tracked source (emotion_crm.track)';

	EXECUTE format($v$CREATE OR REPLACE VIEW emotion_crm.customer_state %s AS
	WITH j AS (
		SELECT i.customer,
			   @extschema@.emotion_journey(i.e, i.at ORDER BY i.at, i.source, i.id) AS journey
		FROM emotion_crm.interactions i
		WHERE i.customer IS NOT NULL
		GROUP BY i.customer),
	per_channel AS (
		SELECT i.customer, i.channel, pg_catalog.count(*) AS n, pg_catalog.max(i.at) AS last_at
		FROM emotion_crm.interactions i
		WHERE i.customer IS NOT NULL
		GROUP BY i.customer, i.channel),
	mix AS (
		SELECT c.customer,
			   pg_catalog.jsonb_object_agg(c.channel, c.n) AS channel_mix,
			   (pg_catalog.array_agg(c.channel ORDER BY c.last_at DESC, c.channel))[1] AS last_channel
		FROM per_channel c
		GROUP BY c.customer)
	SELECT j.customer,
		   @extschema@.journey_count(j.journey) AS interactions,
		   @extschema@.journey_state(j.journey) AS state,
		   @extschema@.emotion_segment(@extschema@.journey_last(j.journey)) AS segment,
		   @extschema@.journey_churn_risk(j.journey) AS churn_risk,
		   @extschema@.journey_mood(j.journey) AS mood,
		   @extschema@.journey_mean(j.journey) AS mean_valence,
		   @extschema@.journey_trend(j.journey) AS trend_per_day,
		   @extschema@.journey_volatility(j.journey) AS volatility,
		   @extschema@.journey_first_at(j.journey) AS first_contact,
		   @extschema@.journey_last_at(j.journey) AS last_contact,
		   @extschema@.journey_days_since_last(j.journey) AS days_since_last,
		   m.last_channel,
		   m.channel_mix,
		   @extschema@.journey_sparkline(j.journey) AS sparkline,
		   j.journey
	FROM j JOIN mix m ON m.customer = j.customer$v$, opts);
	COMMENT ON VIEW emotion_crm.customer_state IS
		'per customer: journey state, current segment, churn risk, journey measures, last contact and channel mix';

	EXECUTE format($v$CREATE OR REPLACE VIEW emotion_crm.mood_daily %s AS
	SELECT i.at::pg_catalog.date AS day,
		   i.channel,
		   pg_catalog.count(*) AS interactions,
		   pg_catalog.count(DISTINCT i.customer) AS customers,
		   pg_catalog.avg(i.valence) AS mean_valence,
		   pg_catalog.avg((i.valence < -0.05)::pg_catalog.int4)::float8 AS share_negative,
		   pg_catalog.avg((i.valence > 0.05)::pg_catalog.int4)::float8 AS share_positive,
		   pg_catalog.avg(@extschema@.emotion_field(i.e, 'anger')) AS mean_anger,
		   pg_catalog.avg(@extschema@.emotion_field(i.e, 'joy')) AS mean_joy
	FROM emotion_crm.interactions i
	GROUP BY 1, 2$v$, opts);
	COMMENT ON VIEW emotion_crm.mood_daily IS
		'per day (session time zone) and channel: interactions, customers, mean valence, share negative (< -0.05) and positive (> 0.05), mean anger and joy';

	EXECUTE format($v$CREATE OR REPLACE VIEW emotion_crm.segment_sizes %s AS
	WITH s AS (
		SELECT pg_catalog.date_trunc('week', i.at)::pg_catalog.date AS week,
			   COALESCE(@extschema@.emotion_segment(i.e), 'unmatched') AS segment,
			   i.customer
		FROM emotion_crm.interactions i)
	SELECT s.week, s.segment,
		   pg_catalog.count(*) AS interactions,
		   pg_catalog.count(DISTINCT s.customer) AS customers,
		   pg_catalog.count(*)::float8 / (pg_catalog.sum(pg_catalog.count(*)) OVER (PARTITION BY s.week))::float8 AS share
	FROM s
	GROUP BY s.week, s.segment$v$, opts);
	COMMENT ON VIEW emotion_crm.segment_sizes IS
		'per ISO week (Monday, session time zone) and best-matching segment (emotion_segment; unmatched if none): interactions, distinct customers, share of the week''s interactions';

	EXECUTE format($v$CREATE OR REPLACE VIEW emotion_crm.escalation_queue %s AS
	SELECT q.source, q.channel, q.id, q.customer, q.at, q.priority,
		   GREATEST(0, -q.valence) AS negativity,
		   @extschema@.emotion_field(q.e, 'anger') AS anger,
		   q.cues, q.repeats, q.age_days, q.segment,
		   p.tone, p.action, p.handoff
	FROM (
		SELECT i.source, i.channel, i.id, i.customer, i.at, i.e, i.valence, i.cues, r.repeats,
			   a.age_days, @extschema@.emotion_segment(i.e) AS segment,
			   -- emotion_crm.priority(i.e, i.cues, r.repeats, a.age_days), inline
			   (w.negative * GREATEST(0, -i.valence)
				+ w.anger * @extschema@.emotion_field(i.e, 'anger')
				+ w.disgust * @extschema@.emotion_field(i.e, 'disgust')
				+ w.sadness * @extschema@.emotion_field(i.e, 'sadness')
				+ w.effort_cue * LEAST(i.cues, w.max_cues)
				+ w.repeat_contact * LEAST(r.repeats, w.max_repeats))
			   * pg_catalog.power(0.5::float8, GREATEST(0, a.age_days) / w.half_life_days) AS priority,
			   w.min_priority
		FROM emotion_crm.interactions i
		-- LIMIT 1: the planner then knows it is one row (the table has no statistics)
		CROSS JOIN (SELECT * FROM emotion_crm.escalation_weights LIMIT 1) w
		CROSS JOIN LATERAL (SELECT pg_catalog.date_part('epoch', pg_catalog.now() - i.at) / 86400 AS age_days) a
		CROSS JOIN LATERAL (
			SELECT pg_catalog.count(*) AS repeats FROM emotion_crm.interactions o
			WHERE o.customer = i.customer AND o.at < i.at
			  AND o.at >= i.at - w.repeat_window_days * interval '1 day') r
		WHERE COALESCE(i.is_open, i.at > pg_catalog.now() - w.open_days * interval '1 day')
	) q
	LEFT JOIN emotion_crm.playbook p ON p.state = q.segment
	WHERE q.priority >= q.min_priority
	ORDER BY q.priority DESC, q.at DESC, q.source, q.id$v$, opts);
	COMMENT ON VIEW emotion_crm.escalation_queue IS
		'open, emotionally charged interactions by escalation priority (formula and weights: emotion_crm.escalation_weights) with the playbook''s tone and action for their segment';

	IF invoker THEN
		GRANT SELECT ON emotion_crm.interactions, emotion_crm.customer_state, emotion_crm.mood_daily,
			emotion_crm.segment_sizes, emotion_crm.escalation_queue TO PUBLIC;
	ELSE
		RAISE NOTICE 'PostgreSQL before 15 has no security_invoker views: the emotion_crm views are readable by their owner only';
	END IF;
END
$$;
REVOKE ALL ON FUNCTION emotion_crm.rebuild_views() FROM PUBLIC;
COMMENT ON FUNCTION emotion_crm.rebuild_views() IS
	'internal: (re)creates emotion_crm.interactions and the dashboard views over all tracked sources, drops them when none is left';

CREATE FUNCTION emotion_crm.side_table_name(source regclass) RETURNS name
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.left('scores_' || n.nspname || '_' || c.relname, 63)::name
	FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = source
$$;
COMMENT ON FUNCTION emotion_crm.side_table_name(regclass) IS
	'internal: name of the score side table of a source (scores_<schema>_<table>, in schema emotion_crm)';

CREATE FUNCTION emotion_crm.track(source regclass,
								  text_column name,
								  customer_column name,
								  at_column name,
								  channel text DEFAULT NULL,
								  id_column name DEFAULT NULL,
								  open_column name DEFAULT NULL,
								  preprocess boolean DEFAULT true,
								  batch_size integer DEFAULT 10000,
								  row_filter text DEFAULT NULL)
RETURNS regclass
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
	rel pg_catalog.pg_class;
	col name;
	id_type text;
	side name;
	side_reg regclass;
	fname name;
	upd_cols text;
	reg emotion_crm.sources;
	has_rows boolean;
BEGIN
	SELECT * INTO rel FROM pg_catalog.pg_class WHERE oid = source;
	IF rel.relkind NOT IN ('r', 'p') THEN
		RAISE EXCEPTION '% is not a table', source USING ERRCODE = 'wrong_object_type';
	END IF;
	IF EXISTS (SELECT 1 FROM emotion_crm.sources s WHERE s.source = track.source) THEN
		RAISE EXCEPTION 'table % is already tracked', source
			USING ERRCODE = 'duplicate_object', HINT = 'Call emotion_crm.untrack() first to change its settings.';
	END IF;
	IF batch_size IS NULL OR batch_size < 1 THEN
		RAISE EXCEPTION 'batch_size must be at least 1' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	FOREACH col IN ARRAY ARRAY[text_column, customer_column, at_column, open_column] LOOP
		IF col IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
				WHERE a.attrelid = source AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped) THEN
			RAISE EXCEPTION 'column "%" of table % does not exist', col, source USING ERRCODE = 'undefined_column';
		END IF;
	END LOOP;
	IF text_column IS NULL OR customer_column IS NULL OR at_column IS NULL THEN
		RAISE EXCEPTION 'text_column, customer_column and at_column are required' USING ERRCODE = 'null_value_not_allowed';
	END IF;

	-- the id: a column with a single-column unique index or primary key
	IF id_column IS NULL THEN
		SELECT a.attname INTO id_column
		FROM pg_catalog.pg_index i
		JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
		WHERE i.indrelid = source AND i.indisprimary AND i.indnatts = 1;
		IF id_column IS NULL THEN
			RAISE EXCEPTION 'table % has no single-column primary key', source
				USING ERRCODE = 'invalid_table_definition',
					  HINT = 'Pass id_column => a column with a single-column unique index.';
		END IF;
	ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i
					  JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
					  WHERE i.indrelid = source AND i.indisunique AND i.indnatts = 1 AND i.indpred IS NULL
						AND i.indexprs IS NULL AND a.attname = id_column) THEN
		RAISE EXCEPTION 'column "%" of table % has no single-column unique index', id_column, source
			USING ERRCODE = 'invalid_table_definition';
	END IF;
	-- The generated trigger runs with its owner's rights and converts these
	-- columns (to text, timestamptz, boolean) and compares ids: a type, cast
	-- or operator belonging to another role would run that role's code with
	-- those rights.  Only built-in types, or domains over them, are accepted.
	FOREACH col IN ARRAY ARRAY[text_column, customer_column, at_column, open_column, id_column] LOOP
		IF col IS NOT NULL AND EXISTS (
				WITH RECURSIVE ty(oid, typtype, typbasetype, typnamespace) AS (
					SELECT t.oid, t.typtype, t.typbasetype, t.typnamespace
					FROM pg_catalog.pg_attribute a
					JOIN pg_catalog.pg_type t ON t.oid OPERATOR(pg_catalog.=) a.atttypid
					WHERE a.attrelid OPERATOR(pg_catalog.=) source AND a.attname OPERATOR(pg_catalog.=) col
				  UNION ALL
					SELECT b.oid, b.typtype, b.typbasetype, b.typnamespace
					FROM pg_catalog.pg_type b JOIN ty ON b.oid OPERATOR(pg_catalog.=) ty.typbasetype
					WHERE ty.typtype OPERATOR(pg_catalog.=) 'd')
				SELECT 1 FROM ty
				WHERE ty.typtype OPERATOR(pg_catalog.<>) 'd'
				  AND ty.typnamespace OPERATOR(pg_catalog.<>) 'pg_catalog'::pg_catalog.regnamespace) THEN
			RAISE EXCEPTION 'column "%" of table % has a type that is not built in', col, source
				USING ERRCODE = 'wrong_object_type',
					  DETAIL = 'The maintenance trigger runs with its owner''s rights, so it only converts built-in types (or domains over them).';
		END IF;
	END LOOP;
	SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) INTO id_type
	FROM pg_catalog.pg_attribute a WHERE a.attrelid = source AND a.attname = id_column;

	IF row_filter IS NOT NULL THEN
		BEGIN
			EXECUTE format('SELECT (%s)::pg_catalog.bool FROM %s n LIMIT 0', row_filter, source);
		EXCEPTION WHEN OTHERS THEN
			RAISE EXCEPTION 'invalid row_filter: %', SQLERRM USING ERRCODE = 'invalid_parameter_value';
		END;
	END IF;
	channel := COALESCE(channel, rel.relname);
	side := emotion_crm.side_table_name(source);
	fname := pg_catalog.left('trigger_' || pg_catalog.substr(side, 8), 63);
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'emotion_crm'::regnamespace AND p.proname = fname) THEN
		RAISE EXCEPTION 'function emotion_crm.% already exists', fname USING ERRCODE = 'duplicate_function';
	END IF;
	IF pg_catalog.to_regclass(pg_catalog.quote_ident('emotion_crm') || '.' || pg_catalog.quote_ident(side)) IS NOT NULL THEN
		RAISE EXCEPTION 'relation emotion_crm.% already exists', side USING ERRCODE = 'duplicate_table';
	END IF;

	EXECUTE format($q$CREATE TABLE emotion_crm.%I (
		id %s PRIMARY KEY,
		customer pg_catalog.text,
		at pg_catalog.timestamptz,
		channel pg_catalog.text NOT NULL,
		e @extschema@.emotion NOT NULL,
		agent_e @extschema@.emotion,
		cues pg_catalog.int4 NOT NULL,
		preprocessed pg_catalog.bool NOT NULL,
		is_open pg_catalog.bool,
		scored_at pg_catalog.timestamptz NOT NULL)$q$, side, id_type);
	side_reg := pg_catalog.format('emotion_crm.%I', side)::regclass;
	EXECUTE format('COMMENT ON TABLE %s IS %L', side_reg,
				   format('emotion_crm scores of %s (created by emotion_crm.track; dropped by emotion_crm.untrack)', source));
	EXECUTE format('CREATE INDEX ON %s (customer, at)', side_reg);
	-- scores are readable exactly where the source row is: the policy's
	-- subquery runs as the reader, so the source's grants and RLS apply
	EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', side_reg);
	EXECUTE format('CREATE POLICY source_visible ON %s FOR SELECT TO PUBLIC
					USING (EXISTS (SELECT 1 FROM %s s WHERE s.%I = %s.id))',
				   side_reg, source, id_column, side_reg);
	EXECUTE format('GRANT SELECT ON %s TO PUBLIC', side_reg);

	INSERT INTO emotion_crm.sources (source, channel, text_column, customer_column, at_column, id_column,
									 id_type, open_column, preprocess, row_filter, side_table, trigger_function, batch_size)
	VALUES (source, channel, text_column, customer_column, at_column, id_column,
			id_type, open_column, preprocess, row_filter, side_reg, fname, batch_size)
	RETURNING * INTO reg;

	PERFORM emotion_crm.create_trigger_function(reg, fname);
	SELECT pg_catalog.string_agg(pg_catalog.quote_ident(c), ', ') INTO upd_cols
	FROM (SELECT DISTINCT c FROM pg_catalog.unnest(ARRAY[text_column, customer_column, at_column, id_column, open_column]) c
		  WHERE c IS NOT NULL) x;
	EXECUTE format('CREATE TRIGGER emotion_crm_insert AFTER INSERT ON %s
					FOR EACH ROW EXECUTE FUNCTION emotion_crm.%I()', source, fname);
	-- with a row filter, any column may decide: every update fires
	EXECUTE format('CREATE TRIGGER emotion_crm_update AFTER UPDATE %s ON %s
					FOR EACH ROW EXECUTE FUNCTION emotion_crm.%I()',
				   CASE WHEN row_filter IS NULL THEN 'OF ' || upd_cols ELSE '' END, source, fname);
	EXECUTE format('CREATE TRIGGER emotion_crm_delete AFTER DELETE ON %s
					FOR EACH ROW EXECUTE FUNCTION emotion_crm.%I()', source, fname);
	EXECUTE format('CREATE TRIGGER emotion_crm_truncate AFTER TRUNCATE ON %s
					FOR EACH STATEMENT EXECUTE FUNCTION emotion_crm.%I()', source, fname);

	PERFORM emotion_crm.rebuild_views();

	EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', source) INTO has_rows;
	IF has_rows THEN
		RAISE NOTICE 'existing rows of % are not scored yet', source
			USING HINT = format('Run CALL emotion_crm.backfill(%L);', source::text);
	ELSE
		UPDATE emotion_crm.sources s SET backfill_done = true WHERE s.source = track.source;
	END IF;
	RETURN side_reg;
END
$$;
COMMENT ON FUNCTION emotion_crm.track(regclass, name, name, name, text, name, name, boolean, integer, text) IS
	'register a table: creates its score side table in schema emotion_crm (with RLS mirroring the source), statement triggers that keep it current, '
	'and the views; existing rows are scored by CALL emotion_crm.backfill()';

CREATE FUNCTION emotion_crm.untrack(source regclass) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
	s emotion_crm.sources;
BEGIN
	SELECT * INTO s FROM emotion_crm.sources x WHERE x.source = untrack.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source USING ERRCODE = 'undefined_object';
	END IF;
	-- the source may be gone already (dropped with CASCADE): then only the
	-- side table, the function and the registration are left to remove
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = source) THEN
		EXECUTE format('DROP TRIGGER IF EXISTS emotion_crm_insert ON %s', source);
		EXECUTE format('DROP TRIGGER IF EXISTS emotion_crm_update ON %s', source);
		EXECUTE format('DROP TRIGGER IF EXISTS emotion_crm_delete ON %s', source);
		EXECUTE format('DROP TRIGGER IF EXISTS emotion_crm_truncate ON %s', source);
	END IF;
	DELETE FROM emotion_crm.sources x WHERE x.source = untrack.source;
	EXECUTE format('DROP FUNCTION emotion_crm.%I()', s.trigger_function);
	PERFORM emotion_crm.rebuild_views();
	EXECUTE format('DROP TABLE %s', s.side_table);
END
$$;
COMMENT ON FUNCTION emotion_crm.untrack(regclass) IS
	'stop tracking a table: drops its triggers and score side table and rebuilds the views (dropped with the last source)';

CREATE PROCEDURE emotion_crm.backfill(source regclass, batch_size integer DEFAULT NULL)
LANGUAGE plpgsql
AS $$
DECLARE
	s emotion_crm.sources;
	upto text;
	n bigint;
	scored bigint;
	batch integer := 0;
	cond text;
BEGIN
	LOOP
		-- the row lock serialises concurrent back-fills of one source
		SELECT * INTO s FROM emotion_crm.sources x WHERE x.source OPERATOR(pg_catalog.=) backfill.source FOR UPDATE;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'table % is not tracked', source USING ERRCODE = 'undefined_object';
		END IF;
		IF s.backfill_done THEN
			RAISE NOTICE 'emotion_crm.backfill(%): done, % rows scored', source, s.backfilled;
			COMMIT;
			RETURN;
		END IF;
		cond := CASE WHEN s.backfill_after IS NULL THEN ''
					 ELSE pg_catalog.format('WHERE n.%I > %L::%s', s.id_column, s.backfill_after, s.id_type) END;
		EXECUTE pg_catalog.format('SELECT pg_catalog.max(b.id)::pg_catalog.text, pg_catalog.count(*)
								   FROM (SELECT n.%1$I AS id FROM %2$s n %3$s ORDER BY n.%1$I LIMIT %4$s) b',
								  s.id_column, s.source, cond,
								  COALESCE(backfill.batch_size, s.batch_size))
			INTO upto, n;
		IF n = 0 THEN
			UPDATE emotion_crm.sources x SET backfill_done = true WHERE x.source OPERATOR(pg_catalog.=) backfill.source;
			-- fresh statistics for the views' plans
			EXECUTE pg_catalog.format('ANALYZE %s', s.side_table);
			COMMIT;
			CONTINUE;
		END IF;
		cond := pg_catalog.format('%s n.%I <= %L::%s', CASE WHEN cond = '' THEN 'WHERE' ELSE cond || ' AND' END,
								  s.id_column, upto, s.id_type);
		IF s.row_filter IS NOT NULL THEN
			cond := cond || ' AND (' || s.row_filter || ')';
		END IF;
		EXECUTE pg_catalog.format('INSERT INTO %s (id, customer, at, channel, e, agent_e, cues, preprocessed, is_open, scored_at) %s
								   ON CONFLICT (id) DO NOTHING',
								  s.side_table, emotion_crm.score_select(s, s.source::text, cond));
		GET DIAGNOSTICS scored = ROW_COUNT;
		batch := batch + 1;
		UPDATE emotion_crm.sources x SET backfill_after = upto, backfilled = x.backfilled + scored
		WHERE x.source OPERATOR(pg_catalog.=) backfill.source;
		COMMIT;
		RAISE NOTICE 'emotion_crm.backfill(%): batch %: % rows read, % scored, ids up to %',
			source, batch, n, scored, upto;
	END LOOP;
END
$$;
COMMENT ON PROCEDURE emotion_crm.backfill(regclass, integer) IS
	'score the existing rows of a tracked table in batches of batch_size ids (keyset order, COMMIT and NOTICE per batch); '
	'resumes where it stopped when called again';

CREATE FUNCTION emotion_crm.backfill_reset(source regclass) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	UPDATE emotion_crm.sources SET backfill_after = NULL, backfill_done = false, backfilled = 0
	WHERE sources.source = backfill_reset.source
$$;
COMMENT ON FUNCTION emotion_crm.backfill_reset(regclass) IS
	'forget the back-fill progress of a source, so the next CALL emotion_crm.backfill() starts again from the lowest id (rows already scored are kept)';

-- ---------------------------------------------------------------------------
-- recommendations
-- ---------------------------------------------------------------------------
CREATE FUNCTION emotion_crm.recommend(e emotion)
RETURNS TABLE (state text, tone text, action text, handoff boolean)
LANGUAGE sql STABLE STRICT
AS $$
	SELECT p.state, p.tone, p.action, p.handoff
	FROM emotion_crm.playbook p
	WHERE p.state = COALESCE(@extschema@.emotion_segment(e), 'neutral')
$$;
COMMENT ON FUNCTION emotion_crm.recommend(emotion) IS
	'playbook recommendation for one interaction: the row for its best-matching segment (neutral if none matches)';

CREATE FUNCTION emotion_crm.recommend(customer text)
RETURNS TABLE (state text, tone text, action text, handoff boolean)
LANGUAGE plpgsql STABLE STRICT
AS $$
BEGIN
	IF pg_catalog.to_regclass('emotion_crm.customer_state') IS NULL THEN
		RAISE EXCEPTION 'no table is tracked yet' USING HINT = 'Call emotion_crm.track() first.';
	END IF;
	RETURN QUERY
		SELECT p.state, p.tone, p.action, p.handoff
		FROM emotion_crm.customer_state c
		JOIN emotion_crm.playbook p ON p.state = c.state
		WHERE c.customer = recommend.customer;
END
$$;
COMMENT ON FUNCTION emotion_crm.recommend(text) IS
	'playbook recommendation for a customer of the tracked sources: the row for their journey state (no row if the customer is unknown or not visible)';

-- ---------------------------------------------------------------------------
-- Custom lexicons and languages: settings tables, scoring with a lexicon
-- and/or language, loaders
-- ---------------------------------------------------------------------------

CREATE FUNCTION emotion_crm.lexicon_term_ok(term text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'emotion_lexicon_term_ok' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_crm.lexicon_term_ok(text) IS
	'true if the scorer accepts the text as a lexicon term: one word or a phrase of 2 to 6 words';

CREATE TABLE emotion_crm.lexicons (
	name        text PRIMARY KEY
	            CONSTRAINT lexicons_name_check
	            CHECK (octet_length(name) BETWEEN 1 AND 63
	                   AND pg_catalog.lower(name) NOT IN ('en', 'es', 'de', 'fr', 'pt')),
	language    text NOT NULL DEFAULT 'en'
	            CONSTRAINT lexicons_language_check
	            CHECK (language IN ('en', 'es', 'de', 'fr', 'pt')),
	description text,
	created_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE emotion_crm.lexicons IS
	'user lexicons: each overlays the built-in lexicon of its language with the entries in emotion_crm.lexicon_entries';
COMMENT ON COLUMN emotion_crm.lexicons.name IS
	'name passed as the lexicon argument of emotion_score, sentiment and emotion_explain (1 to 63 bytes, not a built-in language code)';
COMMENT ON COLUMN emotion_crm.lexicons.language IS
	'language whose built-in lexicon, negators and boosters the entries overlay: en, es, de, fr or pt';

CREATE TABLE emotion_crm.lexicon_entries (
	lexicon      text NOT NULL REFERENCES emotion_crm.lexicons (name) ON DELETE CASCADE ON UPDATE CASCADE,
	term         text NOT NULL
	             CONSTRAINT lexicon_entries_term_check CHECK (emotion_crm.lexicon_term_ok(term)),
	valence      real NOT NULL CHECK (valence BETWEEN -1 AND 1),
	joy          real NOT NULL DEFAULT 0 CHECK (joy BETWEEN 0 AND 1),
	trust        real NOT NULL DEFAULT 0 CHECK (trust BETWEEN 0 AND 1),
	fear         real NOT NULL DEFAULT 0 CHECK (fear BETWEEN 0 AND 1),
	surprise     real NOT NULL DEFAULT 0 CHECK (surprise BETWEEN 0 AND 1),
	sadness      real NOT NULL DEFAULT 0 CHECK (sadness BETWEEN 0 AND 1),
	disgust      real NOT NULL DEFAULT 0 CHECK (disgust BETWEEN 0 AND 1),
	anger        real NOT NULL DEFAULT 0 CHECK (anger BETWEEN 0 AND 1),
	anticipation real NOT NULL DEFAULT 0 CHECK (anticipation BETWEEN 0 AND 1),
	source       text,
	PRIMARY KEY (lexicon, term)
);
COMMENT ON TABLE emotion_crm.lexicon_entries IS
	'words and phrases of the user lexicons: each replaces (or adds) the built-in entry of the same term';
COMMENT ON COLUMN emotion_crm.lexicon_entries.term IS
	'a word or a phrase of 2 to 6 words, matched case-insensitively like the text (curly and straight apostrophes alike)';
COMMENT ON COLUMN emotion_crm.lexicon_entries.valence IS 'feeling of the term, -1 (very negative) .. 1 (very positive)';
COMMENT ON COLUMN emotion_crm.lexicon_entries.source IS 'free text: where the entry came from (load_lexicon writes format:file)';

SELECT pg_catalog.pg_extension_config_dump('emotion_crm.lexicons', '');
SELECT pg_catalog.pg_extension_config_dump('emotion_crm.lexicon_entries', '');
GRANT SELECT ON emotion_crm.lexicons, emotion_crm.lexicon_entries TO PUBLIC;

-- every change to either table drops the compiled lexicons in all sessions
CREATE FUNCTION emotion_crm.lexicon_invalidate() RETURNS trigger
	AS 'MODULE_PATHNAME', 'emotion_lexicon_invalidate' LANGUAGE C;
COMMENT ON FUNCTION emotion_crm.lexicon_invalidate() IS
	'statement trigger on the lexicon tables: makes every session recompile the user lexicons it uses';

CREATE TRIGGER lexicons_invalidate
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON emotion_crm.lexicons
	FOR EACH STATEMENT EXECUTE FUNCTION emotion_crm.lexicon_invalidate();
CREATE TRIGGER lexicon_entries_invalidate
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON emotion_crm.lexicon_entries
	FOR EACH STATEMENT EXECUTE FUNCTION emotion_crm.lexicon_invalidate();

-- scoring with a lexicon and/or a language.  Not STRICT: a NULL lexicon means
-- the built-in lexicon only, a NULL language the lexicon's language (or the
-- setting emotion_crm.language).  A NULL text gives NULL.
CREATE FUNCTION emotion_score(text, lexicon text) RETURNS emotion
	AS 'MODULE_PATHNAME', 'emotion_score_lexicon' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION emotion_score(text, text) IS
	'emotion of a text with the built-in lexicon overlaid by a user lexicon (or a built-in language code: en, es, de, fr, pt)';

CREATE FUNCTION emotion_score(text, lexicon text, language text) RETURNS emotion
	AS 'MODULE_PATHNAME', 'emotion_score_lexicon' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION emotion_score(text, text, text) IS
	'emotion of a text in a language (NULL: the lexicon''s, or emotion_crm.language) with an optional user lexicon';

CREATE FUNCTION sentiment(text, lexicon text) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_sentiment_lexicon' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION sentiment(text, text) IS
	'sentiment in [-1, 1] of a text with the built-in lexicon overlaid by a user lexicon (or a built-in language code)';

CREATE FUNCTION sentiment(text, lexicon text, language text) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_sentiment_lexicon' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION sentiment(text, text, text) IS
	'sentiment in [-1, 1] of a text in a language (NULL: the lexicon''s, or emotion_crm.language) with an optional user lexicon';

CREATE FUNCTION emotion_explain(text, lexicon text)
	RETURNS TABLE(token text, "position" int, base_valence float8, valence float8, rules text[], emotions jsonb)
	AS 'MODULE_PATHNAME', 'emotion_explain_lexicon' LANGUAGE C STABLE PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION emotion_explain(text, text) IS
	'the contributions behind emotion_score(text, lexicon), one row per token or phrase';

CREATE FUNCTION emotion_explain(text, lexicon text, language text)
	RETURNS TABLE(token text, "position" int, base_valence float8, valence float8, rules text[], emotions jsonb)
	AS 'MODULE_PATHNAME', 'emotion_explain_lexicon' LANGUAGE C STABLE PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION emotion_explain(text, text, text) IS
	'the contributions behind emotion_score(text, lexicon, language), one row per token or phrase';

-- ---- loaders ---------------------------------------------------------------

-- create the lexicon if missing; if it exists its language must match
CREATE FUNCTION emotion_crm.lexicon_ensure(name text, language text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	have text;
BEGIN
	SELECT l.language INTO have FROM emotion_crm.lexicons l WHERE l.name = lexicon_ensure.name;
	IF NOT FOUND THEN
		INSERT INTO emotion_crm.lexicons (name, language) VALUES (lexicon_ensure.name, lexicon_ensure.language);
	ELSIF have IS DISTINCT FROM lexicon_ensure.language THEN
		RAISE EXCEPTION 'lexicon "%" exists with language "%", not "%"', name, have, language
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Pass the lexicon''s language, or load into a new lexicon.';
	END IF;
END $$;
COMMENT ON FUNCTION emotion_crm.lexicon_ensure(text, text) IS
	'internal: creates a user lexicon if it does not exist, checks its language if it does';

-- the non-blank lines of a file that do not start with #, split at tabs
CREATE FUNCTION emotion_crm.lexicon_file_lines(content text, OUT n bigint, OUT f text[])
	RETURNS SETOF record LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT l.n, pg_catalog.string_to_array(pg_catalog.rtrim(l.line, E'\r'), E'\t')
	  FROM pg_catalog.unnest(pg_catalog.string_to_array(content, E'\n')) WITH ORDINALITY AS l(line, n)
	 WHERE pg_catalog.btrim(l.line, E' \t\r') <> '' AND l.line !~ '^#'
$$;
COMMENT ON FUNCTION emotion_crm.lexicon_file_lines(text) IS
	'internal: (line number, tab-separated fields) of the non-blank lines of a lexicon file that do not start with #';

CREATE FUNCTION emotion_crm.load_lexicon(name text, path text, format text,
                                         language text DEFAULT 'en', scale real DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	content text;
	src text;
	bad record;
	cnt bigint;
BEGIN
	IF name IS NULL OR path IS NULL OR format IS NULL OR language IS NULL THEN
		RAISE EXCEPTION 'name, path, format and language must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF format NOT IN ('word-emotion', 'valence-tsv') THEN
		RAISE EXCEPTION 'unknown lexicon format "%"', format
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'Supported formats: word-emotion (word, emotion, 0 or 1 per line), valence-tsv (word, number per line).';
	END IF;
	IF format = 'valence-tsv' AND (scale IS NULL OR scale <= 0) THEN
		RAISE EXCEPTION 'format valence-tsv needs a positive scale'
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'scale is the largest magnitude of the file''s numbers, e.g. 5 for a -5..5 list; valence = number / scale.';
	END IF;

	content := pg_catalog.pg_read_file(path);
	src := format || ':' || pg_catalog.regexp_replace(path, '^.*/', '');
	PERFORM emotion_crm.lexicon_ensure(name, language);

	IF format = 'word-emotion' THEN
		SELECT * INTO bad FROM emotion_crm.lexicon_file_lines(content)
		 WHERE pg_catalog.cardinality(f) <> 3
		    OR f[2] NOT IN ('anger', 'anticipation', 'disgust', 'fear', 'joy', 'negative',
		                    'positive', 'sadness', 'surprise', 'trust')
		    OR f[3] NOT IN ('0', '1')
		 ORDER BY n LIMIT 1;
		IF FOUND THEN
			RAISE EXCEPTION 'line % of "%" is not "word<TAB>emotion<TAB>0|1"', bad.n, path
				USING ERRCODE = 'invalid_text_representation',
				      DETAIL = pg_catalog.format('The line holds %s.', pg_catalog.array_to_string(bad.f, ' <TAB> '));
		END IF;
		INSERT INTO emotion_crm.lexicon_entries AS e
		       (lexicon, term, valence, joy, trust, fear, surprise, sadness, disgust, anger, anticipation, source)
		SELECT load_lexicon.name, w.term,
		       CASE WHEN w.pos AND NOT w.neg THEN 0.5 WHEN w.neg AND NOT w.pos THEN -0.5 ELSE 0 END,
		       w.joy, w.trust, w.fear, w.surprise, w.sadness, w.disgust, w.anger, w.anticipation, src
		  FROM (SELECT pg_catalog.lower(f[1]) AS term,
		               bool_or(f[2] = 'positive' AND f[3] = '1') AS pos,
		               bool_or(f[2] = 'negative' AND f[3] = '1') AS neg,
		               max(CASE WHEN f[2] = 'joy' AND f[3] = '1' THEN 0.5 ELSE 0 END) AS joy,
		               max(CASE WHEN f[2] = 'trust' AND f[3] = '1' THEN 0.5 ELSE 0 END) AS trust,
		               max(CASE WHEN f[2] = 'fear' AND f[3] = '1' THEN 0.5 ELSE 0 END) AS fear,
		               max(CASE WHEN f[2] = 'surprise' AND f[3] = '1' THEN 0.5 ELSE 0 END) AS surprise,
		               max(CASE WHEN f[2] = 'sadness' AND f[3] = '1' THEN 0.5 ELSE 0 END) AS sadness,
		               max(CASE WHEN f[2] = 'disgust' AND f[3] = '1' THEN 0.5 ELSE 0 END) AS disgust,
		               max(CASE WHEN f[2] = 'anger' AND f[3] = '1' THEN 0.5 ELSE 0 END) AS anger,
		               max(CASE WHEN f[2] = 'anticipation' AND f[3] = '1' THEN 0.5 ELSE 0 END) AS anticipation
		          FROM emotion_crm.lexicon_file_lines(content)
		         GROUP BY 1
		        HAVING bool_or(f[3] = '1')) w
		 WHERE emotion_crm.lexicon_term_ok(w.term)
		ON CONFLICT (lexicon, term) DO UPDATE
		   SET valence = excluded.valence, joy = excluded.joy, trust = excluded.trust,
		       fear = excluded.fear, surprise = excluded.surprise, sadness = excluded.sadness,
		       disgust = excluded.disgust, anger = excluded.anger,
		       anticipation = excluded.anticipation, source = excluded.source;
	ELSE
		SELECT * INTO bad FROM emotion_crm.lexicon_file_lines(content)
		 WHERE pg_catalog.cardinality(f) < 2
		    OR f[2] !~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$'
		    OR abs(f[2]::float8) > scale
		 ORDER BY n LIMIT 1;
		IF FOUND THEN
			RAISE EXCEPTION 'line % of "%" is not "word<TAB>number" with |number| <= %', bad.n, path, scale
				USING ERRCODE = 'invalid_text_representation',
				      DETAIL = pg_catalog.format('The line holds %s.', pg_catalog.array_to_string(bad.f, ' <TAB> '));
		END IF;
		-- a word listed twice: the last line wins
		INSERT INTO emotion_crm.lexicon_entries AS e (lexicon, term, valence, source)
		SELECT DISTINCT ON (pg_catalog.lower(f[1])) load_lexicon.name, pg_catalog.lower(f[1]),
		       (f[2]::float8 / scale)::real, src
		  FROM emotion_crm.lexicon_file_lines(content)
		 WHERE emotion_crm.lexicon_term_ok(pg_catalog.lower(f[1]))
		 ORDER BY pg_catalog.lower(f[1]), n DESC
		ON CONFLICT (lexicon, term) DO UPDATE
		   SET valence = excluded.valence, source = excluded.source;
	END IF;
	GET DIAGNOSTICS cnt = ROW_COUNT;
	RETURN cnt;
END $$;
COMMENT ON FUNCTION emotion_crm.load_lexicon(text, text, text, text, real) IS
	'loads a server-side lexicon file (format word-emotion or valence-tsv) into a user lexicon, creating it if needed; returns the number of entries written';

CREATE FUNCTION emotion_crm.import_lexicon(name text, rows regclass, language text DEFAULT 'en')
	RETURNS bigint
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	cols text[];
	emo text[] := ARRAY['joy', 'trust', 'fear', 'surprise', 'sadness', 'disgust', 'anger', 'anticipation'];
	sel text := '';
	upd text := '';
	c text;
	n bigint;
BEGIN
	IF name IS NULL OR rows IS NULL OR language IS NULL THEN
		RAISE EXCEPTION 'name, rows and language must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT array_agg(a.attname::text) INTO cols
	  FROM pg_catalog.pg_attribute a
	 WHERE a.attrelid = rows AND a.attnum > 0 AND NOT a.attisdropped;
	IF NOT cols @> ARRAY['term', 'valence'] THEN
		RAISE EXCEPTION 'table % has no columns "term" and "valence"', rows
			USING ERRCODE = 'undefined_column',
			      HINT = 'The table needs term and valence; joy, trust, fear, surprise, sadness, disgust, anger, anticipation and source are optional.';
	END IF;
	FOREACH c IN ARRAY emo || ARRAY['source'] LOOP
		IF c = ANY (cols) THEN
			sel := sel || ', ' || CASE WHEN c = 'source' THEN 's.source::text'
			                           ELSE pg_catalog.format('coalesce(s.%I, 0)::real', c) END;
		ELSIF c = 'source' THEN
			sel := sel || ', ' || pg_catalog.quote_literal('import:' || rows::text);
		ELSE
			sel := sel || ', 0';
		END IF;
		upd := upd || pg_catalog.format(', %I = excluded.%I', c, c);
	END LOOP;
	PERFORM emotion_crm.lexicon_ensure(name, language);
	EXECUTE pg_catalog.format(
		'INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, %s, source)'
		' SELECT $1, s.term::text, s.valence::real%s FROM %s s'
		' ON CONFLICT (lexicon, term) DO UPDATE SET valence = excluded.valence%s',
		pg_catalog.array_to_string(emo, ', '), sel, rows, upd)
		USING name;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END $$;
COMMENT ON FUNCTION emotion_crm.import_lexicon(text, regclass, text) IS
	'copies (term, valence [, joy .. anticipation, source]) rows from a table, e.g. one filled with \copy, into a user lexicon, creating it if needed; returns the number of entries written';

-- ---------------------------------------------------------------------------
-- Learning from outcomes: tokens, learn_lexicon, evaluate, outcome_drivers
-- ---------------------------------------------------------------------------

CREATE FUNCTION emotion_crm.tokens(text) RETURNS SETOF text
	AS 'MODULE_PATHNAME', 'emotion_tokens' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION emotion_crm.tokens(text) IS
	'the tokens the scorer looks up in a text, in order: case-folded words, emoji and emoticons (no numbers, URLs, e-mail addresses, mentions or punctuation)';

CREATE FUNCTION emotion_crm.bonferroni_z(alpha float8, tests bigint) RETURNS float8
	AS 'MODULE_PATHNAME', 'emotion_bonferroni_z' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_crm.bonferroni_z(float8, bigint) IS
	'the z-score threshold of `tests` two-sided normal tests at family-wise level alpha (Bonferroni): P(|Z| > z) = alpha / tests';

-- the type of column `col` of a query's result, found without running the
-- query (a scalar subquery with LIMIT 0 has the column's type)
CREATE FUNCTION emotion_crm.query_column_type(query text, col text, ncols integer) RETURNS regtype
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
	cols text;
	typ regtype;
BEGIN
	SELECT pg_catalog.string_agg('c' || i, ', ' ORDER BY i) INTO cols
	  FROM pg_catalog.generate_series(1, ncols) i;
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.pg_typeof((SELECT q.%s FROM (%s) AS q(%s) LIMIT 0))',
		col, query, cols)
	INTO typ;
	RETURN typ;
END
$$;
COMMENT ON FUNCTION emotion_crm.query_column_type(text, text, integer) IS
	'internal: type of column cN of a query''s result, found with LIMIT 0 (the query''s rows are not read)';

-- a column of a numeric type as float8 (money has no direct cast)
CREATE FUNCTION emotion_crm.float8_expr(col text, typ regtype) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN typ = 'pg_catalog.money'::pg_catalog.regtype THEN col || '::numeric::float8' ELSE col || '::float8' END $$;
COMMENT ON FUNCTION emotion_crm.float8_expr(text, regtype) IS
	'internal: SQL expression converting a numeric column to float8';

-- How an outcome column becomes y: 1 for the good class and 0 for the rest
-- (boolean: positive, default true; text: the value named by positive), or
-- the number itself (higher is better).  One rule for learn_lexicon and
-- outcome_drivers.
CREATE FUNCTION emotion_crm.outcome_expr(q text, col text, colno int, positive text,
										 OUT is_binary boolean, OUT expr text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog
AS $$
DECLARE
	typ regtype := emotion_crm.query_column_type(q, col, colno);
	cat "char";
BEGIN
	SELECT t.typcategory INTO cat FROM pg_catalog.pg_type t WHERE t.oid = typ;
	IF cat = 'N' THEN
		IF positive IS NOT NULL THEN
			RAISE EXCEPTION 'positive applies to boolean and text outcomes, not to numeric ones'
				USING ERRCODE = 'invalid_parameter_value',
				HINT = 'A higher number is a better outcome; negate the outcome in the query if lower is better.';
		END IF;
		is_binary := false;
		expr := emotion_crm.float8_expr('q.' || col, typ);
	ELSIF cat = 'B' THEN
		IF positive IS NOT NULL AND pg_catalog.lower(positive) NOT IN ('true', 'false', 't', 'f') THEN
			RAISE EXCEPTION 'positive must be true or false for a boolean outcome' USING ERRCODE = 'invalid_parameter_value';
		END IF;
		is_binary := true;
		expr := pg_catalog.format('CASE WHEN q.%s = %L::boolean THEN 1 ELSE 0 END', col, coalesce(positive, 'true'));
	ELSE
		IF positive IS NULL THEN
			RAISE EXCEPTION 'positive is required for a text outcome'
				USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Name the outcome value that is the good result, e.g. positive => ''renewed''; every other value is the bad result.';
		END IF;
		is_binary := true;
		expr := pg_catalog.format('CASE WHEN q.%s::text = %L THEN 1 ELSE 0 END', col, positive);
	END IF;
END
$$;
COMMENT ON FUNCTION emotion_crm.outcome_expr(text, text, int, text) IS
	'internal: the SQL expression (and whether it is 1/0) that turns an outcome column of a learning query into y';

-- the query as a subquery: trailing semicolons and blanks removed
CREATE FUNCTION emotion_crm.query_body(query text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.regexp_replace(query, '[[:space:];]+$', '') $$;
COMMENT ON FUNCTION emotion_crm.query_body(text) IS
	'internal: a query text without trailing semicolons, to be used as a subquery';

-- ---------------------------------------------------------------------------
-- learn_lexicon
-- ---------------------------------------------------------------------------
CREATE FUNCTION emotion_crm.learn_lexicon(
	name text,
	query text,
	min_count integer DEFAULT 10,
	prior float8 DEFAULT 0.1,
	min_z float8 DEFAULT NULL,
	language text DEFAULT 'en',
	replace boolean DEFAULT false,
	positive text DEFAULT NULL,
	include_known boolean DEFAULT false)
RETURNS TABLE(term text, valence real, z float8, effect float8, docs bigint)
LANGUAGE plpgsql VOLATILE
AS $$
#variable_conflict use_column
DECLARE
	q text;
	ylabel text;
	is_bin boolean;
	mode text;
	n_docs bigint;
	n_pos bigint;
	n_neg bigint;
	y_mean float8;
	y_sd float8;
	n_above bigint;
	n_below bigint;
	inc_pos bigint;
	inc_neg bigint;
	n_terms bigint;
	lex_exists boolean;
	detail text;
BEGIN
	IF name IS NULL OR query IS NULL THEN
		RAISE EXCEPTION 'name and query must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF min_count IS NULL OR min_count < 1 THEN
		RAISE EXCEPTION 'min_count must be at least 1' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF prior IS NULL OR NOT (prior > 0 AND prior < 'Infinity'::float8) THEN
		RAISE EXCEPTION 'prior must be a positive number' USING ERRCODE = 'invalid_parameter_value',
			DETAIL = 'Each term''s prior pseudo-count is prior times its number of documents.';
	END IF;
	IF min_z IS NOT NULL AND NOT (min_z >= 0 AND min_z < 'Infinity'::float8) THEN
		RAISE EXCEPTION 'min_z must be zero or a positive number' USING ERRCODE = 'invalid_parameter_value';
	END IF;

	IF language IS NULL THEN
		RAISE EXCEPTION 'language must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- the scorer knows the languages: ask it before any work
	BEGIN
		PERFORM @extschema@.sentiment('', NULL::text, language);
	EXCEPTION WHEN invalid_parameter_value THEN
		GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
		RAISE EXCEPTION 'unknown language "%"', language USING ERRCODE = 'invalid_parameter_value', DETAIL = detail;
	END;

	SELECT EXISTS (SELECT 1 FROM emotion_crm.lexicons l WHERE l.name = learn_lexicon.name) INTO lex_exists;
	IF lex_exists AND NOT coalesce(replace, false) THEN
		RAISE EXCEPTION 'lexicon "%" already exists', name USING ERRCODE = 'duplicate_object',
			HINT = 'Pass replace => true to replace its learned entries.';
	END IF;

	q := emotion_crm.query_body(query);
	-- the outcome as y: 1/0 for the good/other class, or the number
	SELECT o.is_binary, o.expr INTO is_bin, ylabel
	  FROM emotion_crm.outcome_expr(q, 'c2', 2, positive) o;
	mode := CASE WHEN is_bin THEN 'binary' ELSE 'numeric' END;

	-- the documents and their distinct tokens, read once
	IF pg_catalog.to_regclass('pg_temp.emotion_crm_learn_docs') IS NOT NULL THEN
		DROP TABLE pg_temp.emotion_crm_learn_docs;
	END IF;
	IF pg_catalog.to_regclass('pg_temp.emotion_crm_learn_terms') IS NOT NULL THEN
		DROP TABLE pg_temp.emotion_crm_learn_terms;
	END IF;
	EXECUTE pg_catalog.format(
		'CREATE TEMP TABLE emotion_crm_learn_docs ON COMMIT DROP AS '
		'SELECT pg_catalog.row_number() OVER () AS id, q.c1::text AS doc, (%s)::float8 AS y '
		'FROM (%s) AS q(c1, c2) WHERE q.c1 IS NOT NULL AND q.c2 IS NOT NULL',
		ylabel, q);
	CREATE TEMP TABLE emotion_crm_learn_terms ON COMMIT DROP AS
		SELECT DISTINCT d.id, d.y, t.tok AS term
		  FROM pg_temp.emotion_crm_learn_docs d,
			   LATERAL emotion_crm.tokens(d.doc) AS t(tok);

	SELECT pg_catalog.count(*), pg_catalog.count(*) FILTER (WHERE d.y = 1), pg_catalog.count(*) FILTER (WHERE d.y = 0),
		   pg_catalog.avg(d.y::numeric)::float8, pg_catalog.stddev_samp(d.y::numeric)::float8
	  INTO n_docs, n_pos, n_neg, y_mean, y_sd
	  FROM pg_temp.emotion_crm_learn_docs d;
	IF n_docs < 50 THEN
		RAISE EXCEPTION 'too few rows to learn a lexicon: % with a text and an outcome', n_docs
			USING ERRCODE = 'data_exception',
			DETAIL = 'learn_lexicon needs at least 50 rows.';
	END IF;
	IF mode = 'binary' AND (n_pos < 10 OR n_neg < 10) THEN
		RAISE EXCEPTION 'too few rows in an outcome class to learn a lexicon: % good, % other', n_pos, n_neg
			USING ERRCODE = 'data_exception',
			DETAIL = 'learn_lexicon needs at least 10 rows of each class.';
	END IF;
	IF mode = 'numeric' THEN
		SELECT pg_catalog.count(*) FILTER (WHERE d.y > y_mean), pg_catalog.count(*) FILTER (WHERE d.y < y_mean)
		  INTO n_above, n_below
		  FROM pg_temp.emotion_crm_learn_docs d;
		IF n_above < 10 OR n_below < 10 THEN
			RAISE EXCEPTION 'too little variation in the outcome to learn a lexicon: % rows above the mean, % below', n_above, n_below
				USING ERRCODE = 'data_exception',
				DETAIL = 'learn_lexicon needs at least 10 rows above and 10 below the mean outcome.';
		END IF;
	END IF;

	-- term-document incidences per class (the multinomial totals of the log-odds model)
	SELECT pg_catalog.count(*) FILTER (WHERE t.y = 1), pg_catalog.count(*) FILTER (WHERE t.y = 0)
	  INTO inc_pos, inc_neg
	  FROM pg_temp.emotion_crm_learn_terms t;

	-- the fit: one row per term with enough documents
	IF pg_catalog.to_regclass('pg_temp.emotion_crm_learn_fit') IS NOT NULL THEN
		DROP TABLE pg_temp.emotion_crm_learn_fit;
	END IF;
	IF mode = 'binary' THEN
		-- log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
		-- and Quinn 2008): pseudo-count a = prior * docs of the term, added to
		-- its count in each class; a0 = prior * all incidences
		CREATE TEMP TABLE emotion_crm_learn_fit ON COMMIT DROP AS
		SELECT s.term, s.docs, s.delta / pg_catalog.sqrt(s.var) AS z,
			   s.delta * pg_catalog.sqrt(3.0::float8) / pg_catalog.pi() AS effect
		  FROM (SELECT c.term, c.docs,
					   pg_catalog.ln((c.c1 + c.a) / (inc_pos + c.a0 - c.c1 - c.a))
					 - pg_catalog.ln((c.c0 + c.a) / (inc_neg + c.a0 - c.c0 - c.a)) AS delta,
					   1.0 / (c.c1 + c.a) + 1.0 / (c.c0 + c.a) AS var
				  FROM (SELECT t.term, pg_catalog.count(*) AS docs,
							   (pg_catalog.count(*) FILTER (WHERE t.y = 1))::float8 AS c1,
							   (pg_catalog.count(*) FILTER (WHERE t.y = 0))::float8 AS c0,
							   prior * pg_catalog.count(*) AS a,
							   prior * (inc_pos + inc_neg) AS a0
						  FROM pg_temp.emotion_crm_learn_terms t
						 GROUP BY t.term
						HAVING pg_catalog.count(*) >= min_count) c) s;
	ELSE
		-- ridge-shrunk mean difference: the mean outcome of the documents
		-- with the term, shrunk toward the overall mean by prior * docs
		-- pseudo-documents, minus the mean of the documents without it, in
		-- outcome standard deviations (effect) and standard errors (z)
		CREATE TEMP TABLE emotion_crm_learn_fit ON COMMIT DROP AS
		SELECT s.term, s.docs,
			   (s.m_with - s.m_without) / (y_sd * pg_catalog.sqrt(1.0 / (s.docs + s.lambda) + 1.0 / (n_docs - s.docs))) AS z,
			   (s.m_with - s.m_without) / y_sd AS effect
		  FROM (SELECT c.term, c.docs, c.lambda,
					   ((c.sum_y + c.lambda * y_mean) / (c.docs + c.lambda))::float8 AS m_with,
					   ((y_mean * n_docs - c.sum_y) / (n_docs - c.docs))::float8 AS m_without
				  FROM (SELECT t.term, pg_catalog.count(*) AS docs,
							   pg_catalog.sum(t.y::numeric)::float8 AS sum_y,
							   prior * pg_catalog.count(*) AS lambda
						  FROM pg_temp.emotion_crm_learn_terms t
						 GROUP BY t.term
						HAVING pg_catalog.count(*) >= min_count AND pg_catalog.count(*) < n_docs) c) s;
	END IF;

	-- by default a Bonferroni threshold: the family-wise chance that any term
	-- with no real association passes is 5%
	IF min_z IS NULL THEN
		SELECT emotion_crm.bonferroni_z(0.05, GREATEST(pg_catalog.count(*), 1))
		  INTO min_z FROM pg_temp.emotion_crm_learn_fit;
	END IF;

	-- keep the terms with |z| >= min_z that can be lexicon terms; unless
	-- include_known, only terms the built-in lexicon neither scores nor uses
	-- as a modifier (a negator, booster, dampener or contrast word changes
	-- the sentiment of "<term> good"); valence = tanh(effect)
	IF pg_catalog.to_regclass('pg_temp.emotion_crm_learn_result') IS NOT NULL THEN
		DROP TABLE pg_temp.emotion_crm_learn_result;
	END IF;
	CREATE TEMP TABLE emotion_crm_learn_result ON COMMIT DROP AS
	SELECT f.term, pg_catalog.tanh(f.effect)::real AS valence, f.z, f.effect, f.docs
	  FROM pg_temp.emotion_crm_learn_fit f,
		   (SELECT CASE learn_lexicon.language WHEN 'es' THEN 'bueno' WHEN 'de' THEN 'gut' WHEN 'fr' THEN 'bon'
											   WHEN 'pt' THEN 'bom' ELSE 'good' END AS word) probe
	 WHERE pg_catalog.abs(f.z) >= min_z
	   AND emotion_crm.lexicon_term_ok(f.term)
	   AND (include_known
			OR (@extschema@.evidence(@extschema@.emotion_score(f.term, NULL::text, learn_lexicon.language)) = 0
				AND @extschema@.sentiment(f.term || ' ' || probe.word, NULL::text, learn_lexicon.language)
					= @extschema@.sentiment(probe.word, NULL::text, learn_lexicon.language)));

	SELECT pg_catalog.count(*) INTO n_terms FROM pg_temp.emotion_crm_learn_result;

	IF lex_exists THEN
		UPDATE emotion_crm.lexicons l SET language = learn_lexicon.language WHERE l.name = learn_lexicon.name;
		DELETE FROM emotion_crm.lexicon_entries e WHERE e.lexicon = learn_lexicon.name AND e.source = 'learned';
	ELSE
		INSERT INTO emotion_crm.lexicons (name, language, description)
		VALUES (learn_lexicon.name, learn_lexicon.language, NULL);
	END IF;
	UPDATE emotion_crm.lexicons l
	   SET description = pg_catalog.format(
			'learned by learn_lexicon from %s rows with a %s outcome%s: %s terms (min_count %s, prior %s, min_z %s)',
			n_docs, mode,
			CASE WHEN mode = 'binary' THEN pg_catalog.format(' (%s good, %s other)', n_pos, n_neg) ELSE '' END,
			n_terms, min_count, prior, pg_catalog.round(min_z::numeric, 2))
	 WHERE l.name = learn_lexicon.name;

	-- hand-written entries of the lexicon win over learned ones
	INSERT INTO emotion_crm.lexicon_entries (lexicon, term, valence, source)
	SELECT learn_lexicon.name, r.term, r.valence, 'learned'
	  FROM pg_temp.emotion_crm_learn_result r
	 ORDER BY r.term COLLATE "C"
	ON CONFLICT DO NOTHING;

	RETURN QUERY
	SELECT r.term, r.valence, r.z, r.effect, r.docs
	  FROM pg_temp.emotion_crm_learn_result r
	 ORDER BY r.valence, r.term COLLATE "C";

	DROP TABLE pg_temp.emotion_crm_learn_result;
	DROP TABLE pg_temp.emotion_crm_learn_fit;
	DROP TABLE pg_temp.emotion_crm_learn_terms;
	DROP TABLE pg_temp.emotion_crm_learn_docs;
END
$$;
COMMENT ON FUNCTION emotion_crm.learn_lexicon(text, text, integer, float8, float8, text, boolean, text, boolean) IS
	'learns the user lexicon `name` from a query returning (text, outcome): terms whose documents go with a better or worse outcome '
	'(log-odds with an informative Dirichlet prior for boolean/text outcomes, a shrunk mean difference for numeric ones); '
	'runs the query with the caller''s privileges and returns the learned entries';

-- ---------------------------------------------------------------------------
-- evaluate
-- ---------------------------------------------------------------------------
CREATE FUNCTION emotion_crm.evaluate(query text, lexicon text DEFAULT NULL, neutral_band float8 DEFAULT 0.05)
RETURNS TABLE(n bigint, pearson_r float8, accuracy float8, macro_f1 float8)
LANGUAGE plpgsql VOLATILE
AS $$
#variable_conflict use_column
DECLARE
	q text;
	cat "char";
	typ regtype;
	lnum text;
	lcls text;
	score text;
	bad text;
	r record;
BEGIN
	IF query IS NULL THEN
		RAISE EXCEPTION 'query must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF neutral_band IS NULL OR NOT (neutral_band >= 0 AND neutral_band < 1) THEN
		RAISE EXCEPTION 'neutral_band must be in [0, 1)' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	q := emotion_crm.query_body(query);
	typ := emotion_crm.query_column_type(q, 'c2', 2);
	SELECT t.typcategory INTO cat FROM pg_catalog.pg_type t WHERE t.oid = typ;

	-- the label as a number (for r) and as a class -1/0/1
	IF cat = 'N' THEN
		lnum := emotion_crm.float8_expr('q.c2', typ);
		lcls := pg_catalog.format('CASE WHEN %1$s > $2 THEN 1 WHEN %1$s < -$2 THEN -1 ELSE 0 END', lnum);
	ELSIF cat = 'B' THEN
		lnum := 'CASE WHEN q.c2 THEN 1.0 ELSE -1.0 END';
		lcls := 'CASE WHEN q.c2 THEN 1 ELSE -1 END';
	ELSE
		lcls := 'CASE pg_catalog.lower(pg_catalog.btrim(q.c2::text)) WHEN ''negative'' THEN -1 WHEN ''neutral'' THEN 0 WHEN ''positive'' THEN 1 END';
		lnum := lcls || '::float8';
	END IF;
	IF lexicon IS NULL THEN
		score := '@extschema@.sentiment(d.doc)';
	ELSE
		score := '@extschema@.sentiment(d.doc, $1)';
	END IF;

	EXECUTE pg_catalog.format($f$
		WITH d AS MATERIALIZED (
			SELECT q.c1::text AS doc, (%s)::float8 AS y, (%s) AS truth, q.c2::text AS raw
			  FROM (%s) AS q(c1, c2)
			 WHERE q.c1 IS NOT NULL AND q.c2 IS NOT NULL),
		p AS (
			SELECT d.y, d.truth, s.s, CASE WHEN s.s > $2 THEN 1 WHEN s.s < -$2 THEN -1 ELSE 0 END AS pred
			  FROM d, LATERAL (SELECT %s AS s) s
			 WHERE d.truth IS NOT NULL),
		c AS (SELECT p.truth AS k FROM p UNION SELECT p.pred FROM p),
		f AS (
			SELECT c.k,
				   pg_catalog.count(*) FILTER (WHERE p.truth = c.k AND p.pred = c.k) AS tp,
				   pg_catalog.count(*) FILTER (WHERE p.truth <> c.k AND p.pred = c.k) AS fp,
				   pg_catalog.count(*) FILTER (WHERE p.truth = c.k AND p.pred <> c.k) AS fn
			  FROM c, p GROUP BY c.k)
		SELECT (SELECT pg_catalog.count(*) FROM p) AS n,
			   (SELECT pg_catalog.corr(p.s, p.y) FROM p) AS r,
			   (SELECT pg_catalog.avg(CASE WHEN p.pred = p.truth THEN 1.0 ELSE 0.0 END)::float8 FROM p) AS acc,
			   (SELECT pg_catalog.avg(CASE WHEN 2 * f.tp + f.fp + f.fn = 0 THEN 0.0
										   ELSE 2.0 * f.tp / (2 * f.tp + f.fp + f.fn) END)::float8 FROM f) AS f1,
			   (SELECT pg_catalog.min(d.raw) FROM d WHERE d.truth IS NULL) AS bad
		$f$, lnum, lcls, q, score)
	INTO r USING lexicon, neutral_band;

	IF r.bad IS NOT NULL THEN
		RAISE EXCEPTION 'unknown label "%"', r.bad USING ERRCODE = 'data_exception',
			HINT = 'Text labels must be negative, neutral or positive; or use a number (its sign) or a boolean.';
	END IF;
	n := r.n;
	pearson_r := r.r;
	accuracy := r.acc;
	macro_f1 := r.f1;
	RETURN NEXT;
END
$$;
COMMENT ON FUNCTION emotion_crm.evaluate(text, text, float8) IS
	'how well sentiment (built-in or with a user lexicon) predicts the labels of a query returning (text, label): '
	'Pearson r, and accuracy and macro-F1 of negative/neutral/positive with sentiment within +-neutral_band as neutral';

-- ---------------------------------------------------------------------------
-- outcome_drivers
-- ---------------------------------------------------------------------------
CREATE FUNCTION emotion_crm.outcome_drivers(query text, positive text DEFAULT NULL, as_of timestamptz DEFAULT NULL)
RETURNS TABLE(feature text, measure text, effect float8, r float8, n bigint,
			  n_positive bigint, n_negative bigint, mean_positive float8, mean_negative float8)
LANGUAGE plpgsql VOLATILE
AS $$
#variable_conflict use_column
DECLARE
	q text;
	ylabel text;
	is_binary boolean;
	chk record;
BEGIN
	IF query IS NULL THEN
		RAISE EXCEPTION 'query must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	q := emotion_crm.query_body(query);
	SELECT o.is_binary, o.expr INTO is_binary, ylabel
	  FROM emotion_crm.outcome_expr(q, 'c4', 4, positive) o;

	IF pg_catalog.to_regclass('pg_temp.emotion_crm_drivers') IS NOT NULL THEN
		DROP TABLE pg_temp.emotion_crm_drivers;
	END IF;
	EXECUTE pg_catalog.format($f$
		CREATE TEMP TABLE emotion_crm_drivers ON COMMIT DROP AS
		WITH r0 AS MATERIALIZED (
			SELECT q.c1::text AS customer, q.c2::timestamptz AS at, q.c3::@extschema@.emotion AS e, (%s)::float8 AS y
			  FROM (%s) AS q(c1, c2, c3, c4)
			 WHERE q.c1 IS NOT NULL AND q.c2 IS NOT NULL AND q.c3 IS NOT NULL AND q.c4 IS NOT NULL),
		asof AS (SELECT coalesce($1, pg_catalog.max(r0.at)) AS t FROM r0),
		cust AS (
			SELECT r0.customer, pg_catalog.min(r0.y) AS y, pg_catalog.max(r0.y) AS y_max,
				   @extschema@.emotion_journey(r0.e, r0.at ORDER BY r0.at, r0.e) AS j,
				   @extschema@.emotion_avg(r0.e) AS a
			  FROM r0 GROUP BY r0.customer)
		SELECT cust.customer, cust.y, cust.y_max, v.feature, v.ord, v.x
		  FROM cust, asof,
			   LATERAL (VALUES
				(1, 'valence', @extschema@.journey_mean(cust.j)),
				(2, 'arousal', @extschema@.emotion_field(cust.a, 'arousal')),
				(3, 'joy', @extschema@.emotion_field(cust.a, 'joy')),
				(4, 'trust', @extschema@.emotion_field(cust.a, 'trust')),
				(5, 'fear', @extschema@.emotion_field(cust.a, 'fear')),
				(6, 'surprise', @extschema@.emotion_field(cust.a, 'surprise')),
				(7, 'sadness', @extschema@.emotion_field(cust.a, 'sadness')),
				(8, 'disgust', @extschema@.emotion_field(cust.a, 'disgust')),
				(9, 'anger', @extschema@.emotion_field(cust.a, 'anger')),
				(10, 'anticipation', @extschema@.emotion_field(cust.a, 'anticipation')),
				(11, 'interactions', @extschema@.journey_count(cust.j)::float8),
				(12, 'trough', @extschema@.journey_trough(cust.j)),
				(13, 'peak', @extschema@.journey_peak(cust.j)),
				(14, 'trend', @extschema@.journey_trend(cust.j)),
				(15, 'volatility', @extschema@.journey_volatility(cust.j)),
				(16, 'mood', @extschema@.journey_mood(cust.j)),
				(17, 'negativity', @extschema@.journey_negativity(cust.j)),
				(18, 'longest_negative_streak', @extschema@.journey_longest_negative_streak(cust.j)::float8),
				(19, 'swings', @extschema@.journey_swings(cust.j)::float8),
				(20, 'days_since_last', @extschema@.journey_days_since_last(cust.j, asof.t)),
				(21, 'churn_risk', @extschema@.journey_churn_risk(cust.j, asof.t))) AS v(ord, feature, x)
		$f$, ylabel, q)
	USING as_of;

	SELECT pg_catalog.count(DISTINCT d.customer) AS customers,
		   pg_catalog.count(DISTINCT d.customer) FILTER (WHERE d.y = 1) AS pos,
		   pg_catalog.count(DISTINCT d.customer) FILTER (WHERE d.y = 0) AS neg,
		   pg_catalog.min(d.customer) FILTER (WHERE d.y <> d.y_max) AS mixed
	  INTO chk
	  FROM pg_temp.emotion_crm_drivers d;
	IF chk.mixed IS NOT NULL THEN
		RAISE EXCEPTION 'customer "%" has more than one outcome', chk.mixed USING ERRCODE = 'data_exception',
			DETAIL = 'outcome_drivers compares customers: every row of a customer must carry the same outcome.';
	END IF;
	IF is_binary AND (chk.pos < 10 OR chk.neg < 10) THEN
		RAISE EXCEPTION 'too few customers in an outcome group: % positive, % other', chk.pos, chk.neg
			USING ERRCODE = 'data_exception', DETAIL = 'outcome_drivers needs at least 10 customers in each group.';
	END IF;
	IF NOT is_binary AND chk.customers < 20 THEN
		RAISE EXCEPTION 'too few customers: %', chk.customers
			USING ERRCODE = 'data_exception', DETAIL = 'outcome_drivers needs at least 20 customers for a numeric outcome.';
	END IF;

	IF is_binary THEN
		RETURN QUERY
		SELECT s.feature, 'cohen_d'::text,
			   CASE WHEN s.sd > 0 THEN (s.m1 - s.m0) / s.sd END,
			   s.r, s.n, s.n1, s.n0, s.m1, s.m0
		  FROM (SELECT d.feature, pg_catalog.min(d.ord) AS ord,
					   pg_catalog.count(*) AS n,
					   pg_catalog.count(*) FILTER (WHERE d.y = 1) AS n1,
					   pg_catalog.count(*) FILTER (WHERE d.y = 0) AS n0,
					   pg_catalog.avg(d.x::numeric) FILTER (WHERE d.y = 1)::float8 AS m1,
					   pg_catalog.avg(d.x::numeric) FILTER (WHERE d.y = 0)::float8 AS m0,
					   pg_catalog.sqrt(((pg_catalog.count(*) FILTER (WHERE d.y = 1) - 1)
										* coalesce(pg_catalog.var_samp(d.x::numeric) FILTER (WHERE d.y = 1), 0)
									  + (pg_catalog.count(*) FILTER (WHERE d.y = 0) - 1)
										* coalesce(pg_catalog.var_samp(d.x::numeric) FILTER (WHERE d.y = 0), 0))
									 / NULLIF(pg_catalog.count(*) - 2, 0))::float8 AS sd,
					   pg_catalog.corr(d.x, d.y) AS r
				  FROM pg_temp.emotion_crm_drivers d
				 WHERE d.x IS NOT NULL
				 GROUP BY d.feature) s
		 ORDER BY pg_catalog.abs(CASE WHEN s.sd > 0 THEN (s.m1 - s.m0) / s.sd END) DESC NULLS LAST, s.ord;
	ELSE
		RETURN QUERY
		SELECT s.feature, 'pearson_r'::text, s.r, s.r, s.n,
			   NULL::bigint, NULL::bigint, NULL::float8, NULL::float8
		  FROM (SELECT d.feature, pg_catalog.min(d.ord) AS ord, pg_catalog.count(*) AS n,
					   pg_catalog.corr(d.x, d.y) AS r
				  FROM pg_temp.emotion_crm_drivers d
				 WHERE d.x IS NOT NULL
				 GROUP BY d.feature) s
		 ORDER BY pg_catalog.abs(s.r) DESC NULLS LAST, s.ord;
	END IF;
	DROP TABLE pg_temp.emotion_crm_drivers;
END
$$;
COMMENT ON FUNCTION emotion_crm.outcome_drivers(text, text, timestamptz) IS
	'which emotions and journey measures go with an outcome: from a query returning (customer, at, emotion, outcome), '
	'one row per measure of the customers'' journeys with its effect size (Cohen''s d between the positive and the other '
	'customers, or Pearson r with a numeric outcome), ordered by the size of the effect';
