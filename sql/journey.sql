--
-- emotion_journey and emotion_avg: every accessor against a reference
-- written in plain SQL over the same rows
--
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 0;

-- sparklines as levels 0..7, the same in every database encoding: the
-- glyphs are U+2581..U+2588 in UTF8 databases and the ASCII ramp _.-~=+*#
-- in the others (journey_sparkline shows both); '?' marks a character that
-- is not a glyph of this database's ramp
CREATE FUNCTION pg_temp.spark(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(string_agg(
		CASE WHEN c = ' ' THEN ' '
			 WHEN getdatabaseencoding() = 'UTF8'
			 THEN CASE WHEN ascii(c) BETWEEN 9601 AND 9608 THEN (ascii(c) - 9601)::text ELSE '?' END
			 ELSE CASE WHEN strpos('_.-~=+*#', c) > 0 THEN (strpos('_.-~=+*#', c) - 1)::text ELSE '?' END
		END, '' ORDER BY i), '')
	FROM regexp_split_to_table(s, '') WITH ORDINALITY AS g(c, i)
$$;

-- 40 customers, 4..20 interactions each, times on a 6-hour grid with
-- duplicates and out of time order; valences are multiples of 1/64 so the
-- float4 values, their decimals and float8 sums are all exact
CREATE TEMP TABLE jt (c int, at timestamptz, e emotion);
INSERT INTO jt
SELECT c,
       timestamptz '2025-01-01 00:00+00' + ((c * 31 + k * k * 17) % 400) * interval '6 hours',
       format('(valence=%s, arousal=%s, anger=%s, evidence=%s)',
              ((c * 7 + k * 13) % 129 - 64) / 64.0, ((c + k) % 9) / 8.0, (k % 5) / 4.0, k % 4)::emotion
  FROM generate_series(1, 40) c, generate_series(1, 3 + c % 17) k;
-- NULLs are skipped: rows with a NULL emotion or time, and a customer with only those
INSERT INTO jt VALUES (1, NULL, '(valence=1)'), (1, '2025-06-01', NULL), (41, NULL, NULL), (41, '2025-01-01', NULL);
-- a one-row customer and a customer whose rows share timestamps
INSERT INTO jt VALUES (42, '2025-03-01 12:00', '(valence=-0.25, sadness=0.5, evidence=1)');
INSERT INTO jt VALUES
	(43, '2025-01-01', '(valence=0.5, evidence=1)'), (43, '2025-01-01', '(valence=-0.5, evidence=1)'),
	(43, '2025-01-01', '(valence=-0.5, anger=0.5, evidence=1)'), (43, '2025-01-02', '(valence=0.25, evidence=1)'),
	(43, '2025-01-03', '(valence=-0.75, evidence=1)'), (43, '2025-01-03', '(valence=0.75, evidence=1)'),
	(43, '2025-01-03', '(valence=-0.375, evidence=1)');
SELECT count(*) AS rows, count(DISTINCT c) AS customers FROM jt;

-- a small journey by hand: -0.5 on day 0, 0.75 on day 1, 0.25 on day 2
-- mean 1/6; slope 0.375/day; stddev_samp sqrt(0.395833..) = 0.629153;
-- mood (0.25 + 0.75 * 2^(-1/14) - 0.5 * 2^(-2/14)) / (1 + 2^(-1/14) + 2^(-2/14))
SELECT journey_count(j) AS n, journey_mean(j) AS mean, journey_trend(j) AS trend,
       round(journey_volatility(j)::numeric, 6) AS volatility, round(journey_mood(j)::numeric, 6) AS mood,
       round(((0.25 + 0.75 * 2 ^ (-1 / 14.0) - 0.5 * 2 ^ (-2 / 14.0)) / (1 + 2 ^ (-1 / 14.0) + 2 ^ (-2 / 14.0)))::numeric, 6) AS mood_by_hand,
       journey_peak(j) AS peak, journey_peak_at(j) AS peak_at, journey_trough(j) AS trough,
       journey_swings(j) AS swings, journey_recovered(j) AS recovered, pg_temp.spark(journey_sparkline(j)) AS spark
  FROM (SELECT emotion_journey(e, at ORDER BY at) AS j
          FROM (VALUES ('(valence=-0.5)'::emotion, timestamptz '2026-01-01'),
                       ('(valence=0.75)', '2026-01-02'), ('(valence=0.25)', '2026-01-03')) v(e, at)) s;

-- journeys, built in time order and in table order
CREATE TEMP TABLE jj AS
SELECT c, emotion_journey(e, at ORDER BY at) AS j, emotion_journey(e, at) AS ju
  FROM jt GROUP BY c;

-- the reference, in plain SQL
CREATE TEMP TABLE jref AS
WITH r AS (SELECT c, at, e, e -> 'valence' AS v FROM jt WHERE e IS NOT NULL AND at IS NOT NULL),
agg AS (
	SELECT c, count(*) AS n, min(at) AS first_at, max(at) AS last_at,
	       max(v) AS peak, min(v) AS trough, avg(v) AS mean,
	       regr_slope(v, extract(epoch FROM at) / 86400) AS trend,
	       stddev_samp(v) AS volatility,
	       extract(epoch FROM max(at) - min(at)) / 86400 AS tenure
	  FROM r GROUP BY c),
w AS (
	SELECT r.c, sum(2 ^ (-extract(epoch FROM a.last_at - r.at) / 1209600)) AS sw,
	       sum(r.v * 2 ^ (-extract(epoch FROM a.last_at - r.at) / 1209600)) AS swv,
	       sum(greatest(0, -r.v) * 2 ^ (-extract(epoch FROM a.last_at - r.at) / 1209600)) AS swneg
	  FROM r JOIN agg a USING (c) GROUP BY r.c),
z AS (
	SELECT c, CASE WHEN v::float4 < -0.1::float4 THEN -1 WHEN v::float4 > 0.1::float4 THEN 1 ELSE 0 END AS zone,
	       row_number() OVER (PARTITION BY c ORDER BY at, v) AS rn
	  FROM r),
nz AS (
	SELECT c, rn, zone, lag(zone) OVER (PARTITION BY c ORDER BY rn) AS prev,
	       last_value(zone) OVER (PARTITION BY c ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_zone
	  FROM z WHERE zone <> 0),
sw AS (
	SELECT c, count(*) FILTER (WHERE prev <> zone) AS swings,
	       bool_or(prev = -1 AND zone = 1) AND bool_and(last_zone = 1) AS recovered
	  FROM nz GROUP BY c),
streak AS (
	SELECT c, max(len) AS longest
	  FROM (SELECT c, grp, count(*) AS len
	          FROM (SELECT c, rn - row_number() OVER (PARTITION BY c ORDER BY rn) AS grp FROM z WHERE zone = -1) s
	         GROUP BY c, grp) t
	 GROUP BY c)
SELECT a.*,
       (SELECT r.e FROM r WHERE r.c = a.c ORDER BY r.at, r.e LIMIT 1) AS first,
       (SELECT r.e FROM r WHERE r.c = a.c ORDER BY r.at DESC, r.e DESC LIMIT 1) AS last,
       (SELECT min(r.at) FROM r WHERE r.c = a.c AND r.v = a.peak) AS peak_at,
       (SELECT min(r.at) FROM r WHERE r.c = a.c AND r.v = a.trough) AS trough_at,
       w.swv / w.sw AS mood, w.swneg / w.sw AS negativity,
       coalesce(sw.swings, 0) AS swings, coalesce(sw.recovered, false) AS recovered,
       coalesce(streak.longest, 0) AS longest
  FROM agg a JOIN w USING (c) LEFT JOIN sw USING (c) LEFT JOIN streak USING (c);

-- every accessor against the reference: list the customers where one differs
-- (exact for counts, times, emotions, peak, trough and mean; within 1e-12
-- relative for the float8 computations that round differently)
SELECT c,
       journey_count(j) = n AS count_ok,
       journey_first_at(j) = first_at AND journey_first(j) = first AS first_ok,
       journey_last_at(j) = last_at AND journey_last(j) = last AS last_ok,
       journey_peak(j) = peak AND journey_peak_at(j) = peak_at AS peak_ok,
       journey_trough(j) = trough AND journey_trough_at(j) = trough_at AS trough_ok,
       journey_mean(j) = mean AS mean_ok,
       abs(journey_trend(j) - trend) <= 1e-12 * greatest(1, abs(trend))
         OR (journey_trend(j) IS NULL AND trend IS NULL) AS trend_ok,
       abs(journey_volatility(j) - volatility) <= 1e-12
         OR (journey_volatility(j) IS NULL AND volatility IS NULL) AS volatility_ok,
       abs(journey_mood(j) - mood) <= 1e-12 AS mood_ok,
       abs(journey_negativity(j) - negativity) <= 1e-12 AS negativity_ok,
       abs(journey_tenure_days(j) - tenure) <= 1e-12 AS tenure_ok,
       journey_swings(j) = swings AS swings_ok,
       journey_longest_negative_streak(j) = longest AS streak_ok,
       journey_recovered(j) = recovered AS recovered_ok
  FROM jj JOIN jref USING (c)
 WHERE NOT (journey_count(j) = n
        AND journey_first_at(j) = first_at AND journey_first(j) = first
        AND journey_last_at(j) = last_at AND journey_last(j) = last
        AND journey_peak(j) = peak AND journey_peak_at(j) = peak_at
        AND journey_trough(j) = trough AND journey_trough_at(j) = trough_at
        AND journey_mean(j) = mean
        AND (abs(journey_trend(j) - trend) <= 1e-12 * greatest(1, abs(trend))
             OR (journey_trend(j) IS NULL AND trend IS NULL))
        AND (abs(journey_volatility(j) - volatility) <= 1e-12
             OR (journey_volatility(j) IS NULL AND volatility IS NULL))
        AND abs(journey_mood(j) - mood) <= 1e-12
        AND abs(journey_negativity(j) - negativity) <= 1e-12
        AND abs(journey_tenure_days(j) - tenure) <= 1e-12
        AND journey_swings(j) = swings
        AND journey_longest_negative_streak(j) = longest
        AND journey_recovered(j) = recovered);
-- how many customers were compared, and what the measures look like
SELECT count(*) AS compared, count(*) FILTER (WHERE trend IS NULL) AS without_trend,
       sum(swings) AS swings, count(*) FILTER (WHERE recovered) AS recovered, max(longest) AS longest_streak
  FROM jref;

-- days since the last interaction and churn risk against their formulas
SELECT count(*) AS compared,
       count(*) FILTER (WHERE abs(journey_days_since_last(j, timestamptz '2025-12-31') -
                                  extract(epoch FROM timestamptz '2025-12-31' - last_at) / 86400) > 1e-12) AS days_wrong,
       count(*) FILTER (WHERE abs(journey_churn_risk(j, timestamptz '2025-12-31') -
             least(1, greatest(0, 0.35 * (1 - mood) / 2 + 0.25 * negativity
                   + 0.20 * least(1, greatest(0, -30 * coalesce(trend, 0)))
                   + 0.20 * (1 - 2 ^ (-extract(epoch FROM timestamptz '2025-12-31' - last_at) / 86400 / 90))))) > 1e-9) AS risk_wrong,
       min(journey_churn_risk(j, timestamptz '2025-12-31')) >= 0 AND max(journey_churn_risk(j, timestamptz '2025-12-31')) <= 1 AS risk_in_range
  FROM jj JOIN jref USING (c);
-- now() variants are the as_of variants at now()
SELECT bool_and(journey_days_since_last(j) = journey_days_since_last(j, now())) AS days_now,
       bool_and(journey_churn_risk(j) = journey_churn_risk(j, now())) AS risk_now
  FROM jj;

-- order independence: table order, reverse time order and time order give
-- the same journey; only the decayed mood sums may differ in their last bits,
-- and table order loses the order-dependent measures
CREATE FUNCTION pg_temp.no_mood(j emotion_journey) RETURNS text LANGUAGE sql
	AS $$ SELECT regexp_replace(j::text, 'mood=\([^)]*\)', '') $$;
CREATE FUNCTION pg_temp.no_seq(j emotion_journey) RETURNS text LANGUAGE sql
	AS $$ SELECT regexp_replace(j::text, 'ordered=[tf]|mood=\([^)]*\)|seq=\([^)]*\)', '', 'g') $$;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE journey_ordered(ju)) AS table_order_ordered,
       count(*) FILTER (WHERE pg_temp.no_seq(j) = pg_temp.no_seq(ju)) AS same_in_table_order,
       count(*) FILTER (WHERE journey_ordered(jd)) AS reverse_order_ordered,
       count(*) FILTER (WHERE pg_temp.no_mood(j) = pg_temp.no_mood(jd)) AS same_in_reverse_order,
       count(*) FILTER (WHERE abs(journey_mood(j) - journey_mood(ju)) > 1e-12
                           OR abs(journey_mood(j) - journey_mood(jd)) > 1e-12) AS mood_differs
  FROM jj JOIN (SELECT c, emotion_journey(e, at ORDER BY at DESC, e) AS jd FROM jt GROUP BY c) d USING (c);

-- out of order: the order-dependent measures raise an error, the rest is there
SELECT journey_ordered(ju), journey_count(ju), journey_mean(ju) FROM jj WHERE c = 3;
SELECT journey_swings(ju) FROM jj WHERE c = 3;
SELECT journey_longest_negative_streak(ju) FROM jj WHERE c = 3;
SELECT journey_recovered(ju) FROM jj WHERE c = 3;
SELECT (ju::jsonb) -> 'swings' AS swings_in_jsonb FROM jj WHERE c = 3;

-- empty groups and all-NULL groups give NULL
SELECT c, j IS NULL AS j_null, ju IS NULL AS ju_null FROM jj WHERE c = 41;
SELECT emotion_journey(e, at) IS NULL AS no_rows, emotion_avg(e) IS NULL AS avg_no_rows FROM jt WHERE false;
SELECT emotion_avg(e) IS NULL AS avg_all_null FROM jt WHERE c = 41;
-- NULL rows do not change the journey
SELECT pg_temp.no_mood(j) = pg_temp.no_mood((SELECT emotion_journey(e, at ORDER BY at) FROM jt WHERE c = 1 AND e IS NOT NULL AND at IS NOT NULL)) AS nulls_skipped
  FROM jj WHERE c = 1;

-- one row
SELECT journey_count(j) AS n, journey_first(j) AS first, journey_last(j) = journey_first(j) AS last_is_first,
       journey_mean(j) AS mean, journey_trend(j) AS trend, journey_volatility(j) AS volatility,
       journey_mood(j) AS mood, journey_negativity(j) AS negativity, journey_swings(j) AS swings,
       journey_longest_negative_streak(j) AS streak, journey_recovered(j) AS recovered, pg_temp.spark(journey_sparkline(j)) AS spark
  FROM jj WHERE c = 42;

-- duplicate timestamps (customer 43): first = lowest emotion at the first
-- time, last = highest at the last time; sequence by time, then valence:
-- -0.5 -0.5 0.5 | 0.25 | -0.75 -0.375 0.75  -> zones - - + + - - +
SELECT journey_first(j) AS first, journey_last(j) AS last, journey_peak_at(j) AS peak_at,
       journey_trough_at(j) AS trough_at, journey_swings(j) AS swings,
       journey_longest_negative_streak(j) AS streak, journey_recovered(j) AS recovered
  FROM jj WHERE c = 43;
-- every arrival order of the tied rows gives the same value
SELECT count(DISTINCT pg_temp.no_mood(j)) AS distinct_journeys
  FROM (SELECT emotion_journey(e, at ORDER BY at, e) AS j FROM jt WHERE c = 43
        UNION ALL SELECT emotion_journey(e, at ORDER BY at, e DESC) FROM jt WHERE c = 43
        UNION ALL SELECT emotion_journey(e, at ORDER BY at, e -> 'anger', e -> 'valence' DESC) FROM jt WHERE c = 43
        UNION ALL SELECT emotion_journey(e, at ORDER BY at DESC, e) FROM jt WHERE c = 43) s;

-- journey_merge: per-month journeys merged equal the whole journey
SELECT count(*) AS customers,
       count(*) FILTER (WHERE pg_temp.no_mood(m) = pg_temp.no_mood(j)) AS merged_equal,
       count(*) FILTER (WHERE abs(journey_mood(m) - journey_mood(j)) <= 1e-12) AS mood_equal
  FROM jj JOIN (SELECT c, journey_merge(mj ORDER BY month) AS m
                  FROM (SELECT c, date_trunc('month', at) AS month, emotion_journey(e, at ORDER BY at) AS mj
                          FROM jt GROUP BY c, date_trunc('month', at)) s
                 GROUP BY c) mm USING (c);
-- merging overlapping journeys loses the order-dependent measures only
SELECT journey_ordered(journey_merge(x)) AS ordered, journey_count(journey_merge(x)) AS n,
       pg_temp.no_seq(journey_merge(x)) = (SELECT pg_temp.no_seq(j) FROM jj WHERE c = 5) AS rest_equal
  FROM (SELECT emotion_journey(e, at ORDER BY at) AS x
          FROM (SELECT e, at, row_number() OVER (ORDER BY at) % 2 AS half FROM jt WHERE c = 5) r
         GROUP BY half) s;

-- sparkline: up to 32 buckets, fixed scale -1 = lowest glyph (level 0), 1 =
-- highest (level 7)
SELECT c, journey_count(j) AS n, pg_temp.spark(journey_sparkline(j)) AS spark, pg_temp.spark(journey_sparkline(j, true)) AS with_gaps
  FROM jj WHERE c IN (2, 16, 43) ORDER BY c;
SELECT pg_temp.spark(journey_sparkline(emotion_journey(format('(valence=%s)', v)::emotion, timestamptz '2026-01-01' + v * interval '1 day')))
  FROM generate_series(-1, 1, 0.25) v;
SELECT max(length(journey_sparkline(j))) <= 32 AS bounded FROM jj;
-- one interaction a day for 100 days: buckets of 2^29 ms (6.2 days) -> 17 glyphs
SELECT pg_temp.spark(journey_sparkline(emotion_journey('(valence=0.5)'::emotion, timestamptz '2026-01-01' + d * interval '1 day'))) AS spark,
       length(journey_sparkline(emotion_journey('(valence=0.5)'::emotion, timestamptz '2026-01-01' + d * interval '1 day'))) AS glyphs
  FROM generate_series(0, 99) d;

-- text I/O round-trips exactly; binary I/O too
SELECT count(*) AS journeys, count(*) FILTER (WHERE j::text::emotion_journey::text = j::text) AS text_round_trip,
       count(*) FILTER (WHERE ju::text::emotion_journey::text = ju::text) AS text_round_trip_unordered
  FROM jj WHERE j IS NOT NULL;
CREATE TEMP TABLE jbin (c int, j emotion_journey);
COPY (SELECT c, j FROM jj WHERE j IS NOT NULL) TO '/tmp/emotion_crm_regress_journey.bin' (FORMAT binary);
COPY jbin FROM '/tmp/emotion_crm_regress_journey.bin' (FORMAT binary);
SELECT count(*) AS copied, count(*) FILTER (WHERE b.j::text = jj.j::text) AS identical FROM jbin b JOIN jj USING (c);
SELECT length(emotion_journey_send(j)) AS send_bytes FROM jj WHERE c = 42;
-- recv validates: a count of 2 in a one-row journey
CREATE TEMP TABLE jraw (c int, b bytea);
INSERT INTO jraw SELECT 1, overlay(emotion_journey_send(j) PLACING '\x0000000000000002'::bytea FROM 9) FROM jj WHERE c = 42;
COPY jraw TO '/tmp/emotion_crm_regress_journey.bin' (FORMAT binary);
COPY jbin FROM '/tmp/emotion_crm_regress_journey.bin' (FORMAT binary);
-- a version this build does not know
TRUNCATE jraw;
INSERT INTO jraw SELECT 1, overlay(emotion_journey_send(j) PLACING '\x00000009'::bytea FROM 1) FROM jj WHERE c = 42;
COPY jraw TO '/tmp/emotion_crm_regress_journey.bin' (FORMAT binary);
COPY jbin FROM '/tmp/emotion_crm_regress_journey.bin' (FORMAT binary);
-- a sum of 39 digits (as the int128 extremes have) that binary input accepts
-- reads back from text: s_xx = 10^38 (bytes 177..192)
TRUNCATE jraw;
TRUNCATE jbin;
INSERT INTO jraw SELECT 1, overlay(emotion_journey_send(j) PLACING '\x4b3b4ca85a86c47a098a224000000000'::bytea FROM 177) FROM jj WHERE c = 42;
COPY jraw TO '/tmp/emotion_crm_regress_journey.bin' (FORMAT binary);
COPY jbin FROM '/tmp/emotion_crm_regress_journey.bin' (FORMAT binary);
SELECT substring(j::text FROM 'sums=\([-0-9]+,([0-9]+),') AS s_xx,
       j::text::emotion_journey::text = j::text AS text_round_trip,
       emotion_journey_send(j::text::emotion_journey) = (SELECT b FROM jraw) AS same_bytes
  FROM jbin;

-- text input is strict
SELECT j::text FROM jj WHERE c = 42;
SELECT '(count=1)'::emotion_journey;
SELECT replace(j::text, 'count=1', 'count=0')::emotion_journey FROM jj WHERE c = 42;
SELECT replace(j::text, 'count=1', 'count=2')::emotion_journey FROM jj WHERE c = 42;
SELECT replace(j::text, 'peak=-0.25', 'peak=0.25')::emotion_journey FROM jj WHERE c = 42;
SELECT replace(j::text, 'peak=-0.25', 'peak=2')::emotion_journey FROM jj WHERE c = 42;
SELECT replace(j::text, 'first=(-0.25', 'first=(-1.5')::emotion_journey FROM jj WHERE c = 42;
SELECT replace(j::text, 'spark=(0;', 'spark=(1;')::emotion_journey FROM jj WHERE c = 42;
SELECT replace(j::text, 'half_life=1209600', 'half_life=NaN')::emotion_journey FROM jj WHERE c = 42;
SELECT (j::text || 'x')::emotion_journey FROM jj WHERE c = 42;
SELECT replace(j::text, 'seq=(1,0,0', 'seq=(0,1,0')::emotion_journey FROM jj WHERE c = 42;

-- settings are captured when a journey is built
SHOW emotion_crm.mood_half_life;
SET emotion_crm.mood_half_life = '7d';
SET emotion_crm.swing_dead_band = 0.5;
SELECT journey_half_life(j7) AS half_life_days, journey_dead_band(j7) AS dead_band,
       journey_half_life(j) AS old_half_life,
       round(journey_mood(j7)::numeric, 12) = round(ref::numeric, 12) AS mood_7d_matches,
       journey_mood(j7) <> journey_mood(j) AS mood_changed,
       journey_swings(j7) AS swings_band_05, journey_swings(j) AS swings_band_01
  FROM (SELECT emotion_journey(e, at ORDER BY at) AS j7 FROM jt WHERE c = 7) a,
       (SELECT j FROM jj WHERE c = 7) b,
       (SELECT sum(v * 2 ^ (-extract(epoch FROM last - at) / 604800)) / sum(2 ^ (-extract(epoch FROM last - at) / 604800)) AS ref
          FROM (SELECT at, e -> 'valence' AS v, max(at) OVER () AS last
                  FROM jt WHERE c = 7 AND e IS NOT NULL AND at IS NOT NULL) r0) r;
SELECT journey_merge(x) FROM (SELECT j AS x FROM jj WHERE c = 7 UNION ALL SELECT emotion_journey(e, at) FROM jt WHERE c = 8) s;
SET emotion_crm.mood_half_life = 0;
RESET emotion_crm.mood_half_life;
RESET emotion_crm.swing_dead_band;

-- infinite timestamps are refused
SELECT emotion_journey('(valence=0.5)'::emotion, 'infinity'::timestamptz);

-- emotion_avg: the mean of every field
SELECT c, emotion_avg(e) AS avg_emotion,
       avg(e -> 'valence') AS valence, avg(e -> 'arousal') AS arousal, avg(e -> 'anger') AS anger, avg(e -> 'evidence') AS evidence
  FROM jt WHERE c IN (1, 42, 43) GROUP BY c ORDER BY c;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE (a -> 'valence')::float4 = rv::float4 AND (a -> 'arousal')::float4 = ra::float4
                          AND (a -> 'anger')::float4 = rg::float4 AND (a -> 'evidence')::float4 = re::float4) AS equal_to_avg
  FROM (SELECT c, emotion_avg(e) AS a, avg(e -> 'valence') AS rv, avg(e -> 'arousal') AS ra,
               avg(e -> 'anger') AS rg, avg(e -> 'evidence') AS re
          FROM jt GROUP BY c HAVING count(e) > 0) s;

