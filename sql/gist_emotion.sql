--
-- GiST operator class for emotion: the index returns exactly what a
-- sequential scan returns, for <@, @>, = and ORDER BY <->
--
SELECT setseed(0.5);
-- skewed like real scores: most emotion intensities are small, some zero
CREATE FUNCTION pg_temp.rnd_emotion() RETURNS emotion LANGUAGE sql VOLATILE AS $$
	SELECT format('(valence=%s, arousal=%s, joy=%s, trust=%s, fear=%s, surprise=%s, sadness=%s, disgust=%s, anger=%s, anticipation=%s, evidence=%s)',
		round((random() * 2 - 1)::numeric, 3), round(random()::numeric, 3),
		round(power(random(), 3)::numeric, 2), round(power(random(), 3)::numeric, 2),
		round(power(random(), 3)::numeric, 2), round(power(random(), 3)::numeric, 2),
		round(power(random(), 3)::numeric, 2), round(power(random(), 3)::numeric, 2),
		round(power(random(), 3)::numeric, 2), round(power(random(), 3)::numeric, 2),
		round((random() * 4)::numeric, 1))::emotion
$$;
CREATE TABLE gist_t (id int, e emotion);
INSERT INTO gist_t SELECT i, pg_temp.rnd_emotion() FROM generate_series(1, 20000) i;
-- exact duplicates, duplicates on the 10 indexed dimensions with another evidence, NULLs
INSERT INTO gist_t SELECT 20000 + id, e FROM gist_t WHERE id <= 200;
INSERT INTO gist_t SELECT 20200 + id, e * 1.0 + '(evidence=1)'::emotion FROM gist_t WHERE id <= 200;
INSERT INTO gist_t SELECT 20400 + i, NULL FROM generate_series(1, 100) i;
CREATE INDEX gist_t_e ON gist_t USING gist (e);
VACUUM ANALYZE gist_t;
-- query segments: named ones, random boxes of all sizes, points, the whole space
CREATE TABLE gist_q (qid int, seg emotion_segment);
INSERT INTO gist_q SELECT row_number() OVER (ORDER BY name), segment FROM emotion_crm.segments;
INSERT INTO gist_q
SELECT 100 + i, format('[valence %s..%s, arousal %s.., %s %s..%s]',
                       -1 + a * 2 * random(), -1 + a * 2 + (1 - a) * 2 * random(),
                       (1 - a) * random(),
                       (ARRAY['joy','trust','fear','surprise','sadness','disgust','anger','anticipation'])[1 + (i % 8)],
                       random() * 0.5, 0.5 + random() * 0.5)::emotion_segment
  FROM (SELECT i, random() AS a FROM generate_series(1, 60) i) r;
INSERT INTO gist_q SELECT 200 + id, format('[valence %s..%s, anger %s..%s]',
                       valence(e), valence(e), e -> 'anger', e -> 'anger')::emotion_segment
  FROM gist_t WHERE id <= 5;
INSERT INTO gist_q VALUES (300, '[]');
-- query points for equality and nearest neighbours
CREATE TABLE gist_p (pid int, p emotion);
INSERT INTO gist_p SELECT id, e FROM gist_t WHERE id IN (1, 2, 3, 7, 150, 5000);
INSERT INTO gist_p SELECT 100000 + i, pg_temp.rnd_emotion() FROM generate_series(1, 20) i;
INSERT INTO gist_p VALUES (200000, '(valence=0)'), (200001, '(valence=1, joy=1, trust=1)'),
                          (200002, '(valence=-1, arousal=1, fear=1, sadness=1, disgust=1, anger=1)');
-- 1. without the index
SET enable_indexscan = off;
SET enable_bitmapscan = off;
CREATE TEMP TABLE r_seq AS
	SELECT q.qid, t.id FROM gist_q q JOIN gist_t t ON t.e <@ q.seg
	UNION ALL
	SELECT 1000 + q.qid, t.id FROM gist_q q JOIN gist_t t ON q.seg @> t.e
	UNION ALL
	SELECT 2000 + p.pid, t.id FROM gist_p p JOIN gist_t t ON t.e = p.p;
