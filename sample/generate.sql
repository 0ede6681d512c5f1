-- sample/generate.sql -- builds the sample CRM from the fragments.
-- Needs the psql variable :customers.  Deterministic: every choice is a hash
-- of (customer, interaction, purpose) through hashint8extended, so the same
-- size gives the same rows on every run, whatever the plan or row order
-- (setseed is set too, for anyone extending this with random()).
--
-- Story: customers of a software-and-delivery company over six months
-- (May to October 2026).  Each customer follows a journey:
--   steady_happy  mostly satisfied or delighted
--   recovering    a bad start (angry, frustrated), then things get fixed
--   declining     happy at first, then frustration, anger, churn threats
--   silent        a few contacts early on, nothing in the last months
--   volatile      mood swings back and forth
--   neutral       questions and admin, little emotion
-- A mood target moves along the journey; noise around it picks the mood of
-- each interaction, and the mood picks the fragments.

DO $$ BEGIN PERFORM pg_catalog.setseed(0.42); END $$;

-- ---- deterministic hashing ---------------------------------------------
CREATE FUNCTION crm_gen.h(a bigint, salt integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT pg_catalog.hashint8extended(a, salt::bigint) & 9223372036854775807 $$;

CREATE FUNCTION crm_gen.u(a bigint, salt integer) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (crm_gen.h(a, salt) % 1000000007)::float8 / 1000000007 $$;

-- all fragments as one jsonb {kind: [text, ...]}
CREATE TABLE crm_gen.lib AS
SELECT pg_catalog.jsonb_object_agg(kind, arr) AS j
FROM (SELECT kind, pg_catalog.jsonb_agg(txt ORDER BY id) AS arr
	  FROM crm_gen.frag_src GROUP BY kind
	  UNION ALL
	  SELECT 'thing', pg_catalog.jsonb_agg(txt ORDER BY i) FROM crm_gen.things
	  UNION ALL
	  SELECT 'wait', pg_catalog.jsonb_agg(txt ORDER BY i) FROM crm_gen.waits) s;

-- fragment number h (mod count) of a kind, placeholders filled from key
CREATE FUNCTION crm_gen.pick(j jsonb, kind text, h bigint, key bigint) RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
	a jsonb := j -> kind;
	t text;
BEGIN
	IF a IS NULL THEN
		RAISE EXCEPTION 'no fragments of kind %', kind;
	END IF;
	t := a ->> (h % pg_catalog.jsonb_array_length(a))::int;
	IF strpos(t, '{') > 0 THEN
		t := replace(t, '{thing}', (j -> 'thing') ->> (crm_gen.h(key, 101) % pg_catalog.jsonb_array_length(j -> 'thing'))::int);
		t := replace(t, '{days}', (j -> 'wait') ->> (crm_gen.h(key, 102) % pg_catalog.jsonb_array_length(j -> 'wait'))::int);
		t := replace(t, '{n}', (10000 + crm_gen.h(key, 103) % 89999)::text);
		IF left(t, 1) ~ '[a-z]' THEN
			t := upper(left(t, 1)) || substr(t, 2);
		END IF;
	END IF;
	RETURN t;
END
$$;

-- a mood close to the given one, for a second sentence
CREATE FUNCTION crm_gen.neighbour(mood text, h bigint) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
SELECT CASE mood
	WHEN 'angry' THEN (ARRAY['frustrated', 'churn', 'angry', 'effort'])[1 + h % 4]
	WHEN 'churn' THEN (ARRAY['angry', 'frustrated', 'effort'])[1 + h % 3]
	WHEN 'frustrated' THEN (ARRAY['angry', 'effort', 'frustrated', 'skeptical'])[1 + h % 4]
	WHEN 'anxious' THEN (ARRAY['confused', 'anxious', 'neutral'])[1 + h % 3]
	WHEN 'skeptical' THEN (ARRAY['frustrated', 'skeptical', 'confused'])[1 + h % 3]
	WHEN 'confused' THEN (ARRAY['neutral', 'confused', 'anxious'])[1 + h % 3]
	WHEN 'neutral' THEN (ARRAY['neutral', 'confused'])[1 + h % 2]
	WHEN 'satisfied' THEN (ARRAY['delighted', 'satisfied', 'neutral'])[1 + h % 3]
	ELSE (ARRAY['satisfied', 'delighted'])[1 + h % 2]
END $$;

-- what the customer says in one interaction: one to three sentences of the
-- mood, sometimes a contrast ("..., but ..."), a waiting/repeat-contact cue,
-- shouting, "!!!" or an emoji
CREATE FUNCTION crm_gen.say(j jsonb, mood text, key bigint, sentences int) RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
	neg boolean := mood IN ('angry', 'churn', 'frustrated');
	pos boolean := mood IN ('satisfied', 'delighted');
	s1 text := crm_gen.pick(j, mood, crm_gen.h(key, 11), key);
	r text;
	u float8;
BEGIN
	-- contrast: the other side first, the opinion after "but"
	u := crm_gen.u(key, 12);
	IF (neg AND u < 0.12) OR (pos AND u < 0.15) THEN
		IF s1 !~ '^(I\M|I''|[A-Z]{2})' THEN
			s1 := lower(left(s1, 1)) || substr(s1, 2);
		END IF;
		s1 := crm_gen.pick(j, CASE WHEN neg THEN 'but_pos' ELSE 'but_neg' END, crm_gen.h(key, 13), key)
			|| ', but ' || s1;
	END IF;
	-- shouting
	IF mood IN ('angry', 'churn') AND crm_gen.u(key, 14) < 0.18 THEN
		s1 := upper(s1);
	END IF;
	r := s1;
	IF sentences > 1 THEN
		-- a different fragment than the first when the kind is the same
		r := r || ' ' || crm_gen.pick(j, crm_gen.neighbour(mood, crm_gen.h(key, 15)),
									  crm_gen.h(key, 11) + 1 + crm_gen.h(key, 16) % 7, key);
	END IF;
	IF sentences > 2 THEN
		r := r || ' ' || crm_gen.pick(j, mood, crm_gen.h(key, 11) + 8 + crm_gen.h(key, 17) % 5, key);
	END IF;
	-- customer effort
	IF (neg AND crm_gen.u(key, 18) < 0.45) OR (mood IN ('anxious', 'skeptical') AND crm_gen.u(key, 18) < 0.15) THEN
		r := r || ' ' || crm_gen.pick(j, 'effort', crm_gen.h(key, 19), key);
	END IF;
	-- emphasis and emoji
	u := crm_gen.u(key, 20);
	IF neg AND u < 0.2 THEN
		r := regexp_replace(r, '[.!]*$', '!!!');
	ELSIF neg AND u < 0.27 THEN
		r := r || (ARRAY[' 😡', ' 😤', ' 🙄', ' :('])[1 + crm_gen.h(key, 21) % 4];
	ELSIF mood = 'delighted' AND u < 0.25 THEN
		r := r || (ARRAY[' 😊', ' 🎉', ' 🙏', ' ❤️', ' :-)', ' <3'])[1 + crm_gen.h(key, 21) % 6];
	ELSIF mood = 'satisfied' AND u < 0.1 THEN
		r := r || (ARRAY[' :)', ' 👍'])[1 + crm_gen.h(key, 21) % 2];
	ELSIF mood = 'anxious' AND u < 0.1 THEN
		r := r || ' 😟';
	END IF;
	RETURN r;
END
$$;

-- ---- customers ------------------------------------------------------------
INSERT INTO crm.customers (id, name, email, plan, region, signup_date)
SELECT c,
	   f.first || ' ' || l.last,
	   lower(translate(f.first, 'éáíóúñüö', 'eaiounuo')) || '.' || lower(translate(l.last, 'éáíóúñüö''', 'eaiounuo'))
		   || c || '@' || (ARRAY['example.com', 'example.org', 'example.net', 'mail.example'])[1 + crm_gen.h(c, 4) % 4],
	   CASE WHEN crm_gen.u(c, 5) < 0.30 THEN 'free'
			WHEN crm_gen.u(c, 5) < 0.65 THEN 'starter'
			WHEN crm_gen.u(c, 5) < 0.92 THEN 'pro'
			ELSE 'enterprise' END,
	   (ARRAY['UK', 'Ireland', 'Germany', 'France', 'Spain', 'Netherlands', 'US East', 'US West', 'Canada', 'Australia'])[1 + crm_gen.h(c, 6) % 10],
	   date '2023-01-01' + (crm_gen.h(c, 7) % 1216)::int
FROM generate_series(1, :customers) AS c
CROSS JOIN LATERAL (SELECT (ARRAY['Olivia', 'Liam', 'Amelia', 'Noah', 'Isla', 'Oliver', 'Ava', 'Jack', 'Mia', 'Leo',
	'Sofia', 'Lucas', 'Emma', 'Mateo', 'Chloé', 'Hugo', 'Hannah', 'Felix', 'Aisha', 'Omar', 'Priya', 'Arjun', 'Mei',
	'Kenji', 'Zoë', 'Daniel', 'Grace', 'Samuel', 'Nora', 'Elias', 'Lucía', 'José', 'Fatima', 'Yusuf', 'Ingrid',
	'Lars', 'Chiara', 'Marco', 'Anna', 'Tomás'])[1 + crm_gen.h(c, 1) % 40] AS first) f
CROSS JOIN LATERAL (SELECT (ARRAY['Smith', 'Murphy', 'Müller', 'Dubois', 'García', 'de Vries', 'Johnson', 'Brown',
	'Tremblay', 'Wilson', 'Kelly', 'Schmidt', 'Martin', 'López', 'Jansen', 'Williams', 'Nguyen', 'Patel', 'Kim',
	'O''Brien', 'Rossi', 'Novak', 'Andersson', 'Khan', 'Silva', 'Walsh', 'Fischer', 'Moreau', 'Costa', 'Taylor'])
	[1 + crm_gen.h(c, 2) % 30] AS last) l;

INSERT INTO crm.sample_truth (customer_id, journey)
SELECT id,
	   CASE WHEN u < 0.28 THEN 'steady_happy'
			WHEN u < 0.44 THEN 'recovering'
			WHEN u < 0.60 THEN 'declining'
			WHEN u < 0.72 THEN 'silent'
			WHEN u < 0.82 THEN 'volatile'
			ELSE 'neutral' END
FROM (SELECT id, crm_gen.u(id, 8) AS u FROM crm.customers) s;

-- ---- interactions: when, which channel, which mood -----------------------
CREATE TABLE crm_gen.ix AS
WITH cust AS MATERIALIZED (
	SELECT t.customer_id AS c, t.journey,
		   crm_gen.u(t.customer_id, 21) AS pu,
		   crm_gen.h(t.customer_id, 22) % 3 AS pref,
		   CASE t.journey
			   WHEN 'steady_happy' THEN 4 + crm_gen.h(t.customer_id, 23) % 9
			   WHEN 'recovering' THEN 8 + crm_gen.h(t.customer_id, 23) % 10
			   WHEN 'declining' THEN 8 + crm_gen.h(t.customer_id, 23) % 10
			   WHEN 'silent' THEN 3 + crm_gen.h(t.customer_id, 23) % 5
			   WHEN 'volatile' THEN 7 + crm_gen.h(t.customer_id, 23) % 12
			   ELSE 2 + crm_gen.h(t.customer_id, 23) % 8 END AS k
	FROM crm.sample_truth t),
base AS MATERIALIZED (
	SELECT c, journey, pu, pref, s, c::bigint * 1000 + s AS key,
		   ((s - 1) + crm_gen.u(c::bigint * 1000 + s, 1)) / k
			   * CASE WHEN journey = 'silent' THEN 0.55 ELSE 1 END AS t
	FROM cust, generate_series(1, k::int) AS s),
target AS MATERIALIZED (
	SELECT *,
		   CASE journey
			   WHEN 'steady_happy' THEN 0.55
			   WHEN 'recovering' THEN -0.72 + 1.35 / (1 + exp(-(t - (0.35 + 0.25 * pu)) * 14))
			   WHEN 'declining' THEN 0.55 - 1.4 / (1 + exp(-(t - (0.35 + 0.25 * pu)) * 10))
			   WHEN 'silent' THEN 0.1 - 0.9 * t
			   WHEN 'volatile' THEN 0.7 * sin(t * 12 + pu * 6)
			   ELSE 0.0 END
		   + (crm_gen.u(key, 2) - 0.5) * 0.8 AS x0,
		   CASE WHEN crm_gen.u(key, 4) < 0.08 THEN 'review'
				ELSE (CASE pref WHEN 0 THEN ARRAY['ticket', 'chat', 'email']
								WHEN 1 THEN ARRAY['chat', 'ticket', 'email']
								ELSE ARRAY['email', 'ticket', 'chat'] END)
					 [CASE WHEN crm_gen.u(key, 9) < 0.55 THEN 1 WHEN crm_gen.u(key, 9) < 0.8 THEN 2 ELSE 3 END]
		   END AS channel
	FROM base),
biased AS MATERIALIZED (
	-- people open tickets when something is wrong; reviews lean positive
	SELECT *, x0 + CASE channel WHEN 'ticket' THEN -0.22 WHEN 'chat' THEN -0.12
								WHEN 'email' THEN -0.05 ELSE 0.05 END AS x
	FROM target)
SELECT c AS customer_id, journey, s AS seq, key, t, x, channel,
	   timestamptz '2026-05-01 00:00:00+00' + floor(t * 183) * interval '24 hours'
		   + (7 + 14 * crm_gen.u(key, 3)) * interval '1 hour' AS at,
	   CASE WHEN x < -0.75 THEN CASE WHEN crm_gen.u(key, 5) < 0.35 THEN 'churn' ELSE 'angry' END
			WHEN x < -0.42 THEN 'frustrated'
			WHEN x < -0.15 THEN CASE WHEN crm_gen.u(key, 5) < 0.4 THEN 'anxious'
									 WHEN crm_gen.u(key, 5) < 0.7 THEN 'skeptical'
									 ELSE 'confused' END
			WHEN x < 0.18 THEN CASE WHEN crm_gen.u(key, 5) < 0.8 THEN 'neutral' ELSE 'confused' END
			WHEN x < 0.55 THEN 'satisfied'
			ELSE 'delighted' END AS mood
FROM biased;

-- ---- tickets ----------------------------------------------------------------
WITH lib AS MATERIALIZED (SELECT j || '{}'::jsonb AS j FROM crm_gen.lib),
t AS (
	SELECT ix.*, row_number() OVER (ORDER BY ix.at, ix.key) AS id,
		   ix.at > timestamptz '2026-10-10 00:00:00+00'
			   AND crm_gen.u(ix.key, 30) < CASE WHEN ix.mood IN ('angry', 'churn', 'frustrated', 'anxious') THEN 0.8 ELSE 0.35 END AS is_open
	FROM crm_gen.ix WHERE channel = 'ticket'),
ins AS (
	INSERT INTO crm.tickets (id, customer_id, created_at, subject, body, status, priority, closed_at)
	SELECT t.id, t.customer_id, t.at,
		   crm_gen.pick(lib.j, CASE WHEN t.mood IN ('angry', 'churn', 'frustrated') THEN 'subj_neg'
									WHEN t.mood IN ('delighted', 'satisfied') AND crm_gen.u(t.key, 31) < 0.5 THEN 'subj_pos'
									ELSE 'subj_neu' END, crm_gen.h(t.key, 32), t.key),
		   CASE WHEN crm_gen.u(t.key, 33) < 0.6 THEN crm_gen.pick(lib.j, 'open', crm_gen.h(t.key, 34), t.key) || E'\n\n' ELSE '' END
		   || crm_gen.say(lib.j, t.mood, t.key, 1 + (crm_gen.h(t.key, 35) % 3)::int)
		   || CASE WHEN crm_gen.u(t.key, 36) < 0.5 THEN E'\n\n' || crm_gen.pick(lib.j,
				  CASE WHEN t.mood IN ('angry', 'churn', 'frustrated') THEN 'close_neg'
					   WHEN t.mood IN ('delighted', 'satisfied') THEN 'close_pos' ELSE 'close_neu' END,
				  crm_gen.h(t.key, 37), t.key) ELSE '' END,
		   CASE WHEN t.is_open THEN 'open' ELSE 'closed' END,
		   CASE WHEN t.mood IN ('angry', 'churn') THEN CASE WHEN crm_gen.u(t.key, 38) < 0.4 THEN 'urgent' ELSE 'high' END
				WHEN t.mood IN ('frustrated', 'anxious') THEN CASE WHEN crm_gen.u(t.key, 38) < 0.5 THEN 'high' ELSE 'normal' END
				ELSE CASE WHEN crm_gen.u(t.key, 38) < 0.7 THEN 'normal' ELSE 'low' END END,
		   CASE WHEN t.is_open THEN NULL ELSE t.at + (2 + 200 * crm_gen.u(t.key, 39)) * interval '1 hour' END
	FROM t CROSS JOIN lib
	RETURNING id)
INSERT INTO crm.sample_labels (channel, row_id, mood)
SELECT 'ticket', t.id, t.mood FROM t;

-- ---- e-mails: greeting, text, closing, signature, quoted earlier reply ----
WITH lib AS MATERIALIZED (SELECT j || '{}'::jsonb AS j FROM crm_gen.lib),
e AS (
	SELECT ix.*, row_number() OVER (ORDER BY ix.at, ix.key) AS id,
		   ix.at - (3 + 60 * crm_gen.u(ix.key, 40)) * interval '1 hour' AS quoted_at
	FROM crm_gen.ix WHERE channel = 'email'),
ins AS (
	INSERT INTO crm.emails (id, customer_id, at, subject, body)
	SELECT e.id, e.customer_id, e.at,
		   CASE WHEN crm_gen.u(e.key, 41) < 0.4 THEN 'Re: ' ELSE '' END
		   || crm_gen.pick(lib.j, CASE WHEN e.mood IN ('angry', 'churn', 'frustrated') THEN 'subj_neg'
									   WHEN e.mood IN ('delighted', 'satisfied') AND crm_gen.u(e.key, 42) < 0.5 THEN 'subj_pos'
									   ELSE 'subj_neu' END, crm_gen.h(e.key, 43), e.key),
		   crm_gen.pick(lib.j, 'open', crm_gen.h(e.key, 44), e.key) || E'\n\n'
		   || crm_gen.say(lib.j, e.mood, e.key, 1 + (crm_gen.h(e.key, 45) % 3)::int)
		   || E'\n\n' || crm_gen.pick(lib.j,
				  CASE WHEN e.mood IN ('angry', 'churn', 'frustrated') THEN 'close_neg'
					   WHEN e.mood IN ('delighted', 'satisfied') THEN 'close_pos' ELSE 'close_neu' END,
				  crm_gen.h(e.key, 46), e.key)
		   || CASE WHEN crm_gen.u(e.key, 47) < 0.65 THEN E'\n' || crm_gen.pick(lib.j, 'signature', crm_gen.h(e.key, 48), e.key) ELSE '' END
		   || CASE WHEN crm_gen.u(e.key, 49) < 0.45
				   THEN E'\n\nOn ' || to_char(e.quoted_at AT TIME ZONE 'UTC', 'Dy, DD Mon YYYY "at" HH24:MI')
						|| E', Lumen Support <support@lumen.example> wrote:\n> '
						|| crm_gen.pick(lib.j, 'agent', crm_gen.h(e.key, 50), e.key)
						|| E'\n> ' || crm_gen.pick(lib.j, 'agent', crm_gen.h(e.key, 51), e.key)
						|| E'\n>\n> Kind regards,\n> Lumen Support'
				   ELSE '' END
	FROM e CROSS JOIN lib
	RETURNING id)
INSERT INTO crm.sample_labels (channel, row_id, mood)
SELECT 'email', e.id, e.mood FROM e;

-- ---- chats: customer and agent take turns ---------------------------------
CREATE TABLE crm_gen.chat_msg AS
WITH lib AS MATERIALIZED (SELECT j || '{}'::jsonb AS j FROM crm_gen.lib),
conv AS (
	SELECT ix.*, row_number() OVER (ORDER BY ix.at, ix.key) AS conversation_id,
		   2 + (crm_gen.h(ix.key, 60) % 4)::int AS n,
		   crm_gen.u(ix.key, 61) < CASE WHEN ix.mood IN ('angry', 'churn') THEN 0.15
										WHEN ix.mood IN ('satisfied', 'delighted') THEN 0.9 ELSE 0.45 END AS resolved
	FROM crm_gen.ix WHERE channel = 'chat'),
m AS (
	SELECT conv.*, i, conv.key * 10 + i AS mkey,
		   CASE WHEN i % 2 = 1 THEN 'customer' ELSE 'agent' END AS speaker,
		   -- the customer's last turn shows how the chat ended
		   CASE WHEN i % 2 = 1 AND i > 1 AND i >= n - 1 AND conv.resolved THEN 'satisfied'
				WHEN i % 2 = 1 AND i > 1 AND i >= n - 1 AND conv.mood IN ('satisfied', 'delighted') THEN 'neutral'
				ELSE conv.mood END AS msg_mood
	FROM conv, generate_series(1, conv.n) AS i)
SELECT row_number() OVER (ORDER BY m.conversation_id, m.i) AS id,
	   m.conversation_id, m.customer_id,
	   m.at + (m.i - 1) * (40 + 150 * crm_gen.u(m.mkey, 62)) * interval '1 second' AS at,
	   m.speaker, m.msg_mood,
	   CASE WHEN m.speaker = 'agent' THEN crm_gen.pick(lib.j, 'agent', crm_gen.h(m.mkey, 63), m.key)
			WHEN m.i = 1 THEN CASE WHEN crm_gen.u(m.key, 64) < 0.4 THEN crm_gen.pick(lib.j, 'open', crm_gen.h(m.key, 65), m.key) || ' ' ELSE '' END
							  || crm_gen.say(lib.j, m.msg_mood, m.key, 1 + (crm_gen.h(m.key, 66) % 2)::int)
			ELSE crm_gen.say(lib.j, m.msg_mood, m.mkey, 1) END AS body
FROM m CROSS JOIN lib;

INSERT INTO crm.chat_messages (id, conversation_id, customer_id, at, speaker, body)
SELECT id, conversation_id, customer_id, at, speaker, body FROM crm_gen.chat_msg;

INSERT INTO crm.sample_labels (channel, row_id, mood)
SELECT 'chat', id, msg_mood FROM crm_gen.chat_msg WHERE speaker = 'customer';

-- ---- reviews: the star rating follows the mood ---------------------------
WITH lib AS MATERIALIZED (SELECT j || '{}'::jsonb AS j FROM crm_gen.lib),
r AS (
	SELECT ix.*, row_number() OVER (ORDER BY ix.at, ix.key) AS id,
		   CASE ix.mood WHEN 'delighted' THEN 5
						WHEN 'satisfied' THEN 4 + (crm_gen.u(ix.key, 70) < 0.3)::int * -1 + (crm_gen.u(ix.key, 70) > 0.8)::int
						WHEN 'neutral' THEN 3 + (crm_gen.u(ix.key, 70) > 0.7)::int
						WHEN 'confused' THEN 3
						WHEN 'anxious' THEN 3 - (crm_gen.u(ix.key, 70) < 0.4)::int
						WHEN 'skeptical' THEN 2 + (crm_gen.u(ix.key, 70) < 0.4)::int
						WHEN 'frustrated' THEN 2 - (crm_gen.u(ix.key, 70) < 0.3)::int
						ELSE 1 END AS rating
	FROM crm_gen.ix WHERE channel = 'review'),
ins AS (
	INSERT INTO crm.reviews (id, customer_id, at, rating, body)
	SELECT r.id, r.customer_id, r.at, r.rating,
		   crm_gen.pick(lib.j, 'review_' || r.rating, crm_gen.h(r.key, 71), r.key)
		   || CASE WHEN crm_gen.u(r.key, 72) < 0.5 THEN ' ' || crm_gen.say(lib.j, r.mood, r.key, 1) ELSE '' END
	FROM r CROSS JOIN lib
	RETURNING id)
INSERT INTO crm.sample_labels (channel, row_id, mood)
SELECT 'review', r.id, r.mood FROM r;
