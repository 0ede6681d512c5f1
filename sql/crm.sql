-- CRM integration: preprocessing, track/untrack, triggers, back-fill,
-- dashboard views, escalation queue, playbook, NOTIFY, row-level security.
SET client_min_messages = notice;
SET TimeZone = 'UTC';
\set VERBOSITY terse
\pset null '-'

-- ===================================================================
-- text preprocessing
-- ===================================================================
-- e-mail: quoted lines, "On ... wrote:" and the signature go
SELECT emotion_crm.customer_text(E'Hi,\nthe invoice is wrong again.\n\nOn Mon, 3 Nov 2026 at 10:00, Support <help@example.com> wrote:\n> Great news, all fixed!\n> Best\n');
-- the "On ... wrote:" header split over two lines
SELECT emotion_crm.customer_text(E'Still broken.\nOn Mon, 3 Nov 2026 at 10:00, Support Team\n<help@example.com> wrote:\n> wonderful\n');
-- quoted lines in the middle are dropped, the rest kept
SELECT emotion_crm.customer_text(E'> you said it would work\nIt does not work.\n> try again\nI did.');
-- signature after "-- " and after "--"
SELECT emotion_crm.customer_text(E'Love the product.\n-- \nJane Doe | Happy Corp | "Best company ever"');
SELECT emotion_crm.customer_text(E'Love the product.\n--\nJane');
-- sign-off with name and title is dropped; a lone "Thanks!" is kept
SELECT emotion_crm.customer_text(E'The export fails every time.\n\nBest regards,\nJane Doe\nCTO, Acme');
SELECT emotion_crm.customer_text('Thanks!');
-- a sign-off followed by a long paragraph is not a sign-off
SELECT emotion_crm.customer_text(E'Thanks,\nbut this does not help at all, the report still shows last month and nobody on your side seems to care about it.');
-- Outlook reply header, "Sent from my phone"
SELECT emotion_crm.customer_text(E'Please call me.\nFrom: Support\nSent: Monday\nSubject: great news');
SELECT emotion_crm.customer_text(E'Awful.\nSent from my phone');
-- transcripts: only the customer's turns (labels, time stamps and names removed);
-- continuation lines belong to the last speaker; text before the first label is dropped
SELECT emotion_crm.customer_text(E'Chat 4711\n[10:02] Agent (Sam): Hello, happy to help!\n[10:03] Customer: My order is late.\nIt was due on Monday.\n[10:04] Agent: Sorry to hear that, wonderful that you wrote.\n[10:05] customer: Terrible.');
SELECT emotion_crm.agent_text(E'Chat 4711\n[10:02] Agent (Sam): Hello, happy to help!\n[10:03] Customer: My order is late.\nIt was due on Monday.\n[10:04] Agent: Sorry to hear that, wonderful that you wrote.\n[10:05] customer: Terrible.');
-- not speaker labels: "Customer service was bad: ..." and no label at all
SELECT emotion_crm.customer_text('Customer service was bad: nobody answered.');
SELECT emotion_crm.agent_text('Customer service was bad: nobody answered.');
SELECT emotion_crm.customer_text(''), emotion_crm.agent_text(''), emotion_crm.customer_text(NULL);
-- scoring the customer's words only changes the score
SELECT sentiment(E'Agent: Wonderful, great, fantastic!\nCustomer: This is terrible.') > 0 AS whole_positive,
	   sentiment(emotion_crm.customer_text(E'Agent: Wonderful, great, fantastic!\nCustomer: This is terrible.')) < 0 AS customer_negative;

-- effort cues: the negative customer-service cues of emotion_explain
SELECT t, emotion_crm.effort_cues(t) > 0 AS has_cues,
	   emotion_crm.effort_cues(t) = (SELECT count(*) FROM emotion_explain(t) x WHERE 'cue' = ANY (x.rules) AND x.valence < 0) AS same_as_explain
FROM (VALUES ('I am still waiting for a refund. This is the third time I contact you.'),
			 ('Thank you, great service.'),
			 ('')) v(t);

-- ===================================================================
-- a small CRM: tickets (with an open/closed status) and chat transcripts,
-- rows of two tenants protected by row-level security
-- ===================================================================
CREATE ROLE regress_crm_a;
CREATE ROLE regress_crm_b;
CREATE ROLE regress_crm_none;

CREATE TABLE crm_tickets (
	id integer PRIMARY KEY,
	customer_id integer NOT NULL,
	created_at timestamptz NOT NULL,
	body text,
	status text NOT NULL,
	tenant name NOT NULL DEFAULT current_user);
