-- The escalation queue reads about LIMIT rows (stored repeat counts and
-- escalation keys, a qkey index per side table, Merge Append) and answers
-- exactly like a brute-force recomputation with emotion_crm.priority() over
-- emotion_crm.interactions: same rows, same priorities, same order.  Checked
-- on generated data with random weights after back-dated inserts, deletes,
-- updates of time, customer, open state and text, weight changes, back-fill,
-- TRUNCATE and untrack, over three sources (text, boolean and no open column).
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET jit = off;
\set VERBOSITY terse
CREATE EXTENSION IF NOT EXISTS emotion_crm;

-- The brute force: every interaction, its repeats counted now, its priority
-- by emotion_crm.priority(), the open test and the order of the definition.
-- One statement with the queue, so both see the same now().
SET check_function_bodies = off;
CREATE FUNCTION queue_check(OUT queue_rows bigint, OUT brute_rows bigint, OUT differences bigint)
LANGUAGE sql AS $$
	WITH w AS (SELECT * FROM emotion_crm.escalation_weights),
	brute AS (
		SELECT i.source, i.id, i.at, r.n AS repeats,
			   emotion_crm.priority(i.e, i.cues, r.n, pg_catalog.date_part('epoch', now() - i.at) / 86400) AS priority
		FROM emotion_crm.interactions i CROSS JOIN w
		CROSS JOIN LATERAL (SELECT count(*) AS n FROM emotion_crm.interactions o
							WHERE o.customer = i.customer AND o.at < i.at
							  AND o.at >= i.at - w.repeat_window_days * interval '1 day') r
		WHERE COALESCE(i.is_open, i.at > now() - w.open_days * interval '1 day')),
	b AS (
		SELECT row_number() OVER (ORDER BY x.priority DESC, x.at DESC, x.source, x.id) AS pos, x.*
		FROM brute x CROSS JOIN w WHERE x.priority >= w.min_priority),
	q AS (
		SELECT row_number() OVER () AS pos, x.source, x.id, x.repeats, x.priority
		FROM (SELECT * FROM emotion_crm.escalation_queue) x)
	SELECT (SELECT count(*) FROM q), (SELECT count(*) FROM b),
		   (SELECT count(*) FROM q FULL JOIN b USING (pos)
			WHERE (q.source, q.id, q.repeats, q.priority) IS DISTINCT FROM (b.source, b.id, b.repeats, b.priority))
$$;

RESET check_function_bodies;

-- the stored columns of every side row against a recount (all rows, open
-- or closed, keyed or not)
CREATE FUNCTION stored_check() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	s record;
	bad bigint := 0;
	n bigint;
BEGIN
	FOR s IN SELECT side_table FROM emotion_crm.sources LOOP
		EXECUTE format($q$
			SELECT count(*) FROM %s d CROSS JOIN emotion_crm.escalation_weights w
			CROSS JOIN LATERAL (SELECT count(*) AS n FROM emotion_crm.interactions o
								WHERE o.customer = d.customer AND o.at < d.at
								  AND o.at >= d.at - w.repeat_window_days * interval '1 day') r
			CROSS JOIN LATERAL (SELECT emotion_crm.priority(d.e, d.cues, r.n, 0) AS b) p
			WHERE d.repeats <> r.n OR d.base IS DISTINCT FROM p.b
			   OR d.qkey IS DISTINCT FROM CASE WHEN d.at IS NULL OR d.at > now() THEN NULL
											   WHEN p.b = 0 THEN '-Infinity'
											   ELSE ln(p.b) / ln(2::float8) + date_part('epoch', d.at) / (86400 * w.half_life_days) END$q$,
			s.side_table) INTO n;
		bad := bad + n;
	END LOOP;
	RETURN bad;
END
$$;

