--
-- emotion_journey and emotion_avg: parallel aggregation equals serial, and
-- hash aggregation spills to disk with a small work_mem
--
SET TimeZone = 'UTC';
SET extra_float_digits = 0;

-- 200,000 interactions of 2,000 customers, times scattered over a year
CREATE TABLE journey_big (c int, at timestamptz, e emotion) WITH (parallel_workers = 2);
INSERT INTO journey_big
SELECT i % 2000,
       timestamptz '2025-01-01' + ((i * 7919) % 525600) * interval '1 minute',
       format('(valence=%s, arousal=%s, anger=%s, evidence=%s)',
              ((i * 37) % 257 - 128) / 128.0, (i % 5) / 4.0, (i % 3) / 2.0, i % 4)::emotion
  FROM generate_series(1, 200000) i;
ANALYZE journey_big;

-- parallel plan: Partial and Finalize aggregates
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_sort = off;
EXPLAIN (COSTS OFF)
CREATE TEMP TABLE jpar AS
SELECT c, emotion_journey(e, at) AS j, emotion_avg(e) AS a FROM journey_big GROUP BY c;
CREATE TEMP TABLE jpar AS
SELECT c, emotion_journey(e, at) AS j, emotion_avg(e) AS a FROM journey_big GROUP BY c;

-- serial
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF)
CREATE TEMP TABLE jser AS
SELECT c, emotion_journey(e, at) AS j, emotion_avg(e) AS a FROM journey_big GROUP BY c;
CREATE TEMP TABLE jser AS
SELECT c, emotion_journey(e, at) AS j, emotion_avg(e) AS a FROM journey_big GROUP BY c;

-- identical: every exact field of the journey (text form without the
-- decayed sums and the arrival-order fields), every accessor, emotion_avg
-- bit for bit; the decayed mood within 1e-12
CREATE FUNCTION pg_temp.exact_part(j emotion_journey) RETURNS text LANGUAGE sql
	AS $$ SELECT regexp_replace(j::text, 'ordered=[tf]|mood=\([^)]*\)|seq=\([^)]*\)', '', 'g') $$;
CREATE FUNCTION pg_temp.measures(j emotion_journey) RETURNS text LANGUAGE sql
	AS $$ SELECT concat_ws(' ', journey_count(j), journey_first(j), journey_first_at(j), journey_last(j),
	                      journey_last_at(j), journey_peak(j), journey_peak_at(j), journey_trough(j),
	                      journey_trough_at(j), journey_mean(j), journey_trend(j), journey_volatility(j),
	                      journey_sparkline(j), journey_tenure_days(j)) $$;
SELECT count(*) AS customers FROM jser;
SELECT c, pg_temp.exact_part(j) AS state, a::text AS avg FROM jpar
EXCEPT
SELECT c, pg_temp.exact_part(j), a::text FROM jser;
SELECT c, pg_temp.measures(j) FROM jser
EXCEPT
SELECT c, pg_temp.measures(j) FROM jpar;
SELECT count(*) AS mood_differs
  FROM jpar p JOIN jser s USING (c)
 WHERE abs(journey_mood(p.j) - journey_mood(s.j)) > 1e-12
    OR abs(journey_negativity(p.j) - journey_negativity(s.j)) > 1e-12;

-- the combine function, whatever the workers did: journeys of arbitrary
-- subsets merged equal the journey of all rows
SELECT count(*) AS customers, count(*) FILTER (WHERE pg_temp.exact_part(m) = pg_temp.exact_part(s.j)) AS merged_equal
  FROM (SELECT c, journey_merge(j) AS m
          FROM (SELECT c, emotion_journey(e, at) AS j FROM journey_big GROUP BY c, (c * 7 + extract(minute FROM at)::int) % 5) x
         GROUP BY c) mm
  JOIN jser s USING (c);

-- time-ordered journeys (ORDER BY in the call) are never partial: the
-- order-dependent measures come from one ordered pass
CREATE FUNCTION pg_temp.plan_has(q text, pattern text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		IF l ~ pattern THEN
			RETURN true;
		END IF;
	END LOOP;
	RETURN false;
END
$$;
SET max_parallel_workers_per_gather = 2;
RESET enable_sort;
SELECT pg_temp.plan_has('SELECT c, emotion_journey(e, at) FROM journey_big GROUP BY c', 'Partial') AS unordered_is_partial,
       pg_temp.plan_has('SELECT c, journey_swings(emotion_journey(e, at ORDER BY at)) FROM journey_big GROUP BY c', 'Partial') AS ordered_is_partial;
SELECT count(*) AS customers, count(*) FILTER (WHERE journey_ordered(j)) AS ordered,
       sum(journey_swings(j)) > 0 AS has_swings
  FROM (SELECT c, emotion_journey(e, at ORDER BY at) AS j FROM journey_big GROUP BY c) s;
RESET max_parallel_workers_per_gather;

-- hash aggregation with 2,000 groups of 744 bytes in 64kB of work_mem spills
-- to disk; its results equal sorted group aggregation
SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
SET enable_sort = off;
SET enable_hashagg = on;
CREATE FUNCTION pg_temp.spilled(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
		IF l ~ 'Batches: ([2-9]|[1-9][0-9]+)' OR l ~ 'Disk Usage: [1-9]' THEN
			RETURN true;
		END IF;
	END LOOP;
	RETURN false;
END
$$;
EXPLAIN (COSTS OFF)
SELECT c, emotion_journey(e, at), emotion_avg(e) FROM journey_big GROUP BY c;
SELECT pg_temp.spilled('SELECT c, emotion_journey(e, at), emotion_avg(e) FROM journey_big GROUP BY c') AS hash_spilled;
CREATE TEMP TABLE jhash AS
SELECT c, emotion_journey(e, at) AS j, emotion_avg(e) AS a FROM journey_big GROUP BY c;
RESET work_mem;
SET enable_hashagg = off;
SET enable_sort = on;
CREATE TEMP TABLE jsort AS
SELECT c, emotion_journey(e, at) AS j, emotion_avg(e) AS a FROM journey_big GROUP BY c;
SELECT count(*) AS hashed, count(*) FILTER (WHERE pg_temp.exact_part(h.j) = pg_temp.exact_part(s.j) AND h.a = s.a) AS equal_to_sorted
  FROM jhash h JOIN jsort s USING (c);
RESET enable_hashagg;
RESET enable_sort;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

DROP TABLE journey_big;
