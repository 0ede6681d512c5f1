
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
