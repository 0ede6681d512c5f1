-- tracked update: close a random ticket (the trigger updates is_open only)
-- or rewrite its text (rescored)
\set id random(1, :rows)
\set k random(1, 40)
\set w random(0, 3)
UPDATE emotion_crm_load.tickets t
SET status = CASE WHEN :w = 0 THEN t.status ELSE 'closed' END,
	body = CASE WHEN :w = 0 THEN (SELECT x.body FROM emotion_crm_load.texts x WHERE x.k = :k) ELSE t.body END
WHERE t.id = :id;
