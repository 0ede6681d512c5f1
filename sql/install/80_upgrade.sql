
-- ---------------------------------------------------------------------------
-- Upgrades: the objects track() generates for each source (its trigger
-- function, the views over all sources) are not extension members, so
-- ALTER EXTENSION ... UPDATE does not replace them by itself.  An upgrade
-- script that changes how they are generated redefines
-- create_trigger_function() or rebuild_views() and then calls
-- regenerate_sources(), which brings every tracked source to the new
-- definitions, exactly as if track() had run under the new version.
-- ---------------------------------------------------------------------------

-- the generated objects that exist now: each source's trigger function,
-- emotion_crm.count_contact (generated with the views for the sources' side
-- tables), the five views rebuild_views() makes and any view over them, with whether
-- they are (for the moment) members of the extension
CREATE FUNCTION emotion_crm.generated_objects(OUT kind text, OUT identity text, OUT member boolean)
RETURNS SETOF record
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH RECURSIVE views(oid) AS (
		SELECT pg_catalog.to_regclass('emotion_crm.' OPERATOR(pg_catalog.||) v)::pg_catalog.oid
		FROM pg_catalog.unnest(ARRAY['interactions', 'customer_state', 'mood_daily', 'segment_sizes', 'escalation_queue']) v
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
			 AND p.pronargs OPERATOR(pg_catalog.=) 0
		UNION ALL
		SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, 'FUNCTION', p.oid::pg_catalog.regprocedure::pg_catalog.text
		FROM pg_catalog.pg_proc p
		WHERE p.proname OPERATOR(pg_catalog.=) 'count_contact'
		  AND p.pronamespace OPERATOR(pg_catalog.=) 'emotion_crm'::pg_catalog.regnamespace)
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
	'internal: the objects track() generates (trigger functions of the tracked sources, count_contact, the views rebuild_views() makes and views over them) and whether each is an extension member';

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
