/*
 * test_main.c -- the core's unit-test runner.
 *
 * usage: run_core_tests           run every suite, end with "N passed, N failed"
 *        run_core_tests --bench   time the core over a generated corpus
 */
#include "ectest.h"

#include <math.h>
#include <stdlib.h>

int			ect_passed = 0;
int			ect_failed = 0;

EcScore
ect_score_len(const char *text, size_t len)
{
	EcScore		s;
	EcStatus	rc = ec_score_utf8(&ec_default_env, NULL, text, len, &s, NULL, NULL);

	CHECK(rc == EC_OK);
	return s;
}

EcScore
ect_score(const char *text)
{
	return ect_score_len(text, strlen(text));
}

float
ect_sent(const char *text)
{
	return ect_score(text).valence;
}

void
ect_collect(void *arg, const EcContribution *c)
{
	EctExplain *x = (EctExplain *) arg;
	EctRow	   *r;
	size_t		n = c->token_len < sizeof(r->token) - 1 ? c->token_len : sizeof(r->token) - 1;

	if (x->n >= ECT_MAX_ROWS)
	{
		x->overflow = 1;
		return;
	}
	r = &x->row[x->n++];
	memcpy(r->token, c->token, n);
	r->token[n] = '\0';
	r->byte_offset = c->byte_offset;
	r->position = c->position;
	r->base = c->base_valence;
	r->valence = c->valence;
	r->rules = c->rules;
	memcpy(r->emo, c->emo, sizeof(r->emo));
}

EcScore
ect_explain(const char *text, EctExplain *x)
{
	EcScore		s;

	memset(x, 0, sizeof(*x));
	CHECK(ec_score_utf8(&ec_default_env, NULL, text, strlen(text), &s, ect_collect, x) == EC_OK);
	return s;
}

const EctRow *
ect_row(const EctExplain *x, const char *tok)
{
	int			i;

	for (i = 0; i < x->n; i++)
		if (strcmp(x->row[i].token, tok) == 0)
			return &x->row[i];
	return NULL;
}

int
ect_score_ok(const EcScore *s)
{
	int			k;

	if (!isfinite(s->valence) || s->valence < -1.0f || s->valence > 1.0f)
		return 0;
	if (!isfinite(s->arousal) || s->arousal < 0.0f || s->arousal > 1.0f)
		return 0;
	for (k = 0; k < EC_NUM_EMOTIONS; k++)
		if (!isfinite(s->emo[k]) || s->emo[k] < 0.0f || s->emo[k] > 1.0f)
			return 0;
	if (!isfinite(s->evidence) || s->evidence < 0.0f || s->evidence > EC_MAX_EVIDENCE)
		return 0;
	return 1;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--bench") == 0)
		return core_bench();

	test_tokenizer();
	test_rules();
	test_emotions();
	test_robust();
	test_diff();
	test_genlex();
	test_lang();
	test_literal();

	printf("%d passed, %d failed\n", ect_passed, ect_failed);
	return ect_failed ? 1 : 0;
}
