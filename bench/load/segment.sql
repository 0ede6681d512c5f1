-- segment queries: a named segment with LIMIT (broad: the planner may prefer
-- a sequential scan that stops after 20 rows) and a narrow box that goes
-- through the GiST index (bitmap index scan)
\set s random(1, 6)
SELECT id, customer, at
FROM :side
WHERE e <@ segment((ARRAY['angry', 'delighted', 'anxious', 'frustrated', 'disappointed', 'confused'])[:s])
LIMIT 20;
SELECT count(*) FROM :side WHERE e <@ '[valence ..-0.9, anger 0.9..]';
