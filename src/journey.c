/*
 * journey.c -- the emotion_journey aggregate: settings, transition and
 * combine functions, and the order-dependent sequence summary.
 *
 * See journey.h for the state and the README, "Customer journeys", for the design.
 */
#include "journey.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "utils/guc.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(emotion_journey_trans);
PG_FUNCTION_INFO_V1(emotion_journey_combine);

/* settings, captured into each journey when its first row arrives */
double		journey_half_life_guc = 14.0 * 86400.0;
double		journey_dead_band_guc = 0.1;

void
ec_journey_init(void)
{
	DefineCustomRealVariable("emotion_crm.mood_half_life",
							 "Half-life of the time-decayed mood of emotion_journey.",
							 "An interaction this long before the last one counts half as "
							 "much in journey_mood.  Captured into each journey when it is built.",
							 &journey_half_life_guc,
							 14.0 * 86400.0,
							 1.0,
							 100.0 * 366.0 * 86400.0,
							 PGC_USERSET,
							 GUC_UNIT_S,
							 NULL, NULL, NULL);
	DefineCustomRealVariable("emotion_crm.swing_dead_band",
							 "Dead band around neutral valence for mood swings and negative streaks.",
							 "A valence below minus this value is negative, above it positive, "
							 "otherwise neutral.  Captured into each journey when it is built.",
							 &journey_dead_band_guc,
							 0.1,
							 0.0,
							 0.9,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}

/*
 * Order used for first/last ties: the emotion type's order (lexicographic
 * over the eleven fields, valence first).  Values never hold -0 or NaN.
 */
int
journey_emotion_cmp(const Emotion *a, const Emotion *b)
{
	int			i;

	if (a->valence != b->valence)
		return a->valence < b->valence ? -1 : 1;
	if (a->arousal != b->arousal)
		return a->arousal < b->arousal ? -1 : 1;
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
		if (a->emo[i] != b->emo[i])
			return a->emo[i] < b->emo[i] ? -1 : 1;
	if (a->evidence != b->evidence)
		return a->evidence < b->evidence ? -1 : 1;
	return 0;
}

/* ---------------------------------------------------------------------
 * Sequence summary (swings, negative streaks, recovery)
 *
 * A JourneySeq summarises a time-ordered run of interactions; two runs, one
 * entirely before the other, concatenate with journey_seq_concat, which is
 * associative with the all-zero value as identity.  Interactions sharing a
 * timestamp are ordered by valence (ascending), so a group of them is
 * summarised by its zone counts alone, in any arrival order.
 * ---------------------------------------------------------------------
 */
JourneySeq
journey_group_seq(const JourneyGroup *g)
{
	JourneySeq	s;

	memset(&s, 0, sizeof(s));
	s.n = g->nneg + g->nzero + g->npos;
	s.first_nz = g->nneg > 0 ? -1 : (g->npos > 0 ? 1 : 0);
	s.last_nz = g->npos > 0 ? 1 : (g->nneg > 0 ? -1 : 0);
	s.swings = (g->nneg > 0 && g->npos > 0) ? 1 : 0;
	s.neg_to_pos = s.swings > 0;
	s.longest_neg = g->nneg;
	s.prefix_neg = g->nneg;
	s.suffix_neg = (g->nzero == 0 && g->npos == 0) ? g->nneg : 0;
	return s;
}

JourneySeq
journey_seq_concat(const JourneySeq *a, const JourneySeq *b)
{
	JourneySeq	r;
	bool		cross;

	memset(&r, 0, sizeof(r));
	r.n = a->n + b->n;
	r.first_nz = a->first_nz != 0 ? a->first_nz : b->first_nz;
	r.last_nz = b->last_nz != 0 ? b->last_nz : a->last_nz;
	cross = a->last_nz != 0 && b->first_nz != 0 && a->last_nz != b->first_nz;
	r.swings = a->swings + b->swings + (cross ? 1 : 0);
	r.neg_to_pos = a->neg_to_pos || b->neg_to_pos || (cross && a->last_nz < 0);
	r.longest_neg = Max(Max(a->longest_neg, b->longest_neg),
						a->suffix_neg + b->prefix_neg);
	r.prefix_neg = a->prefix_neg == a->n ? a->n + b->prefix_neg : a->prefix_neg;
	r.suffix_neg = b->suffix_neg == b->n ? b->n + a->suffix_neg : b->suffix_neg;
	return r;
}

/* summary of the whole journey (meaningful only with JF_ORDERED) */
JourneySeq
journey_full_seq(const EmotionJourney *j)
{
	JourneySeq	a = journey_group_seq(&j->g_first);
	JourneySeq	b = journey_group_seq(&j->g_last);
	JourneySeq	r = journey_seq_concat(&a, &j->mid);

	return journey_seq_concat(&r, &b);
}

static inline void
group_add(JourneyGroup *g, int zone, int64 n)
{
	if (zone < 0)
		g->nneg += n;
	else if (zone > 0)
		g->npos += n;
	else
		g->nzero += n;
}

static inline int
valence_zone(float v, float band)
{
	return v < -band ? -1 : (v > band ? 1 : 0);
}

static inline JourneyGroup
group_sum(const JourneyGroup *a, const JourneyGroup *b)
{
	JourneyGroup g;

	g.nneg = a->nneg + b->nneg;
	g.nzero = a->nzero + b->nzero;
	g.npos = a->npos + b->npos;
	return g;
}

/* ---------------------------------------------------------------------
 * Sparkline buckets
 * ---------------------------------------------------------------------
 */

/* smallest shift >= from at which [lo_ms, hi_ms] fits in the buckets */
static int
spark_needed_shift(int64 lo_ms, int64 hi_ms, int from)
{
	int			s = from;

	while (s < 62 &&
		   journey_floor_shift(hi_ms, s) - journey_floor_shift(lo_ms, s) >= JOURNEY_SPARK_BUCKETS)
		s++;
	return s;
}

/*
 * Re-bucket j's sparkline for a new time range [new_lo_ms, ...] at shift
 * new_shift (>= the current one).  The first bucket always holds the
 * earliest interaction, so the layout depends only on the set of times.
 */
static void
spark_rebase(EmotionJourney *j, int64 new_lo_ms, int new_shift)
{
	int64		old_base = journey_spark_base(j);
	int64		new_base = journey_floor_shift(new_lo_ms, new_shift);
	int			ds = new_shift - j->spark_shift;
	int64		sum[JOURNEY_SPARK_BUCKETS];
	int32		n[JOURNEY_SPARK_BUCKETS];
	int			i;

	if (ds == 0 && new_base == old_base)
		return;
	Assert(ds >= 0);
	memset(sum, 0, sizeof(sum));
	memset(n, 0, sizeof(n));
	for (i = 0; i < JOURNEY_SPARK_BUCKETS; i++)
	{
		int64		b;

		if (j->spark_n[i] == 0)
			continue;
		b = journey_floor_shift(old_base + i, ds) - new_base;
		if (b < 0 || b >= JOURNEY_SPARK_BUCKETS)
			elog(ERROR, "emotion_journey: sparkline bucket out of range");
		sum[b] += j->spark_sum[i];
		n[b] += j->spark_n[i];
	}
	memcpy(j->spark_sum, sum, sizeof(sum));
	memcpy(j->spark_n, n, sizeof(n));
	j->spark_shift = new_shift;
}

static inline void
spark_count_check(int64 n)
{
	if (n > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many interactions in one sparkline bucket of an emotion_journey"),
				 errdetail("A bucket holds at most %d interactions.", PG_INT32_MAX)));
}

