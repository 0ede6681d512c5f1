-- emotion_crm upgrade from 0.1.0 to 0.2.0.
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION emotion_crm UPDATE TO '0.2.0'" to load this file. \quit

-- Every change to sql/install/ between 0.1.0 and 0.2.0 is mirrored here, in
-- the order of the install script's parts; test/t/050_upgrade.pl checks that
-- a database upgraded with this script equals a fresh 0.2.0 install.


-- ---- 50_crm, queue: escalation keys --------------------------------------
--
-- 0.1.0 computed the priority and the repeat count of every open case on
-- each read of emotion_crm.escalation_queue.  0.2.0 stores repeats, base and
-- qkey in each side table (kept by the source triggers) and reads the queue
-- through an index on qkey.  This part: the new helper functions, the
-- replaced track/untrack/backfill/trigger generator/view builder, the
-- weights trigger, then for every tracked source the new columns and
-- indexes, its regenerated trigger function, the rebuilt views and the
-- filled keys.

-- ---------------------------------------------------------------------------
-- escalation keys: the queue without computing every open case
--
-- priority = base * 0.5^(max(0, age_days) / half_life_days), and base (the
-- weighted sum) does not depend on the time.  For at <= now() ordering by
-- priority is ordering by the time-independent key
--     qkey = log2(base) + epoch(at) / (86400 * half_life_days)
-- and priority >= min_priority is qkey >= log2(min_priority) + epoch(now())
-- / (86400 * half_life_days).  Each side table stores repeats, base and qkey
-- (kept by the generated trigger, rekey() and backfill) with a btree index
-- on qkey, so the queue is a Merge Append that reads about LIMIT rows.
-- qkey is NULL where the time decay is not yet running when the row is
-- written (at NULL or in the future); the queue computes those few exactly.
-- These helpers return the SQL of the formula, so the trigger, the
-- recount, rekey() and backfill share one text of it.
-- ---------------------------------------------------------------------------
-- (Every operator is pg_catalog's by name: back-fill runs this SQL with the
-- caller's search_path.  The additions keep the left-to-right order of
-- emotion_crm.priority(), so the sums are the same to the bit.)
CREATE FUNCTION emotion_crm.base_sql(e text, cues text, repeats text, w text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.format('((((((%4$s.negative OPERATOR(pg_catalog.*) GREATEST(0, OPERATOR(pg_catalog.-) @extschema@.valence(%1$s)))
		OPERATOR(pg_catalog.+) (%4$s.anger OPERATOR(pg_catalog.*) @extschema@.emotion_field(%1$s, ''anger'')))
		OPERATOR(pg_catalog.+) (%4$s.disgust OPERATOR(pg_catalog.*) @extschema@.emotion_field(%1$s, ''disgust'')))
		OPERATOR(pg_catalog.+) (%4$s.sadness OPERATOR(pg_catalog.*) @extschema@.emotion_field(%1$s, ''sadness'')))
		OPERATOR(pg_catalog.+) (%4$s.effort_cue OPERATOR(pg_catalog.*) LEAST(COALESCE(%2$s, 0), %4$s.max_cues)::pg_catalog.float8))
		OPERATOR(pg_catalog.+) (%4$s.repeat_contact OPERATOR(pg_catalog.*) LEAST(COALESCE(%3$s, 0), %4$s.max_repeats)::pg_catalog.float8))',
		e, cues, repeats, w)
$$;
COMMENT ON FUNCTION emotion_crm.base_sql(text, text, text, text) IS
	'internal: SQL of the time-independent part of the escalation priority (the weighted sum) for expressions e, cues, repeats and the weights row w';

