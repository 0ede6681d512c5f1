--
-- journey_sparkline's glyphs.  UTF8 databases get the block elements
-- U+2581..U+2588; no other tested encoding holds them, so LATIN1, WIN1252,
-- EUC_JP and SQL_ASCII databases get the ASCII ramp _.-~=+*#
-- (expected/journey_sparkline_1.out).  In SQL_ASCII the extension makes up
-- no non-ASCII bytes: nothing says what the clients read.  The levels
-- behind the glyphs are the same in every encoding (journey compares them).
--
SET TimeZone = 'UTC';
SELECT getdatabaseencoding() = 'UTF8' AS block_glyphs;
-- -1 .. 1 in steps of 0.25: levels 0 1 2 3 4 5 6 7 7
SELECT journey_sparkline(emotion_journey(format('(valence=%s)', v)::emotion, timestamptz '2026-01-01' + v * interval '1 day')) AS ramp
  FROM generate_series(-1, 1, 0.25) v;
-- with gaps: empty buckets between interactions are spaces
SELECT journey_sparkline(j) AS spark, journey_sparkline(j, true) AS with_gaps
  FROM (SELECT emotion_journey(e, at ORDER BY at) AS j
          FROM (VALUES ('(valence=-1)'::emotion, timestamptz '2026-01-01'), ('(valence=0)', '2026-01-05'),
                       ('(valence=1)', '2026-01-20')) v(e, at)) s;