/* ---------------------------------------------------------------------
 * Transition
 * ---------------------------------------------------------------------
 */

/*
 * round(d * 10^scale) for the shortest decimal d that reads back as f (what
 * the emotion prints and e -> 'field' returns), computed exactly from its
 * digits.  The caller guarantees |d| * 10^scale <= 10^18.
 */
int64
ec_decimal_fixed(float f, int scale)
{
	static const int64 pow10[19] = {
		INT64CONST(1), INT64CONST(10), INT64CONST(100), INT64CONST(1000),
		INT64CONST(10000), INT64CONST(100000), INT64CONST(1000000),
		INT64CONST(10000000), INT64CONST(100000000), INT64CONST(1000000000),
		INT64CONST(10000000000), INT64CONST(100000000000),
		INT64CONST(1000000000000), INT64CONST(10000000000000),
		INT64CONST(100000000000000), INT64CONST(1000000000000000),
		INT64CONST(10000000000000000), INT64CONST(100000000000000000),
		INT64CONST(1000000000000000000)
	};
	char		buf[FLOAT_SHORTEST_DECIMAL_LEN];
	int			len;
	const char *p;
	const char *end;
	bool		neg = false;
	bool		dot = false;
	int64		m = 0;
	int			e10 = 0;
	int			s;
	int64		q;

	Assert(scale >= 0 && scale <= 18);
	/* fast paths: zero and small integers print as themselves */
	if (f == 0.0f)
		return 0;
	if (fabsf(f) < 1e6f && f == (float) (int32) f && scale <= 12)
		return (int64) (int32) f * pow10[scale];

	len = float_to_shortest_decimal_bufn(f, buf);
	p = buf;
	end = buf + len;
	if (p < end && *p == '-')
	{
		neg = true;
		p++;
	}
	for (; p < end && *p != 'e' && *p != 'E'; p++)
	{
		if (*p == '.')
			dot = true;
		else
		{
			m = m * 10 + (*p - '0');
			if (dot)
				e10--;
		}
	}
	if (p < end)
	{
		int			x = 0;
		bool		xneg = false;

		p++;
		if (p < end && (*p == '-' || *p == '+'))
			xneg = *p++ == '-';
		for (; p < end; p++)
			x = x * 10 + (*p - '0');
		e10 += xneg ? -x : x;
	}
	s = e10 + scale;
	if (s > 18)
		elog(ERROR, "ec_decimal_fixed: %g does not fit at scale %d", (double) f, scale);
	if (s >= 0)
		q = m * pow10[s];
	else if (s < -18)
		q = 0;
	else
		q = (m + pow10[-s] / 2) / pow10[-s];
	return neg ? -q : q;
}

