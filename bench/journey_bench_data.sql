-- journey_bench_data.sql -- interactions for bench/journey_bench.sh
-- psql variables: rows, customers
--
-- Each customer has a base mood and a drift; each interaction lands at a
-- pseudo-random second within three years (rows are not in time order),
-- with a valence rounded to 3 decimals stored twice: as a float8 column for
-- the built-in aggregates and inside the emotion value.
DROP TABLE IF EXISTS journey_bench;
CREATE UNLOGGED TABLE journey_bench AS
SELECT customer, at, v::float8 AS valence,
       format('(valence=%s, arousal=%s, joy=%s, anger=%s, evidence=%s)',
              v, round(abs(v) * 0.8, 3), greatest(v, 0), greatest(-v, 0) * 0.7, 1 + i % 5)::emotion AS e
  FROM (SELECT i, customer, at,
               round(greatest(-1, least(1,
                     base + drift * extract(epoch FROM at - timestamptz '2023-01-01') / 94608000
                     + 0.4 * sin(i * 0.7)))::numeric, 3) AS v
          FROM (SELECT i, i % :customers + 1 AS customer,
                       timestamptz '2023-01-01' + ((hashint4(i)::bigint & 2147483647) % 94608000) * interval '1 second' AS at,
                       sin(i % :customers) * 0.5 AS base,
                       cos((i % :customers) * 1.3) * 0.6 AS drift
                  FROM generate_series(1, :rows) i) g) s;
ANALYZE journey_bench;
