
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
-- need no rights on the side table; fixed search_path.  CREATE OR REPLACE:
-- emotion_crm.regenerate_sources() (upgrades) replaces it in place, keeping
-- its owner, privileges and triggers.
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
CREATE FUNCTION emotion_crm.rebuild_views() RETURNS void
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
	-- the other sources' repeat counts lose this source's contacts
	IF EXISTS (SELECT 1 FROM emotion_crm.sources) THEN
		PERFORM emotion_crm.rekey(true);
	END IF;
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