/* q = valence * 10^12, from its decimal */
int64
journey_valence_q(float v)
{
	if (!(v >= -1.0f && v <= 1.0f))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("emotion valence out of range in emotion_journey"),
				 errdetail("Valence %g is outside [-1, 1].", (double) v)));
	return ec_decimal_fixed(v, 12);
}

static void
span_check(int64 lo_ms, int64 hi_ms)
{
	if (hi_ms - lo_ms > JOURNEY_MAX_SPAN_MS)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("emotion_journey spans too long a time"),
				 errdetail("The interactions of one journey must lie within %lld milliseconds (about 557 years).",
						   (long long) JOURNEY_MAX_SPAN_MS)));
}

/*
 * Move the origin of the time sums from the old anchor to an anchor d ms
 * earlier: x' = x + d.  Exact.
 */
static void
shift_anchor(EmotionJourney *j, int64 d)
{
	int128		dd = d;

	j->s_xx += 2 * dd * j->s_x + (int128) j->count * dd * dd;
	j->s_xq += dd * j->s_q;
	j->s_x += (int128) j->count * dd;
}

static void
journey_init_row(EmotionJourney *j, const Emotion *e, TimestampTz t)
{
	int64		q = journey_valence_q(e->valence);

	memset(j, 0, sizeof(*j));
	j->version = JOURNEY_VERSION;
	j->flags = JF_ORDERED;
	j->count = 1;
	j->half_life = journey_half_life_guc;
	j->dead_band = (float4) journey_dead_band_guc;
	j->spark_shift = 0;
	j->first_at = j->last_at = t;
	j->first = j->last = *e;
	j->peak = j->trough = e->valence;
	j->peak_at = j->trough_at = t;
	j->s_x = 0;
	j->s_xx = 0;
	j->s_q = q;
	j->s_qq = (int128) q * q;
	j->s_xq = 0;
	j->m_w = 1.0;
	j->m_wv = (double) q / JOURNEY_Q_SCALE;
	j->m_wneg = q < 0 ? -(double) q / JOURNEY_Q_SCALE : 0.0;
	group_add(&j->g_first, valence_zone(e->valence, j->dead_band), 1);
	j->spark_sum[0] = journey_spark_q(q);
	j->spark_n[0] = 1;
}

