/*
 * journey_accessors.c -- measures read from an emotion_journey: statistics
 * (mean, trend, volatility), decayed mood, churn risk, the order-dependent
 * measures and the sparkline.
 */
#include "journey.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "access/xact.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(journey_count);
PG_FUNCTION_INFO_V1(journey_first);
PG_FUNCTION_INFO_V1(journey_first_at);
PG_FUNCTION_INFO_V1(journey_last);
PG_FUNCTION_INFO_V1(journey_last_at);
PG_FUNCTION_INFO_V1(journey_peak);
PG_FUNCTION_INFO_V1(journey_peak_at);
PG_FUNCTION_INFO_V1(journey_trough);
PG_FUNCTION_INFO_V1(journey_trough_at);
PG_FUNCTION_INFO_V1(journey_mean);
PG_FUNCTION_INFO_V1(journey_trend);
PG_FUNCTION_INFO_V1(journey_volatility);
PG_FUNCTION_INFO_V1(journey_mood);
PG_FUNCTION_INFO_V1(journey_negativity);
PG_FUNCTION_INFO_V1(journey_tenure_days);
PG_FUNCTION_INFO_V1(journey_days_since_last);
PG_FUNCTION_INFO_V1(journey_days_since_last_at);
PG_FUNCTION_INFO_V1(journey_churn_risk);
PG_FUNCTION_INFO_V1(journey_churn_risk_at);
PG_FUNCTION_INFO_V1(journey_ordered);
PG_FUNCTION_INFO_V1(journey_swings);
PG_FUNCTION_INFO_V1(journey_longest_negative_streak);
PG_FUNCTION_INFO_V1(journey_recovered);
PG_FUNCTION_INFO_V1(journey_half_life);
PG_FUNCTION_INFO_V1(journey_dead_band);
PG_FUNCTION_INFO_V1(journey_sparkline);

/* ---------------------------------------------------------------------
 * Statistics from the exact sums
 * ---------------------------------------------------------------------
 */

/*
 * sxy - sx * sy / n, with the integer part computed exactly: writing
 * sx = n kx + rx and sy = n ky + ry (truncating division),
 * sx sy / n = kx sy + rx ky + rx ry / n, where only the last term is a
 * fraction.  All intermediate products fit in 128 bits for the documented
 * limits (span <= 2^44 ms, |q| <= 10^12 < 2^40, fewer than 2^38 rows).
 */
static double
centered_sum(int128 sxy, int128 sx, int128 sy, int64 n)
{
	int128		kx = sx / n,
				rx = sx % n,
				ky = sy / n,
				ry = sy % n;
	int128		a = sxy - kx * sy - rx * ky;

	return (double) a - (double) rx * (double) ry / (double) n;
}

double
journey_mean_valence(const EmotionJourney *j)
{
	/* one division of two exact values: the mean of 0.6 and -0.2 is 0.2 */
	return (double) j->s_q / ((double) j->count * JOURNEY_Q_SCALE);
}

/* least-squares slope of valence over time, per day; false if undefined */
bool
journey_trend_per_day(const EmotionJourney *j, double *slope)
{
	double		sxx,
				sxy;

	if (j->count < 2)
		return false;
	sxx = centered_sum(j->s_xx, j->s_x, j->s_x, j->count);
	if (sxx <= 0.0)
		return false;
	sxy = centered_sum(j->s_xq, j->s_x, j->s_q, j->count);
	*slope = sxy / sxx / JOURNEY_Q_SCALE * JOURNEY_MS_PER_DAY;
	return true;
}

/* sample standard deviation of valence; false for one interaction */
bool
journey_stddev_samp(const EmotionJourney *j, double *sd)
{
	double		sqq;

	if (j->count < 2)
		return false;
	sqq = centered_sum(j->s_qq, j->s_q, j->s_q, j->count);
	if (sqq < 0.0)
		sqq = 0.0;
	*sd = sqrt(sqq / (double) (j->count - 1)) / JOURNEY_Q_SCALE;
	return true;
}

double
journey_mood_value(const EmotionJourney *j)
{
	double		m = j->m_wv / j->m_w;

	return Max(-1.0, Min(1.0, m));
}