CREATE TEMP TABLE k_seq AS
	SELECT p.pid, k.rn, k.id, k.d
	  FROM gist_p p,
	       LATERAL (SELECT t.id, t.e <-> p.p AS d, row_number() OVER () AS rn
	                  FROM (SELECT * FROM gist_t t ORDER BY t.e <-> p.p LIMIT 25) t) k;
-- 2. with the index only
RESET enable_indexscan;
RESET enable_bitmapscan;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT q.qid, t.id FROM gist_q q JOIN gist_t t ON t.e <@ q.seg;
EXPLAIN (COSTS OFF) SELECT t.id FROM gist_t t WHERE '[valence 0.5..]'::emotion_segment @> t.e;
EXPLAIN (COSTS OFF) SELECT t.id FROM gist_t t WHERE t.e = '(valence=0.5)';
EXPLAIN (COSTS OFF) SELECT t.id FROM gist_t t ORDER BY t.e <-> '(valence=0.5)' LIMIT 25;
CREATE TEMP TABLE r_idx AS
	SELECT q.qid, t.id FROM gist_q q JOIN gist_t t ON t.e <@ q.seg
	UNION ALL
	SELECT 1000 + q.qid, t.id FROM gist_q q JOIN gist_t t ON q.seg @> t.e
	UNION ALL
	SELECT 2000 + p.pid, t.id FROM gist_p p JOIN gist_t t ON t.e = p.p;
CREATE TEMP TABLE k_idx AS
	SELECT p.pid, k.rn, k.id, k.d
	  FROM gist_p p,
	       LATERAL (SELECT t.id, t.e <-> p.p AS d, row_number() OVER () AS rn
	                  FROM (SELECT * FROM gist_t t ORDER BY t.e <-> p.p LIMIT 25) t) k;
RESET enable_seqscan;
-- same rows for every query; the queries cover small to full results
SELECT (SELECT count(*) FROM r_seq) > 300000 AS many_rows,
       (SELECT count(*) FROM r_seq) = (SELECT count(*) FROM r_idx) AS same_count,
       (SELECT count(*) FROM (SELECT * FROM r_seq EXCEPT ALL SELECT * FROM r_idx) x) AS only_seq,
       (SELECT count(*) FROM (SELECT * FROM r_idx EXCEPT ALL SELECT * FROM r_seq) x) AS only_idx;
SELECT count(*) FILTER (WHERE n BETWEEN 1 AND 200) >= 5 AS some_small,
       count(*) FILTER (WHERE n > 200 AND n < 20000) >= 5 AS some_large,
       count(*) FILTER (WHERE n >= 20000) AS full_queries
  FROM (SELECT q.qid, count(r.id) AS n FROM gist_q q LEFT JOIN r_seq r ON r.qid = q.qid GROUP BY q.qid) c;
-- equality: a point matches its copies (same 10 dims) only when evidence matches too
SELECT qid - 2000 AS pid, count(*) AS matches FROM r_idx WHERE qid >= 2000 GROUP BY qid ORDER BY qid;
-- KNN: the same distances in the same order; the ids differ only among ties,
-- so the ids strictly nearer than the 25th distance are the same sets
SELECT count(*) AS knn_rows,
       count(*) FILTER (WHERE s.d = i.d) AS same_distance
  FROM k_seq s JOIN k_idx i USING (pid, rn);
SELECT count(*) AS differing_ids FROM
	((SELECT pid, id FROM k_seq k WHERE d < (SELECT max(d) FROM k_seq m WHERE m.pid = k.pid)
	  EXCEPT ALL
	  SELECT pid, id FROM k_idx k WHERE d < (SELECT max(d) FROM k_idx m WHERE m.pid = k.pid))
	 UNION ALL
	 (SELECT pid, id FROM k_idx k WHERE d < (SELECT max(d) FROM k_idx m WHERE m.pid = k.pid)
	  EXCEPT ALL
	  SELECT pid, id FROM k_seq k WHERE d < (SELECT max(d) FROM k_seq m WHERE m.pid = k.pid))) x;