static void
journey_add_row(EmotionJourney *j, const Emotion *e, TimestampTz t)
{
	int64		q = journey_valence_q(e->valence);
	double		d = (double) q / JOURNEY_Q_SCALE;	/* the decimal valence */
	float		v = e->valence;
	int64		t_ms = journey_ms(t);
	int64		lo_ms = journey_ms(j->first_at);
	int64		hi_ms = journey_ms(j->last_at);
	int64		x;
	int			zone;
	int			s;
	int64		b;

	/* time sums, anchored at the earliest millisecond */
	if (t_ms < lo_ms)
	{
		span_check(t_ms, hi_ms);
		shift_anchor(j, lo_ms - t_ms);
	}
	else if (t_ms > hi_ms)
		span_check(lo_ms, t_ms);
	x = t_ms - Min(lo_ms, t_ms);
	j->s_x += x;
	j->s_xx += (int128) x * x;
	j->s_q += q;
	j->s_qq += (int128) q * q;
	j->s_xq += (int128) x * q;

	/* peak and trough: earliest time wins ties */
	if (v > j->peak || (v == j->peak && t < j->peak_at))
	{
		j->peak = v;
		j->peak_at = t;
	}
	if (v < j->trough || (v == j->trough && t < j->trough_at))
	{
		j->trough = v;
		j->trough_at = t;
	}

	/* decayed mood, weights relative to the latest time */
	if (t > j->last_at)
	{
		double		f = exp2(-((double) (t - j->last_at)) / (j->half_life * 1e6));

		j->m_w = j->m_w * f + 1.0;
		j->m_wv = j->m_wv * f + d;
		j->m_wneg = j->m_wneg * f + (d < 0 ? -d : 0.0);
	}
	else
	{
		double		w = exp2(-((double) (j->last_at - t)) / (j->half_life * 1e6));

		j->m_w += w;
		j->m_wv += w * d;
		j->m_wneg += w * (d < 0 ? -d : 0.0);
	}

	/* sequence summary, while the rows keep arriving at either end */
	zone = valence_zone(v, j->dead_band);
	if (j->flags & JF_ORDERED)
	{
		bool		single = j->first_at == j->last_at;

		if (t > j->last_at)
		{
			if (!single)
			{
				JourneySeq	g = journey_group_seq(&j->g_last);

				j->mid = journey_seq_concat(&j->mid, &g);
				memset(&j->g_last, 0, sizeof(JourneyGroup));
			}
			group_add(&j->g_last, zone, 1);
		}
		else if (t == j->last_at && !single)
			group_add(&j->g_last, zone, 1);
		else if (t < j->first_at)
		{
			if (single)
				j->g_last = j->g_first;
			else
			{
				JourneySeq	g = journey_group_seq(&j->g_first);

				j->mid = journey_seq_concat(&g, &j->mid);
			}
			memset(&j->g_first, 0, sizeof(JourneyGroup));
			group_add(&j->g_first, zone, 1);
		}
		else if (t == j->first_at)
			group_add(&j->g_first, zone, 1);
		else
		{
			/* strictly inside: the order is lost for good */
			j->flags &= ~JF_ORDERED;
			memset(&j->g_first, 0, sizeof(JourneyGroup));
			memset(&j->g_last, 0, sizeof(JourneyGroup));
			memset(&j->mid, 0, sizeof(JourneySeq));
		}
	}

	/* first and last: ties at one time broken by the emotion order */
	if (t < j->first_at || (t == j->first_at && journey_emotion_cmp(e, &j->first) < 0))
		j->first = *e;
	if (t > j->last_at || (t == j->last_at && journey_emotion_cmp(e, &j->last) > 0))
		j->last = *e;

	/* sparkline (the range becomes [min, max] of lo, hi, t) */
	{
		int64		new_lo = Min(lo_ms, t_ms);
		int64		new_hi = Max(hi_ms, t_ms);

		s = spark_needed_shift(new_lo, new_hi, j->spark_shift);
		spark_rebase(j, new_lo, s);
		if (t < j->first_at)
			j->first_at = t;
		if (t > j->last_at)
			j->last_at = t;
		b = journey_floor_shift(t_ms, j->spark_shift) - journey_spark_base(j);
		Assert(b >= 0 && b < JOURNEY_SPARK_BUCKETS);
		spark_count_check((int64) j->spark_n[b] + 1);
		j->spark_sum[b] += journey_spark_q(q);
		j->spark_n[b]++;
	}
	j->count++;
}

