-- metrics.sql -- appended by evaluate.sh after ev_row is loaded.
-- psql variables: :band (neutral band of the sentiment classes), :peer (1 if
-- the vader-sentiment scores are present in ev_row.peer).

-- score every text once
CREATE TEMP TABLE ev_scored AS
SELECT r.*, sentiment(r.body)::float8 AS s, x.e,
	(x.e -> 'joy')::float8 AS joy, (x.e -> 'trust')::float8 AS trust,
	(x.e -> 'fear')::float8 AS fear, (x.e -> 'surprise')::float8 AS surprise,
	(x.e -> 'sadness')::float8 AS sadness, (x.e -> 'disgust')::float8 AS disgust,
	(x.e -> 'anger')::float8 AS anger, (x.e -> 'anticipation')::float8 AS anticipation
FROM ev_row r CROSS JOIN LATERAL (SELECT emotion_score(r.body) AS e) x;

CREATE FUNCTION pg_temp.sent_class(v float8, band float8) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN v >= band THEN 'positive'
				WHEN v <= -band THEN 'negative'
				ELSE 'neutral' END
$$;

-- one row per (file, task, scorer, text): gold class, predicted class, and
-- the numeric score / numeric gold value for Pearson r
CREATE TEMP TABLE ev_pred AS
-- sentiment, 3 classes
SELECT file, 1 AS task_ord, 'sentiment (3 classes)' AS task, 1 AS scorer_ord,
	'emotion_crm' AS scorer, sent_label AS gold, pg_temp.sent_class(s, :band) AS pred,
	s AS score, CASE sent_label WHEN 'negative' THEN -1 WHEN 'neutral' THEN 0 ELSE 1 END::float8 AS y
FROM ev_scored WHERE sent_label IS NOT NULL
UNION ALL
SELECT file, 1, 'sentiment (3 classes)', 2, 'vader-sentiment', sent_label, pg_temp.sent_class(peer, :band),
	peer, CASE sent_label WHEN 'negative' THEN -1 WHEN 'neutral' THEN 0 ELSE 1 END
FROM ev_scored WHERE sent_label IS NOT NULL AND :peer = 1
UNION ALL
-- dominant emotion against single Ekman labels (7 classes with neutral)
SELECT file, 2, 'dominant emotion (Ekman + neutral)', 1, 'emotion_crm', emo_label,
	CASE WHEN d.v < 0.05 THEN 'neutral' ELSE d.k END, NULL, NULL
FROM ev_scored CROSS JOIN LATERAL (
	SELECT k, v FROM (VALUES ('anger', anger), ('disgust', disgust), ('fear', fear),
		('joy', greatest(joy, trust, anticipation)), ('sadness', sadness),
		('surprise', surprise)) AS c(k, v)
	ORDER BY v DESC, k LIMIT 1) d
WHERE emo_kind = 'ekman' AND emo_label IS NOT NULL
UNION ALL
-- dominant emotion against TweetEval's four (no neutral class in the gold)
SELECT file, 2, 'dominant emotion (4 classes)', 1, 'emotion_crm', emo_label,
	CASE WHEN d.v < 0.05 THEN 'none' ELSE d.k END, NULL, NULL
FROM ev_scored CROSS JOIN LATERAL (
	SELECT k, v FROM (VALUES ('anger', anger), ('joy', joy), ('optimism', anticipation),
		('sadness', sadness)) AS c(k, v)
	ORDER BY v DESC, k LIMIT 1) d
WHERE emo_kind = 'tweeteval' AND emo_label IS NOT NULL
UNION ALL
-- emotion intensity: the rated emotion's intensity against the gold intensity
SELECT file, 3, 'intensity r: ' || emo_label, 1, 'emotion_crm', NULL, NULL,
	CASE emo_label WHEN 'anger' THEN anger WHEN 'fear' THEN fear WHEN 'joy' THEN joy
		WHEN 'sadness' THEN sadness WHEN 'disgust' THEN disgust WHEN 'surprise' THEN surprise
		WHEN 'trust' THEN trust WHEN 'anticipation' THEN anticipation END,
	intensity
FROM ev_scored WHERE emo_kind = 'intensity'
UNION ALL
-- the peer has no emotions: its compound score, negated for the negative
-- emotions, as a polarity proxy
SELECT file, 3, 'intensity r: ' || emo_label, 2, 'vader-sentiment (±compound)', NULL, NULL,
	CASE WHEN emo_label IN ('joy', 'trust', 'anticipation') THEN peer ELSE -peer END,
	intensity
FROM ev_scored WHERE emo_kind = 'intensity' AND :peer = 1;

-- macro-F1 over the classes that occur in the gold labels; F1 = 2tp/(np+ng)
CREATE TEMP TABLE ev_result AS
WITH per_class AS (
	SELECT p.file, p.task, p.scorer, g.cls,
		count(*) FILTER (WHERE p.gold = g.cls AND p.pred = g.cls) AS tp,
		count(*) FILTER (WHERE p.pred = g.cls) AS np,
		count(*) FILTER (WHERE p.gold = g.cls) AS ng
	FROM ev_pred p
	JOIN (SELECT DISTINCT file, task, gold AS cls FROM ev_pred WHERE gold IS NOT NULL) g
		ON g.file = p.file AND g.task = p.task
	GROUP BY 1, 2, 3, 4),
f1 AS (
	SELECT file, task, scorer, avg(CASE WHEN tp = 0 THEN 0 ELSE 2.0 * tp / (np + ng) END) AS macro_f1
	FROM per_class GROUP BY 1, 2, 3)
SELECT p.file, p.task_ord, p.task, p.scorer_ord, p.scorer, count(*) AS n,
	corr(p.score, p.y) AS r,
	avg((p.pred = p.gold)::int) FILTER (WHERE p.gold IS NOT NULL) AS accuracy,
	f1.macro_f1
FROM ev_pred p LEFT JOIN f1 USING (file, task, scorer)
GROUP BY p.file, p.task_ord, p.task, p.scorer_ord, p.scorer, f1.macro_f1;

-- the table, in Markdown
CREATE FUNCTION pg_temp.fmt(v numeric) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(to_char(v, 'FM0.000'), '—') $$;

\pset format unaligned
\pset tuples_only on
\pset footer off
SELECT '| data set | task | n | scorer | Pearson r | accuracy | macro-F1 |'
UNION ALL SELECT '| --- | --- | ---: | --- | ---: | ---: | ---: |'
UNION ALL SELECT string_agg(format('| %s | %s | %s | %s | %s | %s | %s |',
		file, task, n, scorer, pg_temp.fmt(r::numeric), pg_temp.fmt(accuracy),
		pg_temp.fmt(macro_f1)), E'\n' ORDER BY file_ord, task_ord, task, scorer_ord)
FROM (SELECT r.*, (SELECT min(file_no) FROM ev_row w WHERE w.file = r.file) AS file_ord
	  FROM ev_result r) t;
