/*
 * fuzz_segment_in.c -- libFuzzer target for the text input of the SQL type
 * emotion_segment (ec_segment_parse + ec_segment_check, which
 * emotion_segment_in calls).
 *
 *   make fuzz && test/fuzz/fuzz_segment_in test/fuzz/corpus/segment_in
 *
 * Checks: the parse is deterministic; an accepted segment has every bound
 * open or finite and inside its dimension's range, lo <= hi, no negative
 * zero; formatting it the way emotion_segment_out does and parsing that
 * gives the same bytes; an error points into the input.
 */
#include "fuzz_lit.h"

static void
check_valid(const void *value)
{
	const EcSegment *g = value;
	int			i;

	for (i = 0; i < EC_SEGMENT_NDIMS; i++)
	{
		float		lo = g->lo[i],
					hi = g->hi[i];

		FZ_CHECK(lo == -INFINITY ||
				 (isfinite(lo) && lo >= ec_segment_dim_min(i) && lo <= ec_segment_dim_max(i)));
		FZ_CHECK(hi == INFINITY ||
				 (isfinite(hi) && hi >= ec_segment_dim_min(i) && hi <= ec_segment_dim_max(i)));
		FZ_CHECK(lo <= hi);
		FZ_CHECK(!(lo == 0.0f && signbit(lo)) && !(hi == 0.0f && signbit(hi)));
	}
}

/* parse and check as emotion_segment_in does */
static EcLitKind
parse(const char *s, void *value, EcLitError *err)
{
	EcLitKind	k = ec_segment_parse(s, value, err);

	return k != EC_LIT_OK ? k : ec_segment_check(value, err);
}

/* emotion_segment_out's formatter with the server's numbers */
static size_t
format(const void *value, char *buf)
{
	return ec_segment_format(value, fz_float4, buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fz_cstring(data, size);
	EcLitError	err;
	EcLitKind	k = fz_parse_checked(s, parse, format, check_valid, sizeof(EcSegment),
									 EC_SEGMENT_TEXT_LEN, &err);

	if (k != EC_LIT_OK)
	{
		FZ_CHECK(k >= EC_LIT_SEG_SYNTAX && k <= EC_LIT_SEG_ORDER);
		/* text input never yields NaN or a wrong-side infinity */
		FZ_CHECK(k != EC_LIT_SEG_NONFINITE);
		FZ_CHECK(err.field < EC_SEGMENT_NDIMS);
		if (k == EC_LIT_SEG_SYNTAX)
			FZ_CHECK(err.what != NULL);
		if (k == EC_LIT_SEG_UNKNOWN)
			FZ_CHECK(err.len > 0 && ec_segment_dim_lookup(s + err.pos, err.len) < 0);
		if (k == EC_LIT_SEG_OVERFLOW)
			FZ_CHECK(err.len > 0 && err.len < 64);
		if (k == EC_LIT_SEG_RANGE || k == EC_LIT_SEG_ORDER)
			FZ_CHECK(err.field >= 0 && !isnan(err.lo) && !isnan(err.hi));
		if (k == EC_LIT_SEG_ORDER)
			FZ_CHECK(err.lo > err.hi);
	}
	free(s);
	return 0;
}