CREATE TABLE crm_chats (
	id bigint PRIMARY KEY,
	customer_id integer NOT NULL,
	at timestamptz NOT NULL,
	transcript text NOT NULL,
	tenant name NOT NULL DEFAULT current_user);
ALTER TABLE crm_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE crm_chats ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON crm_tickets USING (tenant = current_user);
CREATE POLICY own ON crm_chats USING (tenant = current_user);
GRANT SELECT, INSERT, UPDATE, DELETE ON crm_tickets, crm_chats TO regress_crm_a, regress_crm_b;

-- day 0 = today (UTC midnight); times relative to it keep the test stable
CREATE TEMP TABLE d0 AS SELECT date_trunc('day', now()) AS d0;
INSERT INTO crm_tickets
SELECT v.id, v.customer_id, d0.d0 + v.off, v.body, v.status, v.tenant
FROM d0, (VALUES
	(1, 1, interval '-3 days +9 hours', 'Thank you so much, the new dashboard is wonderful and your team was fantastic!', 'closed', 'regress_crm_a'),
	(2, 1, interval '-1 days +9 hours', 'I am still waiting for a refund. This is the third time I contact you. Terrible service!', 'open', 'regress_crm_a'),
	(3, 2, interval '-2 days +9 hours', E'Hello,\nthe invoice is wrong and I am angry about it.\n\nOn Mon, 3 Nov 2026, Support <help@example.com> wrote:\n> We are happy to help!\n> Great news!\n-- \nJane Doe\nACME Corp', 'open', 'regress_crm_b')
) v(id, customer_id, off, body, status, tenant);

-- ===================================================================
-- track: errors first
-- ===================================================================
CREATE TABLE crm_nokey (body text, c int, at timestamptz);
SELECT emotion_crm.track('crm_nokey', 'body', 'c', 'at');
SELECT emotion_crm.track('crm_nokey', 'body', 'c', 'at', id_column => 'c');
SELECT emotion_crm.track('crm_tickets', 'nope', 'customer_id', 'created_at');
DROP TABLE crm_nokey;

SELECT emotion_crm.track('crm_tickets', text_column => 'body', customer_column => 'customer_id',
						 at_column => 'created_at', channel => 'ticket', open_column => 'status',
						 batch_size => 2);
SELECT emotion_crm.track('crm_tickets', 'body', 'customer_id', 'created_at');
SELECT source, channel, text_column, customer_column, at_column, id_column, id_type, open_column,
	   preprocess, side_table, trigger_function, batch_size, backfill_after, backfill_done, backfilled
