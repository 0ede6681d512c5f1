/*
 * test_rules.c -- one block of checks per scoring rule.
 */
#include "ectest.h"

#include <math.h>

static int
has_rule(const char *text, const char *tok, unsigned rule)
{
	EctExplain	x;
	const EctRow *r;

	ect_explain(text, &x);
	r = ect_row(&x, tok);
	return r != NULL && (r->rules & rule) != 0;
}

static void
test_basic(void)
{
	/* polarity of plain words */
	CHECK(ect_sent("happy") > 0);
	CHECK(ect_sent("The support team was great") > 0);
	CHECK(ect_sent("terrible") < 0);
	CHECK(ect_sent("The app is terrible and slow") < 0);
	CHECK(ect_sent("I love this product") > ect_sent("I am fine with this product"));
	/* elongated words */
	CHECK(fabsf(ect_sent("loooove it") - ect_sent("love it")) < 1e-6f);
	CHECK(fabsf(ect_sent("goooood") - ect_sent("good")) < 1e-6f);
	CHECK(fabsf(ect_sent("haaaappy") - ect_sent("happy")) < 1e-6f);
	CHECK(ect_sent("sooooo good") > ect_sent("good"));
	/* neutral text: no evidence */
	{
		EcScore		s = ect_score("The package arrives on Tuesday at the office");

		CHECK(s.valence == 0.0f);
		CHECK(s.evidence == 0.0f);
	}
}

static void
test_negation(void)
{
	EctExplain	x;
	const EctRow *r;

	CHECK(ect_sent("not happy") < 0);
	CHECK(ect_sent("happy") > 0);
	CHECK(ect_sent("I am not happy with the service") < 0);
	CHECK(ect_sent("The agent was not helpful") < 0);
	/* scope: three words, not across punctuation */
	CHECK(ect_sent("not at all happy") < 0);
	CHECK(ect_sent("Not sure. Happy with it") > 0);
	CHECK(ect_sent("no, the result is great") > 0);
	/* negating a negative word gives a weak positive */
	CHECK(ect_sent("not terrible") > 0);
	CHECK(ect_sent("not terrible") < ect_sent("great"));
	/* contractions with straight and curly apostrophes */
	CHECK(ect_sent("I don't love it") < 0);
	CHECK(ect_sent("I don\xe2\x80\x99t love it") < 0);
	CHECK(ect_sent("I don\xe2\x80\x98t love it") < 0);
	CHECK(ect_sent("It isn't good") < 0);
	CHECK(ect_sent("It wasn't good") < 0);
	CHECK(ect_sent("You can't be happy with this") < 0);
	CHECK(ect_sent("It won't make me happy") < 0);
	CHECK(fabsf(ect_sent("I don't love it") - ect_sent("I don\xe2\x80\x99t love it")) < 1e-6f);
	/* the explain row is marked */
	ect_explain("I am not happy", &x);
	r = ect_row(&x, "happy");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED) && r->valence < 0 && r->base > 0);
	/* "never again", "no longer works" */
	CHECK(ect_sent("never again") < 0);
	CHECK(ect_sent("I will never again order from you") < 0);
	CHECK(ect_sent("The app no longer works") < 0);
	CHECK(ect_sent("The app works") == 0.0f);
	/* "no longer <verb>" is a loss even when the verb has no valence */
	CHECK(ect_sent("The button no longer responds") < 0);
	CHECK(ect_sent("The button responds") == 0.0f);
	CHECK(has_rule("The button no longer responds", "no longer responds", EC_RULE_NEGATED));
	CHECK(ect_sent("I am no longer happy") < 0);
	/* "not only ... but" is not a negation */
	CHECK(ect_sent("not only fast but also friendly") > 0);
	ect_explain("The staff were not only helpful but also kind", &x);
	r = ect_row(&x, "helpful");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED) && r->valence > 0);
	/* "at all" intensifies the negation */
	CHECK(ect_sent("I am not happy at all") < ect_sent("I am not happy"));
	CHECK(has_rule("I am not happy at all", "happy", EC_RULE_BOOSTED));
}

