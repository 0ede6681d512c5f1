
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