-- moving window: ROWS 4 PRECEDING equals the average recomputed over the
-- same five rows (exact, so no drift from the inverse transition)
CREATE TEMP TABLE jw AS
SELECT c, at, e, row_number() OVER (PARTITION BY c ORDER BY at, e) AS rn,
       emotion_avg(e) OVER (PARTITION BY c ORDER BY at, e ROWS 4 PRECEDING) AS moving,
       avg(e -> 'valence') OVER (PARTITION BY c ORDER BY at, e ROWS 4 PRECEDING) AS moving_valence
  FROM jt;
SELECT count(*) AS window_rows,
       count(*) FILTER (WHERE moving IS NULL) AS null_frames,
       count(*) FILTER (WHERE moving IS NOT DISTINCT FROM
                        (SELECT emotion_avg(x.e) FROM jw x WHERE x.c = jw.c AND x.rn BETWEEN jw.rn - 4 AND jw.rn)) AS equal_recomputed,
       count(*) FILTER (WHERE (moving -> 'valence')::float4 = moving_valence::float4) AS equal_to_avg
  FROM jw;
-- a long frame slid over many rows stays exact
CREATE TEMP TABLE jlong AS
SELECT i, format('(valence=%s, joy=%s, evidence=%s)', sin(i) * 0.999, abs(cos(i)), i % 7)::emotion AS e
  FROM generate_series(1, 3000) i;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE m = (SELECT emotion_avg(y.e) FROM jlong y WHERE y.i BETWEEN x.i - 9 AND x.i)) AS exact
  FROM (SELECT i, emotion_avg(e) OVER (ORDER BY i ROWS 9 PRECEDING) AS m FROM jlong) x;

