/*
 * fuzz_core.c -- libFuzzer target for the scoring core.
 *
 *   make fuzz-core && test/fuzz/fuzz_core -max_total_time=60
 *
 * Feeds the bytes to ec_score_utf8 on both tokenizer paths, checks that the
 * score is finite and in range, that every explain row lies inside the input,
 * that the fast path (ASCII scanner for ASCII words) and the all-ICU path
 * (ec_force_icu) agree on any input, and that ec_tokenize_utf8 reports
 * tokens inside the input.
 */
#include "core/emocore.h"
#include "core/tokenize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct Check
{
	size_t		size;
	int			last_pos;
	double		sum;
} Check;

static void
row(void *arg, const EcContribution *c)
{
	Check	   *k = (Check *) arg;

	if (c->byte_offset >= k->size || c->position < k->last_pos ||
		c->token_len == 0 || !isfinite(c->valence) || !isfinite(c->base_valence))
		abort();
	/* touch every byte of the token text */
	k->sum += (unsigned char) c->token[c->token_len - 1];
	k->last_pos = c->position;
}

static void
tok(void *arg, const EcTokenInfo *t)
{
	Check	   *k = (Check *) arg;

	if (t->byte_offset + t->byte_len > k->size || t->byte_len == 0 ||
		t->token_len > 4 * t->byte_len + 64)
		abort();
	if (t->token_len)
		k->sum += (unsigned char) t->token[t->token_len - 1];
}

static void
valid(const EcScore *s)
{
	int			i;

	if (!(s->valence >= -1.0f && s->valence <= 1.0f) ||
		!(s->arousal >= 0.0f && s->arousal <= 1.0f) ||
		!(s->evidence >= 0.0f && s->evidence <= EC_MAX_EVIDENCE))
		abort();
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
		if (!(s->emo[i] >= 0.0f && s->emo[i] <= 1.0f))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* copy into an exact-size buffer so ASan catches any over-read */
	char	   *buf = malloc(size ? size : 1);
	EcScore		a,
				b;
	Check		k = {size, 0, 0};

	memcpy(buf, data, size);
	ec_force_icu = 0;
	if (ec_score_utf8(&ec_default_env, NULL, buf, size, &a, row, &k) != EC_OK)
		abort();
	valid(&a);
	ec_force_icu = 1;
	k.last_pos = 0;
	if (ec_score_utf8(&ec_default_env, NULL, buf, size, &b, row, &k) != EC_OK)
		abort();
	ec_force_icu = 0;
	if (memcmp(&a, &b, sizeof(a)) != 0)
		abort();
	if (ec_tokenize_utf8(&ec_default_env, buf, size, tok, &k) != EC_OK)
		abort();
	free(buf);
	return 0;
}
