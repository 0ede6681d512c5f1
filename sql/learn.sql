--
-- Learning from outcomes: tokens, learn_lexicon, evaluate, outcome_drivers,
-- on data generated here with a planted signal
--
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
\set SHOW_CONTEXT never

-- the scorer's tokens: case-folded words and emoticons (emoji:
-- encoding_emoji); no numbers, URLs, mentions or punctuation
SELECT pg_catalog.array_agg(t) AS tokens
  FROM emotion_crm.tokens('The DELIVERY was late, can''t believe it!!! :( see https://example.com @bob 404 Café') t;
SELECT count(*) AS none FROM emotion_crm.tokens('  ... 42 !!! ') t;

-- the default z threshold: Bonferroni at 5% over the candidate terms
-- (1.959964 for one test, the familiar 1.96; 4.055627 for 1000 tests)
SELECT round(emotion_crm.bonferroni_z(0.05, 1)::numeric, 6) AS one_test,
       round(emotion_crm.bonferroni_z(0.05, 1000)::numeric, 6) AS thousand_tests;
SELECT emotion_crm.bonferroni_z(0.05, 0);

-- 2000 tickets: 6 words from a pool of 24 neutral filler words; the made-up
-- word "zorbix" is in half of the churned customers' tickets and 5% of the
-- renewed ones, "flumo" the other way round; "thanks" and "problem" (words
-- the built-in lexicon knows) are in 30% of all tickets whatever the outcome;
-- the booster "really" is more frequent with churn but, as a modifier of
-- the scorer, is never learned by default
SELECT setseed(0.42);
CREATE TEMP TABLE filler (w text);
INSERT INTO filler
SELECT unnest(string_to_array('account order invoice portal team monday ticket update message router cable billing '
                              'address login password seat license report export dashboard widget module server region', ' '));
CREATE TEMP TABLE tickets AS
SELECT i AS id, churned,
       CASE WHEN churned THEN 'churned' ELSE 'renewed' END AS status,
       concat_ws(' ', f[1 + floor(random() * 24)::int], f[1 + floor(random() * 24)::int],
                 f[1 + floor(random() * 24)::int], f[1 + floor(random() * 24)::int],
                 CASE WHEN random() < CASE WHEN churned THEN 0.5 ELSE 0.05 END THEN 'zorbix' END,
                 f[1 + floor(random() * 24)::int], f[1 + floor(random() * 24)::int],
                 CASE WHEN random() < CASE WHEN churned THEN 0.05 ELSE 0.5 END THEN 'Flumo' END,
                 CASE WHEN random() < 0.3 THEN 'thanks' END,
                 CASE WHEN random() < 0.3 THEN 'problem' END,
                 CASE WHEN random() < CASE WHEN churned THEN 0.4 ELSE 0.1 END THEN 'really' END) AS body
  FROM (SELECT i, random() < 0.4 AS churned FROM generate_series(1, 2000) i) s,
       (SELECT array_agg(w ORDER BY w) AS f FROM filler) a;
-- CSAT 1..5 driven by the same words plus noise
ALTER TABLE tickets ADD COLUMN csat int;
UPDATE tickets SET csat = greatest(1, least(5, round(3 + 1.5 * (body ~ '\mFlumo\M')::int - 1.5 * (body ~ '\mzorbix\M')::int
                                                     + 2 * (random() - 0.5))));
SELECT count(*) AS tickets, count(*) FILTER (WHERE churned) BETWEEN 700 AND 900 AS about_40pct_churned,
       count(*) FILTER (WHERE body ~ 'zorbix' AND churned) > 5 * count(*) FILTER (WHERE body ~ 'zorbix' AND NOT churned) AS zorbix_planted,
       count(*) FILTER (WHERE body ~ 'Flumo' AND NOT churned) > 5 * count(*) FILTER (WHERE body ~ 'Flumo' AND churned) AS flumo_planted,
       min(csat) AS min_csat, max(csat) AS max_csat
  FROM tickets;