-- journey_state: ordered rules from emotion_crm.journey_states
SELECT priority, state, description FROM emotion_crm.journey_states ORDER BY priority;
CREATE TEMP TABLE js (name text, j emotion_journey);
INSERT INTO js
SELECT name, emotion_journey(format('(valence=%s)', v)::emotion, timestamptz '2025-01-01' + d * interval '1 day' ORDER BY d)
  FROM (VALUES
	('silent',     0, 0.5),  ('silent', 10, 0.5),
	('angry',    300, -0.8), ('angry', 301, -0.9), ('angry', 302, -0.7),
	('sliding',  300, 0.8),  ('sliding', 310, 0.5), ('sliding', 320, 0.2), ('sliding', 330, 0.0),
	('bouncing', 330, -0.5), ('bouncing', 333, 0.25), ('bouncing', 336, 0.5), ('bouncing', 339, 0.5),
	('swinging', 330, 0.9),  ('swinging', 332, -0.8), ('swinging', 334, 0.9), ('swinging', 336, -0.1), ('swinging', 338, 0.75),
	('longtime',   0, 0.5),  ('longtime', 100, 0.5), ('longtime', 200, 0.4), ('longtime', 300, 0.5), ('longtime', 339, 0.5),
	('thrilled', 339, 0.9),
	('meh',      330, 0.1),  ('meh', 339, 0.0),
	('slipping', 200, 0.2),  ('slipping', 240, -0.6), ('slipping', 270, -0.9)) v(name, d, v)
 GROUP BY name;