double
journey_negativity_value(const EmotionJourney *j)
{
	double		m = j->m_wneg / j->m_w;

	return Max(0.0, Min(1.0, m));
}

static double
days_between(TimestampTz from, TimestampTz to)
{
	return ((double) to - (double) from) / (double) USECS_PER_DAY;
}

/*
 * Churn risk in [0, 1]: a weighted sum of four signals, each in [0, 1]
 *   mood      0.35 * (1 - mood) / 2
 *   negative  0.25 * recent negativity
 *   trend     0.20 * clamp(-30 * trend, 0, 1)   (falling 1.0 in 30 days = full)
 *   silence   0.20 * (1 - 2^(-days_since_last / 90))
 * See the README, "Customer journeys", for the reasons behind the weights.
 */
double
journey_churn_risk_value(const EmotionJourney *j, TimestampTz as_of)
{
	double		mood_c = (1.0 - journey_mood_value(j)) / 2.0;
	double		neg_c = journey_negativity_value(j);
	double		trend_c = 0.0;
	double		slope;
	double		days = days_between(j->last_at, as_of);
	double		silence_c = days > 0 ? 1.0 - exp2(-days / 90.0) : 0.0;
	double		r;

	if (journey_trend_per_day(j, &slope))
		trend_c = Max(0.0, Min(1.0, -30.0 * slope));
	r = 0.35 * mood_c + 0.25 * neg_c + 0.20 * trend_c + 0.20 * silence_c;
	return Max(0.0, Min(1.0, r));
}

/* the float8 a float4 valence prints as (0.7, not 0.699999988) */
static double
float4_decimal(float f)
{
	char		buf[FLOAT_SHORTEST_DECIMAL_LEN];

	float_to_shortest_decimal_buf(f, buf);
	return strtod(buf, NULL);
}

/* ---------------------------------------------------------------------
 * SQL-callable accessors
 * ---------------------------------------------------------------------
 */

Datum
journey_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_JOURNEY_P(0)->count);
}

static Datum
emotion_datum(const Emotion *e)
{
	Emotion    *r = (Emotion *) palloc(sizeof(Emotion));

	memcpy(r, e, sizeof(Emotion));
	return PointerGetDatum(r);
}

Datum
journey_first(PG_FUNCTION_ARGS)
{
	return emotion_datum(&PG_GETARG_JOURNEY_P(0)->first);
}

Datum
journey_first_at(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_JOURNEY_P(0)->first_at);
}

Datum
journey_last(PG_FUNCTION_ARGS)
{
	return emotion_datum(&PG_GETARG_JOURNEY_P(0)->last);
}

Datum
journey_last_at(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_JOURNEY_P(0)->last_at);
}

Datum
journey_peak(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(float4_decimal(PG_GETARG_JOURNEY_P(0)->peak));
}

Datum
journey_peak_at(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_JOURNEY_P(0)->peak_at);
}

Datum
journey_trough(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(float4_decimal(PG_GETARG_JOURNEY_P(0)->trough));
}

Datum
journey_trough_at(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_JOURNEY_P(0)->trough_at);
}

Datum
journey_mean(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(journey_mean_valence(PG_GETARG_JOURNEY_P(0)));
}

Datum
journey_trend(PG_FUNCTION_ARGS)
{
	double		slope;

	if (!journey_trend_per_day(PG_GETARG_JOURNEY_P(0), &slope))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(slope);
}

Datum
journey_volatility(PG_FUNCTION_ARGS)
{
	double		sd;

	if (!journey_stddev_samp(PG_GETARG_JOURNEY_P(0), &sd))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sd);
}

Datum
journey_mood(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(journey_mood_value(PG_GETARG_JOURNEY_P(0)));
}

Datum
journey_negativity(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(journey_negativity_value(PG_GETARG_JOURNEY_P(0)));
}

Datum
journey_tenure_days(PG_FUNCTION_ARGS)
{
	EmotionJourney *j = PG_GETARG_JOURNEY_P(0);

	PG_RETURN_FLOAT8(days_between(j->first_at, j->last_at));
}

Datum
journey_days_since_last(PG_FUNCTION_ARGS)
{
	EmotionJourney *j = PG_GETARG_JOURNEY_P(0);

	PG_RETURN_FLOAT8(days_between(j->last_at, GetCurrentTransactionStartTimestamp()));
}

