/*
 * journey_avg.c -- emotion_avg(emotion): the mean of every field, as a plain,
 * parallel (combine + serialize) and moving (inverse transition) aggregate.
 *
 * Each field is taken as the decimal it prints as (0.1, not the float4
 * 0.100000001490116...) and turned into a fixed-point integer: valence,
 * arousal and the emotions at 10^-12, evidence at 10^-9.  The sums are
 * 128-bit integers and exact, so adding and removing rows in a moving
 * window frame never drifts, and serial, parallel and windowed results are
 * identical to the last bit; the mean of 0.6 and -0.4 is 0.1.  Rounding to
 * the fixed point only touches decimals with more than 12 (9 for evidence)
 * digits after the point, i.e. values below about 1e-4.
 */
#include "journey.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(emotion_avg_accum);
PG_FUNCTION_INFO_V1(emotion_avg_accum_inv);
PG_FUNCTION_INFO_V1(emotion_avg_combine);
PG_FUNCTION_INFO_V1(emotion_avg_serialize);
PG_FUNCTION_INFO_V1(emotion_avg_deserialize);
PG_FUNCTION_INFO_V1(emotion_avg_final);

#define AVG_NFIELDS		11
#define AVG_EVIDENCE	10

typedef struct EmotionAvgState
{
	int64		n;
	int128		sum[AVG_NFIELDS];
} EmotionAvgState;

static inline float
field_of(const Emotion *e, int i)
{
	return i == AVG_EVIDENCE ? e->evidence : emotion_dim(e, i);
}

/* decimal digits kept after the point */
static inline int
field_scale(int i)
{
	return i == AVG_EVIDENCE ? 9 : 12;
}

static inline int64
field_fixed(const Emotion *e, int i)
{
	float		f = field_of(e, i);

	if (!(fabsf(f) <= (i == AVG_EVIDENCE ? EC_MAX_EVIDENCE : 1.0f)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("emotion value out of range in emotion_avg"),
				 errdetail("Field %d is %g.", i, (double) f)));
	return ec_decimal_fixed(f, field_scale(i));
}

static EmotionAvgState *
avg_state(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcontext;
	EmotionAvgState *st;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", fname);
	if (!PG_ARGISNULL(0))
		return (EmotionAvgState *) PG_GETARG_POINTER(0);
	st = (EmotionAvgState *) MemoryContextAllocZero(aggcontext, sizeof(EmotionAvgState));
	return st;
}

/* transition: always returns a state (n = 0 until a non-NULL row) */
Datum
emotion_avg_accum(PG_FUNCTION_ARGS)
{
	EmotionAvgState *st = avg_state(fcinfo, "emotion_avg_accum");

	if (!PG_ARGISNULL(1))
	{
		Emotion    *e = PG_GETARG_EMOTION_P(1);
		int			i;

		for (i = 0; i < AVG_NFIELDS; i++)
			st->sum[i] += field_fixed(e, i);
		st->n++;
	}
	PG_RETURN_POINTER(st);
}

/* inverse transition for moving frames: exact, so it never gives up */
Datum
emotion_avg_accum_inv(PG_FUNCTION_ARGS)
{
	EmotionAvgState *st = avg_state(fcinfo, "emotion_avg_accum_inv");

	if (!PG_ARGISNULL(1))
	{
		Emotion    *e = PG_GETARG_EMOTION_P(1);
		int			i;

		if (st->n <= 0)
			elog(ERROR, "emotion_avg_accum_inv: removing from an empty state");
		for (i = 0; i < AVG_NFIELDS; i++)
			st->sum[i] -= field_fixed(e, i);
		st->n--;
	}
	PG_RETURN_POINTER(st);
}

Datum
emotion_avg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	EmotionAvgState *a;
	EmotionAvgState *b;
	int			i;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "emotion_avg_combine called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = (EmotionAvgState *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		a = (EmotionAvgState *) MemoryContextAlloc(aggcontext, sizeof(EmotionAvgState));
		memcpy(a, b, sizeof(EmotionAvgState));
		PG_RETURN_POINTER(a);
	}
	a = (EmotionAvgState *) PG_GETARG_POINTER(0);
	for (i = 0; i < AVG_NFIELDS; i++)
		a->sum[i] += b->sum[i];
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

Datum
emotion_avg_serialize(PG_FUNCTION_ARGS)
{
	EmotionAvgState *st;
	StringInfoData buf;
	int			i;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "emotion_avg_serialize called in non-aggregate context");
	st = (EmotionAvgState *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->n);
	for (i = 0; i < AVG_NFIELDS; i++)
	{
		pq_sendint64(&buf, (int64) (st->sum[i] >> 64));
		pq_sendint64(&buf, (int64) (uint64) st->sum[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
emotion_avg_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *sstate;
	EmotionAvgState *st;
	StringInfoData buf;
	int			i;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "emotion_avg_deserialize called in non-aggregate context");
	sstate = PG_GETARG_BYTEA_PP(0);
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(sstate), VARSIZE_ANY_EXHDR(sstate));
	st = (EmotionAvgState *) palloc(sizeof(EmotionAvgState));
	st->n = pq_getmsgint64(&buf);
	for (i = 0; i < AVG_NFIELDS; i++)
	{
		int64		hi = pq_getmsgint64(&buf);
		uint64		lo = (uint64) pq_getmsgint64(&buf);

		st->sum[i] = (int128) (((uint128) (uint64) hi << 64) | lo);
	}
	pq_getmsgend(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(st);
}

/* mean of each field; NULL when no non-NULL row was aggregated */
Datum
emotion_avg_final(PG_FUNCTION_ARGS)
{
	EmotionAvgState *st;
	Emotion    *r;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (EmotionAvgState *) PG_GETARG_POINTER(0);
	if (st->n == 0)
		PG_RETURN_NULL();
	r = (Emotion *) palloc(sizeof(Emotion));
	for (i = 0; i < AVG_NFIELDS; i++)
	{
		float		f = (float) ((double) st->sum[i] /
								 ((double) st->n * (i == AVG_EVIDENCE ? 1e9 : 1e12)));

		if (f == 0.0f)
			f = 0.0f;			/* no negative zero */
		if (i == AVG_EVIDENCE)
			r->evidence = f;
		else if (i == 0)
			r->valence = f;
		else if (i == 1)
			r->arousal = f;
		else
			r->emo[i - 2] = f;
	}
	emotion_check(r, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE);
	PG_RETURN_POINTER(r);
}