static void
test_boosters(void)
{
	CHECK(ect_sent("very good") > ect_sent("good"));
	CHECK(ect_sent("good") > ect_sent("slightly good"));
	CHECK(ect_sent("extremely bad") < ect_sent("bad"));
	CHECK(ect_sent("kind of bad") > ect_sent("bad"));
	CHECK(ect_sent("kind of bad") < 0);
	CHECK(ect_sent("a bit slow and a bit annoying") > ect_sent("slow and annoying"));
	CHECK(has_rule("very good", "good", EC_RULE_BOOSTED));
	CHECK(has_rule("slightly good", "good", EC_RULE_DAMPENED));
	CHECK(has_rule("kind of good", "good", EC_RULE_DAMPENED));
	/* the booster reaches only three words */
	CHECK(fabsf(ect_sent("very much and then the good") - ect_sent("good")) < 1e-6f);
	/* not across a comma */
	CHECK(fabsf(ect_sent("very, good") - ect_sent("good")) < 1e-6f);
}

static void
test_contrast(void)
{
	EctExplain	x;
	const EctRow *a,
			   *b;

	/* the clause after "but" carries the opinion */
	CHECK(ect_sent("The food was good but the service was terrible") < 0);
	CHECK(ect_sent("The service was terrible but the food was good") > 0);
	CHECK(ect_sent("It was slow, however the agent was great") > 0);
	ect_explain("The food was good but the service was terrible", &x);
	a = ect_row(&x, "good");
	b = ect_row(&x, "terrible");
	CHECK(a != NULL && b != NULL);
	if (a && b)
	{
		CHECK(a->rules & EC_RULE_CONTRAST);
		CHECK(b->rules & EC_RULE_CONTRAST);
		CHECK(fabsf(a->valence) < fabsf(a->base));
		CHECK(fabsf(b->valence) > fabsf(b->base));
	}
	/* "although X, Y" down-weights X */
	CHECK(ect_sent("Although the agent was friendly, the problem is terrible") < 0);
	CHECK(ect_sent("Although delivery was terrible, I love the product") > 0);
	ect_explain("Although the agent was friendly, the problem is terrible", &x);
	a = ect_row(&x, "friendly");
	CHECK(a != NULL && (a->rules & EC_RULE_CONTRAST) && fabsf(a->valence) < fabsf(a->base));
	/* a sentence opening with "But"/"However" weighs the one before */
	ect_explain("The agent was nice. However, the problem is terrible.", &x);
	a = ect_row(&x, "nice");
	b = ect_row(&x, "terrible");
	CHECK(a != NULL && (a->rules & EC_RULE_CONTRAST) && fabsf(a->valence - a->base * 0.5f) < 1e-6f);
	CHECK(b != NULL && (b->rules & EC_RULE_CONTRAST) && fabsf(b->valence - b->base * 1.5f) < 1e-6f);
	CHECK(ect_sent("The agent was great. But my problem is terrible.") <
		  ect_sent("The agent was great. My problem is terrible."));
	/* only the sentence right before, and only for a sentence-initial marker */
	ect_explain("It was good. Fine. But it broke.", &x);
	a = ect_row(&x, "good");
	CHECK(a != NULL && !(a->rules & EC_RULE_CONTRAST));
	/* "but" is not a contrast in "not only ... but" */
	CHECK(!has_rule("not only fast but also friendly", "friendly", EC_RULE_CONTRAST));
}

