-- emotion_crm upgrade from 0.1.0 to 0.2.0.
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION emotion_crm UPDATE TO '0.2.0'" to load this file. \quit

-- Every change to sql/install/ between 0.1.0 and 0.2.0 is mirrored here, in
-- the order of the install script's parts; test/t/050_upgrade.pl checks that
-- a database upgraded with this script equals a fresh 0.2.0 install.

-- ---- 50_crm: the trigger function generator replaces in place ------------
CREATE OR REPLACE FUNCTION emotion_crm.create_trigger_function(s emotion_crm.sources, fname name) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $fn$
DECLARE
	clean text := CASE WHEN s.preprocess
					   THEN format('emotion_crm.customer_text(COALESCE(NEW.%I::pg_catalog.text, ''''))', s.text_column)
					   ELSE format('COALESCE(NEW.%I::pg_catalog.text, '''')', s.text_column) END;
BEGIN
	EXECUTE format($f$
CREATE OR REPLACE FUNCTION emotion_crm.%1$I() RETURNS trigger
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
	'internal: creates (or replaces) the row trigger function of a tracked source';

-- ---- 70_learn: learn_lexicon returns ties in code point order ----------------
-- (before: in the byte order of the database encoding, which differs from
-- code point order outside UTF8)
CREATE OR REPLACE FUNCTION emotion_crm.learn_lexicon(
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

-- ---- 80_upgrade: regenerating the per-source objects ----------------------
-- the generated objects that exist now: each source's trigger function and
-- the views over emotion_crm.interactions (itself included), with whether
-- they are (for the moment) members of the extension
CREATE FUNCTION emotion_crm.generated_objects(OUT kind text, OUT identity text, OUT member boolean)
RETURNS SETOF record
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH RECURSIVE views(oid) AS (
		SELECT pg_catalog.to_regclass('emotion_crm.interactions')::pg_catalog.oid
		UNION
		SELECT r.ev_class
		FROM views v
		JOIN pg_catalog.pg_depend d ON d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
			 AND d.refobjid OPERATOR(pg_catalog.=) v.oid
			 AND d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
		JOIN pg_catalog.pg_rewrite r ON r.oid OPERATOR(pg_catalog.=) d.objid
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) r.ev_class
		WHERE c.relkind OPERATOR(pg_catalog.=) 'v'
		  AND c.relnamespace OPERATOR(pg_catalog.=) 'emotion_crm'::pg_catalog.regnamespace
		  AND r.ev_class OPERATOR(pg_catalog.<>) v.oid),
	objs(classid, objid, kind, identity) AS (
		SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, 'VIEW', v.oid::pg_catalog.regclass::pg_catalog.text
		FROM views v WHERE v.oid IS NOT NULL
		UNION ALL
		SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, 'FUNCTION', p.oid::pg_catalog.regprocedure::pg_catalog.text
		FROM emotion_crm.sources s
		JOIN pg_catalog.pg_proc p ON p.proname OPERATOR(pg_catalog.=) s.trigger_function
			 AND p.pronamespace OPERATOR(pg_catalog.=) 'emotion_crm'::pg_catalog.regnamespace
			 AND p.pronargs OPERATOR(pg_catalog.=) 0)
	SELECT o.kind, o.identity,
		   EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
				   JOIN pg_catalog.pg_extension x ON x.oid OPERATOR(pg_catalog.=) e.refobjid
				   WHERE e.classid OPERATOR(pg_catalog.=) o.classid AND e.objid OPERATOR(pg_catalog.=) o.objid
					 AND e.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
					 AND e.deptype OPERATOR(pg_catalog.=) 'e' AND x.extname OPERATOR(pg_catalog.=) 'emotion_crm')
	FROM objs o
	ORDER BY 1, 2
$$;
REVOKE ALL ON FUNCTION emotion_crm.generated_objects() FROM PUBLIC;
COMMENT ON FUNCTION emotion_crm.generated_objects() IS
	'internal: the objects track() generates (trigger functions of the tracked sources, the views over emotion_crm.interactions) and whether each is an extension member';

-- An extension script may replace only its extension's own objects, and
-- whatever it creates (or grants on) becomes part of the extension.  So the
-- generated objects join the extension while they are replaced and leave it
-- afterwards, which also drops the privileges PostgreSQL records for
-- extension members (pg_init_privs): pg_dump keeps dumping them as the
-- database's own objects, with their grants.  Replacing in place keeps
-- their owners, privileges, the triggers on the sources and any views users
-- built on the emotion_crm views.  Outside an upgrade script the same steps
-- are harmless (the caller must own the extension).
CREATE FUNCTION emotion_crm.regenerate_sources() RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
	o record;
	s emotion_crm.sources;
	n integer := 0;
BEGIN
	FOR o IN SELECT * FROM emotion_crm.generated_objects() g WHERE NOT g.member LOOP
		EXECUTE format('ALTER EXTENSION emotion_crm ADD %s %s', o.kind, o.identity);
	END LOOP;
	FOR s IN SELECT * FROM emotion_crm.sources x ORDER BY x.source::text LOOP
		PERFORM emotion_crm.create_trigger_function(s, s.trigger_function);
		n := n + 1;
	END LOOP;
	PERFORM emotion_crm.rebuild_views();
	FOR o IN SELECT * FROM emotion_crm.generated_objects() g WHERE g.member LOOP
		EXECUTE format('ALTER EXTENSION emotion_crm DROP %s %s', o.kind, o.identity);
	END LOOP;
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION emotion_crm.regenerate_sources() FROM PUBLIC;
COMMENT ON FUNCTION emotion_crm.regenerate_sources() IS
	'internal, for upgrade scripts: re-creates the trigger function of every tracked source and the views with this version''s definitions, in place; returns the number of sources';

-- ---- last: every tracked source to the 0.2.0 definitions ------------------
-- (steps that change the side tables come before this; the trigger
-- functions and views are replaced by the generators redefined above)
SELECT emotion_crm.regenerate_sources();
