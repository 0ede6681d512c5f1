/*
 * segment.c -- the SQL type emotion_segment (a box in emotion space) and the
 * containment operators  emotion <@ emotion_segment  and
 * emotion_segment @> emotion.
 *
 * Text form: a bracketed, comma-separated list of constrained dimensions,
 * each "name lo..hi", with either bound left out to leave that side open:
 *
 *     [valence -1..-0.3, anger 0.5..1]
 *     [joy 0.6.., valence 0.5..]
 *     [sadness ..0.2]
 *     []                               (the whole space)
 *
 * Output lists the dimensions in the order valence, arousal, joy, trust,
 * fear, surprise, sadness, disgust, anger, anticipation and prints each bound
 * in the shortest form that reads back to the same float4, so text
 * round-trips exactly.
 */
#include "segment.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* dimension names in storage order (same as emotion_dim()) */
static const char *const seg_dim_names[EMOTION_NDIMS] = {
	"valence", "arousal",
	"joy", "trust", "fear", "surprise", "sadness", "disgust", "anger",
	"anticipation"
};

static int
seg_dim_lookup(const char *name, int len)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		if ((int) strlen(seg_dim_names[i]) == len &&
			pg_strncasecmp(seg_dim_names[i], name, len) == 0)
			return i;
	}
	return -1;
}

static int
seg_dim_from_text(text *t)
{
	char	   *s = text_to_cstring(t);
	int			d = seg_dim_lookup(s, strlen(s));

	if (d < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown emotion dimension \"%s\"", s),
				 errhint("Dimensions are valence, arousal, joy, trust, fear, surprise, sadness, disgust, anger and anticipation.")));
	return d;
}

static void
seg_set_whole(EmotionSegment *s)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		s->lo[i] = -INFINITY;
		s->hi[i] = INFINITY;
	}
}

/*
 * Check a segment built by input or receive.  errcode_syntax is used for the
 * problems that can only come from a malformed binary value.
 */
static void
seg_validate(EmotionSegment *s, const char *input)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		float		lo = s->lo[i],
					hi = s->hi[i];

		if (isnan(lo) || isnan(hi) || lo == INFINITY || hi == -INFINITY)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid bound for dimension \"%s\" in emotion_segment",
							seg_dim_names[i]),
					 errdetail("A bound must be a finite number or left open.")));
		if ((isfinite(lo) && (lo < EC_DIM_MIN(i) || lo > EC_DIM_MAX(i))) ||
			(isfinite(hi) && (hi < EC_DIM_MIN(i) || hi > EC_DIM_MAX(i))))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("bound out of range for dimension \"%s\" in emotion_segment%s%s%s",
							seg_dim_names[i],
							input ? " \"" : "", input ? input : "", input ? "\"" : ""),
					 errdetail("Bounds of %s must lie between %g and %g; got %g..%g.",
							   seg_dim_names[i], (double) EC_DIM_MIN(i),
							   (double) EC_DIM_MAX(i), (double) lo, (double) hi)));
		if (lo > hi)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("lower bound greater than upper bound for dimension \"%s\" in emotion_segment%s%s%s",
							seg_dim_names[i],
							input ? " \"" : "", input ? input : "", input ? "\"" : ""),
					 errdetail("The lower bound %g exceeds the upper bound %g.",
							   (double) lo, (double) hi)));
		/* one representation of zero, so equal segments print alike */
		if (lo == 0.0f)
			s->lo[i] = 0.0f;
		if (hi == 0.0f)
			s->hi[i] = 0.0f;
	}
}

static void
seg_syntax_error(const char *input, const char *detail, const char *where)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type emotion_segment: \"%s\"", input),
			 errdetail("%s at \"%.20s\".", detail, *where ? where : "end of input"),
			 errhint("Write e.g. '[valence -1..-0.3, anger 0.5..1]'; leave a bound out for an open side.")));
}

static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * Scan a plain decimal number ([+-]digits[.digits][e[+-]digits], also
 * ".5"); no NaN, Infinity or hex.  Returns the end, or NULL if *p does not
 * start a number.  A '.' is part of the number only when a digit follows, so
 * "0.5..1" scans as 0.5 then "..".
 */