static void
test_caps_punct(void)
{
	/* caps emphasis only when part of the text is in caps */
	CHECK(ect_sent("the product is TERRIBLE") < ect_sent("the product is terrible"));
	CHECK(ect_sent("i am HAPPY with it") > ect_sent("i am happy with it"));
	CHECK(has_rule("the product is TERRIBLE", "terrible", EC_RULE_CAPS));
	CHECK(!has_rule("THE PRODUCT IS TERRIBLE", "terrible", EC_RULE_CAPS));
	CHECK(fabsf(ect_sent("THE PRODUCT IS TERRIBLE") - ect_sent("the product is terrible")) < 1e-6f);
	/* lower-case letters of other scripts count too */
	CHECK(has_rule("\xd0\xbf\xd0\xbb\xd0\xbe\xd1\x85\xd0\xbe TERRIBLE", "terrible", EC_RULE_CAPS));
	CHECK(!has_rule("\xd0\x9f\xd0\x9b\xd0\x9e\xd0\xa5\xd0\x9e TERRIBLE", "terrible", EC_RULE_CAPS));
	/* a single capital letter is not caps */
	CHECK(fabsf(ect_sent("Terrible service") - ect_sent("terrible service")) < 1e-6f);

	/* exclamation: more is stronger, up to four */
	CHECK(ect_sent("great!") > ect_sent("great"));
	CHECK(ect_sent("great!!!") > ect_sent("great!"));
	CHECK(ect_sent("terrible!!!") < ect_sent("terrible"));
	CHECK(fabsf(ect_sent("great!!!!") - ect_sent("great!!!!!!!!!!")) < 1e-6f);
	CHECK(has_rule("great!!!", "great", EC_RULE_EXCLAIM));
	CHECK(ect_score("great!!!").arousal > ect_score("great").arousal);
	/* "?!" is emphasis, "?" dampens */
	CHECK(ect_sent("terrible?!") < ect_sent("terrible"));
	CHECK(has_rule("terrible?!", "terrible", EC_RULE_EXCLAIM));
	CHECK(ect_sent("good?") < ect_sent("good"));
	CHECK(ect_sent("good?") > 0);
	CHECK(has_rule("good?", "good", EC_RULE_QUESTION));
	/* emphasis belongs to its own sentence only */
	CHECK(fabsf(ect_sent("good. fine!!!") - ect_sent("good. fine!!!")) < 1e-6f);
	{
		EctExplain	x;
		const EctRow *r;

		ect_explain("It is good. The rest is bad!!!", &x);
		r = ect_row(&x, "good");
		CHECK(r != NULL && !(r->rules & EC_RULE_EXCLAIM));
	}
}

static void
test_emoji(void)
{
	CHECK(ect_sent(":)") > 0);
	CHECK(ect_sent(":(") < 0);
	CHECK(ect_sent("<3") > 0);
	CHECK(ect_sent("thanks :)") > ect_sent("thanks"));
	CHECK(ect_sent("thanks :(") < ect_sent("thanks"));
	CHECK(has_rule("ok :)", ":)", EC_RULE_EMOJI));
	/* emoji, with and without variation selector and skin tone */
	CHECK(ect_sent("\xf0\x9f\x98\x80") > 0);				/* grinning face */
	CHECK(ect_sent("\xf0\x9f\x98\xa1") < 0);				/* pouting face */
	CHECK(ect_sent("\xe2\x9d\xa4\xef\xb8\x8f") > 0);		/* red heart + FE0F */
	CHECK(fabsf(ect_sent("\xe2\x9d\xa4\xef\xb8\x8f") - ect_sent("\xe2\x9d\xa4")) < 1e-6f);
	CHECK(ect_sent("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd") > 0);	/* thumbs up, skin tone */
	CHECK(fabsf(ect_sent("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd") - ect_sent("\xf0\x9f\x91\x8d")) < 1e-6f);
	CHECK(has_rule("ok \xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", EC_RULE_EMOJI));
	/* an emoji is not negated */
	CHECK(ect_sent("not \xf0\x9f\x98\x80") > 0);
	/* emoticons need boundaries: a clock time is not ":3" and "D:" needs space */
	CHECK(ect_sent("at 12:30") == 0.0f);
}

