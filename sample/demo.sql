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
