--
-- Scoring through SQL: emotion_score, sentiment, emotion_explain.
-- Scores are compared relationally (signs, orderings, equalities), not
-- pinned to many digits, so lexicon tuning does not break the test.
--
\set SHOW_CONTEXT never

-- declared properties: usable in generated columns, indexes, parallel plans
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel, p.proretset
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'emotion_crm')
  AND p.proname IN ('emotion_score', 'sentiment', 'emotion_explain', 'emotion_crm_version') AND p.pronargs <= 1
ORDER BY p.proname;
-- the module reports the version of the installed SQL objects
SELECT emotion_crm_version() ~ ('^emotion_crm ' || replace(x.extversion, '.', '\.') || ', lexicon [0-9]+\.[0-9]+\.[0-9]+ \([0-9]+ entries\)$') AS version_format
FROM pg_extension x WHERE x.extname = 'emotion_crm';

-- NULL, empty, whitespace, text without emotional words
SELECT emotion_score(NULL) IS NULL AS null_score, sentiment(NULL) IS NULL AS null_sentiment,
	   (SELECT count(*) FROM emotion_explain(NULL)) AS null_explain_rows;
SELECT emotion_score(''), emotion_score(E' \t\n  '), sentiment('');
SELECT emotion_score('The invoice number is 4711, sent on Tuesday.') AS no_emotional_words;
SELECT count(*) AS explain_rows_for_empty FROM emotion_explain('');
-- a balanced text is neutral but has evidence, unlike an empty one
SELECT abs(sentiment('good and bad')) < abs(sentiment('good')) AS balanced_near_neutral,
	   evidence(emotion_score('good and bad')) > 0 AS balanced_has_evidence;

-- polarity, and sentiment is the valence of emotion_score
SELECT sentiment('I am happy with the service') > 0 AS positive,
	   sentiment('The service was terrible') < 0 AS negative,
	   sentiment('Great product, I love it') > sentiment('The product is okay') AS stronger;
SELECT bool_and(sentiment(t) = valence(emotion_score(t))) AS sentiment_is_valence,
	   bool_and(sentiment(t) BETWEEN -1 AND 1) AS in_range
FROM (VALUES ('happy'), ('awful'), ('AMAZING!!! best ever :D :D :D love love love'),
			 (repeat('horrible disgusting terrible!!! ', 200)), ('meh')) v(t);

-- negation with a scope
SELECT sentiment('happy') > 0 AND sentiment('not happy') < 0 AS not_happy,
	   sentiment('I will never buy again') < 0 AS never_again,
	   sentiment('the app no longer works') < sentiment('the app works') AS no_longer_works,
	   sentiment('not only helpful but also friendly') > 0 AS not_only_but,
	   sentiment('I am not unhappy') > sentiment('I am unhappy') AS negated_negative;
-- "not angry" is not joy: negation removes anger rather than inventing joy
SELECT (emotion_score('I am angry') -> 'anger') > 0 AS angry_has_anger,
	   (emotion_score('I am not angry') -> 'anger') < (emotion_score('I am angry') -> 'anger') AS not_angry_less_anger,
	   (emotion_score('I am not angry') -> 'joy') = 0 AS not_angry_no_joy;

-- boosters and dampeners
SELECT sentiment('very happy') > sentiment('happy') AS very,
	   sentiment('extremely happy') > sentiment('happy') AS extremely,
	   sentiment('slightly happy') < sentiment('happy') AS slightly,
	   sentiment('kind of happy') < sentiment('happy') AS kind_of,
	   sentiment('very bad') < sentiment('bad') AS very_negative,
	   sentiment('slightly bad') > sentiment('bad') AS slightly_negative,
	   sentiment('kind of happy') > 0 AS dampened_keeps_sign;

-- contrast: the clause carrying the opinion gets the weight
SELECT sentiment('The food was great but the service was terrible') < 0 AS but_then_negative,
	   sentiment('The service was terrible but the food was great') > 0 AS but_then_positive,
	   sentiment('Although the staff were friendly, the product broke and I am furious') < 0 AS although,
	   sentiment('The price was high, however the quality is excellent') > 0 AS however;

-- ALL CAPS emphasis counts only when some words are in caps
SELECT sentiment('the delivery was AWFUL') < sentiment('the delivery was awful') AS caps_emphasis,
	   sentiment('I am HAPPY with it') > sentiment('I am happy with it') AS caps_positive,
	   sentiment('THE DELIVERY WAS AWFUL') = sentiment('the delivery was awful') AS all_caps_no_emphasis;

-- "!" and "?!" emphasis, capped
SELECT sentiment('happy!') > sentiment('happy') AS exclaim,
	   sentiment('happy!!!') > sentiment('happy!') AS more_exclaim,
	   sentiment('this is terrible?!') < sentiment('this is terrible') AS interrobang,
	   sentiment('happy' || repeat('!', 20)) = sentiment('happy' || repeat('!', 50)) AS exclaim_capped;

-- emoticons are tokens with values (emoji: encoding_emoji, which runs in
-- the encodings that hold them)
SELECT sentiment(':)') > 0 AS smile, sentiment(':-)') > 0 AS smile_nose,
	   sentiment(':(') < 0 AS frown, sentiment('<3') > 0 AS heart,
	   sentiment('delivery was late :(') < sentiment('delivery was late') AS emoticon_in_text;
SELECT token, rules FROM emotion_explain('thanks :) <3') WHERE 'emoji' = ANY (rules) ORDER BY position, token;

-- URLs, e-mail addresses, @mentions and numbers never score
SELECT emotion_score('see https://example.com/happy/great-love?x=awful') = emotion_score('see') AS url,
	   emotion_score('write to happy.love@great-service.com') = emotion_score('write to') AS email,
	   emotion_score('ask @happy_helper or @terrible') = emotion_score('ask or') AS mention,
	   evidence(emotion_score('order 12345 costs 99.95, 3 items, 100%')) = 0 AS numbers,
	   evidence(emotion_score('www.love-great.com')) = 0 AS bare_domain;