static void
test_phrases_cues(void)
{
	EctExplain	x;
	const EctRow *r;

	/* phrases win over their own words */
	CHECK(ect_sent("not bad") > 0);
	CHECK(ect_sent("not bad at all") > 0);
	CHECK(ect_sent("thanks for nothing") < 0);
	CHECK(ect_sent("I am fed up") < 0);
	CHECK(ect_sent("over the moon") > 0);
	CHECK(ect_sent("a waste of money") < 0);
	ect_explain("the product is not bad", &x);
	r = ect_row(&x, "not bad");
	CHECK(r != NULL && (r->rules & EC_RULE_PHRASE) && !(r->rules & EC_RULE_NEGATED));
	CHECK(ect_row(&x, "bad") == NULL);
	/* customer-service cues */
	CHECK(ect_sent("still waiting for my order") < 0);
	CHECK(has_rule("I am still waiting", "still waiting", EC_RULE_CUE));
	CHECK(ect_sent("I want a refund") < 0);
	CHECK(ect_sent("I want to speak to a manager") < 0);
	CHECK(ect_sent("please cancel my subscription") < 0);
	CHECK(ect_sent("this is the third time I call") < 0);
	CHECK(ect_sent("thank you so much") > 0);
	CHECK(ect_sent("issue resolved") > 0);
	ect_explain("I am still waiting", &x);
	r = ect_row(&x, "still waiting");
	CHECK(r != NULL && r->valence < 0);
	CHECK(r != NULL && (r->emo[EC_ANGER] > 0 || r->emo[EC_SADNESS] > 0));
}

static void
test_evidence(void)
{
	EcScore		a = ect_score("good");
	EcScore		b = ect_score("good and bad");
	EcScore		n = ect_score("the order id is 12345");

	CHECK(a.evidence > 0);
	CHECK(b.evidence > a.evidence);
	CHECK(n.evidence == 0.0f && n.valence == 0.0f && n.arousal == 0.0f);
	/* evidence is the sum of |valence after rules| (or the strongest emotion) */
	{
		EctExplain	x;
		EcScore		s = ect_explain("good and bad", &x);
		double		sum = 0;
		int			i,
					k;

		for (i = 0; i < x.n; i++)
		{
			double		w = fabs(x.row[i].valence);

			for (k = 0; k < EC_NUM_EMOTIONS; k++)
				if (x.row[i].emo[k] > w)
					w = x.row[i].emo[k];
			sum += w;
		}
		CHECK(x.n == 2);
		CHECK(fabs(sum - s.evidence) < 1e-4);
	}
	/* valence is S / sqrt(S^2 + 1) of the explain rows */
	{
		EctExplain	x;
		EcScore		s = ect_explain("The agent was helpful and kind but the app is slow", &x);
		double		S = 0;
		int			i;

		for (i = 0; i < x.n; i++)
			S += x.row[i].valence;
		CHECK(fabs(s.valence - S / sqrt(S * S + 1.0)) < 1e-5);
	}
}

static void
test_positions(void)
{
	EctExplain	x;
	const EctRow *r;

	ect_explain("Hi team, the app is great", &x);
	r = ect_row(&x, "great");
	CHECK(r != NULL && r->position == 6 && r->byte_offset == 20);
	ect_explain("Well... I am FED UP!", &x);
	r = ect_row(&x, "fed up");
	CHECK(r != NULL && r->position == 4 && r->byte_offset == 13);
}

/* the rules of the quality pass: scope, profanity, boosters with a valence,
 * neutral phrases, questions, hashtags, emoji against words, recurrences */