-- rows read by the plan: whether it is a Merge Append, the largest
-- "actual rows" of a scan of a qkey range (the keyed branches; the unkeyed
-- ones read the few future or undated cases), and sequential scans
CREATE FUNCTION plan_reads(q text, OUT merge_append boolean, OUT max_scan_rows int, OUT seq_scans int)
LANGUAGE plpgsql AS $$
DECLARE
	l text;
	last_rows int;
BEGIN
	merge_append := false; max_scan_rows := 0; seq_scans := 0;
	FOR l IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
		IF l ~ 'Merge Append' THEN
			merge_append := true;
		END IF;
		IF l ~ 'Seq Scan on scores_' THEN
			seq_scans := seq_scans + 1;
		END IF;
		IF l ~ 'Scan .*on scores_' THEN
			last_rows := substring(l FROM 'actual rows=([0-9]+)')::int;
		ELSIF l ~ 'Index Cond: \(qkey >= ' THEN
			max_scan_rows := GREATEST(max_scan_rows, last_rows);
		END IF;
	END LOOP;
END
$$;

-- three sources: tickets (text open column, bigint id), chats (no open
-- column: open for open_days), calls (boolean open column, text id)
CREATE TABLE q_tickets (id bigint PRIMARY KEY, customer int, created timestamptz, body text, status text);
CREATE TABLE q_chats (id bigint PRIMARY KEY, cust text, at timestamptz, transcript text);
CREATE TABLE q_calls (ref text PRIMARY KEY, customer_id int, at timestamptz, notes text, open boolean);
CREATE TABLE q_texts (k int PRIMARY KEY, t text NOT NULL);
INSERT INTO q_texts VALUES
	(0, 'This is outrageous, I am furious and still waiting. Unacceptable!!'),
	(1, 'Thanks, all good now.'),
	(2, 'Third time I write, still no answer. Terrible service.'),
	(3, 'I am disappointed and a bit sad about the delay.'),
	(4, 'ok'),
	(5, 'The app keeps crashing, I am angry and frustrated!'),
	(6, 'Disgusting attitude, nobody answers, I want a refund now.'),
	(7, 'Wonderful support, you saved my day.');
CREATE FUNCTION q_text(k int) RETURNS text LANGUAGE sql STABLE AS $$ SELECT t FROM q_texts WHERE q_texts.k = q_text.k $$;
SELECT setseed(0.42);
-- history before tracking: back-filled below (batches of 97 ids)
INSERT INTO q_tickets
SELECT g, (random() * 40)::int, now() - random() * interval '20 days', q_text((random() * 7)::int),
	   (ARRAY['open', 'closed', 'pending', NULL])[1 + (random() * 3)::int]
FROM generate_series(1, 600) g;
SELECT emotion_crm.track('q_tickets', 'body', 'customer', 'created', channel => 'ticket', open_column => 'status', batch_size => 97) IS NOT NULL AS tracked;
CALL emotion_crm.backfill('q_tickets');
SELECT emotion_crm.track('q_chats', 'transcript', 'cust', 'at', channel => 'chat') IS NOT NULL AS tracked;
SELECT emotion_crm.track('q_calls', 'notes', 'customer_id', 'at', channel => 'call', open_column => 'open') IS NOT NULL AS tracked;
-- tracked inserts, many back-dated into the existing history
INSERT INTO q_chats
SELECT g, ((random() * 40)::int)::text, now() - random() * interval '16 days', q_text((random() * 7)::int)
FROM generate_series(1, 400) g;
INSERT INTO q_calls
SELECT 'call-' || g, (random() * 40)::int, now() - random() * interval '12 days', q_text((random() * 7)::int),
	   random() < 0.7
FROM generate_series(1, 300) g;
-- edge rows: no time, no customer, a future time (no decay yet)
INSERT INTO q_tickets VALUES (9001, 7, NULL, 'I am furious, still waiting!', 'open'),
	(9002, NULL, now() - interval '1 hour', 'I am furious, still waiting!', 'open'),
	(9003, 7, now() + interval '2 days', 'Third time I write, still no answer. Terrible service.', 'open');