-- too small or unusable samples are errors, not noise
SELECT * FROM emotion_crm.learn_lexicon('tiny', 'SELECT body, status FROM tickets WHERE id <= 30', positive => 'renewed');
SELECT * FROM emotion_crm.learn_lexicon('tiny', 'SELECT body, id > 5 FROM tickets WHERE id <= 100');
SELECT * FROM emotion_crm.learn_lexicon('tiny', 'SELECT body, 3 FROM tickets');
SELECT * FROM emotion_crm.learn_lexicon('tiny', 'SELECT body, status FROM tickets');
SELECT * FROM emotion_crm.learn_lexicon('tiny', 'SELECT body, csat FROM tickets', positive => '5');
SELECT * FROM emotion_crm.learn_lexicon('tiny', 'SELECT body, status FROM tickets', positive => 'renewed', min_count => 0);
SELECT * FROM emotion_crm.learn_lexicon('tiny', 'SELECT body, status FROM tickets', positive => 'renewed', language => 'xx');
SELECT count(*) AS no_lexicon_left FROM emotion_crm.lexicons WHERE name = 'tiny';

-- learn from the 1500 training tickets (text outcome, one class named good)
CREATE TEMP TABLE learned AS
SELECT * FROM emotion_crm.learn_lexicon('churn', 'SELECT body, status FROM tickets WHERE id <= 1500;',
                                        positive => 'renewed');
-- the planted words, with the right sign and strongly; no filler word and
-- no word the built-in lexicon knows
SELECT term, valence > 0.5 AS strongly_positive, valence < -0.5 AS strongly_negative, z > 5 AS z_above_5, z < -5 AS z_below_minus_5
  FROM learned ORDER BY term;
SELECT count(*) AS filler_terms_learned FROM learned JOIN filler ON term = w;
-- docs and z of zorbix recomputed from the raw texts with the log-odds
-- formula (prior 0.1 * documents, totals = word-document incidences per class)
WITH inc AS (SELECT count(*) FILTER (WHERE t.status = 'renewed') AS n1, count(*) FILTER (WHERE t.status = 'churned') AS n0
               FROM tickets t, LATERAL (SELECT DISTINCT x FROM emotion_crm.tokens(t.body) x) u WHERE t.id <= 1500),
     c AS (SELECT count(*) FILTER (WHERE status = 'renewed')::float8 AS c1, count(*) FILTER (WHERE status = 'churned')::float8 AS c0,
                  count(*) AS docs
             FROM tickets WHERE id <= 1500 AND body ~ '\mzorbix\M'),
     ref AS (SELECT c.docs, d.delta, d.delta / sqrt(1 / (c1 + 0.1 * docs) + 1 / (c0 + 0.1 * docs)) AS z
               FROM c, inc, LATERAL (SELECT ln((c1 + 0.1 * docs) / (n1 + 0.1 * (n1 + n0) - c1 - 0.1 * docs))
                                          - ln((c0 + 0.1 * docs) / (n0 + 0.1 * (n1 + n0) - c0 - 0.1 * docs)) AS delta) d)
SELECT l.docs = ref.docs AS same_docs, abs(l.z - ref.z) < 1e-9 AS same_z,
       abs(l.valence - tanh(ref.delta * sqrt(3) / pi())) < 1e-6 AS valence_is_tanh_of_d
  FROM learned l, ref WHERE l.term = 'zorbix';

-- without a z threshold every filler word passes, the known words and the
-- booster only with include_known
SELECT include_known, count(*) FILTER (WHERE term IN (SELECT w FROM filler)) AS filler,
       array_agg(term ORDER BY term) FILTER (WHERE term NOT IN (SELECT w FROM filler)) AS others
  FROM (VALUES (false), (true)) v(include_known),
       LATERAL emotion_crm.learn_lexicon('all' || include_known::text, 'SELECT body, status FROM tickets WHERE id <= 1500',
                                         positive => 'renewed', min_z => 0, include_known => include_known)
 GROUP BY include_known ORDER BY include_known;
-- stored as a user lexicon with source 'learned'
SELECT l.name, l.language, e.term, e.valence = learned.valence AS same_valence, e.source
  FROM emotion_crm.lexicons l JOIN emotion_crm.lexicon_entries e ON e.lexicon = l.name
  JOIN learned ON learned.term = e.term
 WHERE l.name = 'churn' ORDER BY e.term;
