-- sample/demo.sql -- what emotion_crm sees in the sample CRM.
--
--   psql -f sample/demo.sql          (after sample/load.sql)
--
-- Every customer-written text is scored once into the temporary table
-- scored; the sections below only read it.  To add a section, append a block
-- "\echo" + query at the end (each section stands on its own).
\pset pager off
\pset null '-'
SET client_min_messages = warning;

\echo
\echo '== emotion_crm version and lexicon'
SELECT emotion_crm_version() AS version;

-- The customer's own words from every channel: chats only the customer's
-- turns; e-mails without the quoted earlier reply ("On ... wrote:" and
-- "> ..." lines) and without the signature ("--" line).
CREATE TEMP TABLE scored AS
SELECT u.channel, u.id, u.customer_id, u.at, u.body,
	   emotion_score(u.body) AS e,
	   sentiment(u.body) AS s
FROM (
	SELECT 'ticket' AS channel, t.id, t.customer_id, t.created_at AS at,
		   t.subject || E'\n' || t.body AS body
	FROM crm.tickets t
	UNION ALL
	SELECT 'chat', m.id, m.customer_id, m.at, m.body
	FROM crm.chat_messages m WHERE m.speaker = 'customer'
	UNION ALL
	SELECT 'email', m.id, m.customer_id, m.at,
		   regexp_replace(regexp_replace(m.body, '\n+On [^\n]* wrote:\n.*$', ''),
						  '\n--\n.*$', '')
	FROM crm.emails m
	UNION ALL
	SELECT 'review', r.id, r.customer_id, r.at, r.body
	FROM crm.reviews r
) u;
ANALYZE scored;

\echo
\echo '== 1. mood per channel (s = sentiment, -1 .. 1; negative below -0.05, positive above 0.05)'
SELECT channel,
	   count(*) AS texts,
	   round(avg(s)::numeric, 3) AS mean_sentiment,
	   round(avg((s < -0.05)::int)::numeric * 100, 1) AS pct_negative,
	   round(avg((s > 0.05)::int)::numeric * 100, 1) AS pct_positive,
	   round(avg((evidence(e) = 0)::int)::numeric * 100, 1) AS pct_no_emotion
FROM scored
GROUP BY channel
ORDER BY mean_sentiment;

