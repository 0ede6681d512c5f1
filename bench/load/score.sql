-- scoring of a literal: sentiment() and emotion_score() of one of twelve texts
\set k random(1, 12)
SELECT sentiment(t), emotion_score(t), emotion_crm.effort_cues(t)
FROM (SELECT (ARRAY[
	'Thank you so much, the agent solved it in five minutes!',
	'I am still waiting for my refund. This is the third time I write.',
	'Absolutely furious. Nobody answers the phone and my shop is offline!!!',
	'Great update, the new dashboard is really fast 😀',
	'I am worried my card was charged twice for the same order.',
	'Not happy at all with how this was handled.',
	'THIS IS UNACCEPTABLE. I WANT TO SPEAK TO A MANAGER.',
	'Hmm, not sure I understand the new pricing, can someone explain?',
	'The sync is broken again 😡 second time this month.',
	'I do not hate it, but I do not love it either.',
	'Delivery arrived on Tuesday, all good.',
	'Terrible experience, never again. Cancel my account now.'])[:k] AS t) s;
