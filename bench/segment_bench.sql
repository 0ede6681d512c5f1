-- Segment and nearest-neighbour queries on 1 million interactions, with and
-- without the GiST index; index build time and size next to a btree on a
-- float column.  Run by segment_bench.sh (psql variable rows = table size).
\set ON_ERROR_STOP on
\pset footer off
SET max_parallel_workers_per_gather = 0;	-- one core for every plan
SET client_min_messages = warning;

DROP TABLE IF EXISTS bench_interactions;
SELECT setseed(0.1);
-- emotions clustered by mood (neutral, pleased, angry, sad, anxious,
-- surprised) with noise, so dimensions correlate the way scores do
CREATE TABLE bench_interactions AS
SELECT i AS id, (random() * 5000)::int AS customer_id,
       format('(valence=%s, arousal=%s, joy=%s, trust=%s, fear=%s, surprise=%s, sadness=%s, disgust=%s, anger=%s, anticipation=%s, evidence=%s)',
              round(greatest(-1, least(1, (ARRAY[0, 0.6, -0.6, -0.45, -0.3, 0.05])[m + 1] + (random() - 0.5) * 0.7))::numeric, 3),
              round(least(1, (ARRAY[0.15, 0.45, 0.75, 0.25, 0.6, 0.55])[m + 1] * (0.5 + random()))::numeric, 3),
              round(CASE WHEN m = 1 THEN 0.3 + 0.7 * random() ELSE 0.1 * random() ^ 3 END::numeric, 3),
              round(CASE WHEN m = 1 THEN 0.5 * random() ELSE 0.1 * random() ^ 3 END::numeric, 3),
              round(CASE WHEN m = 4 THEN 0.3 + 0.7 * random() ELSE 0.1 * random() ^ 3 END::numeric, 3),
              round(CASE WHEN m = 5 THEN 0.3 + 0.7 * random() ELSE 0.1 * random() ^ 3 END::numeric, 3),
              round(CASE WHEN m = 3 THEN 0.3 + 0.7 * random() ELSE 0.1 * random() ^ 3 END::numeric, 3),
              round(CASE WHEN m = 2 THEN 0.4 * random() ELSE 0.1 * random() ^ 3 END::numeric, 3),
              round(CASE WHEN m = 2 THEN 0.2 + 0.8 * random() ELSE 0.1 * random() ^ 3 END::numeric, 3),
              round((0.2 * random() ^ 2)::numeric, 3),
              round((CASE WHEN m = 0 THEN random() ELSE 1 + 4 * random() END)::numeric, 1))::emotion AS e
  FROM (SELECT i, (random() * 5.999)::int AS m FROM generate_series(1, :rows) i) g;
ALTER TABLE bench_interactions ADD COLUMN v float8;
UPDATE bench_interactions SET v = valence(e);
VACUUM (ANALYZE) bench_interactions;

CREATE OR REPLACE FUNCTION pg_temp.ms(q text, runs int, indexed bool) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	times float8[] := '{}';
BEGIN
	PERFORM set_config('enable_indexscan', CASE WHEN indexed THEN 'on' ELSE 'off' END, true);
	PERFORM set_config('enable_bitmapscan', CASE WHEN indexed THEN 'on' ELSE 'off' END, true);
	PERFORM set_config('enable_seqscan', CASE WHEN indexed THEN 'off' ELSE 'on' END, true);
	EXECUTE q;							-- warm-up
	FOR i IN 1 .. runs LOOP
		t0 := clock_timestamp();
		EXECUTE q;
		times := times || extract(epoch FROM clock_timestamp() - t0) * 1000;
	END LOOP;
	RETURN round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(times) x)::numeric, 2);
END $$;

\echo '== index builds'
SELECT clock_timestamp() AS t0 \gset
CREATE INDEX bench_e_gist ON bench_interactions USING gist (e);
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS gist_build_s \gset
SELECT clock_timestamp() AS t0 \gset
CREATE INDEX bench_v_btree ON bench_interactions (v);
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS btree_build_s \gset
ANALYZE bench_interactions;
SELECT 'gist (e)' AS index, :gist_build_s AS build_s,
       pg_size_pretty(pg_relation_size('bench_e_gist')) AS size
UNION ALL
SELECT 'btree (v float8)', :btree_build_s, pg_size_pretty(pg_relation_size('bench_v_btree'))
UNION ALL
SELECT 'table', NULL, pg_size_pretty(pg_relation_size('bench_interactions'));

\echo '== queries (median of 5 runs, ms)'
CREATE TEMP TABLE bench_q (label text, seg text, q text);
INSERT INTO bench_q VALUES
	('segment ~1%, count',      '[valence ..-0.7, anger 0.85..]',
	 $q$SELECT count(*) FROM bench_interactions WHERE e <@ '[valence ..-0.7, anger 0.85..]'$q$),
	('segment ~1%, read rows',  '[valence ..-0.7, anger 0.85..]',
	 $q$SELECT sum(customer_id) FROM bench_interactions WHERE e <@ '[valence ..-0.7, anger 0.85..]'$q$),
	('segment ~0.1%, count',    '[valence ..-0.8, arousal 0.9.., anger 0.9..]',
	 $q$SELECT count(*) FROM bench_interactions WHERE e <@ '[valence ..-0.8, arousal 0.9.., anger 0.9..]'$q$),
	('segment ~0.1%, read rows', '[valence ..-0.8, arousal 0.9.., anger 0.9..]',
	 $q$SELECT sum(customer_id) FROM bench_interactions WHERE e <@ '[valence ..-0.8, arousal 0.9.., anger 0.9..]'$q$),
	('segment(''angry''), count', NULL,
	 $q$SELECT count(*) FROM bench_interactions WHERE e <@ segment('angry')$q$),
	('KNN top-20',              NULL,
	 $q$SELECT id, customer_id FROM bench_interactions ORDER BY e <-> '(valence=-0.5, arousal=0.3, anger=0.4, evidence=2)' LIMIT 20$q$),
	('KNN top-20, sparse region', NULL,
	 $q$SELECT id, customer_id FROM bench_interactions ORDER BY e <-> '(valence=0.9, arousal=0.9, fear=0.9, surprise=0.9)' LIMIT 20$q$);
SELECT label,
       CASE WHEN seg IS NOT NULL THEN
            round((SELECT count(*) FROM bench_interactions WHERE e <@ seg::emotion_segment) * 100.0
                  / (SELECT count(*) FROM bench_interactions), 2) END AS pct_rows,
       pg_temp.ms(q, 5, false) AS seq_ms,
       pg_temp.ms(q, 5, true) AS index_ms
  INTO TEMP bench_r FROM bench_q;
SELECT label, pct_rows, seq_ms, index_ms, round(seq_ms / nullif(index_ms, 0), 1) AS speedup FROM bench_r;

\echo '== plans'
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY OFF)
SELECT count(*) FROM bench_interactions WHERE e <@ '[valence ..-0.7, anger 0.85..]';
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY OFF)
SELECT sum(customer_id) FROM bench_interactions WHERE e <@ '[valence ..-0.8, arousal 0.9.., anger 0.9..]';
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY OFF)
SELECT id FROM bench_interactions ORDER BY e <-> '(valence=-0.5, arousal=0.3, anger=0.4, evidence=2)' LIMIT 20;
EXPLAIN SELECT count(*) FROM bench_interactions WHERE e <@ '[valence ..0.8]';