\echo
\echo '== 2. mood by month'
SELECT to_char(date_trunc('month', at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
	   count(*) AS texts,
	   round(avg(s)::numeric, 3) AS mean_sentiment,
	   round(avg((s < -0.05)::int)::numeric * 100, 1) AS pct_negative,
	   round(avg(e -> 'anger')::numeric, 3) AS anger,
	   round(avg(e -> 'joy')::numeric, 3) AS joy
FROM scored
GROUP BY 1
ORDER BY 1;

\echo
\echo '== 3. emotion breakdown per channel (mean intensity over texts with any emotional words)'
SELECT channel,
	   round(avg(e -> 'joy')::numeric, 3) AS joy,
	   round(avg(e -> 'trust')::numeric, 3) AS trust,
	   round(avg(e -> 'fear')::numeric, 3) AS fear,
	   round(avg(e -> 'surprise')::numeric, 3) AS surprise,
	   round(avg(e -> 'sadness')::numeric, 3) AS sadness,
	   round(avg(e -> 'disgust')::numeric, 3) AS disgust,
	   round(avg(e -> 'anger')::numeric, 3) AS anger,
	   round(avg(e -> 'anticipation')::numeric, 3) AS anticipation,
	   round(avg(e -> 'arousal')::numeric, 3) AS arousal
FROM scored
WHERE evidence(e) > 0
GROUP BY channel
ORDER BY channel;

\echo
\echo '== 4. dominant emotion: how many texts each emotion leads'
SELECT d.emotion, count(*) AS texts,
	   round(avg(sc.s)::numeric, 3) AS mean_sentiment
FROM scored sc
CROSS JOIN LATERAL (
	SELECT k.emotion
	FROM unnest(ARRAY['joy', 'trust', 'fear', 'surprise', 'sadness', 'disgust', 'anger', 'anticipation']) AS k(emotion)
	WHERE (sc.e -> k.emotion) > 0
	ORDER BY sc.e -> k.emotion DESC, k.emotion
	LIMIT 1) d
GROUP BY d.emotion
ORDER BY texts DESC;

\echo
\echo '== 5. the most negative interactions'
SELECT channel, id, customer_id, round(s::numeric, 3) AS sentiment,
	   round((e -> 'anger')::numeric, 2) AS anger,
	   left(regexp_replace(body, '\s+', ' ', 'g'), 100) AS text
FROM scored
ORDER BY s, channel, id
LIMIT 8;

\echo
\echo '== 6. the most positive interactions'
SELECT channel, id, customer_id, round(s::numeric, 3) AS sentiment,
	   round((e -> 'joy')::numeric, 2) AS joy,
	   left(regexp_replace(body, '\s+', ' ', 'g'), 100) AS text
FROM scored
ORDER BY s DESC, channel, id
LIMIT 8;

\echo
\echo '== 7. star ratings against the sentiment of the review text'
SELECT r.rating, count(*) AS reviews,
	   round(avg(sc.s)::numeric, 3) AS mean_sentiment,
	   round(min(sc.s)::numeric, 3) AS min,
	   round(max(sc.s)::numeric, 3) AS max
FROM crm.reviews r
JOIN scored sc ON sc.channel = 'review' AND sc.id = r.id
GROUP BY r.rating
ORDER BY r.rating;

SELECT round(corr(r.rating, sc.s)::numeric, 3) AS "correlation rating ~ sentiment"
FROM crm.reviews r
JOIN scored sc ON sc.channel = 'review' AND sc.id = r.id;

\echo
\echo '== 8. journeys: mean sentiment in the first and the last two months, by the journey the generator wrote'
SELECT t.journey,
	   count(DISTINCT sc.customer_id) AS customers,
	   round(avg(sc.s) FILTER (WHERE sc.at < timestamptz '2026-07-01 00:00:00+00')::numeric, 3) AS "May-Jun",
	   round(avg(sc.s) FILTER (WHERE sc.at >= timestamptz '2026-07-01 00:00:00+00'
								 AND sc.at < timestamptz '2026-09-01 00:00:00+00')::numeric, 3) AS "Jul-Aug",
	   round(avg(sc.s) FILTER (WHERE sc.at >= timestamptz '2026-09-01 00:00:00+00')::numeric, 3) AS "Sep-Oct",
	   count(*) FILTER (WHERE sc.at >= timestamptz '2026-09-01 00:00:00+00') AS "texts Sep-Oct"
FROM scored sc
JOIN crm.sample_truth t USING (customer_id)
GROUP BY t.journey
ORDER BY t.journey;

\echo
\echo '== 9. customers to call first: most negative over their last three contacts (at least 3 contacts)'
WITH ranked AS (
	SELECT sc.*, row_number() OVER (PARTITION BY customer_id ORDER BY at DESC, channel, id) AS rn
	FROM scored sc)
SELECT c.id AS customer, c.name, c.plan,
	   round(avg(r.s)::numeric, 3) AS recent_sentiment,
	   round(max(r.e -> 'anger')::numeric, 2) AS max_anger,
	   max(r.at)::date AS last_contact,
	   (SELECT round(avg(o.s)::numeric, 3) FROM scored o
		WHERE o.customer_id = c.id AND o.at < min(r.at)) AS earlier_sentiment
FROM ranked r
JOIN crm.customers c ON c.id = r.customer_id
WHERE r.rn <= 3
GROUP BY c.id, c.name, c.plan
HAVING count(*) = 3
ORDER BY avg(r.s), c.id
LIMIT 10;

\echo
\echo '== 10. does the score follow the mood the generator meant? (mean sentiment per intended mood)'
SELECT l.mood, count(*) AS texts,
	   round(avg(sc.s)::numeric, 3) AS mean_sentiment,
	   round(avg((sc.e -> 'anger'))::numeric, 3) AS anger,
	   round(avg((sc.e -> 'fear'))::numeric, 3) AS fear,
	   round(avg((sc.e -> 'joy'))::numeric, 3) AS joy
FROM crm.sample_labels l
JOIN scored sc ON sc.channel = l.channel AND sc.id = l.row_id
GROUP BY l.mood
ORDER BY mean_sentiment;

\echo
\echo '== 11. why: emotion_explain of one ticket'
SELECT body AS ticket FROM scored
WHERE channel = 'ticket'
ORDER BY (body ~* '\mbut\M' AND s < -0.2) DESC, s, id LIMIT 1 \gset explain_
\echo :explain_ticket
SELECT x.token, x.position, round(x.base_valence::numeric, 3) AS base,
	   round(x.valence::numeric, 3) AS valence, x.rules, x.emotions
FROM emotion_explain(:'explain_ticket') AS x
ORDER BY x.position;
SELECT emotion_score(:'explain_ticket') AS score, round(sentiment(:'explain_ticket')::numeric, 3) AS sentiment;

-- ===========================================================================
-- CRM integration (README: "CRM integration"): track the sample's tables, back-fill them and
-- read the dashboard views.  This block changes the database: it creates
-- emotion_crm side tables, triggers and views (emotion_crm.untrack removes them).
-- ===========================================================================
\echo
\echo '== 12. CRM integration: track tickets, customer chat messages, e-mails and reviews, back-fill the existing rows'
SET client_min_messages = warning;
-- registrations left from an earlier load of the sample are removed first
SELECT count(*) AS untracked_earlier FROM (
	SELECT emotion_crm.untrack(s.source) FROM emotion_crm.sources s
	WHERE s.source::text IN ('crm.tickets', 'crm.chat_messages', 'crm.emails', 'crm.reviews')
	   OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = s.source)) x \gset
SELECT emotion_crm.track('crm.tickets', 'body', 'customer_id', 'created_at', channel => 'ticket', open_column => 'status') AS side_table
UNION ALL SELECT emotion_crm.track('crm.chat_messages', 'body', 'customer_id', 'at', channel => 'chat',
									row_filter => $$speaker = 'customer'$$)
UNION ALL SELECT emotion_crm.track('crm.emails', 'body', 'customer_id', 'at', channel => 'email')
UNION ALL SELECT emotion_crm.track('crm.reviews', 'body', 'customer_id', 'at', channel => 'review');
SET client_min_messages = notice;
CALL emotion_crm.backfill('crm.tickets', 5000);
CALL emotion_crm.backfill('crm.chat_messages', 5000);
CALL emotion_crm.backfill('crm.emails', 5000);
CALL emotion_crm.backfill('crm.reviews', 5000);
SET client_min_messages = warning;

\echo
\echo '== 13. customers per journey state (emotion_crm.customer_state)'
SELECT state, count(*) AS customers, round(avg(churn_risk)::numeric, 2) AS mean_churn_risk,
	   round(avg(mood)::numeric, 2) AS mean_mood
FROM emotion_crm.customer_state GROUP BY state ORDER BY customers DESC;

\echo
\echo '== 14. highest churn risk'
SELECT customer, interactions, state, segment, round(churn_risk::numeric, 2) AS churn_risk,
	   round(mood::numeric, 2) AS mood, last_contact::date, last_channel, channel_mix, sparkline
FROM emotion_crm.customer_state ORDER BY churn_risk DESC, customer LIMIT 8;

\echo
\echo '== 15. mood by day and channel, last week of the sample (emotion_crm.mood_daily)'
SELECT day, channel, interactions, round(mean_valence::numeric, 3) AS mean_valence,
	   round(share_negative::numeric, 2) AS share_negative
FROM emotion_crm.mood_daily
WHERE day > (SELECT max(day) FROM emotion_crm.mood_daily) - 7
ORDER BY day, channel;

\echo
\echo '== 16. segment sizes, last four weeks (emotion_crm.segment_sizes)'
SELECT week, string_agg(format('%s %s', segment, interactions), ', ' ORDER BY interactions DESC, segment) AS segments
FROM emotion_crm.segment_sizes
WHERE week > (SELECT max(week) FROM emotion_crm.segment_sizes) - 28
GROUP BY week ORDER BY week;

\echo
\echo '== 17. escalation queue (the sample ends weeks ago: shown with a 60-day half-life instead of 3 days)'
BEGIN;
UPDATE emotion_crm.escalation_weights SET half_life_days = 60;
SELECT channel, id, customer, at::date, round(priority::numeric, 2) AS priority, cues, repeats, segment, tone, handoff
FROM emotion_crm.escalation_queue LIMIT 8;
ROLLBACK;

\echo
\echo '== 18. a new angry ticket: the trigger scores it and sends NOTIFY emotion_crm_escalation; the playbook says what to do'
LISTEN emotion_crm_escalation;
INSERT INTO crm.tickets (id, customer_id, created_at, subject, body, status, priority)
SELECT max(id) + 1, 1, now(), 'Refund', 'This is the third time I write and I am still waiting for my refund. Unacceptable, I am furious!!', 'open', 'high'
FROM crm.tickets
RETURNING id AS new_ticket \gset
UNLISTEN emotion_crm_escalation;
SELECT * FROM emotion_crm.recommend('1');
DELETE FROM crm.tickets WHERE id = :new_ticket;