-- the distances the index reports are those of the rows it returns
SELECT count(*) AS wrong_distance FROM k_idx k JOIN gist_t t USING (id) JOIN gist_p p USING (pid)
 WHERE k.d <> t.e <-> p.p;
-- index-only scans return the stored emotions unchanged (evidence included)
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT e FROM gist_t WHERE e <@ '[valence ..-0.5, fear 0.2..]';
CREATE TEMP TABLE r_io AS SELECT e::text AS e FROM gist_t WHERE e <@ '[valence ..-0.5, fear 0.2..]';
EXPLAIN (COSTS OFF) SELECT e FROM gist_t ORDER BY e <-> '(valence=0.3, joy=0.4)' LIMIT 50;
CREATE TEMP TABLE k_io AS SELECT e::text AS e FROM gist_t ORDER BY e <-> '(valence=0.3, joy=0.4)' LIMIT 50;
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT (SELECT count(*) FROM r_io) > 100 AS some_rows,
       (SELECT count(*) FROM ((SELECT e::text FROM gist_t WHERE e <@ '[valence ..-0.5, fear 0.2..]' EXCEPT ALL SELECT e FROM r_io)
                              UNION ALL
                              (SELECT e FROM r_io EXCEPT ALL SELECT e::text FROM gist_t WHERE e <@ '[valence ..-0.5, fear 0.2..]')) x) AS differing,
       (SELECT count(*) FROM k_io k WHERE NOT EXISTS (SELECT 1 FROM gist_t t WHERE t.e::text = k.e)) AS knn_not_stored;
DROP TABLE r_io, k_io;
SELECT bool_and(d_next >= d) AS ascending
  FROM (SELECT d, lead(d) OVER (PARTITION BY pid ORDER BY rn) AS d_next FROM k_idx) x
 WHERE d_next IS NOT NULL;
-- nearest neighbour of a stored value is itself or one of its copies (distance 0)
SELECT pid, id IN (pid, pid + 20000, pid + 20200) AS itself_or_copy, d FROM k_idx WHERE rn = 1 AND pid < 100000 ORDER BY pid;
-- the planner: index for rare segments and for KNN, sequential scan for a
-- segment covering most of the table
SELECT round(count(*) FILTER (WHERE e <@ '[valence ..-0.9, anger 0.51..]') * 100.0 / count(*), 1) AS pct_1,
       round(count(*) FILTER (WHERE e <@ '[valence ..-0.9, anger 0.4.., fear 0.8..]') * 100.0 / count(*), 1) AS pct_01,
       round(count(*) FILTER (WHERE e <@ '[valence ..0.9]') * 100.0 / count(*)) AS pct_most
  FROM gist_t;
