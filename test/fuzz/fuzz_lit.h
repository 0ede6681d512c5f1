/*
 * fuzz_lit.h -- shared by the libFuzzer targets of the literal parsers
 * (fuzz_emotion_in.c, fuzz_segment_in.c, fuzz_journey_in.c).
 *
 * The number formatters are the server's: PostgreSQL's shortest exact
 * decimals (float_to_shortest_decimal_buf, double_to_shortest_decimal_buf)
 * from libpgcommon, which `make fuzz` links when PG_CONFIG's installation
 * has it.  Without it (EC_FUZZ_PGCOMMON undefined) they fall back to
 * "%.9g" and "%.17g", which also read back exactly.
 */
#ifndef FUZZ_LIT_H
#define FUZZ_LIT_H

#include "core/literal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef EC_FUZZ_PGCOMMON
extern int	float_to_shortest_decimal_buf(float f, char *result);
extern int	double_to_shortest_decimal_buf(double f, char *result);
void	   *palloc(size_t size);

/* libpgcommon's allocating variants refer to palloc; the _buf ones never call it */
void *
palloc(size_t size)
{
	(void) size;
	abort();
}
#endif

/* the glue's EcFloatText for finite values (emotion_float_text) */
static inline void
fz_float4(float f, char *buf)
{
#ifdef EC_FUZZ_PGCOMMON
	float_to_shortest_decimal_buf(f, buf);
#else
	snprintf(buf, EC_FLOAT_TEXT_LEN, "%.9g", (double) f);
#endif
}

static inline void
fz_float8(double d, char *buf)
{
#ifdef EC_FUZZ_PGCOMMON
	double_to_shortest_decimal_buf(d, buf);
#else
	snprintf(buf, EC_FLOAT_TEXT_LEN, "%.17g", d);
#endif
}

/* the input as a NUL-terminated string in an exact-size buffer (ASan sees over-reads) */
static inline char *
fz_cstring(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#define FZ_CHECK(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
			abort(); \
		} \
	} while (0)

/* the error points into the input and names a field only where it should */
static inline void
fz_check_error(const EcLitError *err, const char *s, int nfields)
{
	size_t		len = strlen(s);

	FZ_CHECK(err->kind != EC_LIT_OK);
	FZ_CHECK(err->pos <= len);
	FZ_CHECK(err->len <= len - err->pos);
	FZ_CHECK(err->field >= -1 && err->field < nfields);
}

typedef EcLitKind (*FzParse) (const char *s, void *value, EcLitError *err);
typedef size_t (*FzFormat) (const void *value, char *buf);
typedef void (*FzValid) (const void *value);

/*
 * Parse s twice (values of size bytes): the same status, error and value.
 * An accepted value must pass valid(); it is formatted (into textlen bytes)
 * and parsed again, which must give the same bytes.  Returns the status,
 * the error in *err.
 */
static inline EcLitKind
fz_parse_checked(const char *s, FzParse parse, FzFormat format, FzValid valid,
				 size_t size, size_t textlen, EcLitError *err)
{
	void	   *a = malloc(size);
	void	   *b = malloc(size);
	char	   *text = malloc(textlen);
	EcLitError	eb;
	EcLitKind	ka,
				kb;

	if (a == NULL || b == NULL || text == NULL)
		abort();
	ka = parse(s, a, err);
	kb = parse(s, b, &eb);
	FZ_CHECK(ka == kb && ka == err->kind);
	FZ_CHECK(memcmp(err, &eb, sizeof(eb)) == 0);
	if (ka == EC_LIT_OK)
	{
		size_t		n;

		FZ_CHECK(memcmp(a, b, size) == 0);
		valid(a);
		n = format(a, text);
		FZ_CHECK(n == strlen(text) && n < textlen);
		FZ_CHECK(parse(text, b, &eb) == EC_LIT_OK);
		FZ_CHECK(memcmp(a, b, size) == 0);
	}
	else
		fz_check_error(err, s, EC_EMOTION_NFIELDS);
	free(a);
	free(b);
	free(text);
	return ka;
}

#endif							/* FUZZ_LIT_H */
