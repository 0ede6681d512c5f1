-- journey of one random customer from the side table's (customer, at) index
\set c random(1, :customers)
SELECT journey_count(j), journey_state(j), journey_mood(j), journey_churn_risk(j), journey_sparkline(j), a
FROM (SELECT emotion_journey(e, at ORDER BY at, id) AS j, emotion_avg(e) AS a
	  FROM :side WHERE customer = (:c)::text) s;
