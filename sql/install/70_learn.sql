
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
	 ORDER BY r.valence, pg_catalog.convert_to(r.term, 'UTF8');	-- code point order in every encoding

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