EXPLAIN (COSTS OFF) SELECT id FROM gist_t WHERE e <@ '[valence ..-0.9, anger 0.51..]';
EXPLAIN (COSTS OFF) SELECT id FROM gist_t WHERE e <@ '[valence ..-0.9, anger 0.4.., fear 0.8..]';
EXPLAIN (COSTS OFF) SELECT id FROM gist_t WHERE e <@ '[valence ..0.9]';
EXPLAIN (COSTS OFF) SELECT id FROM gist_t WHERE e <@ segment('angry');
EXPLAIN (COSTS OFF) SELECT id FROM gist_t ORDER BY e <-> '(valence=-0.5, arousal=0.3, anger=0.4, evidence=2)' LIMIT 20;
-- estimates: within a factor of two at 1% and for common segments, and
-- below 0.5% for the 0.1% segment
CREATE FUNCTION pg_temp.est(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE j json;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT json) ' || q INTO j;
	RETURN (j -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
END $$;
SELECT s, est BETWEEN n / 2.0 AND n * 2.0 AS within_2x, est < 0.005 * 20500 AS below_half_pct
  FROM (SELECT s, (SELECT count(*) FROM gist_t WHERE e <@ s::emotion_segment) AS n,
               pg_temp.est(format('SELECT * FROM gist_t WHERE e <@ %L', s)) AS est
          FROM unnest(ARRAY['[valence ..-0.9, anger 0.51..]', '[valence ..-0.9, anger 0.4.., fear 0.8..]',
                            '[valence ..0.9]', '[joy 0.3.., trust 0.3..]', '[valence ..-0.5, anger 0.3..]']) AS s) x;
-- the index stays right after deletes, updates and VACUUM
DELETE FROM gist_t WHERE id % 3 = 0;
UPDATE gist_t SET e = e * 0.5 WHERE id % 5 = 0;
VACUUM gist_t;
SET enable_seqscan = off;
CREATE TEMP TABLE r_idx2 AS SELECT q.qid, t.id FROM gist_q q JOIN gist_t t ON t.e <@ q.seg;
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT count(*) AS mismatches FROM
	((SELECT q.qid, t.id FROM gist_q q JOIN gist_t t ON t.e <@ q.seg EXCEPT ALL SELECT * FROM r_idx2)
	 UNION ALL
	 (SELECT * FROM r_idx2 EXCEPT ALL SELECT q.qid, t.id FROM gist_q q JOIN gist_t t ON t.e <@ q.seg)) x;
RESET enable_indexscan;
RESET enable_bitmapscan;
DROP TABLE gist_t, gist_q, gist_p, r_seq, r_idx, r_idx2, k_seq, k_idx;
--
-- multi-column index with btree_gist: tenant id and emotion
--
CREATE EXTENSION btree_gist;
SELECT setseed(0.75);
CREATE TABLE gist_tenant (tenant_id int, e emotion);
INSERT INTO gist_tenant SELECT (random() * 20)::int, pg_temp.rnd_emotion() FROM generate_series(1, 5000);
CREATE INDEX gist_tenant_idx ON gist_tenant USING gist (tenant_id, e);
ANALYZE gist_tenant;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM gist_tenant WHERE tenant_id = 7 AND e <@ segment('frustrated');
EXPLAIN (COSTS OFF) SELECT e FROM gist_tenant WHERE tenant_id = 7 ORDER BY e <-> '(valence=-0.9, anger=0.9)' LIMIT 5;
CREATE TEMP TABLE m_idx AS
	SELECT t.tenant_id, count(*) FILTER (WHERE g.e <@ segment('frustrated')) AS n,
	       (SELECT array_agg(x.e <-> '(valence=-0.9, anger=0.9)' ORDER BY x.e <-> '(valence=-0.9, anger=0.9)')
	          FROM (SELECT e FROM gist_tenant g2 WHERE g2.tenant_id = t.tenant_id
	                 ORDER BY g2.e <-> '(valence=-0.9, anger=0.9)' LIMIT 5) x) AS knn
	  FROM generate_series(0, 20) t(tenant_id) LEFT JOIN gist_tenant g ON g.tenant_id = t.tenant_id
	 GROUP BY t.tenant_id;
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT count(*) AS tenants,
       count(*) FILTER (WHERE m.n = (SELECT count(*) FROM gist_tenant g WHERE g.tenant_id = m.tenant_id AND g.e <@ segment('frustrated'))) AS same_count,
       count(*) FILTER (WHERE m.knn = (SELECT array_agg(x.e <-> '(valence=-0.9, anger=0.9)' ORDER BY x.e <-> '(valence=-0.9, anger=0.9)')
	          FROM (SELECT e FROM gist_tenant g2 WHERE g2.tenant_id = m.tenant_id
	                 ORDER BY g2.e <-> '(valence=-0.9, anger=0.9)' LIMIT 5) x)) AS same_knn
  FROM m_idx m;
RESET enable_indexscan;
RESET enable_bitmapscan;
DROP TABLE gist_tenant, m_idx;
DROP EXTENSION btree_gist;
--
-- expression index on an IMMUTABLE function returning emotion
--
CREATE FUNCTION gist_mood(stars int) RETURNS emotion LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT format('(valence=%s, joy=%s, anger=%s, evidence=1)',
	              (stars - 3) / 2.0, greatest(stars - 3, 0) / 2.0, greatest(3 - stars, 0) / 2.0)::emotion
$$;
CREATE TABLE gist_review (id int, stars int);
INSERT INTO gist_review SELECT i, 1 + i % 5 FROM generate_series(1, 5000) i;
CREATE INDEX gist_review_mood ON gist_review USING gist (gist_mood(stars));
ANALYZE gist_review;
EXPLAIN (COSTS OFF) SELECT count(*) FROM gist_review WHERE gist_mood(stars) <@ segment('angry');
SELECT count(*) AS angry_reviews FROM gist_review WHERE gist_mood(stars) <@ segment('angry');
EXPLAIN (COSTS OFF) SELECT id FROM gist_review ORDER BY gist_mood(stars) <-> '(valence=1, joy=1)' LIMIT 3;
SELECT id, stars FROM gist_review ORDER BY gist_mood(stars) <-> '(valence=1, joy=1)', id LIMIT 3;
DROP TABLE gist_review;
DROP FUNCTION gist_mood(int);
--
-- expression index on emotion_score(body)
--
CREATE TABLE gist_notes (id int, body text);
INSERT INTO gist_notes
SELECT i, (ARRAY['I am furious, this is the third time my order was lost!',
                 'Thank you so much, the agent was wonderful',
                 'I am worried my card was charged twice',
                 'The parcel arrived on Tuesday.',
                 'Still waiting for a refund, very disappointed',
                 'Great service, I love it',
                 'Why was I charged? This makes no sense'])[1 + i % 7]
          || ' #' || i
  FROM generate_series(1, 3000) i;
CREATE INDEX gist_notes_score ON gist_notes USING gist (emotion_score(body));
ANALYZE gist_notes;
-- (the plan shows the folded query score, so only check which scan it is)
CREATE FUNCTION pg_temp.plan_uses(q text, pattern text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		IF line LIKE pattern THEN
			RETURN true;
		END IF;
	END LOOP;
	RETURN false;
END $$;
SELECT pg_temp.plan_uses($$SELECT id FROM gist_notes
 ORDER BY emotion_score(body) <-> emotion_score('I am so angry about this') LIMIT 20$$,
                         '%Index Scan using gist_notes_score%') AS knn_uses_index;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM gist_notes WHERE emotion_score(body) <@ segment('angry');
CREATE TEMP TABLE n_idx AS SELECT id FROM gist_notes WHERE emotion_score(body) <@ segment('angry');
CREATE TEMP TABLE nk_idx AS SELECT emotion_score(body) <-> emotion_score('I am so angry about this') AS d
  FROM gist_notes ORDER BY 1 LIMIT 20;
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT (SELECT count(*) FROM n_idx) > 0 AS some_angry_notes,
       (SELECT count(*) FROM ((SELECT id FROM gist_notes WHERE emotion_score(body) <@ segment('angry') EXCEPT SELECT id FROM n_idx)
                              UNION ALL
                              (SELECT id FROM n_idx EXCEPT SELECT id FROM gist_notes WHERE emotion_score(body) <@ segment('angry'))) x) AS differing,
       (SELECT array_agg(d) FROM nk_idx) = (SELECT array_agg(d) FROM (SELECT emotion_score(body) <-> emotion_score('I am so angry about this') AS d
                                                                     FROM gist_notes ORDER BY 1 LIMIT 20) s) AS same_knn;
RESET enable_indexscan;
RESET enable_bitmapscan;
DROP TABLE gist_notes, n_idx, nk_idx;
