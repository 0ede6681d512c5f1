-- sample/check.sql -- assertions over a loaded sample (run by scripts/test.sh):
-- the generator made every kind of row, and emotion_crm's scores follow the
-- moods and journeys the generator wrote.
\set ON_ERROR_STOP 1
SET client_min_messages = notice;

DO $$
DECLARE
	n bigint;
	r record;
BEGIN
	FOR r IN SELECT * FROM (VALUES ('crm.customers'), ('crm.tickets'), ('crm.chat_messages'),
								   ('crm.emails'), ('crm.reviews'), ('crm.sample_labels')) v(t)
	LOOP
		EXECUTE format('SELECT count(*) FROM %s', r.t) INTO n;
		IF n = 0 THEN
			RAISE EXCEPTION 'sample table % is empty', r.t;
		END IF;
	END LOOP;
	IF (SELECT count(DISTINCT journey) FROM crm.sample_truth) < 6 THEN
		RAISE EXCEPTION 'not every journey is in the sample';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM crm.emails WHERE body ~ '\nOn [^\n]* wrote:\n> ') THEN
		RAISE EXCEPTION 'no e-mail with a quoted reply';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM crm.tickets WHERE status = 'open')
	   OR NOT EXISTS (SELECT 1 FROM crm.tickets WHERE status = 'closed') THEN
		RAISE EXCEPTION 'tickets should be both open and closed';
	END IF;
END $$;

CREATE TEMP TABLE check_scored AS
SELECT l.channel, l.row_id, l.mood, x.customer_id, x.at, x.rating, sentiment(x.body) AS s
FROM crm.sample_labels l
JOIN (SELECT 'ticket' AS channel, id, customer_id, created_at AS at, NULL::int AS rating, body FROM crm.tickets
	  UNION ALL SELECT 'chat', id, customer_id, at, NULL, body FROM crm.chat_messages
	  UNION ALL SELECT 'email', id, customer_id, at, NULL,
					   regexp_replace(regexp_replace(body, '\n+On [^\n]* wrote:\n.*$', ''), '\n--\n.*$', '')
				FROM crm.emails
	  UNION ALL SELECT 'review', id, customer_id, at, rating, body FROM crm.reviews) x
  ON x.channel = l.channel AND x.id = l.row_id;

DO $$
DECLARE
	pos float8; neu float8; neg float8; early float8; late float8; c float8;
BEGIN
	SELECT avg(s) FILTER (WHERE mood IN ('satisfied', 'delighted')),
		   avg(s) FILTER (WHERE mood = 'neutral'),
		   avg(s) FILTER (WHERE mood IN ('angry', 'churn', 'frustrated'))
	  INTO pos, neu, neg FROM check_scored;
	RAISE NOTICE 'mean sentiment: positive moods %, neutral %, negative moods %',
		round(pos::numeric, 3), round(neu::numeric, 3), round(neg::numeric, 3);
	IF NOT (pos > neu + 0.1 AND neu > neg + 0.1 AND pos > 0.1 AND neg < -0.1) THEN
		RAISE EXCEPTION 'sentiment does not separate the intended moods';
	END IF;

	SELECT avg(s) FILTER (WHERE at < '2026-07-01 00:00:00+00'), avg(s) FILTER (WHERE at >= '2026-09-01 00:00:00+00')
	  INTO early, late
	  FROM check_scored JOIN crm.sample_truth USING (customer_id) WHERE journey = 'recovering';
	RAISE NOTICE 'recovering customers: May-Jun %, Sep-Oct %', round(early::numeric, 3), round(late::numeric, 3);
	IF NOT late > early + 0.2 THEN
		RAISE EXCEPTION 'recovering customers do not recover in the scores';
	END IF;

	SELECT avg(s) FILTER (WHERE at < '2026-07-01 00:00:00+00'), avg(s) FILTER (WHERE at >= '2026-09-01 00:00:00+00')
	  INTO early, late
	  FROM check_scored JOIN crm.sample_truth USING (customer_id) WHERE journey = 'declining';
	RAISE NOTICE 'declining customers: May-Jun %, Sep-Oct %', round(early::numeric, 3), round(late::numeric, 3);
	IF NOT late < early - 0.2 THEN
		RAISE EXCEPTION 'declining customers do not decline in the scores';
	END IF;

	SELECT corr(rating, s) INTO c FROM check_scored WHERE channel = 'review';
	RAISE NOTICE 'correlation of star rating and review sentiment: %', round(c::numeric, 3);
	IF NOT c > 0.3 THEN
		RAISE EXCEPTION 'review sentiment does not follow the star rating';
	END IF;
END $$;
