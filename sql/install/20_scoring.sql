
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