INSERT INTO q_chats VALUES (9004, '7', now() + interval '1 hour', 'Disgusting attitude, nobody answers, I want a refund now.');

-- weights that make most open cases count, so the queue is long
UPDATE emotion_crm.escalation_weights SET min_priority = 0.3, half_life_days = 4;
SELECT * FROM queue_check();
SELECT stored_check() AS bad_stored_rows;
SELECT queue_rows > 100 AS long_queue, (SELECT count(*) FROM emotion_crm.escalation_queue WHERE repeats > 0) > 50 AS many_repeats
FROM queue_check();

-- the plan: a Merge Append over the qkey indexes that reads about LIMIT rows
-- (the keyed scans stop after LIMIT rows plus a tie; the unkeyed scans read
-- the few future or undated rows)
ANALYZE emotion_crm.scores_public_q_tickets, emotion_crm.scores_public_q_chats, emotion_crm.scores_public_q_calls;
-- (an incremental sort above it completes the last (qkey, at) group and
-- sorts in batches of at least 32 rows)
SELECT merge_append, max_scan_rows <= 40 AS reads_about_limit_rows, seq_scans
FROM plan_reads('SELECT * FROM emotion_crm.escalation_queue LIMIT 10');
-- the same with six times the open cases: still about LIMIT rows
INSERT INTO q_calls
SELECT 'bulk-' || g, 100 + g % 500, now() - random() * interval '3 days', q_text((random() * 7)::int), true
FROM generate_series(1, 3000) g;
ANALYZE emotion_crm.scores_public_q_calls;
SELECT merge_append, max_scan_rows <= 40 AS reads_about_limit_rows, seq_scans,
	   (SELECT count(*) FROM emotion_crm.escalation_queue) > 3000 AS queue_rows_over_3000
FROM plan_reads('SELECT * FROM emotion_crm.escalation_queue LIMIT 10');
SELECT * FROM queue_check();
DELETE FROM q_calls WHERE ref LIKE 'bulk-%';

-- a back-dated insert between two contacts of a customer changes the
-- later one's repeat count; a delete changes it back
SELECT * FROM queue_check();
INSERT INTO q_chats SELECT 5000 + g, '3', now() - (g * 13) * interval '1 hour', 'Third time I write, still no answer. Terrible service.'
FROM generate_series(1, 12) g;
SELECT * FROM queue_check();
DELETE FROM q_tickets WHERE id % 7 = 0;
DELETE FROM q_chats WHERE id IN (5003, 5007);
SELECT * FROM queue_check();
SELECT stored_check() AS bad_stored_rows;

-- updates: time (back and forth), customer, open state, text, id
UPDATE q_tickets SET created = created - interval '3 days' WHERE id % 5 = 1;
UPDATE q_tickets SET created = created + interval '2 days' WHERE id % 5 = 2;
UPDATE q_chats SET cust = ((cust::int + 1) % 40)::text WHERE id % 4 = 0;
UPDATE q_calls SET open = NOT open WHERE customer_id % 3 = 0;
UPDATE q_tickets SET status = 'closed' WHERE id % 6 = 3;
UPDATE q_tickets SET status = 'open' WHERE id % 6 = 4;
UPDATE q_calls SET notes = 'Thanks, all good now.' WHERE customer_id % 5 = 0;
UPDATE q_tickets SET id = id + 10000 WHERE id % 9 = 0;
UPDATE q_tickets SET created = now() - interval '2 hours' WHERE id = 9001;
SELECT * FROM queue_check();
SELECT stored_check() AS bad_stored_rows;

-- random weights, several times: every key is rewritten (and the repeat
-- counts when the window changes)
DO $$
DECLARE
	r record;
