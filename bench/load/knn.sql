-- nearest neighbours of a scored text: KNN scan of the GiST index
\set k random(1, 6)
SELECT id, customer, e <-> q AS distance
FROM :side,
	 (SELECT emotion_score((ARRAY[
		'I want to speak to a manager, this is unacceptable',
		'Thank you, wonderful service',
		'I am worried about my data',
		'Still waiting, third time I ask',
		'The parcel arrived on Tuesday',
		'Disappointed, the feature is still missing'])[:k]) AS q) x
ORDER BY e <-> q
LIMIT 10;
