-- tracked insert: a new ticket of two random sentences (the trigger scores it)
\set c random(1, :customers)
\set a random(1, 40)
\set b random(1, 40)
\set o random(0, 2)
INSERT INTO emotion_crm_load.tickets (customer_id, body, status)
SELECT :c, x.body || ' ' || y.body, CASE WHEN :o = 0 THEN 'closed' ELSE 'open' END
FROM emotion_crm_load.texts x, emotion_crm_load.texts y
WHERE x.k = :a AND y.k = :b;