-- the description records the settings: 29 candidate terms (24 filler
-- words, zorbix, flumo, thanks, problem, really) give min_z 3.13
SELECT substring(description FROM '\(min_count.*\)$') AS settings,
       round(emotion_crm.bonferroni_z(0.05, 29)::numeric, 2) AS bonferroni_29
  FROM emotion_crm.lexicons WHERE name = 'churn';
-- an existing lexicon is only replaced on request
SELECT * FROM emotion_crm.learn_lexicon('churn', 'SELECT body, status FROM tickets', positive => 'renewed');

-- deterministic: learning again gives the same entries
SELECT count(*) AS relearned
  FROM emotion_crm.learn_lexicon('churn', 'SELECT body, status FROM tickets WHERE id <= 1500',
                                 positive => 'renewed', replace => true) r
  JOIN learned l ON l.term = r.term AND l.valence = r.valence AND l.z = r.z AND l.docs = r.docs;
SELECT count(*) AS entries FROM emotion_crm.lexicon_entries WHERE lexicon = 'churn';

-- evaluate on a hand-checked set: predictions positive, negative, neutral,
-- positive against labels positive, negative, neutral, negative: accuracy
-- 3/4; F1 positive 2/3, negative 2/3, neutral 1 -> macro-F1 7/9
SELECT n, round(accuracy::numeric, 4) AS accuracy, round(macro_f1::numeric, 4) AS macro_f1,
       round(pearson_r::numeric, 4) = round((SELECT corr(sentiment(t), l) FROM (VALUES ('great', 1), ('terrible', -1), ('the invoice', 0), ('great', -1)) v(t, l))::numeric, 4) AS r_matches_corr
  FROM emotion_crm.evaluate($$VALUES ('great', 'positive'), ('terrible', 'Negative'), ('the invoice', 'neutral'), ('great', 'negative')$$);
SELECT * FROM emotion_crm.evaluate($$VALUES ('great', 'good')$$);
-- on the 500 held-out tickets the learned lexicon beats the built-in one
-- (labels: renewed = true = positive, churned = false = negative)
SELECT b.n, l.n AS n_learned,
       l.accuracy > b.accuracy + 0.2 AS accuracy_improves,
       l.macro_f1 > b.macro_f1 + 0.2 AS macro_f1_improves,
       l.pearson_r > b.pearson_r + 0.2 AS r_improves,
       l.accuracy > 0.6 AS accuracy_above_60pct
  FROM emotion_crm.evaluate('SELECT body, NOT churned FROM tickets WHERE id > 1500') b,
       emotion_crm.evaluate('SELECT body, NOT churned FROM tickets WHERE id > 1500', lexicon => 'churn') l;

-- a numeric outcome: CSAT 1..5
CREATE TEMP TABLE learned_csat AS
SELECT * FROM emotion_crm.learn_lexicon('csat', 'SELECT body, csat FROM tickets WHERE id <= 1500');
SELECT term, valence > 0.5 AS strongly_positive, valence < -0.5 AS strongly_negative, z > 5 AS z_above_5, z < -5 AS z_below_minus_5
  FROM learned_csat ORDER BY term;
-- effect of zorbix recomputed: (mean CSAT with it, shrunk by 0.1 * docs
-- pseudo-documents toward the mean, minus mean without it) / stddev
WITH a AS (SELECT avg(csat)::float8 AS m, stddev_samp(csat)::float8 AS sd FROM tickets WHERE id <= 1500),
     w AS (SELECT count(*) AS k, sum(csat)::float8 AS s FROM tickets WHERE id <= 1500 AND body ~ '\mzorbix\M'),
     o AS (SELECT avg(csat)::float8 AS m FROM tickets WHERE id <= 1500 AND body !~ '\mzorbix\M')
SELECT abs(l.effect - ((w.s + 0.1 * w.k * a.m) / (1.1 * w.k) - o.m) / a.sd) < 1e-9 AS same_effect
  FROM learned_csat l, a, w, o WHERE l.term = 'zorbix';