-- contractions, with straight apostrophes
SELECT sentiment('I don''t love it') < 0 AS dont,
	   sentiment('it isn''t good') < 0 AS isnt,
	   sentiment('I can''t recommend it') < 0 AS cant,
	   sentiment('it won''t work, useless') < sentiment('it will work') AS wont,
	   sentiment('it wasn''t helpful') < 0 AS wasnt;
-- (curly apostrophes: encoding_win1252 and encoding_eucjp)

-- multi-word phrases and idioms
SELECT sentiment('thanks') > 0 AND sentiment('thanks for nothing') < 0 AS thanks_for_nothing,
	   sentiment('bad') < 0 AND sentiment('not bad') > 0 AS not_bad,
	   sentiment('I am not happy at all') < sentiment('I am not happy') AS at_all,
	   sentiment('I am fed up with this') < 0 AS fed_up,
	   sentiment('I am over the moon') > 0 AS over_the_moon,
	   sentiment('a waste of money') < 0 AS waste_of_money;
SELECT token, rules FROM emotion_explain('over the moon but a waste of money') WHERE 'phrase' = ANY (rules) ORDER BY position;

-- customer-service cues
SELECT sentiment('I am still waiting for my order') < 0 AS still_waiting,
	   sentiment('this is the third time I call about this') < 0 AS third_time,
	   sentiment('I was on hold for two hours') < 0 AS on_hold,
	   sentiment('please cancel my subscription') < 0 AS cancel,
	   sentiment('I want a refund') < 0 AS refund,
	   sentiment('I want to speak to a manager') < 0 AS manager,
	   sentiment('thank you so much') > 0 AS thank_you_so_much,
	   sentiment('issue resolved') > 0 AS resolved;
SELECT count(*) > 0 AS cue_rule_reported FROM emotion_explain('still waiting, I want a refund') WHERE 'cue' = ANY (rules);

-- emotions
SELECT (emotion_score('I am furious') -> 'anger') > 0 AS anger,
	   (emotion_score('I am scared and worried') -> 'fear') > 0 AS fear,
	   (emotion_score('I feel so sad') -> 'sadness') > 0 AS sadness,
	   (emotion_score('that is disgusting') -> 'disgust') > 0 AS disgust,
	   (emotion_score('what a surprise') -> 'surprise') > 0 AS surprise,
	   (emotion_score('I am so happy') -> 'joy') > 0 AS joy,
	   (emotion_score('a reliable, trustworthy company') -> 'trust') > 0 AS trust,
	   (emotion_score('I can''t wait, looking forward to it') -> 'anticipation') > 0 AS anticipation;
SELECT arousal(emotion_score('I am FURIOUS!!!')) > arousal(emotion_score('I am a bit sad')) AS arousal_order;

-- emotion_explain: one row per contribution
SELECT token, position, sign(base_valence) AS base_sign, sign(valence) AS sign, rules,
	   (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(emotions) k) AS emotions
FROM emotion_explain('I am not happy with the delivery, it was VERY late!') ORDER BY position, token;
SELECT token, position, sign(base_valence) AS base_sign, sign(valence) AS sign, rules,
	   (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(emotions) k) AS emotions
FROM emotion_explain('Thank you so much, the agent was great :)') ORDER BY position, token;
SELECT bool_and(jsonb_typeof(emotions) = 'object') AS emotions_are_objects,
	   bool_and(base_valence BETWEEN -1 AND 1) AS base_in_range,
	   bool_and(rules <@ ARRAY['negated', 'boosted', 'dampened', 'contrast', 'caps', 'exclamation',
							   'emoji', 'phrase', 'cue', 'question']) AS known_rules
FROM emotion_explain('Not happy at all!!! The agent was VERY rude but the refund came quickly :( fed up');

-- generated column and expression index
CREATE TABLE scoring_tickets (
	id int PRIMARY KEY,
	body text,
	mood emotion GENERATED ALWAYS AS (emotion_score(body)) STORED
);
INSERT INTO scoring_tickets (id, body)
SELECT i, CASE i % 3 WHEN 0 THEN 'Thank you so much, great help!'
					 WHEN 1 THEN 'Still waiting, this is terrible'
					 ELSE 'Order ' || i || ' shipped' END
FROM generate_series(1, 300) i;
INSERT INTO scoring_tickets (id, body) VALUES (301, NULL);
SELECT count(*) FILTER (WHERE mood = emotion_score(body)) AS generated_ok,
	   count(*) FILTER (WHERE mood IS NULL) AS null_moods FROM scoring_tickets;
CREATE INDEX scoring_tickets_sentiment ON scoring_tickets ((sentiment(body)));
CREATE INDEX scoring_tickets_score ON scoring_tickets ((emotion_score(body)));
ANALYZE scoring_tickets;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM scoring_tickets WHERE sentiment(body) < -0.2;
SELECT count(*) AS negative_tickets FROM scoring_tickets WHERE sentiment(body) < -0.2;
SELECT count(*) AS same_score_tickets FROM scoring_tickets WHERE emotion_score(body) = emotion_score('Still waiting, this is terrible');
RESET enable_seqscan;
RESET enable_bitmapscan;
DROP TABLE scoring_tickets;

-- long text: scores within range; the statement timeout cancels a huge one
SELECT sentiment(repeat('happy but not sad. ', 100000)) BETWEEN -1 AND 1 AS long_text_ok;
SET statement_timeout = '1s';
SELECT sentiment(repeat('not very happy but ', 20000000));
RESET statement_timeout;
