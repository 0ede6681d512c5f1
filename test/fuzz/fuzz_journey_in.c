/*
 * fuzz_journey_in.c -- libFuzzer target for the text input of the SQL type
 * emotion_journey (ec_journey_parse, which emotion_journey_in calls before
 * it converts the timestamps with timestamptz_in and checks the whole value
 * with journey_validate).
 *
 *   make fuzz && test/fuzz/fuzz_journey_in test/fuzz/corpus/journey_in
 *
 * Checks: the parse is deterministic; an accepted value has a count of at
 * least 1, finite floats, valid emotions, zones in -1..1, a bucket shift in
 * 0..62, positive counts exactly in the buckets listed, and four timestamp
 * texts inside the input, each without a double quote; formatting it with
 * ec_journey_format (emotion_journey_out's formatter, given the timestamp
 * texts as they were) and parsing that gives the same value; an error
 * points into the input, and the timestamps read before it lie before it.
 */
#include "fuzz_lit.h"

static void
check_emotion(const EcScore *e)
{
	int			i;

	for (i = 0; i < EC_EMOTION_NFIELDS; i++)
		FZ_CHECK(isfinite(*ec_emotion_field((EcScore *) e, i)));
	FZ_CHECK(ec_emotion_first_invalid(e) == -1);
}

static void
check_valid(const EcJourneyText *j, const char *s)
{
	size_t		len = strlen(s);
	int			i;

	FZ_CHECK(j->count >= 1);
	FZ_CHECK(isfinite(j->half_life) && isfinite(j->dead_band) &&
			 isfinite(j->peak) && isfinite(j->trough));
	for (i = 0; i < 3; i++)
		FZ_CHECK(isfinite(j->mood[i]));
	check_emotion(&j->first);
	check_emotion(&j->last);
	FZ_CHECK(j->ordered == 0 || j->ordered == 1);
	FZ_CHECK(j->nts == 4);
	for (i = 0; i < 4; i++)
	{
		FZ_CHECK(j->ts[i].pos <= len && j->ts[i].len <= len - j->ts[i].pos);
		FZ_CHECK(memchr(s + j->ts[i].pos, '"', j->ts[i].len) == NULL);
		FZ_CHECK(i == 0 || j->ts[i].pos > j->ts[i - 1].pos + j->ts[i - 1].len);
	}
	for (i = 0; i < 3; i++)
		FZ_CHECK(j->g_first[i] >= 0 && j->g_last[i] >= 0);
	for (i = 0; i < 5; i++)
		FZ_CHECK(j->mid[i] >= 0);
	FZ_CHECK(j->first_nz >= -1 && j->first_nz <= 1 && j->last_nz >= -1 && j->last_nz <= 1);
	FZ_CHECK(j->neg_to_pos == 0 || j->neg_to_pos == 1);
	FZ_CHECK(j->spark_shift >= 0 && j->spark_shift <= 62);
	for (i = 0; i < EC_JOURNEY_BUCKETS; i++)
		FZ_CHECK(j->spark_n[i] >= 0 && (j->spark_n[i] > 0 || j->spark_sum[i] == 0));
}

/* the value written back by the formatter emotion_journey_out uses */
static char *
format(const EcJourneyText *j, const char *s)
{
	char	   *text = malloc(EC_JOURNEY_TEXT_LEN);
	char		ts[4][EC_JOURNEY_TS_LEN];
	const char *tsp[4];
	size_t		n;
	int			i;

	if (text == NULL)
		abort();
	for (i = 0; i < 4; i++)
	{
		memcpy(ts[i], s + j->ts[i].pos, j->ts[i].len);
		ts[i][j->ts[i].len] = '\0';
		tsp[i] = ts[i];
	}
	n = ec_journey_format(j, tsp, fz_float4, fz_float8, text);
	FZ_CHECK(n == strlen(text) && n < EC_JOURNEY_TEXT_LEN);
	return text;
}

/* equal values: every field, and the timestamp texts (not their positions) */
static void
check_same(const EcJourneyText *a, const char *sa, const EcJourneyText *b, const char *sb)
{
	EcJourneyText x;
	int			i;

	memcpy(&x, b, sizeof(x));
	for (i = 0; i < 4; i++)
	{
		FZ_CHECK(a->ts[i].len == b->ts[i].len);
		FZ_CHECK(memcmp(sa + a->ts[i].pos, sb + b->ts[i].pos, a->ts[i].len) == 0);
		x.ts[i] = a->ts[i];
	}
	FZ_CHECK(memcmp(a, &x, sizeof(x)) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fz_cstring(data, size);
	EcJourneyText *a = malloc(sizeof(EcJourneyText));
	EcJourneyText *b = malloc(sizeof(EcJourneyText));
	EcLitError	ea,
				eb;
	EcLitKind	ka,
				kb;
	int			i;

	if (a == NULL || b == NULL)
		abort();
	ka = ec_journey_parse(s, a, &ea);
	kb = ec_journey_parse(s, b, &eb);
	FZ_CHECK(ka == kb && ka == ea.kind);
	FZ_CHECK(memcmp(&ea, &eb, sizeof(ea)) == 0);
	FZ_CHECK(memcmp(a, b, sizeof(*a)) == 0);
	if (ka == EC_LIT_OK)
	{
		check_valid(a, s);
		/* the server's timestamp texts are shorter than EC_JOURNEY_TS_LEN */
		for (i = 0; i < 4 && a->ts[i].len < EC_JOURNEY_TS_LEN; i++)
			;
		if (i == 4)
		{
			char	   *text = format(a, s);

			FZ_CHECK(ec_journey_parse(text, b, &eb) == EC_LIT_OK);
			check_same(a, s, b, text);
			free(text);
		}
	}
	else
	{
		fz_check_error(&ea, s, 2);
		FZ_CHECK(ka >= EC_LIT_JNY_TOKEN && ka <= EC_LIT_JNY_EMOTION);
		FZ_CHECK(ka == EC_LIT_JNY_EMOTION ? ea.field >= 0 && ea.what == NULL : ea.what != NULL);
		if (ka == EC_LIT_JNY_EMOTION)
			FZ_CHECK(ec_emotion_first_invalid(ea.field == 0 ? &a->first : &a->last) >= 0);
		FZ_CHECK(a->nts >= 0 && a->nts <= 4);
		for (i = 0; i < a->nts; i++)
			FZ_CHECK(a->ts[i].pos + a->ts[i].len < ea.pos);
	}
	free(a);
	free(b);
	free(s);
	return 0;
}