Datum
journey_days_since_last_at(PG_FUNCTION_ARGS)
{
	EmotionJourney *j = PG_GETARG_JOURNEY_P(0);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(1);

	if (TIMESTAMP_NOT_FINITE(as_of))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(days_between(j->last_at, as_of));
}

Datum
journey_churn_risk(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(journey_churn_risk_value(PG_GETARG_JOURNEY_P(0),
											  GetCurrentTransactionStartTimestamp()));
}

Datum
journey_churn_risk_at(PG_FUNCTION_ARGS)
{
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(1);

	if (TIMESTAMP_NOT_FINITE(as_of))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(journey_churn_risk_value(PG_GETARG_JOURNEY_P(0), as_of));
}

Datum
journey_ordered(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL((PG_GETARG_JOURNEY_P(0)->flags & JF_ORDERED) != 0);
}

static JourneySeq
ordered_seq(const EmotionJourney *j, const char *fname)
{
	if (!(j->flags & JF_ORDERED))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("%s needs an emotion_journey built from rows in time order", fname),
				 errdetail("Some row reached emotion_journey with a time strictly between the earliest and "
						   "latest times seen so far, so the order-dependent measures are unknown."),
				 errhint("Aggregate in time order: emotion_journey(e, at ORDER BY at).  "
						 "journey_ordered() tells whether a journey has them.")));
	return journey_full_seq(j);
}

Datum
journey_swings(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ordered_seq(PG_GETARG_JOURNEY_P(0), "journey_swings").swings);
}

Datum
journey_longest_negative_streak(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ordered_seq(PG_GETARG_JOURNEY_P(0),
								"journey_longest_negative_streak").longest_neg);
}

/* recovered: some negative was later followed by a positive, and the last
 * non-neutral interaction is positive */
Datum
journey_recovered(PG_FUNCTION_ARGS)
{
	JourneySeq	s = ordered_seq(PG_GETARG_JOURNEY_P(0), "journey_recovered");

	PG_RETURN_BOOL(s.neg_to_pos && s.last_nz > 0);
}

Datum
journey_half_life(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_JOURNEY_P(0)->half_life / 86400.0);
}

Datum
journey_dead_band(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(float4_decimal(PG_GETARG_JOURNEY_P(0)->dead_band));
}

/*
 * journey_sparkline(j, gaps): one glyph per non-empty time bucket, from the
 * earliest to the latest; the glyph is the bucket's mean valence on a fixed
 * scale: level = min(7, floor((v + 1) * 4)), so -1 is ▁ and 1 is █.  With
 * gaps, empty buckets between them print as spaces.  Databases not in
 * UTF8 get the ASCII ramp _.-~=+*# instead.
 */
Datum
journey_sparkline(PG_FUNCTION_ARGS)
{
	static const char *const glyphs[8] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
	};
	static const char ascii[8] = {'_', '.', '-', '~', '=', '+', '*', '#'};
	bool		utf8 = GetDatabaseEncoding() == PG_UTF8;
	EmotionJourney *j = PG_GETARG_JOURNEY_P(0);
	bool		gaps = PG_NARGS() > 1 && !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
	char		buf[JOURNEY_SPARK_BUCKETS * 3 + 1];
	char	   *p = buf;
	int64		last = journey_floor_shift(journey_ms(j->last_at), j->spark_shift) -
		journey_spark_base(j);
	int			i;

	for (i = 0; i <= last && i < JOURNEY_SPARK_BUCKETS; i++)
	{
		double		mean;
		int			level;

		if (j->spark_n[i] == 0)
		{
			if (gaps)
				*p++ = ' ';
			continue;
		}
		mean = (double) j->spark_sum[i] / j->spark_n[i] / (JOURNEY_Q_SCALE / JOURNEY_SPARK_DIV);
		level = (int) floor((mean + 1.0) * 4.0);
		level = Max(0, Min(7, level));
		if (utf8)
		{
			memcpy(p, glyphs[level], 3);
			p += 3;
		}
		else
			*p++ = ascii[level];
	}
	*p = '\0';
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}