SELECT name, journey_state(j, timestamptz '2025-12-07') AS state,
       round(journey_mood(j)::numeric, 3) AS mood, round(journey_trend(j)::numeric, 4) AS trend,
       round(journey_volatility(j)::numeric, 3) AS volatility,
       round(journey_churn_risk(j, timestamptz '2025-12-07')::numeric, 3) AS churn_risk,
       pg_temp.spark(journey_sparkline(j)) AS spark
  FROM js ORDER BY name;
-- the DBA edits rules; an insert with an existing priority replaces the rule
BEGIN;
UPDATE emotion_crm.journey_states SET min_days_since_last = 30 WHERE state = 'disconnected';
INSERT INTO emotion_crm.journey_states (priority, state, min_mood) VALUES (80, 'elated', 0.85);
SELECT count(*) AS rules, count(*) FILTER (WHERE state = 'delighted') AS delighted_rules FROM emotion_crm.journey_states;
SELECT name, journey_state(j, timestamptz '2025-12-07') AS state FROM js WHERE name IN ('meh', 'thrilled', 'longtime', 'slipping') ORDER BY name;
ROLLBACK;
-- the table is an extension configuration table, dumped by pg_dump
SELECT t.oid::regclass AS config_table, x.extcondition[t.i] AS condition
  FROM pg_extension x, unnest(x.extconfig) WITH ORDINALITY AS t(oid, i)
 WHERE x.extname = 'emotion_crm' AND t.oid = 'emotion_crm.journey_states'::regclass;

-- jsonb cast
SELECT jsonb_pretty(j::jsonb - 'first' - 'last' || jsonb_build_object('sparkline', pg_temp.spark(j::jsonb ->> 'sparkline'))) FROM jj WHERE c = 43;

-- parallel safety is declared on everything
SELECT p.oid::regprocedure, p.proparallel FROM pg_proc p
 WHERE (p.proname LIKE 'journey%' OR p.proname LIKE 'emotion_journey%' OR p.proname LIKE 'emotion_avg%')
   AND p.prorettype <> 'trigger'::regtype AND p.proparallel <> 's';