CREATE FUNCTION emotion_crm.qkey_sql(base text, at text, w text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.format('(CASE WHEN %2$s IS NULL OR %2$s OPERATOR(pg_catalog.>) pg_catalog.now() THEN NULL
		WHEN %1$s OPERATOR(pg_catalog.>) 0::pg_catalog.float8
		THEN (pg_catalog.ln(%1$s) OPERATOR(pg_catalog./) pg_catalog.ln(2::pg_catalog.float8))
			 OPERATOR(pg_catalog.+) (pg_catalog.date_part(''epoch'', %2$s)
				OPERATOR(pg_catalog./) (86400::pg_catalog.float8 OPERATOR(pg_catalog.*) %3$s.half_life_days))
		ELSE ''-Infinity''::pg_catalog.float8 END)', base, at, w)
$$;
COMMENT ON FUNCTION emotion_crm.qkey_sql(text, text, text) IS
	'internal: SQL of the queue key log2(base) + epoch(at)/(86400*half_life_days) (NULL when at is NULL or in the future)';

CREATE FUNCTION emotion_crm.contacts_sql(customer text, at text, w text, exclude text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.format('SELECT pg_catalog.count(*) FILTER (WHERE o.at < %2$s), pg_catalog.count(*) FILTER (WHERE o.at > %2$s)
		FROM emotion_crm.interactions o
		WHERE o.customer = %1$s AND o.at >= %2$s - %3$s.repeat_window_days * interval ''1 day''
		  AND o.at <= %2$s + %3$s.repeat_window_days * interval ''1 day''%4$s',
		customer, at, w, exclude)
$$;
COMMENT ON FUNCTION emotion_crm.contacts_sql(text, text, text, text) IS
	'internal: SQL counting a customer''s contacts (any source) within repeat_window_days before at (the repeat count) and after it (the contacts that count this one)';

-- repeats, base and qkey of side-table rows d recomputed from the weights
-- row w and the new repeat count n: (SELECT r.n, r.b, r.k FROM ...) r
CREATE FUNCTION emotion_crm.rekey_sql(repeats text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.format('(SELECT r.n, r.b, %s AS k FROM (SELECT x.n, %s AS b FROM (SELECT %s AS n) x) r)',
		emotion_crm.qkey_sql('r.b', 'd.at', 'w'), emotion_crm.base_sql('d.e', 'd.cues', 'x.n', 'w'), repeats)
$$;
COMMENT ON FUNCTION emotion_crm.rekey_sql(text) IS
	'internal: subquery recomputing repeats, base and qkey of side-table rows d from the weights row w and a repeat count';

-- the smallest qkey a case needs to reach min_priority now, less a small
-- relative slack for rounding (the queue tests the exact priority after
-- it); -Infinity for min_priority <= 0, NULL without a weights row.  A
-- stable function rather than a subquery, so the planner estimates the
-- index range from the statistics.
CREATE FUNCTION emotion_crm.queue_threshold() RETURNS float8
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT COALESCE(k.t - 1e-9 * (1 + abs(k.t)), '-Infinity')
	FROM emotion_crm.escalation_weights w
	CROSS JOIN LATERAL (SELECT CASE WHEN w.min_priority > 0
		THEN pg_catalog.ln(w.min_priority) / pg_catalog.ln(2::pg_catalog.float8)
			 + pg_catalog.date_part('epoch', pg_catalog.now()) / (86400 * w.half_life_days) END AS t) k
	LIMIT 1
$$;
COMMENT ON FUNCTION emotion_crm.queue_threshold() IS
	'the lowest escalation key (qkey) that can reach min_priority now: log2(min_priority) + epoch(now())/(86400*half_life_days), less a rounding slack';

-- advisory lock keys: (EC_LOCK, 0) is shared by every tracked write and
-- taken exclusively by rekey() and a back-fill batch; (EC_LOCK + 1,
-- hashtext(customer)) serialises the writes of one customer's contacts
CREATE FUNCTION emotion_crm.lock_key() RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT 1701670755 $$;
COMMENT ON FUNCTION emotion_crm.lock_key() IS
	'first key of the advisory locks emotion_crm takes: (k, 0) around tracked writes (shared) and rekey/back-fill batches (exclusive), (k + 1, hashtext(customer)) per customer';

-- The row trigger function of one source, generated by track() with static
-- SQL (plans cached per session) and every reference schema-qualified.
-- SECURITY DEFINER (owned by whoever ran track()), so writers of the source
-- need no rights on the side table; fixed search_path.
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
	v_cust pg_catalog.text;
	v_at pg_catalog.timestamptz;
	v_old_cust pg_catalog.text;
	v_old_at pg_catalog.timestamptz;
	v_had pg_catalog.bool := false;
	v_later pg_catalog.int8;
	v_w emotion_crm.escalation_weights;
	v_rep pg_catalog.int8;
	v_base pg_catalog.float8;
	v_key pg_catalog.float8;
	v_pr pg_catalog.float8;
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		TRUNCATE %2$s;
		-- the other sources' repeat counts lose these contacts
		PERFORM emotion_crm.rekey(true);
		RETURN NULL;
	END IF;
	-- rekey() and back-fill batches wait for tracked writes (and back)
	PERFORM pg_catalog.pg_advisory_xact_lock_shared(%20$s, 0);
	IF TG_OP <> 'INSERT' THEN
		v_old_cust := OLD.%5$I::pg_catalog.text;
		v_old_at := OLD.%6$I::pg_catalog.timestamptz;
	END IF;
	-- the contacts counted a removed row: one less for each (an id change
	-- removes the row under its old id)
	IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.%3$I IS DISTINCT FROM NEW.%3$I) THEN
		PERFORM pg_catalog.pg_advisory_xact_lock(%19$s, pg_catalog.hashtext(v_old_cust));
		DELETE FROM %2$s WHERE id = OLD.%3$I RETURNING customer, at INTO v_old_cust, v_old_at;
		IF FOUND THEN
			PERFORM emotion_crm.count_contact(v_old_cust, v_old_at, -1, %12$L, OLD.%3$I::pg_catalog.text);
		END IF;
		IF TG_OP = 'DELETE' THEN
			RETURN NULL;
		END IF;
	ELSIF TG_OP = 'UPDATE' THEN
		IF (OLD.%4$I::pg_catalog.text, OLD.%5$I::pg_catalog.text, OLD.%6$I::pg_catalog.text, %7$s)
			  IS NOT DISTINCT FROM (NEW.%4$I::pg_catalog.text, NEW.%5$I::pg_catalog.text, NEW.%6$I::pg_catalog.text, %8$s)%13$s THEN
			RETURN NULL;
		ELSE
			PERFORM pg_catalog.pg_advisory_xact_lock(%19$s, pg_catalog.hashtext(v_old_cust));
		END IF;
	END IF;%14$s
	v_cust := NEW.%5$I::pg_catalog.text;
	v_at := NEW.%6$I::pg_catalog.timestamptz;
	PERFORM pg_catalog.pg_advisory_xact_lock(%19$s, pg_catalog.hashtext(v_cust));
	-- where an updated row is counted now (if it has a score row)
	IF TG_OP = 'UPDATE' THEN
		SELECT d.customer, d.at INTO v_old_cust, v_old_at FROM %2$s d WHERE d.id = NEW.%3$I;
		v_had := FOUND;
	END IF;
	v_clean := %9$s;
	v_e := @extschema@.emotion_score(v_clean);
	v_cues := emotion_crm.effort_cues(v_clean);
	v_agent := %15$s;
	v_open := %10$s;
	-- the escalation key: earlier contacts (without this row's old version),
	-- the weighted sum, log2 of it plus the time term; and whether any
	-- contact after this one is there to count it
	SELECT * INTO v_w FROM emotion_crm.escalation_weights;
	%16$s
	  INTO v_rep, v_later;
	v_base := %17$s;
	v_key := %18$s;
	INSERT INTO %2$s AS d (id, customer, at, channel, e, agent_e, cues, preprocessed, is_open, scored_at, repeats, base, qkey)
	VALUES (NEW.%3$I, v_cust, v_at, %11$L, v_e,
			CASE WHEN v_agent <> '' THEN @extschema@.emotion_score(v_agent) END, v_cues,
			v_clean IS DISTINCT FROM COALESCE(NEW.%4$I::pg_catalog.text, ''), v_open, pg_catalog.now(),
			v_rep, v_base, v_key)
	ON CONFLICT (id) DO UPDATE
	   SET customer = EXCLUDED.customer, at = EXCLUDED.at, channel = EXCLUDED.channel, e = EXCLUDED.e,
		   agent_e = EXCLUDED.agent_e, cues = EXCLUDED.cues, preprocessed = EXCLUDED.preprocessed, is_open = EXCLUDED.is_open,
		   scored_at = EXCLUDED.scored_at, repeats = EXCLUDED.repeats, base = EXCLUDED.base, qkey = EXCLUDED.qkey;
	-- the later contacts of the customer in the window count this one now
	-- (and those of its old customer and time no longer)
	IF NOT v_had OR (v_old_cust, v_old_at) IS DISTINCT FROM (v_cust, v_at) THEN
		IF v_had THEN
			PERFORM emotion_crm.count_contact(v_old_cust, v_old_at, -1, %12$L, NEW.%3$I::pg_catalog.text);
		END IF;
		IF v_later > 0 THEN
			PERFORM emotion_crm.count_contact(v_cust, v_at, 1, %12$L, NEW.%3$I::pg_catalog.text);
		END IF;
	END IF;

	-- alert: the priority of the formula of emotion_crm.priority()
	IF v_w.alert_threshold IS NULL OR v_at IS NULL
	   OR NOT COALESCE(v_open, v_at > pg_catalog.now() - v_w.open_days * interval '1 day') THEN
		RETURN NULL;
	END IF;
	v_pr := v_base * pg_catalog.power(0.5::pg_catalog.float8,
		GREATEST(0, pg_catalog.date_part('epoch', pg_catalog.now() - v_at) / 86400) / v_w.half_life_days);
	IF v_pr >= v_w.alert_threshold THEN
		PERFORM pg_catalog.pg_notify('emotion_crm_escalation',
			pg_catalog.json_build_object('source', %12$L, 'channel', %11$L, 'id', NEW.%3$I,
				'customer', v_cust, 'state', @extschema@.emotion_segment(v_e),
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
			 ELSE format(E'\n\t-- row filter\n\tIF NOT COALESCE((SELECT (%1$s) FROM (SELECT NEW.*) r), false) THEN\n' ||
						 E'\t\tPERFORM pg_catalog.pg_advisory_xact_lock(%2$s, pg_catalog.hashtext(v_old_cust));\n' ||
						 E'\t\tPERFORM pg_catalog.pg_advisory_xact_lock(%2$s, pg_catalog.hashtext(NEW.%3$I::pg_catalog.text));\n' ||
						 E'\t\tDELETE FROM %4$s WHERE id = NEW.%5$I RETURNING customer, at INTO v_old_cust, v_old_at;\n' ||
						 E'\t\tIF FOUND THEN\n' ||
						 E'\t\t\tPERFORM emotion_crm.count_contact(v_old_cust, v_old_at, -1, %6$L, NEW.%5$I::pg_catalog.text);\n' ||
						 E'\t\tEND IF;\n\t\tRETURN NULL;\n\tEND IF;',
						 s.row_filter, emotion_crm.lock_key() + 1, s.customer_column, s.side_table, s.id_column,
						 s.source::text) END,
		CASE WHEN s.preprocess
			 THEN format('emotion_crm.agent_text(COALESCE(NEW.%I::pg_catalog.text, ''''))', s.text_column)
			 ELSE '''''' END,
		emotion_crm.contacts_sql('v_cust', 'v_at', 'v_w',
			format(E'\n\t\t  AND (o.source <> %L::pg_catalog.regclass OR o.id <> NEW.%I::pg_catalog.text)',
				   s.source::text, s.id_column)),
		emotion_crm.base_sql('v_e', 'v_cues', 'v_rep', 'v_w'),
		emotion_crm.qkey_sql('v_base', 'v_at', 'v_w'),
		emotion_crm.lock_key() + 1, emotion_crm.lock_key());
	EXECUTE format('COMMENT ON FUNCTION emotion_crm.%I() IS %L', fname,
				   format('emotion_crm trigger of %s: keeps %s current, sends NOTIFY emotion_crm_escalation (created by emotion_crm.track)',
						  s.source, s.side_table));
	EXECUTE format('REVOKE ALL ON FUNCTION emotion_crm.%I() FROM PUBLIC', fname);
END
$fn$;
COMMENT ON FUNCTION emotion_crm.create_trigger_function(emotion_crm.sources, name) IS
	'internal: creates (or replaces) the row trigger function of a tracked source';
REVOKE ALL ON FUNCTION emotion_crm.create_trigger_function(emotion_crm.sources, name) FROM PUBLIC;

-- (re)create the union view and the dashboard views over all sources; with
-- no source left, drop them
CREATE OR REPLACE FUNCTION emotion_crm.rebuild_views() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
	u text;
	qb text;
	rc text;
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
		DROP FUNCTION IF EXISTS emotion_crm.count_contact(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.regclass, pg_catalog.text);
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

	-- The queue: per source a keyed branch (rows with qkey, read through the
	-- qkey index in key order) and an unkeyed branch (at NULL or in the
	-- future when written, computed exactly and sorted).  The keyed branch
	-- has no WHERE of its own, so the planner flattens it into the append
	-- relation and pushes the outer conditions into it (kq >= threshold is
	-- the index range; the unkeyed rows have kq = Infinity): a Merge Append
	-- by (ekey, at) that stops after LIMIT rows.  ekey orders like priority: log2(priority) + epoch(now())/(86400
	-- * half_life_days).  The key threshold has a small relative slack; the
	-- exact priority >= min_priority test follows it.
	SELECT string_agg(format($v$SELECT %1$L::pg_catalog.regclass AS source, d.channel, d.id::pg_catalog.text AS id,
		d.customer, d.at, d.e, d.cues, d.repeats, d.is_open, d.base, d.qkey AS kq, d.qkey AS ekey
	FROM %2$s d
	UNION ALL
	SELECT * FROM (
		SELECT %1$L::pg_catalog.regclass, d.channel, d.id::pg_catalog.text,
			d.customer, d.at, d.e, d.cues, d.repeats, d.is_open, d.base, 'Infinity'::pg_catalog.float8,
			CASE WHEN d.base > 0 THEN pg_catalog.ln(d.base) / pg_catalog.ln(2::pg_catalog.float8) ELSE '-Infinity' END
			+ pg_catalog.date_part('epoch', LEAST(COALESCE(d.at, pg_catalog.now()), pg_catalog.now()))
			  / (86400 * (SELECT w.half_life_days FROM emotion_crm.escalation_weights w LIMIT 1))
		FROM %2$s d
		WHERE d.qkey IS NULL AND d.is_open IS NOT FALSE) n$v$, s.source::text, s.side_table), E'\n\tUNION ALL\n\t' ORDER BY s.source::text)
	INTO qb FROM emotion_crm.sources s;
	EXECUTE format($v$CREATE OR REPLACE VIEW emotion_crm.escalation_queue %s AS
	SELECT q.source, q.channel, q.id, q.customer, q.at, q.priority,
		   GREATEST(0, -@extschema@.valence(q.e)) AS negativity,
		   @extschema@.emotion_field(q.e, 'anger') AS anger,
		   q.cues, q.repeats, q.age_days, q.segment,
		   -- the playbook row as subqueries, not a join: the planner then
		   -- keeps the Merge Append and evaluates them for the rows returned
		   (SELECT p.tone FROM emotion_crm.playbook p WHERE p.state = q.segment) AS tone,
		   (SELECT p.action FROM emotion_crm.playbook p WHERE p.state = q.segment) AS action,
		   (SELECT p.handoff FROM emotion_crm.playbook p WHERE p.state = q.segment) AS handoff
	FROM (
		SELECT u.source, u.channel, u.id, u.customer, u.at, u.e, u.cues, u.repeats, u.ekey,
			   pg_catalog.date_part('epoch', pg_catalog.now() - u.at) / 86400 AS age_days,
			   @extschema@.emotion_segment(u.e) AS segment,
			   -- emotion_crm.priority(u.e, u.cues, u.repeats, age_days): base is its weighted sum
			   u.base * pg_catalog.power(0.5::float8, GREATEST(0, pg_catalog.date_part('epoch', pg_catalog.now() - u.at) / 86400)
										 / (SELECT w.half_life_days FROM emotion_crm.escalation_weights w LIMIT 1)) AS priority
		FROM (
	%s
		) u
		WHERE u.is_open IS NOT FALSE
		  AND COALESCE(u.is_open, u.at > pg_catalog.now()
			  - (SELECT w.open_days FROM emotion_crm.escalation_weights w LIMIT 1) * interval '1 day')
		  AND u.kq >= emotion_crm.queue_threshold()
		  AND u.base * pg_catalog.power(0.5::float8, GREATEST(0, pg_catalog.date_part('epoch', pg_catalog.now() - u.at) / 86400)
										/ (SELECT w.half_life_days FROM emotion_crm.escalation_weights w LIMIT 1))
			  >= (SELECT w.min_priority FROM emotion_crm.escalation_weights w LIMIT 1)
	) q
	ORDER BY q.ekey DESC, q.at DESC, q.source, q.id$v$, opts, qb);
	-- a contact added at (p_customer, p_at) (p_delta 1) or removed (-1):
	-- the customer's contacts in the repeat window after it count one more
	-- or one less.  Static SQL per side table, so the plans are cached;
	-- regenerated with the views.  The row p_id of p_source is left alone
	-- (its own count is made afresh when it moves).
	SELECT string_agg(format($r$
	UPDATE %s d SET %s
	FROM (SELECT * FROM emotion_crm.escalation_weights LIMIT 1) w
	WHERE d.customer = p_customer AND d.at > p_at AND d.at <= p_at + w.repeat_window_days * interval '1 day'
	  AND (p_source <> %L::pg_catalog.regclass OR d.id::pg_catalog.text <> p_id);$r$,
		s.side_table, '(repeats, base, qkey) = ' || emotion_crm.rekey_sql('d.repeats + p_delta'), s.source::text), '' ORDER BY s.source::text)
	INTO rc FROM emotion_crm.sources s;
	EXECUTE format($f$CREATE OR REPLACE FUNCTION emotion_crm.count_contact(p_customer pg_catalog.text, p_at pg_catalog.timestamptz,
		p_delta pg_catalog.int4, p_source pg_catalog.regclass, p_id pg_catalog.text)
	RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $b$
BEGIN
	IF p_customer IS NULL OR p_at IS NULL THEN
		RETURN;
	END IF;%s
END
$b$
$f$, rc);
	REVOKE ALL ON FUNCTION emotion_crm.count_contact(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.regclass, pg_catalog.text) FROM PUBLIC;
	COMMENT ON FUNCTION emotion_crm.count_contact(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.regclass, pg_catalog.text) IS
		'adds p_delta to the repeat counts (and escalation keys) of the customer''s interactions that count a contact at p_at (created with the views by emotion_crm.track, called by the source triggers)';
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

-- the escalation-key columns and indexes of a side table (track() and the
-- 0.1.0 -> 0.2.0 upgrade): repeats, base and qkey (see base_sql above); the
-- queue reads the rows by qkey, and the open rows without a key by id
CREATE FUNCTION emotion_crm.add_queue_columns(side regclass) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
	EXECUTE format('ALTER TABLE %s ADD COLUMN repeats pg_catalog.int8 NOT NULL DEFAULT 0,
					ADD COLUMN base pg_catalog.float8, ADD COLUMN qkey pg_catalog.float8', side);
	-- not partial (on open cases only): the planner reads the current
	-- highest key from a plain index, so its estimate of the queue's key
	-- range keeps up with new rows between ANALYZE runs
	EXECUTE format('CREATE INDEX ON %s (qkey DESC, at DESC, (id::pg_catalog.text))', side);
	EXECUTE format('CREATE INDEX ON %s (id) WHERE qkey IS NULL AND is_open IS NOT FALSE', side);
END
$$;
REVOKE ALL ON FUNCTION emotion_crm.add_queue_columns(regclass) FROM PUBLIC;
COMMENT ON FUNCTION emotion_crm.add_queue_columns(regclass) IS
	'internal: adds the escalation-key columns (repeats, base, qkey) and the queue''s indexes to a side table';

-- recompute base and qkey of every side-table row from the weights (and
-- the repeat counts too when recount); holds the exclusive advisory lock,
-- so no tracked write runs meanwhile
CREATE FUNCTION emotion_crm.rekey(recount boolean DEFAULT true) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
	s emotion_crm.sources;
	n bigint;
	total bigint := 0;
	win interval;
BEGIN
	PERFORM pg_catalog.pg_advisory_xact_lock(emotion_crm.lock_key(), 0);
	SELECT w.repeat_window_days * interval '1 day' INTO win FROM emotion_crm.escalation_weights w LIMIT 1;
	FOR s IN SELECT * FROM emotion_crm.sources ORDER BY source::text LOOP
		IF recount AND win IS NOT NULL THEN
			-- one sort of all contacts: the earlier ones of the same customer
			-- within the window are a window frame (EXCLUDE GROUP leaves out
			-- the contacts at the same time), the same test as contacts_sql
			EXECUTE format('UPDATE %s d SET (repeats, base, qkey) = %s
							FROM (SELECT * FROM emotion_crm.escalation_weights LIMIT 1) w,
								 (SELECT x.id, x.n FROM (
									SELECT i.source, i.id,
										   CASE WHEN i.customer IS NULL OR i.at IS NULL THEN 0
												ELSE pg_catalog.count(*) OVER (PARTITION BY i.customer ORDER BY i.at
													RANGE BETWEEN %L::interval PRECEDING AND CURRENT ROW EXCLUDE GROUP) END AS n
									FROM emotion_crm.interactions i) x
								  WHERE x.source = %L::pg_catalog.regclass) r
							WHERE d.id::pg_catalog.text = r.id
							  AND NOT EXISTS (SELECT 1 FROM %s k WHERE (k.n, k.b, k.k) IS NOT DISTINCT FROM (d.repeats, d.base, d.qkey))',
						   s.side_table, emotion_crm.rekey_sql('r.n'), win, s.source::text, emotion_crm.rekey_sql('r.n'));
		ELSE
			EXECUTE format('UPDATE %s d SET (repeats, base, qkey) = %s FROM (SELECT * FROM emotion_crm.escalation_weights LIMIT 1) w
							WHERE NOT EXISTS (SELECT 1 FROM %s k WHERE (k.n, k.b, k.k) IS NOT DISTINCT FROM (d.repeats, d.base, d.qkey))',
						   s.side_table, emotion_crm.rekey_sql('d.repeats'), emotion_crm.rekey_sql('d.repeats'));
		END IF;
		GET DIAGNOSTICS n = ROW_COUNT;
		total := total + n;
	END LOOP;
	RETURN total;
END
$$;
REVOKE ALL ON FUNCTION emotion_crm.rekey(boolean) FROM PUBLIC;
COMMENT ON FUNCTION emotion_crm.rekey(boolean) IS
	'recompute the escalation keys (base, qkey) of every scored interaction from emotion_crm.escalation_weights, and the repeat counts when recount; '
	'run by the weights trigger, untrack and TRUNCATE of a source; returns the number of rows rewritten';

-- weights trigger: a change of a weight that the keys depend on rewrites them
CREATE FUNCTION emotion_crm.weights_rekey() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP = 'UPDATE'
	   AND (OLD.negative, OLD.anger, OLD.disgust, OLD.sadness, OLD.effort_cue, OLD.max_cues,
			OLD.repeat_contact, OLD.max_repeats, OLD.repeat_window_days, OLD.half_life_days)
		   IS NOT DISTINCT FROM
		   (NEW.negative, NEW.anger, NEW.disgust, NEW.sadness, NEW.effort_cue, NEW.max_cues,
			NEW.repeat_contact, NEW.max_repeats, NEW.repeat_window_days, NEW.half_life_days) THEN
		RETURN NULL;
	END IF;
	IF EXISTS (SELECT 1 FROM emotion_crm.sources) THEN
		PERFORM emotion_crm.rekey(TG_OP = 'INSERT' OR OLD.repeat_window_days IS DISTINCT FROM NEW.repeat_window_days);
	END IF;
	RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION emotion_crm.weights_rekey() FROM PUBLIC;
COMMENT ON FUNCTION emotion_crm.weights_rekey() IS
	'trigger: a new or changed escalation_weights row rewrites the escalation keys of every side table (emotion_crm.rekey)';
CREATE TRIGGER weights_rekey AFTER INSERT OR UPDATE ON emotion_crm.escalation_weights
	FOR EACH ROW EXECUTE FUNCTION emotion_crm.weights_rekey();

CREATE OR REPLACE FUNCTION emotion_crm.track(source regclass,
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
	PERFORM emotion_crm.add_queue_columns(side_reg);
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

CREATE OR REPLACE FUNCTION emotion_crm.untrack(source regclass) RETURNS void
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
	-- the other sources' repeat counts lose this source's contacts
	IF EXISTS (SELECT 1 FROM emotion_crm.sources) THEN
		PERFORM emotion_crm.rekey(true);
	END IF;
END
$$;
COMMENT ON FUNCTION emotion_crm.untrack(regclass) IS
	'stop tracking a table: drops its triggers and score side table and rebuilds the views (dropped with the last source)';

CREATE OR REPLACE PROCEDURE emotion_crm.backfill(source regclass, batch_size integer DEFAULT NULL)
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
			-- every repeat count and key again, now that the history is in
			PERFORM emotion_crm.rekey(true);
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
		-- keys without repeat counts: rekey() counts every contact when the
		-- back-fill is done (per batch it would rewrite rows again and again)
		EXECUTE pg_catalog.format('INSERT INTO %s (id, customer, at, channel, e, agent_e, cues, preprocessed, is_open, scored_at,
												   repeats, base, qkey)
								   SELECT b.*, 0, k.base, %s
								   FROM (%s) b (id, customer, at, channel, e, agent_e, cues, preprocessed, is_open, scored_at)
								   CROSS JOIN (SELECT * FROM emotion_crm.escalation_weights LIMIT 1) w
								   CROSS JOIN LATERAL (SELECT %s AS base) k
								   ON CONFLICT (id) DO NOTHING',
								  s.side_table, emotion_crm.qkey_sql('k.base', 'b.at', 'w'),
								  emotion_crm.score_select(s, s.source::text, cond),
								  emotion_crm.base_sql('b.e', 'b.cues', '0', 'w'));
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

-- ---- last: every tracked source to the 0.2.0 definitions ------------------
-- the escalation-key columns and indexes on each side table, then the trigger
-- functions, count_contact and the views regenerated in place (see
-- regenerate_sources above), then every key and repeat count filled
DO $upgrade$
DECLARE
	s emotion_crm.sources;
BEGIN
	FOR s IN SELECT * FROM emotion_crm.sources ORDER BY source::text LOOP
		PERFORM emotion_crm.add_queue_columns(s.side_table);
	END LOOP;
END
$upgrade$;
SELECT emotion_crm.regenerate_sources();
SELECT emotion_crm.rekey(true) WHERE EXISTS (SELECT 1 FROM emotion_crm.sources);
