/*
 * test_robust.c -- empty input, random bytes, long texts, interrupts,
 * allocation through the environment.
 */
#include "ectest.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static EctRng rng = {0x9e3779b97f4a7c15ull};


typedef struct CountEnv
{
	size_t		allocs;
	size_t		bytes;
	size_t		checks;
} CountEnv;

static void *
count_alloc(void *ctx, size_t size)
{
	CountEnv   *c = (CountEnv *) ctx;

	c->allocs++;
	c->bytes += size;
	return malloc(size);
}

static void
count_free(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

static void
count_check(void *ctx)
{
	((CountEnv *) ctx)->checks++;
}

static int
all_zero(const EcScore *s)
{
	static const EcScore z;

	return memcmp(s, &z, sizeof(z)) == 0;
}

static void
rows_in_order(void *arg, const EcContribution *c)
{
	int		   *state = (int *) arg;

	if (c->position < state[0] || !isfinite(c->valence) || c->token_len == 0)
		state[1]++;
	state[0] = c->position;
}

void
test_robust(void)
{
	EcScore		s;
	int			i;

	/* empty and whitespace-only */
	s = ect_score("");
	CHECK(all_zero(&s));
	s = ect_score_len(NULL, 0);
	CHECK(all_zero(&s));
	s = ect_score(" \t\r\n  \n\n ");
	CHECK(all_zero(&s));
	s = ect_score(" . , !!! ??? ");
	CHECK(all_zero(&s));
	/* a NUL byte is a separator, not the end */
	s = ect_score_len("ok\0great", 8);
	CHECK(s.valence > 0);

	/* random bytes: any input gives a finite, in-range score */
	{
		char		buf[512];
		int			bad = 0;

		for (i = 0; i < 20000; i++)
		{
			size_t		n = ect_rnd(&rng) % sizeof(buf);
			size_t		j;
			EcScore		r;
			int			st[2] = {0, 0};

			for (j = 0; j < n; j++)
			{
				uint32_t	k = ect_rnd(&rng) % 8;

				if (k < 3)
					buf[j] = (char) (ect_rnd(&rng) & 0xff);
				else if (k < 6)
					buf[j] = "abcdefgh :)!?.,'@/\n"[ect_rnd(&rng) % 19];
				else
					buf[j] = (char) (0x80 | (ect_rnd(&rng) & 0x7f));
			}
			if (ec_score_utf8(&ec_default_env, NULL, buf, n, &r, rows_in_order, st) != EC_OK ||
				!ect_score_ok(&r) || st[1] != 0)
				bad++;
		}
		CHECKF(bad == 0, "%d bad random inputs", bad);
	}

	/* a long text: no allocation at all, interrupts are checked, bounded */
	{
		const char *unit = "The agent was very helpful but the app is still terrible!!! ";
		size_t		ul = strlen(unit);
		size_t		n = 4u << 20;
		char	   *big = malloc(n);
		CountEnv	c = {0, 0, 0};
		EcEnv		env;
		size_t		j;

		for (j = 0; j < n; j++)
			big[j] = unit[j % ul];
		env.alloc = count_alloc;
		env.free = count_free;
		env.alloc_ctx = &c;
		env.check_interrupts = count_check;
		env.interrupt_ctx = &c;
		CHECK(ec_score_utf8(&env, NULL, big, n, &s, NULL, NULL) == EC_OK);
		CHECK(ect_score_ok(&s));
		CHECK(s.evidence > 1000.0f);
		CHECK(c.allocs == 0);
		CHECKF(c.checks >= n / ul * 12 / 4096 - 1, "checks=%zu", c.checks);
		/* one huge word and one huge sentence without punctuation */
		memset(big, 'a', n);
		CHECK(ec_score_utf8(&env, NULL, big, n, &s, NULL, NULL) == EC_OK);
		CHECK(all_zero(&s));
		for (j = 0; j < n; j++)
			big[j] = "good "[j % 5];
		CHECK(ec_score_utf8(&env, NULL, big, n, &s, NULL, NULL) == EC_OK);
		CHECK(s.valence > 0.99f && ect_score_ok(&s));
		/* the same through the ICU path (non-ASCII content) */
		for (j = 0; j + 3 < n; j += 3)
			memcpy(big + j, "\xc3\xa9 ", 3);
		CHECK(ec_score_utf8(&env, NULL, big, n, &s, NULL, NULL) == EC_OK);
		CHECK(all_zero(&s));
		free(big);
	}

	/*
	 * Explain rows come in position order, also when a later pass finds a
	 * rule unit ("keep <verb>ing") before words it already recorded.
	 * fuzz_core found the first input (506 bytes, NUL inside).
	 */
	{
		static const char fuzz_keep[] =
			"\xc1\xfd\x7fort=SSSooor-$I-\xbdkeep@\x0dooroot::-PI-\xbdkeepI"
			"-\xbdkeep@\x0dot\xff:-$I-\xbdkeep@\x0dooroot:I=-I-\xbdkeep@\x0d"
			"ot\xff\xff\xff\xffI-\xbdkeep@\x0d\x00orooItI-\xbdkeep@\x0dp@\x0d"
			"o=-I-\xbdkeep@\x0d$ot\xff:-$I-\xbdkeep@\x0doorooing-IP-\xbdke"
			"epI-\xbdkeep@\x0dot\xff:-$I-\xbdkeep@\x0dooroot:I=-I-\xbdkeep"
			"@\x0dot\xff\xff\xff\xffI-\xbdkeep@\x0d\x00orooIt_-t\xa9tI-\xbd"
			"keep@\x0d$=-I-\xbdkeep@\x0do=-k;rQr0:=-I-\xbdkeep@\x0do=-I-\xbd"
			"keep@\x0d$ot\xff:-$I-\xbdkeep@\x0dooroot::-PI-\xbdkeepI-\xbdk"
			"eep@\x0dot\xff:-$I-\xbdkeep@\x0dooroot:I=-I-\xbdkeep@\x0dot\xff"
			"\xff\xff\xffI-\xbdkeep@\x0d\x00orooItI-\xbdkeep@\x0dp@\x0do=-"
			"I-\xbdkeep@\x0d$ot\xff:-$I-\xbdkee=-kkrQr0:=mI-\xbdkeep@\x0do"
			"=-I-\xbdkeep@\x0d$ot\xff:-$I-\xbdkt=SSon'tooorooort=S'tooot=S"
			"SSooort=SSSoS";
		const char *keep = "they keep calling me and that is great";
		EctExplain	x;
		int			st[2] = {0, 0};
		EcScore		s2;

		CHECK(sizeof(fuzz_keep) - 1 == 506);
		CHECK(ec_score_utf8(&ec_default_env, NULL, fuzz_keep, sizeof(fuzz_keep) - 1,
							&s, rows_in_order, st) == EC_OK);
		CHECKF(st[1] == 0, "%d rows out of order", st[1]);
		s2 = ect_score_len(fuzz_keep, sizeof(fuzz_keep) - 1);
		CHECK(memcmp(&s, &s2, sizeof(s)) == 0);
		s = ect_explain(keep, &x);
		CHECK(x.n == 2);
		CHECK(strcmp(x.row[0].token, "keep calling") == 0 && x.row[0].position == 2);
		CHECK(strcmp(x.row[1].token, "great") == 0 && x.row[1].position == 8);
		s2 = ect_score(keep);
		CHECK(memcmp(&s, &s2, sizeof(s)) == 0);
	}

	/* the lexicon is there */
	CHECK(strcmp(ec_lexicon_version(), "2026.11.1") == 0);
	CHECK(ec_lexicon_size() > 5000);
	CHECK(strcmp(ec_rule_names[0], "negated") == 0);
	CHECK(strcmp(ec_rule_names[EC_NUM_RULES - 1], "question") == 0);
	CHECK(strcmp(ec_emotion_names[EC_ANGER], "anger") == 0);
	CHECK(sizeof(EcScore) == 44);
}