static const char *
scan_number(const char *p)
{
	const char *q = p;
	bool		digits = false;

	if (*q == '+' || *q == '-')
		q++;
	while (isdigit((unsigned char) *q))
		q++, digits = true;
	if (*q == '.' && isdigit((unsigned char) q[1]))
	{
		q++;
		while (isdigit((unsigned char) *q))
			q++, digits = true;
	}
	if (!digits)
		return NULL;
	if (*q == 'e' || *q == 'E')
	{
		const char *r = q + 1;

		if (*r == '+' || *r == '-')
			r++;
		if (isdigit((unsigned char) *r))
		{
			while (isdigit((unsigned char) *r))
				r++;
			q = r;
		}
	}
	return q;
}

static float
parse_bound(const char *input, const char *start, const char *end)
{
	char		buf[64];
	int			len = end - start;
	float		v;

	if (len >= (int) sizeof(buf))
		seg_syntax_error(input, "number too long", start);
	memcpy(buf, start, len);
	buf[len] = '\0';
	errno = 0;
	v = strtof(buf, NULL);
	if (errno == ERANGE && (v == 0.0f || isinf(v)))
	{
		/* underflow to zero is harmless; overflow is out of range anyway */
		if (isinf(v))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("bound \"%s\" is out of range for emotion_segment", buf)));
	}
	return v;
}

static void
seg_parse(const char *input, EmotionSegment *s)
{
	const char *p = skip_ws(input);
	bool		seen[EMOTION_NDIMS] = {false};

	seg_set_whole(s);
	if (*p != '[')
		seg_syntax_error(input, "expected \"[\"", p);
	p = skip_ws(p + 1);
	if (*p == ']')
	{
		p = skip_ws(p + 1);
		if (*p)
			seg_syntax_error(input, "junk after \"]\"", p);
		return;
	}
	for (;;)
	{
		const char *name = p;
		const char *q;
		int			d;
		bool		any = false;

		while (isalpha((unsigned char) *p) || *p == '_')
			p++;
		if (p == name)
			seg_syntax_error(input, "expected a dimension name", p);
		d = seg_dim_lookup(name, p - name);
		if (d < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("unknown dimension \"%.*s\" in emotion_segment \"%s\"",
							(int) (p - name), name, input),
					 errdetail("Dimensions are valence, arousal, joy, trust, fear, surprise, sadness, disgust, anger and anticipation.")));
		if (seen[d])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("dimension \"%s\" appears more than once in emotion_segment \"%s\"",
							seg_dim_names[d], input)));
		seen[d] = true;
		p = skip_ws(p);
		if (isalpha((unsigned char) *p))
			seg_syntax_error(input, "a bound must be a finite decimal number", p);
		if ((q = scan_number(p)) != NULL)
		{
			s->lo[d] = parse_bound(input, p, q);
			p = skip_ws(q);
			any = true;
		}
		if (p[0] != '.' || p[1] != '.')
			seg_syntax_error(input, "expected \"..\" between the bounds", p);
		p = skip_ws(p + 2);
		if (isalpha((unsigned char) *p))
			seg_syntax_error(input, "a bound must be a finite decimal number", p);
		if ((q = scan_number(p)) != NULL)
		{
			s->hi[d] = parse_bound(input, p, q);
			p = skip_ws(q);
			any = true;
		}
		if (!any)
			seg_syntax_error(input, "a dimension needs at least one bound", p);
		if (*p == ',')
		{
			p = skip_ws(p + 1);
			continue;
		}
		if (*p == ']')
		{
			p = skip_ws(p + 1);
			if (*p)
				seg_syntax_error(input, "junk after \"]\"", p);
			break;
		}
		seg_syntax_error(input, "expected \",\" or \"]\"", p);
	}
}

PG_FUNCTION_INFO_V1(emotion_segment_in);
Datum
emotion_segment_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	EmotionSegment *s = palloc(sizeof(EmotionSegment));

	seg_parse(input, s);
	seg_validate(s, input);
	PG_RETURN_EMOTION_SEGMENT_P(s);
}

PG_FUNCTION_INFO_V1(emotion_segment_out);
Datum
emotion_segment_out(PG_FUNCTION_ARGS)
{
	EmotionSegment *s = PG_GETARG_EMOTION_SEGMENT_P(0);
	StringInfoData buf;
	bool		first = true;
	int			i;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		char		num[FLOAT_SHORTEST_DECIMAL_LEN];

		if (isinf(s->lo[i]) && isinf(s->hi[i]))
			continue;
		if (!first)
			appendStringInfoString(&buf, ", ");
		first = false;
		appendStringInfo(&buf, "%s ", seg_dim_names[i]);
		if (!isinf(s->lo[i]))
		{
			float_to_shortest_decimal_buf(s->lo[i], num);
			appendStringInfoString(&buf, num);
		}
		appendStringInfoString(&buf, "..");
		if (!isinf(s->hi[i]))
		{
			float_to_shortest_decimal_buf(s->hi[i], num);
			appendStringInfoString(&buf, num);
		}
	}
	appendStringInfoChar(&buf, ']');
	PG_RETURN_CSTRING(buf.data);
}