FROM emotion_crm.sources;
-- what track created: side table with RLS and its policy, three triggers
SELECT c.relname, c.relrowsecurity,
	   has_table_privilege('regress_crm_a', c.oid, 'SELECT') AS others_select,
	   has_table_privilege('regress_crm_a', c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE') AS others_write
FROM pg_class c WHERE c.oid = 'emotion_crm.scores_public_crm_tickets'::regclass;
SELECT polname, pg_get_expr(polqual, polrelid) FROM pg_policy
WHERE polrelid = 'emotion_crm.scores_public_crm_tickets'::regclass;
SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'crm_tickets'::regclass ORDER BY tgname;
-- nothing scored yet
SELECT count(*) FROM emotion_crm.interactions;

-- ===================================================================
-- back-fill, interrupted after its first batch and resumed
-- ===================================================================
CREATE FUNCTION crm_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.id = 3 THEN RAISE EXCEPTION 'simulated crash while scoring id 3'; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER crm_test_fail BEFORE INSERT ON emotion_crm.scores_public_crm_tickets
	FOR EACH ROW EXECUTE FUNCTION crm_test_fail();
CALL emotion_crm.backfill('crm_tickets');
-- the first batch is committed and remembered
SELECT backfill_after, backfill_done, backfilled FROM emotion_crm.sources;
SELECT id FROM emotion_crm.interactions ORDER BY id;
DROP TRIGGER crm_test_fail ON emotion_crm.scores_public_crm_tickets;
DROP FUNCTION crm_test_fail();
-- resumes after id 2
CALL emotion_crm.backfill('crm_tickets');
SELECT backfill_after, backfill_done, backfilled FROM emotion_crm.sources;
-- done: calling again does nothing
CALL emotion_crm.backfill('crm_tickets');

-- the scores equal scoring the customer's words directly
SELECT t.id, i.customer, i.at = t.created_at AS same_at, i.channel,
	   i.e = emotion_score(emotion_crm.customer_text(t.body)) AS same_score,
	   i.cues = emotion_crm.effort_cues(emotion_crm.customer_text(t.body)) AS same_cues,
	   i.preprocessed, i.is_open
FROM crm_tickets t JOIN emotion_crm.interactions i ON i.id = t.id::text
ORDER BY t.id;

-- ===================================================================
-- triggers keep the scores current
-- ===================================================================
SELECT emotion_crm.track('crm_chats', 'transcript', 'customer_id', 'at', channel => 'chat');
INSERT INTO crm_tickets
SELECT 4, 3, d0 + interval '-1 days +12 hours', 'The export works now, thanks.', 'open', 'regress_crm_b' FROM d0;
INSERT INTO crm_chats
SELECT v.id, v.customer_id, d0.d0 + v.off, v.t, 'regress_crm_b'
FROM d0, (VALUES
	(10, 2, interval '-1 days +15 hours', E'Agent: Hello! Happy to help, wonderful to see you.\nCustomer: This is ridiculous, I am furious. Still no answer after two weeks!\nAgent: I am so sorry.\nCustomer: Unacceptable.'),
	(11, 3, interval '-1 days +16 hours', E'Customer: Great, thank you, that solved it!\nAgent: Glad to hear.')
) v(id, customer_id, off, t);
SELECT source, id, customer, channel, preprocessed, is_open, cues > 0 AS has_cues, valence < 0 AS negative
FROM emotion_crm.interactions ORDER BY source, id;
-- chat 10 is scored on the customer's turns only
-- and the agent's turns separately (agent_e; NULL without speaker labels)
SELECT i.e = emotion_score(E'This is ridiculous, I am furious. Still no answer after two weeks!\nUnacceptable.') AS customer_turns_only,
	   i.agent_e = emotion_score(E'Hello! Happy to help, wonderful to see you.\nI am so sorry.') AS agent_turns,
	   valence(i.agent_e) > 0 AS agent_positive
FROM emotion_crm.interactions i WHERE i.source = 'crm_chats'::regclass AND i.id = '10';
SELECT source, id, agent_e IS NULL AS no_agent_turns FROM emotion_crm.interactions ORDER BY source, id;

-- an update of another column does not rescore; a text update does
CREATE TEMP TABLE before AS SELECT id, scored_at, e FROM emotion_crm.scores_public_crm_tickets;
UPDATE crm_tickets SET tenant = tenant WHERE id = 4;
SELECT s.scored_at = b.scored_at AS untouched FROM emotion_crm.scores_public_crm_tickets s JOIN before b USING (id) WHERE id = 4;
UPDATE crm_tickets SET body = 'The export is broken again. Awful.' WHERE id = 4;
SELECT s.e = emotion_score('The export is broken again. Awful.') AS rescored, s.e <> b.e AS changed
FROM emotion_crm.scores_public_crm_tickets s JOIN before b USING (id) WHERE id = 4;
-- closing a case updates is_open
UPDATE crm_tickets SET status = 'closed' WHERE id = 4;
SELECT is_open FROM emotion_crm.scores_public_crm_tickets WHERE id = 4;
UPDATE crm_tickets SET status = 'open', body = 'The export works now, thanks.' WHERE id = 4;
-- an id change moves the score; delete removes it
INSERT INTO crm_tickets SELECT 5, 3, d0, 'temporary', 'closed', 'regress_crm_b' FROM d0;
UPDATE crm_tickets SET id = 6 WHERE id = 5;
SELECT id FROM emotion_crm.scores_public_crm_tickets WHERE id IN (5, 6);
DELETE FROM crm_tickets WHERE id = 6;
SELECT count(*) FROM emotion_crm.scores_public_crm_tickets WHERE id IN (5, 6);
-- side table and source agree
SELECT (SELECT count(*) FROM crm_tickets) AS tickets, (SELECT count(*) FROM emotion_crm.scores_public_crm_tickets) AS scored;

-- a row filter: per-message chats with a speaker column, only customer rows
CREATE TABLE crm_msgs (id int PRIMARY KEY, customer_id int, at timestamptz, speaker text, body text);
INSERT INTO crm_msgs VALUES (1, 9, now() - interval '3 days', 'customer', 'Awful, nothing works.'),
							(2, 9, now() - interval '3 days', 'agent', 'Wonderful, happy to help!');
SELECT emotion_crm.track('crm_msgs', 'body', 'customer_id', 'at', row_filter => $$speaker = 'nobody' AND nope$$);
SELECT emotion_crm.track('crm_msgs', 'body', 'customer_id', 'at', row_filter => $$speaker = 'customer'$$);
CALL emotion_crm.backfill('crm_msgs');
INSERT INTO crm_msgs VALUES (3, 9, now() - interval '2 days', 'customer', 'Thanks, it works now.'),
							(4, 9, now() - interval '2 days', 'agent', 'Terrible weather today.');
SELECT id FROM emotion_crm.scores_public_crm_msgs ORDER BY id;
-- a row that starts or stops qualifying is scored or unscored
UPDATE crm_msgs SET speaker = 'customer' WHERE id = 4;
UPDATE crm_msgs SET speaker = 'agent' WHERE id = 1;
SELECT id, e = emotion_score('Terrible weather today.') AS scored_text FROM emotion_crm.scores_public_crm_msgs ORDER BY id;
-- TRUNCATE empties the side table too
TRUNCATE crm_msgs;
SELECT count(*) FROM emotion_crm.scores_public_crm_msgs;
SELECT emotion_crm.untrack('crm_msgs');
DROP TABLE crm_msgs;

-- ===================================================================
-- the views (as the owner, who sees every row)
-- ===================================================================
-- mood_daily: day x channel; day -1 holds tickets 2 and 4 and chats 10 and 11,
-- one positive and one negative each
SELECT day - current_date AS day, channel, interactions, customers, share_negative, share_positive
FROM emotion_crm.mood_daily ORDER BY 1, 2;
-- the valences against a reference computed from the sources directly
WITH ref AS (
	SELECT u.at::date AS day, u.channel, count(*) AS n,
		   avg(sentiment(emotion_crm.customer_text(u.body))) AS mean_valence,
		   avg((sentiment(emotion_crm.customer_text(u.body)) < -0.05)::int)::float8 AS share_negative
	FROM (SELECT created_at AS at, 'ticket' AS channel, body FROM crm_tickets
		  UNION ALL SELECT at, 'chat', transcript FROM crm_chats) u
	GROUP BY 1, 2)
SELECT r.day - current_date AS day, r.channel, m.interactions = r.n AS same_count,
	   abs(m.mean_valence - r.mean_valence) < 1e-6 AS same_mean, m.share_negative = r.share_negative AS same_share
FROM ref r FULL JOIN emotion_crm.mood_daily m USING (day, channel) ORDER BY 1, 2;

-- segment_sizes: one week or two, depending on today's weekday; the totals
SELECT sum(interactions) AS interactions FROM emotion_crm.segment_sizes;
SELECT bool_and(abs(share_sum - 1) < 1e-12) AS shares_add_up, bool_and(dow = 1) AS weeks_start_monday,
	   count(*) = (SELECT count(DISTINCT date_trunc('week', at)) FROM emotion_crm.interactions) AS all_weeks
FROM (SELECT week, sum(share) AS share_sum, extract(isodow FROM week) AS dow
	  FROM emotion_crm.segment_sizes GROUP BY 1) w;
-- against a reference: no difference either way
WITH ref AS (
	SELECT coalesce(emotion_segment(emotion_score(emotion_crm.customer_text(u.body))), 'unmatched') AS segment,
		   count(*) AS interactions
	FROM (SELECT body FROM crm_tickets UNION ALL SELECT transcript FROM crm_chats) u
	GROUP BY 1),
v AS (SELECT segment, sum(interactions) AS interactions FROM emotion_crm.segment_sizes GROUP BY 1)
SELECT (SELECT count(*) FROM (SELECT * FROM ref EXCEPT SELECT * FROM v) x) AS missing,
	   (SELECT count(*) FROM (SELECT * FROM v EXCEPT SELECT * FROM ref) x) AS extra;

-- customer_state: counts, last contact and channel mix by hand; the journey
-- measures against a reference computed from the sources directly
SELECT customer, interactions, last_contact - (SELECT d0 FROM d0) AS last_contact,
	   last_channel, channel_mix, churn_risk BETWEEN 0 AND 1 AS risk_in_range
FROM emotion_crm.customer_state ORDER BY customer;
WITH u AS (
	SELECT customer_id::text AS customer, created_at AS at, emotion_score(emotion_crm.customer_text(body)) AS e FROM crm_tickets
	UNION ALL SELECT customer_id::text, at, emotion_score(emotion_crm.customer_text(transcript)) FROM crm_chats),
ref AS (
	SELECT customer, avg(valence(e)) AS mean_valence, emotion_journey(e, at ORDER BY at) AS j
	FROM u GROUP BY 1)
SELECT c.customer, abs(c.mean_valence - r.mean_valence) < 1e-6 AS same_mean,
	   c.state = journey_state(r.j) AS same_state,
	   c.segment IS NOT DISTINCT FROM emotion_segment(journey_last(r.j)) AS same_segment,
	   c.sparkline = journey_sparkline(r.j) AS same_sparkline
FROM emotion_crm.customer_state c JOIN ref r USING (customer) ORDER BY 1;

-- escalation queue: open tickets 2, 3, 4 and the recent chats 10, 11 with
-- priority >= 0.5.  Repeats: ticket 2 follows ticket 1 (2 days earlier),
-- chat 10 ticket 3 (30 h), chat 11 ticket 4 (4 h); ticket 1 is closed.
SELECT source, id, customer, repeats, cues > 0 AS has_cues, segment, handoff
FROM emotion_crm.escalation_queue ORDER BY source, id;
-- ranked by priority
SELECT bool_and(ok) AS ranked FROM (
	SELECT lag(priority) OVER () >= priority OR lag(priority) OVER () IS NULL AS ok
	FROM emotion_crm.escalation_queue) x;
-- the priority recomputed by hand from the default weights
SELECT q.id,
	   abs(q.priority - (1.0 * greatest(0, -valence(e)) + 0.8 * (e -> 'anger') + 0.4 * (e -> 'disgust')
						 + 0.2 * (e -> 'sadness') + 0.25 * least(q.cues, 4) + 0.2 * least(q.repeats, 3))
						* 0.5 ^ (q.age_days / 3)) < 1e-9 AS formula_holds
FROM emotion_crm.escalation_queue q
JOIN emotion_crm.interactions i USING (source, id)
ORDER BY q.source, q.id;
-- weights are settings: without effort cues and repeats only the emotional part is left
UPDATE emotion_crm.escalation_weights SET effort_cue = 0, repeat_contact = 0;
SELECT q.id, abs(q.priority - (greatest(0, -valence(i.e)) + 0.8 * (i.e -> 'anger') + 0.4 * (i.e -> 'disgust')
							   + 0.2 * (i.e -> 'sadness')) * 0.5 ^ (q.age_days / 3)) < 1e-9 AS emotional_part_only
FROM emotion_crm.escalation_queue q JOIN emotion_crm.interactions i USING (source, id) ORDER BY q.source, q.id;
UPDATE emotion_crm.escalation_weights SET effort_cue = 0.25, repeat_contact = 0.2;

-- ===================================================================
-- playbook
-- ===================================================================
SELECT * FROM emotion_crm.recommend(emotion_score('I am furious, this is outrageous!!'));
SELECT * FROM emotion_crm.recommend(emotion_score('Thank you, wonderful, I love it!'));
SELECT * FROM emotion_crm.recommend('(valence=0)'::emotion);
-- a customer gets the playbook row of their journey state
SELECT c.customer, r.state = c.state AS for_their_state,
	   (r.tone, r.action, r.handoff) = (p.tone, p.action, p.handoff) AS playbook_row
FROM emotion_crm.customer_state c
CROSS JOIN LATERAL emotion_crm.recommend(c.customer) r
JOIN emotion_crm.playbook p ON p.state = c.state
ORDER BY 1;
SELECT count(*) FROM emotion_crm.recommend('no such customer');
-- every journey state and every shipped segment has a playbook row
SELECT s.state FROM (SELECT DISTINCT state FROM emotion_crm.journey_states
					 UNION SELECT name FROM emotion_crm.segments) s
WHERE NOT EXISTS (SELECT 1 FROM emotion_crm.playbook p WHERE p.state = s.state);

-- ===================================================================
-- alerts: NOTIFY emotion_crm_escalation when a new interaction's priority
-- reaches alert_threshold (1.5); at = now() gives age 0, so no decay.
-- The PID psql prints is masked, and so is the priority (it follows the
-- lexicon); it is recomputed below.
-- ===================================================================
LISTEN emotion_crm_escalation;
\o | sed -e 's/PID [0-9]*/PID N/' -e 's/"priority" : [0-9.]*/"priority" : P/'
INSERT INTO crm_tickets VALUES (7, 4, now(), 'This is outrageous, I am furious and still waiting. Unacceptable!!', 'open', 'regress_crm_b');
INSERT INTO crm_tickets VALUES (8, 4, now(), 'Thanks, all good.', 'open', 'regress_crm_b');
INSERT INTO crm_tickets VALUES (9, 4, now(), 'Closed already, but I am furious and still waiting. Unacceptable!!', 'closed', 'regress_crm_b');
\o
-- ticket 8 is not charged, ticket 9 is closed: no alert for them.
-- the priorities (no earlier contact of customer 4 for ticket 7, age 0)
SELECT emotion_crm.priority(emotion_score(t), emotion_crm.effort_cues(t), n, 0) >= 1.5 AS alert
FROM (VALUES ('This is outrageous, I am furious and still waiting. Unacceptable!!', 0),
			 ('Thanks, all good.', 1)) v(t, n);
UNLISTEN *;
DELETE FROM crm_tickets WHERE id IN (7, 8, 9);

-- ===================================================================
-- security: RLS and grants of the sources hold through every view
-- ===================================================================
SET ROLE regress_crm_a;
SELECT source, id, customer FROM emotion_crm.interactions ORDER BY source, id;
SELECT customer, interactions FROM emotion_crm.customer_state ORDER BY customer;
SELECT day - current_date AS day, channel, interactions FROM emotion_crm.mood_daily ORDER BY 1, 2;
SELECT sum(interactions) FROM emotion_crm.segment_sizes;
SELECT id, customer FROM emotion_crm.escalation_queue;
SELECT count(*) FROM emotion_crm.scores_public_crm_chats;
SELECT * FROM emotion_crm.recommend('2');
-- a writer needs no rights on the side table: the trigger does it
INSERT INTO crm_tickets VALUES (20, 1, now() - interval '1 hour', 'Works great now, thank you!', 'closed');
SELECT id, customer FROM emotion_crm.interactions ORDER BY source, id;
RESET ROLE;
SET ROLE regress_crm_b;
SELECT source, id, customer FROM emotion_crm.interactions ORDER BY source, id;
SELECT customer, interactions FROM emotion_crm.customer_state ORDER BY customer;
SELECT id, customer FROM emotion_crm.escalation_queue;
-- the side table itself is no way around the policy
SELECT id FROM emotion_crm.scores_public_crm_tickets ORDER BY id;
-- and it can't be written directly
DELETE FROM emotion_crm.scores_public_crm_tickets;
RESET ROLE;
-- no SELECT on the sources: an error, not an empty answer
SET ROLE regress_crm_none;
SELECT count(*) FROM emotion_crm.interactions;
SELECT count(*) FROM emotion_crm.customer_state;
SELECT count(*) FROM emotion_crm.scores_public_crm_tickets;
RESET ROLE;
-- the security-definer trigger functions are not callable by others
SELECT p.proname, p.prosecdef, p.proconfig, has_function_privilege('regress_crm_a', p.oid, 'EXECUTE') AS others_execute
FROM pg_proc p WHERE p.pronamespace = 'emotion_crm'::regnamespace AND p.proname LIKE 'trigger\_%' ORDER BY 1;
-- all views are security_invoker
SELECT c.relname, c.reloptions FROM pg_class c
WHERE c.relnamespace = 'emotion_crm'::regnamespace AND c.relkind = 'v' ORDER BY 1;

-- ===================================================================
-- untrack leaves nothing behind
-- ===================================================================
SELECT emotion_crm.untrack('crm_chats');
SELECT relname FROM pg_class WHERE relnamespace = 'emotion_crm'::regnamespace AND relname LIKE '%chats%';
SELECT source, id FROM emotion_crm.interactions WHERE source = 'crm_chats'::regclass;
SELECT emotion_crm.untrack('crm_tickets');
SELECT emotion_crm.untrack('crm_tickets');
SELECT count(*) FROM emotion_crm.sources;
SELECT c.relname, c.relkind FROM pg_class c
WHERE c.relnamespace = 'emotion_crm'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  AND c.relkind IN ('r', 'v', 'S')
ORDER BY 1;
SELECT p.proname FROM pg_proc p
WHERE p.pronamespace = 'emotion_crm'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e');
SELECT tgname FROM pg_trigger WHERE tgrelid IN ('crm_tickets'::regclass, 'crm_chats'::regclass);
-- still plain tables that work
INSERT INTO crm_chats VALUES (12, 1, now(), 'Customer: hi');
SELECT * FROM emotion_crm.recommend('1');

DROP TABLE crm_tickets, crm_chats;
DROP ROLE regress_crm_a;
DROP ROLE regress_crm_b;
DROP ROLE regress_crm_none;
