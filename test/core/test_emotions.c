/*
 * test_emotions.c -- emotion intensities, negated emotions, arousal.
 */
#include "ectest.h"

#include <math.h>

void
test_emotions(void)
{
	EcScore		s;

	s = ect_score("I am angry");
	CHECK(s.emo[EC_ANGER] > 0.2f);
	CHECK(s.emo[EC_JOY] == 0.0f);
	s = ect_score("I am happy");
	CHECK(s.emo[EC_JOY] > 0.2f);
	s = ect_score("I am afraid my data is lost");
	CHECK(s.emo[EC_FEAR] > 0.1f);
	s = ect_score("disgusting");
	CHECK(s.emo[EC_DISGUST] > 0.2f);
	s = ect_score("what a surprise");
	CHECK(s.emo[EC_SURPRISE] > 0.1f);

	/* "not angry" is not joy: anger goes, nothing opposite appears */
	s = ect_score("I am not angry");
	CHECK(s.emo[EC_ANGER] == 0.0f);
	CHECK(s.emo[EC_JOY] == 0.0f);
	CHECK(s.emo[EC_TRUST] == 0.0f);
	/* "not happy": joy goes, a little sadness */
	s = ect_score("I am not happy");
	CHECK(s.emo[EC_JOY] == 0.0f);
	CHECK(s.emo[EC_SADNESS] > 0.0f);
	CHECK(s.emo[EC_SADNESS] < ect_score("I am happy").emo[EC_JOY]);

	/* boosters and emphasis raise intensity too */
	CHECK(ect_score("I am very angry").emo[EC_ANGER] > ect_score("I am angry").emo[EC_ANGER]);
	CHECK(ect_score("I am angry!!!").emo[EC_ANGER] > ect_score("I am angry").emo[EC_ANGER]);
	CHECK(ect_score("I am slightly angry").emo[EC_ANGER] < ect_score("I am angry").emo[EC_ANGER]);
	/* more anger words, more anger, never above 1 */
	s = ect_score("angry furious outraged livid angry furious outraged livid");
	CHECK(s.emo[EC_ANGER] > ect_score("angry").emo[EC_ANGER]);
	CHECK(s.emo[EC_ANGER] <= 1.0f);

	/* arousal: anger high, sadness low */
	CHECK(ect_score("I am furious").arousal > ect_score("I am sad").arousal);
	CHECK(ect_score("I am sad").arousal > 0.0f);
	CHECK(ect_score("furious!!!").arousal > ect_score("furious").arousal);
	CHECK(ect_score("no words here").arousal == 0.0f);
}