BEGIN
	PERFORM setseed(0.7);
	FOR i IN 1 .. 4 LOOP
		UPDATE emotion_crm.escalation_weights
		SET negative = random() * 2, anger = random() * 2, disgust = random(), sadness = random(),
			effort_cue = random(), max_cues = (random() * 5)::int, repeat_contact = random(),
			max_repeats = (random() * 5)::int, repeat_window_days = 1 + random() * 10,
			half_life_days = 0.5 + random() * 6, open_days = 2 + random() * 12, min_priority = 0.2 + random() * 0.6;
		SELECT * INTO r FROM queue_check();
		RAISE WARNING 'weights %: queue % rows, brute force % rows, % differences, % bad stored rows',
			i, r.queue_rows > 0, r.brute_rows = r.queue_rows, r.differences, stored_check();
	END LOOP;
END $$;
-- min_priority 0: every open case; alert threshold changes rewrite nothing
UPDATE emotion_crm.escalation_weights SET min_priority = 0, alert_threshold = 1.1;
SELECT * FROM queue_check();
SELECT count(*) = (SELECT count(*) FROM emotion_crm.interactions i CROSS JOIN emotion_crm.escalation_weights w
				   WHERE COALESCE(i.is_open, i.at > now() - w.open_days * interval '1 day')) AS every_open_case
FROM emotion_crm.escalation_queue;
UPDATE emotion_crm.escalation_weights SET min_priority = 0.4;

-- the checks see a wrong stored count (one row, one too many), and a
-- re-inserted weights row (what a restore does) rewrites every key and count
CREATE TEMP TABLE saved AS SELECT * FROM emotion_crm.escalation_weights;
UPDATE emotion_crm.scores_public_q_calls SET repeats = repeats + 1
WHERE id = (SELECT id FROM emotion_crm.escalation_queue WHERE source = 'q_calls'::regclass LIMIT 1);
SELECT differences AS rows_out_of_place_or_wrong, stored_check() AS bad_stored_rows FROM queue_check();
UPDATE emotion_crm.scores_public_q_calls SET base = 0, qkey = 0;
SELECT queue_rows < brute_rows AS calls_missing FROM queue_check();
INSERT INTO emotion_crm.escalation_weights SELECT * FROM saved;
SELECT * FROM queue_check();
SELECT stored_check() AS bad_stored_rows;
-- rekey() rewrites only rows whose values change: none are left
SELECT emotion_crm.rekey() AS rows_rewritten;

-- TRUNCATE and untrack of one source: the others lose its contacts
TRUNCATE q_calls;
SELECT * FROM queue_check();
SELECT stored_check() AS bad_stored_rows;
INSERT INTO q_calls VALUES ('late', 3, now() - interval '1 day', 'This is outrageous, I am furious and still waiting. Unacceptable!!', true);
SELECT emotion_crm.untrack('q_chats');
SELECT * FROM queue_check();
SELECT stored_check() AS bad_stored_rows;

-- a back-fill into a tracked history: the batch rows and the later
-- contacts of their customers
CREATE TABLE q_mail (id int PRIMARY KEY, customer int, at timestamptz, body text);
INSERT INTO q_mail SELECT g, (random() * 40)::int, now() - random() * interval '10 days', q_text((random() * 7)::int)
FROM generate_series(1, 300) g;
SELECT emotion_crm.track('q_mail', 'body', 'customer', 'at', channel => 'mail', batch_size => 50) IS NOT NULL AS tracked;
SELECT stored_check() AS bad_stored_rows_before_backfill;
CALL emotion_crm.backfill('q_mail');
SELECT * FROM queue_check();
SELECT stored_check() AS bad_stored_rows;
SELECT merge_append, max_scan_rows <= 40 AS reads_about_limit_rows, seq_scans
FROM plan_reads('SELECT * FROM emotion_crm.escalation_queue LIMIT 5');

SELECT emotion_crm.untrack(source) IS NOT NULL FROM emotion_crm.sources ORDER BY source::text;
SELECT count(*) AS functions_left FROM pg_proc WHERE proname = 'recount_contacts';
DROP TABLE q_tickets, q_chats, q_calls, q_mail;
DROP FUNCTION q_text(int);
DROP TABLE q_texts;
DROP FUNCTION queue_check(), stored_check(), plan_reads(text);
