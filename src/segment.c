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

#define seg_dim_names ec_segment_dim_names

static int
seg_dim_lookup(const char *name, int len)
{
	return ec_segment_dim_lookup(name, (size_t) len);
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

/*
 * Check a segment built by input (input is the literal) or receive (input is
 * NULL) and report the first problem; -0 bounds become 0.
 */
static void
seg_validate(EmotionSegment *s, const char *input)
{
	EcLitError	err;
	const char *name;

	if (ec_segment_check(s, &err) == EC_LIT_OK)
		return;
	name = seg_dim_names[err.field];
	if (err.kind == EC_LIT_SEG_NONFINITE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid bound for dimension \"%s\" in emotion_segment", name),
				 errdetail("A bound must be a finite number or left open.")));
	if (err.kind == EC_LIT_SEG_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("bound out of range for dimension \"%s\" in emotion_segment%s%s%s",
						name, input ? " \"" : "", input ? input : "", input ? "\"" : ""),
				 errdetail("Bounds of %s must lie between %g and %g; got %g..%g.",
						   name, (double) EC_DIM_MIN(err.field),
						   (double) EC_DIM_MAX(err.field), (double) err.lo, (double) err.hi)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("lower bound greater than upper bound for dimension \"%s\" in emotion_segment%s%s%s",
					name, input ? " \"" : "", input ? input : "", input ? "\"" : ""),
			 errdetail("The lower bound %g exceeds the upper bound %g.",
					   (double) err.lo, (double) err.hi)));
}

/* the parser is ec_segment_parse (core/literal.c); this reports its errors */
static void
seg_parse(const char *input, EmotionSegment *s)
{
	EcLitError	err;
	const char *at;

	if (ec_segment_parse(input, s, &err) == EC_LIT_OK)
		return;
	at = input + err.pos;
	switch (err.kind)
	{
		case EC_LIT_SEG_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type emotion_segment: \"%s\"", input),
					 errdetail("%s at \"%.20s\".", err.what, *at ? at : "end of input"),
					 errhint("Write e.g. '[valence -1..-0.3, anger 0.5..1]'; leave a bound out for an open side.")));
			break;
		case EC_LIT_SEG_UNKNOWN:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("unknown dimension \"%.*s\" in emotion_segment \"%s\"",
							(int) err.len, at, input),
					 errdetail("Dimensions are valence, arousal, joy, trust, fear, surprise, sadness, disgust, anger and anticipation.")));
			break;
		case EC_LIT_SEG_DUPLICATE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("dimension \"%s\" appears more than once in emotion_segment \"%s\"",
							seg_dim_names[err.field], input)));
			break;
		case EC_LIT_SEG_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("bound \"%.*s\" is out of range for emotion_segment",
							(int) err.len, at)));
			break;
		default:
			break;
	}
	elog(ERROR, "unexpected emotion_segment literal status %d", (int) err.kind);
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
	char		buf[EC_SEGMENT_TEXT_LEN];

	ec_segment_format(PG_GETARG_EMOTION_SEGMENT_P(0), emotion_float_text, buf);
	PG_RETURN_CSTRING(pstrdup(buf));
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
