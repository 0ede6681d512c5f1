/*
 * fuzz_emotion_in.c -- libFuzzer target for the text input of the SQL type
 * emotion (ec_emotion_parse, which emotion_in calls).
 *
 *   make fuzz && test/fuzz/fuzz_emotion_in test/fuzz/corpus/emotion_in
 *
 * Checks, for any bytes (up to the first NUL, as the server passes them):
 * the parse is deterministic; an accepted value has every field finite,
 * inside its range and without negative zero; formatting it the way
 * emotion_out does and parsing that gives the same bytes; an error points
 * into the input and names a field only where its kind has one.
 */
#include "fuzz_lit.h"

static void
check_valid(const void *value)
{
	const EcScore *e = value;
	int			i;

	for (i = 0; i < EC_EMOTION_NFIELDS; i++)
	{
		float		v = *ec_emotion_field((EcScore *) e, i);

		FZ_CHECK(isfinite(v));
		FZ_CHECK(v >= ec_emotion_field_min(i) && v <= ec_emotion_field_max(i));
		FZ_CHECK(!(v == 0.0f && signbit(v)));
	}
	FZ_CHECK(ec_emotion_first_invalid(e) == -1);
}

static EcLitKind
parse(const char *s, void *value, EcLitError *err)
{
	return ec_emotion_parse(s, value, err);
}

/* emotion_out's formatter with the server's numbers */
static size_t
format(const void *value, char *buf)
{
	return ec_emotion_format(value, fz_float4, buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fz_cstring(data, size);
	EcLitError	err;
	EcLitKind	k = fz_parse_checked(s, parse, format, check_valid, sizeof(EcScore),
									 EC_EMOTION_TEXT_LEN, &err);

	if (k != EC_LIT_OK)
	{
		FZ_CHECK(k >= EC_LIT_EMO_OPEN && k <= EC_LIT_EMO_JUNK);
		if (k == EC_LIT_EMO_UNKNOWN)
			FZ_CHECK(err.len > 0 && ec_emotion_field_lookup(s + err.pos, err.len) < 0);
		if (k == EC_LIT_EMO_DUPLICATE || k == EC_LIT_EMO_EQUALS ||
			k == EC_LIT_EMO_NUMBER || k == EC_LIT_EMO_RANGE ||
			k == EC_LIT_EMO_SEPARATOR)
			FZ_CHECK(err.field >= 0);
		if (k == EC_LIT_EMO_RANGE)
			FZ_CHECK(!ec_emotion_field_valid(err.field, err.lo));
	}
	free(s);
	return 0;
}