/* binary form: the 10 lower bounds, then the 10 upper bounds, as float4 */
PG_FUNCTION_INFO_V1(emotion_segment_recv);
Datum
emotion_segment_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	EmotionSegment *s = palloc(sizeof(EmotionSegment));
	int			i;

	if (buf->len - buf->cursor != EMOTION_SEGMENT_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary emotion_segment"),
				 errdetail("Expected %d bytes, got %d.", EMOTION_SEGMENT_SIZE,
						   buf->len - buf->cursor)));
	for (i = 0; i < EMOTION_NDIMS; i++)
		s->lo[i] = pq_getmsgfloat4(buf);
	for (i = 0; i < EMOTION_NDIMS; i++)
		s->hi[i] = pq_getmsgfloat4(buf);
	seg_validate(s, NULL);
	PG_RETURN_EMOTION_SEGMENT_P(s);
}

PG_FUNCTION_INFO_V1(emotion_segment_send);
Datum
emotion_segment_send(PG_FUNCTION_ARGS)
{
	EmotionSegment *s = PG_GETARG_EMOTION_SEGMENT_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	for (i = 0; i < EMOTION_NDIMS; i++)
		pq_sendfloat4(&buf, s->lo[i]);
	for (i = 0; i < EMOTION_NDIMS; i++)
		pq_sendfloat4(&buf, s->hi[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static bool
seg_equal(const EmotionSegment *a, const EmotionSegment *b)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
		if (a->lo[i] != b->lo[i] || a->hi[i] != b->hi[i])
			return false;
	return true;
}

PG_FUNCTION_INFO_V1(emotion_segment_eq);
Datum
emotion_segment_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(seg_equal(PG_GETARG_EMOTION_SEGMENT_P(0),
							 PG_GETARG_EMOTION_SEGMENT_P(1)));
}

PG_FUNCTION_INFO_V1(emotion_segment_ne);
Datum
emotion_segment_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!seg_equal(PG_GETARG_EMOTION_SEGMENT_P(0),
							  PG_GETARG_EMOTION_SEGMENT_P(1)));
}

/* emotion <@ emotion_segment */
PG_FUNCTION_INFO_V1(emotion_contained_in_segment);
Datum
emotion_contained_in_segment(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(emotion_in_segment(PG_GETARG_EMOTION_P(0),
									  PG_GETARG_EMOTION_SEGMENT_P(1)));
}

/* emotion_segment @> emotion */
PG_FUNCTION_INFO_V1(emotion_segment_contains);
Datum
emotion_segment_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(emotion_in_segment(PG_GETARG_EMOTION_P(1),
									  PG_GETARG_EMOTION_SEGMENT_P(0)));
}

double
emotion_segment_volume_internal(const EmotionSegment *s)
{
	double		v = 1.0;
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		double		lo = Max((double) s->lo[i], (double) EC_DIM_MIN(i));
		double		hi = Min((double) s->hi[i], (double) EC_DIM_MAX(i));

		v *= (hi - lo) / ((double) EC_DIM_MAX(i) - (double) EC_DIM_MIN(i));
	}
	return v;
}

/* share of the emotion space covered, 0..1 (open sides end at the range) */
PG_FUNCTION_INFO_V1(emotion_segment_volume);
Datum
emotion_segment_volume(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(emotion_segment_volume_internal(PG_GETARG_EMOTION_SEGMENT_P(0)));
}

/* lower(segment, dimension): the lower bound, NULL if open */
PG_FUNCTION_INFO_V1(emotion_segment_lower);
Datum
emotion_segment_lower(PG_FUNCTION_ARGS)
{
	EmotionSegment *s = PG_GETARG_EMOTION_SEGMENT_P(0);
	int			d = seg_dim_from_text(PG_GETARG_TEXT_PP(1));

	if (isinf(s->lo[d]))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s->lo[d]);
}

PG_FUNCTION_INFO_V1(emotion_segment_upper);
Datum
emotion_segment_upper(PG_FUNCTION_ARGS)
{
	EmotionSegment *s = PG_GETARG_EMOTION_SEGMENT_P(0);
	int			d = seg_dim_from_text(PG_GETARG_TEXT_PP(1));

	if (isinf(s->hi[d]))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s->hi[d]);
}