SELECT l.accuracy > b.accuracy + 0.2 AS csat_lexicon_improves_accuracy
  FROM emotion_crm.evaluate('SELECT body, csat - 3 FROM tickets WHERE id > 1500 AND csat <> 3') b,
       emotion_crm.evaluate('SELECT body, csat - 3 FROM tickets WHERE id > 1500 AND csat <> 3', lexicon => 'csat') l;

-- outcome drivers: 120 customers with 3..8 interactions each; the 50
-- churned ones were angrier (anger +0.3) and less happy (valence -0.4),
-- joy and surprise are noise
SELECT setseed(0.7);
CREATE TEMP TABLE journeys AS
SELECT c AS customer, c <= 50 AS churned,
       timestamptz '2026-01-01' + (k * 7 + floor(random() * 5)) * interval '1 day' AS at,
       format('(valence=%s, arousal=%s, joy=%s, surprise=%s, anger=%s, evidence=1)',
              round((random() * 0.8 - 0.3 - CASE WHEN c <= 50 THEN 0.4 ELSE 0 END)::numeric, 3),
              round(random()::numeric * 0.5, 3), round(random()::numeric * 0.5, 3), round(random()::numeric * 0.5, 3),
              round((random() * 0.4 + CASE WHEN c <= 50 THEN 0.3 ELSE 0 END)::numeric, 3))::emotion AS e
  FROM generate_series(1, 120) c, generate_series(1, 3 + c % 6) k;
CREATE TEMP TABLE drivers AS
SELECT * FROM emotion_crm.outcome_drivers('SELECT customer, at, e, churned FROM journeys');
SELECT feature, measure, n, n_positive, n_negative, effect > 1 AS large_positive, effect < -1 AS large_negative,
       abs(effect) < 0.5 AS small
  FROM drivers WHERE feature IN ('anger', 'valence', 'mood', 'joy', 'surprise', 'interactions') ORDER BY feature;
-- anger's d recomputed from per-customer means
WITH m AS (SELECT customer, churned, avg(e -> 'anger') AS x FROM journeys GROUP BY customer, churned),
     g AS (SELECT avg(x) FILTER (WHERE churned) AS m1, avg(x) FILTER (WHERE NOT churned) AS m0,
                  sqrt((49 * var_samp(x) FILTER (WHERE churned) + 69 * var_samp(x) FILTER (WHERE NOT churned)) / 118) AS sd,
                  corr(x, churned::int) AS r
             FROM m)
SELECT abs(d.effect - (g.m1 - g.m0) / g.sd) < 1e-6 AS same_d, abs(d.r - g.r) < 1e-6 AS same_r,
       abs(d.mean_positive - g.m1) < 1e-6 AS same_mean
  FROM drivers d, g WHERE d.feature = 'anger';
-- the planted measures come first
SELECT array_agg(feature ORDER BY ord) FILTER (WHERE ord <= 2) AS strongest_two
  FROM (SELECT feature, row_number() OVER () AS ord FROM emotion_crm.outcome_drivers('SELECT customer, at, e, churned FROM journeys')) s;
-- a numeric outcome gives Pearson r; a customer with two outcomes is an error
SELECT feature, measure, effect < -0.5 AS strongly_negative
  FROM emotion_crm.outcome_drivers('SELECT customer, at, e, CASE WHEN churned THEN 0 ELSE 10 END + customer % 2 FROM journeys')
 WHERE feature = 'anger';
SELECT * FROM emotion_crm.outcome_drivers($$SELECT customer, at, e, at < '2026-01-15' FROM journeys$$);
SELECT * FROM emotion_crm.outcome_drivers('SELECT customer, at, e, churned FROM journeys WHERE customer <= 55');

-- clean up
DELETE FROM emotion_crm.lexicon_entries WHERE lexicon IN ('churn', 'csat', 'allfalse', 'alltrue');
DELETE FROM emotion_crm.lexicons WHERE name IN ('churn', 'csat', 'allfalse', 'alltrue');
DROP TABLE filler, tickets, learned, learned_csat, journeys, drivers;
