-- rotate.sql -- the timing loop shared by the SQL benchmarks.
--
-- Fill bench_query (ord, label, q) first, then \i this file with the psql
-- variable runs set.  Each query of bench_query runs once per round, in
-- ord order (1 2 3, 1 2 3, ...), so that a burst of load from other
-- processes does not hit one query only; the times land in bench_result
-- (ord, label, run, ms, result), from which the caller takes the best run.
CREATE TEMP TABLE bench_result (ord int, label text, run int, ms float8, result text);
CREATE FUNCTION pg_temp.bench(runs int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	res text;
	bq record;
BEGIN
	FOR run IN 1..runs LOOP
		FOR bq IN SELECT * FROM bench_query ORDER BY ord LOOP
			t0 := clock_timestamp();
			EXECUTE bq.q INTO res;
			INSERT INTO bench_result
			VALUES (bq.ord, bq.label, run, 1000 * extract(epoch FROM clock_timestamp() - t0), res);
		END LOOP;
	END LOOP;
END
$$;
-- warm the cache once, untimed
SELECT count(*) FROM bench_texts \g /dev/null
SELECT pg_temp.bench(:runs) \g /dev/null
