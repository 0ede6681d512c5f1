
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