static void
check_timestamp(TimestampTz t)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("emotion_journey does not accept infinite timestamps"),
				 errdetail("An interaction needs a finite time.")));
}

/*
 * emotion_journey_trans(state emotion_journey, e emotion, at timestamptz)
 * Not strict: rows with a NULL emotion or time are skipped; the first row
 * creates the state.  Modifies the state in place when called as an
 * aggregate.
 */
Datum
emotion_journey_trans(PG_FUNCTION_ARGS)
{
	EmotionJourney *j = PG_ARGISNULL(0) ? NULL : PG_GETARG_JOURNEY_P(0);
	Emotion    *e;
	TimestampTz t;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (j == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(j);
	}
	e = PG_GETARG_EMOTION_P(1);
	t = PG_GETARG_TIMESTAMPTZ(2);
	check_timestamp(t);

	if (j == NULL)
	{
		/* the executor copies a new state into the aggregate context */
		j = (EmotionJourney *) palloc(sizeof(EmotionJourney));
		journey_init_row(j, e, t);
		PG_RETURN_POINTER(j);
	}
	if (!AggCheckCallContext(fcinfo, NULL))
	{
		EmotionJourney *copy = (EmotionJourney *) palloc(sizeof(EmotionJourney));

		memcpy(copy, j, sizeof(EmotionJourney));
		j = copy;
	}
	journey_add_row(j, e, t);
	PG_RETURN_POINTER(j);
}

/* ---------------------------------------------------------------------
 * Combine
 * ---------------------------------------------------------------------
 */

/* a piece of an ordered journey: a timestamp group or a middle summary */
typedef struct SeqPiece
{
	bool		is_group;
	TimestampTz at;
	JourneyGroup g;
	JourneySeq	s;
} SeqPiece;

static int
journey_pieces(const EmotionJourney *j, SeqPiece *p)
{
	int			n = 0;

	memset(p, 0, 3 * sizeof(SeqPiece));
	p[n].is_group = true;
	p[n].at = j->first_at;
	p[n++].g = j->g_first;
	if (j->first_at != j->last_at)
	{
		p[n].is_group = false;
		p[n++].s = j->mid;
		p[n].is_group = true;
		p[n].at = j->last_at;
		p[n++].g = j->g_last;
	}
	return n;
}

/* concatenate ordered journeys a (earlier) and b (later) into r's seq fields */
static void
seq_combine(EmotionJourney *r, const EmotionJourney *a, const EmotionJourney *b)
{
	SeqPiece	p[6];
	int			n = journey_pieces(a, p);
	int			nb;
	JourneySeq	mid;
	int			i;

	nb = journey_pieces(b, p + n);
	/* a's last group and b's first group share a timestamp: one group */
	if (p[n - 1].at == p[n].at)
	{
		p[n - 1].g = group_sum(&p[n - 1].g, &p[n].g);
		memmove(&p[n], &p[n + 1], (nb - 1) * sizeof(SeqPiece));
		nb--;
	}
	n += nb;
	r->g_first = p[0].g;
	memset(&r->g_last, 0, sizeof(JourneyGroup));
	memset(&r->mid, 0, sizeof(JourneySeq));
	if (n == 1)
		return;
	r->g_last = p[n - 1].g;
	memset(&mid, 0, sizeof(mid));
	for (i = 1; i < n - 1; i++)
	{
		JourneySeq	s = p[i].is_group ? journey_group_seq(&p[i].g) : p[i].s;

		mid = journey_seq_concat(&mid, &s);
	}
	r->mid = mid;
}

/*
 * Merge b into a (in place).  The result is what aggregating the union of
 * both journeys' rows would give: exact for everything but the decayed sums.
 */