static void
test_quality_rules(void)
{
	EctExplain	x;
	const EctRow *r;

	/* negation ends at the first opinion word it negates */
	ect_explain("The update does not fix anything and the problem stays", &x);
	r = ect_row(&x, "problem");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED) && r->valence < 0);
	ect_explain("not good, bad", &x);	/* (a clause break anyway) */
	CHECK(ect_row(&x, "bad") != NULL && ect_row(&x, "bad")->valence < 0);
	ect_explain("It does not help and the problem stays", &x);
	r = ect_row(&x, "problem");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED));
	/* an opinion word right before is an attribute: "not a good friend"
	 * negates both */
	CHECK(has_rule("he is not a good friend", "good", EC_RULE_NEGATED));
	CHECK(has_rule("he is not a good friend", "friend", EC_RULE_NEGATED));
	CHECK(ect_sent("he is not a good friend") < 0);
	/* a neutral phrase between the negator and the word does not stop it */
	CHECK(ect_sent("not at all happy") < 0);

	/* negation does not reach into a relative clause */
	ect_explain("I feel for the kids who never got to see him happy", &x);
	r = ect_row(&x, "happy");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED));
	ect_explain("I never met anyone who was happy", &x);
	r = ect_row(&x, "happy");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED));

	/* a phrase that ends in a negator goes on negating: "still not fixed" */
	CHECK(has_rule("It is still not repaired properly", "still not", EC_RULE_CUE));
	ect_explain("The router is still not good", &x);
	r = ect_row(&x, "good");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED) && r->valence < 0);
	CHECK(ect_sent("The router is still not good") < ect_sent("The router is not good"));

	/* "never been this sad" intensifies; "never let this die" negates */
	CHECK(ect_sent("I have never been this sad") < 0);
	CHECK(ect_sent("I have never been this sad") < ect_sent("I have been sad"));
	CHECK(ect_sent("I have never felt so happy") > ect_sent("I have felt happy"));
	CHECK(has_rule("I have never felt so happy", "happy", EC_RULE_BOOSTED));
	CHECK(has_rule("Please never let this die", "die", EC_RULE_NEGATED));
	CHECK(ect_sent("Please never let this die") > 0);
	CHECK(has_rule("I was never happy", "happy", EC_RULE_NEGATED));

	/* a booster inside a negation attenuates: "not very good" is milder
	 * than "not good", "not too bad" milder than "not bad"-as-a-word */
	CHECK(ect_sent("it is not very good") < 0);
	CHECK(ect_sent("it is not very good") > ect_sent("it is not good"));
	CHECK(has_rule("it is not very good", "good", EC_RULE_DAMPENED));
	CHECK(!has_rule("it is not very good", "good", EC_RULE_BOOSTED));
	CHECK(ect_sent("I won't feel too sad") > 0);
	CHECK(ect_sent("I won't feel too sad") < ect_sent("I won't feel sad"));
	CHECK(ect_sent("really not good") < ect_sent("not good"));

	/* a booster with a valence: an opinion at clause end and before a
	 * preposition, a modifier before an opinion word, nothing before a name */
	CHECK(ect_sent("it was super!") > 0);
	CHECK(ect_sent("She looks so pretty in that photo") > 0);
	CHECK(has_rule("that is pretty bad", "bad", EC_RULE_BOOSTED));
	CHECK(ect_sent("that is pretty bad") < ect_sent("that is bad"));
	CHECK(ect_score("We watched the Super Bowl").evidence == 0.0f);
	CHECK(ect_score("The change seems pretty small").evidence == 0.0f);

	/* profanity: an intensifier without valence before a positive word,
	 * negative on its own or before anything else */
	CHECK(ect_sent("Fucking love that song") > ect_sent("love that song"));
	ect_explain("I fucking love it", &x);
	r = ect_row(&x, "fucking");
	CHECK(r != NULL && r->valence == 0.0f && r->emo[EC_ANGER] > 0);
	CHECK(has_rule("I fucking love it", "love", EC_RULE_BOOSTED));
	CHECK(ect_sent("damn!") < 0);
	CHECK(ect_sent("the damn app crashed again") < ect_sent("the app crashed again"));
	CHECK(ect_sent("where is the damn parcel") < 0);
	CHECK(ect_sent("it is too damn slow") < ect_sent("it is too slow"));
	CHECK(has_rule("it is too damn slow", "slow", EC_RULE_BOOSTED));
	CHECK(has_rule("I am seriously disappointed", "disappointed", EC_RULE_BOOSTED));

	/* laughter is mildly positive */
	CHECK(ect_sent("haha") > 0.3f);
	CHECK(ect_sent("lol") > 0.3f);
	CHECK(ect_sent("hehe") > 0.2f);

	/* "like": a verb after a subject is positive, "would like" and the
	 * preposition are neutral, "don't like" negative */
	CHECK(ect_sent("I like it!") > 0.2f);
	CHECK(ect_sent("I really like the new design") > 0.2f);
	CHECK(ect_score("I would like to change my address").evidence == 0.0f);
	CHECK(ect_score("It looks like the parcel is in Leeds").evidence == 0.0f);
	CHECK(ect_sent("I don't like the new design") < -0.2f);

	/* neutral phrases match and score nothing, also over scoring words */
	CHECK(ect_score("Best regards").evidence == 0.0f);
	CHECK(ect_score("Kind regards, Anna").evidence == 0.0f);
	CHECK(ect_score("Apologies for the late reply.").evidence == 0.0f);
	CHECK(ect_score("We signed the rental agreement").evidence == 0.0f);

	/* cues in an information question count little */
	CHECK(fabsf(ect_sent("How do I cancel my subscription?")) <
		  0.5f * fabsf(ect_sent("I want to cancel my subscription.")));
	CHECK(fabsf(ect_sent("Can I cancel my subscription online?")) <
		  0.5f * fabsf(ect_sent("Cancel my subscription.")));
	/* other words of an information question: half their valence, all
	 * their emotions */
	{
		EctExplain	y;
		const EctRow *q;

		ect_explain("Does the warranty cover water damage?", &x);
		ect_explain("Why does the warranty cover water damage?", &y);
		r = ect_row(&x, "damage");
		q = ect_row(&y, "damage");
		CHECK(r != NULL && q != NULL && fabsf(r->valence - 0.5f * q->valence) < 1e-5f);
		CHECK(r != NULL && q != NULL && fabsf(r->emo[EC_SADNESS] - q->emo[EC_SADNESS]) < 1e-5f);
	}
	/* not a "why" complaint, not a statement */
	CHECK(ect_sent("Why is my refund still not here?") < -0.3f);
	CHECK(ect_sent("How do I delete my account?") > -0.2f);

	/* a hashtag has half its valence, all its emotions */
	ect_explain("so tired #crash", &x);
	r = ect_row(&x, "crash");
	CHECK(r != NULL && (r->rules & EC_RULE_DAMPENED));
	{
		EctExplain	y;
		const EctRow *q;

		ect_explain("so tired crash", &y);
		q = ect_row(&y, "crash");
		CHECK(q != NULL && fabsf(r->valence - 0.5f * q->valence) < 1e-5f);
		CHECK(fabsf(r->emo[EC_FEAR] - q->emo[EC_FEAR]) < 1e-5f);
	}

	/* one emoji does not outweigh a clear sentence of words */
	CHECK(ect_sent("I am so sorry, this is terrible and sad ❤️") < 0);
	CHECK(has_rule("The service was great and fast 😡", "😡", EC_RULE_DAMPENED));
	CHECK(!has_rule("Thanks :) 👍", "👍", EC_RULE_DAMPENED));

	/* "keeps <verb>ing": a recurring failure with no opinion word */
	CHECK(ect_sent("The chat keeps closing before an agent joins.") < -0.2f);
	ect_explain("The chat keeps closing before an agent joins.", &x);
	CHECK(ect_row(&x, "keeps closing") != NULL);
	CHECK(ect_sent("I keep typing my password again") < 0);
	CHECK(ect_sent("It keeps getting better") > 0);
	CHECK(ect_score("Keep going!").evidence == 0.0f);

	/* conditional desire is half-positive; "I wish you would" complains */
	CHECK(ect_sent("That would be nice") > 0.1f);
	CHECK(ect_sent("That would be nice") < ect_sent("That is nice"));
	CHECK(ect_sent("I wish you would answer my emails") < 0);

	/* idioms of the pass */
	CHECK(ect_sent("They closed my account without warning.") < 0);
	CHECK(ect_sent("Your return policy is a joke") < 0);
	CHECK(ect_sent("it was a joke") >= 0.0f);
	CHECK(ect_sent("My bill doubled this month") < 0);
	CHECK(ect_sent("The technician never came back") < 0);
}

void
test_rules(void)
{
	test_basic();
	test_negation();
	test_boosters();
	test_contrast();
	test_caps_punct();
	test_emoji();
	test_phrases_cues();
	test_evidence();
	test_positions();
	test_quality_rules();
}