static void
journey_merge_into(EmotionJourney *a, const EmotionJourney *b)
{
	int64		lo_ms,
				hi_ms,
				d;
	TimestampTz t_last;
	double		fa,
				fb;
	EmotionJourney bb;
	int			s,
				i;

	if (a->half_life != b->half_life || a->dead_band != b->dead_band)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine emotion_journey values built with different settings"),
				 errdetail("One was built with mood_half_life %g days and swing_dead_band %g, the other with %g days and %g.",
						   a->half_life / 86400.0, (double) a->dead_band,
						   b->half_life / 86400.0, (double) b->dead_band),
				 errhint("Set emotion_crm.mood_half_life and emotion_crm.swing_dead_band alike everywhere.")));

	lo_ms = Min(journey_ms(a->first_at), journey_ms(b->first_at));
	hi_ms = Max(journey_ms(a->last_at), journey_ms(b->last_at));
	span_check(lo_ms, hi_ms);

	/* exact sums, both moved to the common anchor */
	bb = *b;
	d = journey_ms(a->first_at) - lo_ms;
	if (d > 0)
		shift_anchor(a, d);
	d = journey_ms(b->first_at) - lo_ms;
	if (d > 0)
		shift_anchor(&bb, d);
	a->s_x += bb.s_x;
	a->s_xx += bb.s_xx;
	a->s_q += bb.s_q;
	a->s_qq += bb.s_qq;
	a->s_xq += bb.s_xq;

	/* peak and trough */
	if (b->peak > a->peak || (b->peak == a->peak && b->peak_at < a->peak_at))
	{
		a->peak = b->peak;
		a->peak_at = b->peak_at;
	}
	if (b->trough < a->trough || (b->trough == a->trough && b->trough_at < a->trough_at))
	{
		a->trough = b->trough;
		a->trough_at = b->trough_at;
	}

	/* decayed sums, rescaled to the common latest time */
	t_last = Max(a->last_at, b->last_at);
	fa = exp2(-((double) (t_last - a->last_at)) / (a->half_life * 1e6));
	fb = exp2(-((double) (t_last - b->last_at)) / (a->half_life * 1e6));
	a->m_w = a->m_w * fa + b->m_w * fb;
	a->m_wv = a->m_wv * fa + b->m_wv * fb;
	a->m_wneg = a->m_wneg * fa + b->m_wneg * fb;

	/* sequence: concatenation when one lies entirely before the other */
	if ((a->flags & JF_ORDERED) && (b->flags & JF_ORDERED) &&
		(a->last_at <= b->first_at || b->last_at <= a->first_at))
	{
		EmotionJourney aa = *a;

		if (a->last_at <= b->first_at)
			seq_combine(a, &aa, b);
		else
			seq_combine(a, b, &aa);
	}
	else
	{
		a->flags &= ~JF_ORDERED;
		memset(&a->g_first, 0, sizeof(JourneyGroup));
		memset(&a->g_last, 0, sizeof(JourneyGroup));
		memset(&a->mid, 0, sizeof(JourneySeq));
	}

	/* sparkline: both re-bucketed to the union's layout, then added */
	s = spark_needed_shift(lo_ms, hi_ms, Max(a->spark_shift, b->spark_shift));
	spark_rebase(a, lo_ms, s);
	spark_rebase(&bb, lo_ms, s);
	for (i = 0; i < JOURNEY_SPARK_BUCKETS; i++)
	{
		spark_count_check((int64) a->spark_n[i] + bb.spark_n[i]);
		a->spark_sum[i] += bb.spark_sum[i];
		a->spark_n[i] += bb.spark_n[i];
	}

	/* first and last */
	if (b->first_at < a->first_at ||
		(b->first_at == a->first_at && journey_emotion_cmp(&b->first, &a->first) < 0))
		a->first = b->first;
	if (b->last_at > a->last_at ||
		(b->last_at == a->last_at && journey_emotion_cmp(&b->last, &a->last) > 0))
		a->last = b->last;
	a->first_at = Min(a->first_at, b->first_at);
	a->last_at = Max(a->last_at, b->last_at);
	a->count += b->count;
}

/*
 * emotion_journey_combine(a emotion_journey, b emotion_journey)
 * Strict: the executor handles NULL partial states.  Also the transition
 * function of journey_merge(emotion_journey).
 */
Datum
emotion_journey_combine(PG_FUNCTION_ARGS)
{
	EmotionJourney *a = PG_GETARG_JOURNEY_P(0);
	EmotionJourney *b = PG_GETARG_JOURNEY_P(1);

	if (!AggCheckCallContext(fcinfo, NULL))
	{
		EmotionJourney *copy = (EmotionJourney *) palloc(sizeof(EmotionJourney));

		memcpy(copy, a, sizeof(EmotionJourney));
		a = copy;
	}
	journey_merge_into(a, b);
	PG_RETURN_POINTER(a);
}
