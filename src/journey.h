/*
 * journey.h -- the emotion_journey aggregate state (shared by the journey_*.c
 * files only).
 *
 * An emotion_journey summarises a customer's interactions (emotion, time) in
 * a fixed-size value (JOURNEY_SIZE bytes), so hash aggregation over many
 * groups has a known memory cost per group and the state can be shipped in
 * binary.  The value is both the aggregate's transition state and its result.
 *
 * Exactness: valence is taken as the decimal it prints as (0.1, not the
 * float4 0.100000001490116...), as e -> 'valence' does, and quantised to an
 * integer q = valence * 10^12 (exact for every such decimal with at most 12
 * digits after the point, i.e. all but tiny values); time is taken in whole
 * milliseconds relative to the earliest interaction.  Counts and the sums
 * behind mean, variance and the least-squares slope are 128-bit integers, so
 * they do not depend on the order the rows arrive in or on how partial
 * states are combined: serial and parallel aggregation give identical bits.
 * Only the time-decayed sums (mood, recent negativity) are floating point
 * and may differ in the last bits between serial and parallel runs.
 */
#ifndef JOURNEY_H
#define JOURNEY_H

#include "emotion_crm.h"

#include "datatype/timestamp.h"

#ifndef HAVE_INT128
#error "emotion_crm needs a compiler with a 128-bit integer type"
#endif

#define JOURNEY_VERSION			1
#define JOURNEY_SPARK_BUCKETS	32
#define JOURNEY_Q_SCALE			1e12	/* valence scale: q = valence * 10^12 */
#define JOURNEY_SPARK_DIV		1000	/* spark sums keep floor(q / 1000): valence * 10^9 */
#define JOURNEY_MAX_SPAN_MS		(INT64CONST(1) << 44)	/* ~557 years */
#define JOURNEY_MS_PER_DAY		86400000.0

/* flags */
#define JF_ORDERED				0x0001	/* rows arrived in time order (see seq) */

/* counts of one run of interactions sharing one timestamp, by zone */
typedef struct JourneyGroup
{
	int64		nneg;			/* valence < -dead_band */
	int64		nzero;			/* inside the dead band */
	int64		npos;			/* valence > dead_band */
} JourneyGroup;

/* summary of a time-ordered sequence of interactions (a monoid) */
typedef struct JourneySeq
{
	int64		n;				/* interactions */
	int64		swings;			/* sign changes between non-neutral zones */
	int64		longest_neg;	/* longest run of consecutive negatives */
	int64		prefix_neg;		/* negatives at the start */
	int64		suffix_neg;		/* negatives at the end */
	int8		first_nz;		/* first non-neutral zone: -1, +1, 0 = none */
	int8		last_nz;		/* last non-neutral zone */
	bool		neg_to_pos;		/* some negative was followed by a positive */
	char		pad[5];
} JourneySeq;

typedef struct EmotionJourney
{
	int32		version;		/* JOURNEY_VERSION */
	int32		flags;			/* JF_* */
	int64		count;			/* interactions, >= 1 */
	float8		half_life;		/* mood half-life in seconds (captured) */
	float4		dead_band;		/* swing dead band (captured) */
	int32		spark_shift;	/* spark bucket width is 2^shift ms */
	TimestampTz first_at;		/* earliest time */
	TimestampTz last_at;		/* latest time */
	Emotion		first;			/* emotion at first_at (ties: lowest emotion) */
	Emotion		last;			/* emotion at last_at (ties: highest emotion) */
	float4		peak;			/* highest valence */
	float4		trough;			/* lowest valence */
	TimestampTz peak_at;		/* earliest time with valence == peak */
	TimestampTz trough_at;		/* earliest time with valence == trough */
	/* exact sums; x = ms since floor(first_at / 1000 us), q = valence * 10^12 */
	int128		s_x;
	int128		s_xx;
	int128		s_q;
	int128		s_qq;
	int128		s_xq;
	/* decayed sums, weights 2^(-(last_at - t) / half_life) */
	float8		m_w;
	float8		m_wv;
	float8		m_wneg;			/* weight * max(0, -valence) */
	/* order-dependent measures: [g_first] mid [g_last] (valid if JF_ORDERED) */
	JourneyGroup g_first;		/* rows at first_at */
	JourneyGroup g_last;		/* rows at last_at (empty if first_at == last_at) */
	JourneySeq	mid;			/* rows strictly between */
	/* sparkline: bucket i holds ms times t with (t >> shift) == base + i */
	int64		spark_sum[JOURNEY_SPARK_BUCKETS];	/* sum of floor(q / 1000) */
	int32		spark_n[JOURNEY_SPARK_BUCKETS];
} EmotionJourney;

#define JOURNEY_SIZE	((int) sizeof(EmotionJourney))

#define DatumGetJourneyP(X)		((EmotionJourney *) DatumGetPointer(X))
#define PG_GETARG_JOURNEY_P(n)	DatumGetJourneyP(PG_GETARG_DATUM(n))

/* floor(us / 1000) */
static inline int64
journey_ms(TimestampTz t)
{
	int64		q = t / 1000;

	if (t % 1000 < 0)
		q--;
	return q;
}

/* floor(x / 2^s) for s in [0, 63] */
static inline int64
journey_floor_shift(int64 x, int s)
{
	return x >= 0 ? (x >> s) : -(((-(x + 1)) >> s) + 1);
}

/* a valence in the sparkline's units (10^-9), rounded down */
static inline int64
journey_spark_q(int64 q)
{
	int64		r = q / JOURNEY_SPARK_DIV;

	if (q % JOURNEY_SPARK_DIV < 0)
		r--;
	return r;
}

static inline int64
journey_spark_base(const EmotionJourney *j)
{
	return journey_floor_shift(journey_ms(j->first_at), j->spark_shift);
}

/* journey.c */
extern int64 ec_decimal_fixed(float f, int scale);
extern int64 journey_valence_q(float v);
extern double journey_half_life_guc;	/* seconds */
extern double journey_dead_band_guc;
extern JourneySeq journey_group_seq(const JourneyGroup *g);
extern JourneySeq journey_seq_concat(const JourneySeq *a, const JourneySeq *b);
extern JourneySeq journey_full_seq(const EmotionJourney *j);
extern int	journey_emotion_cmp(const Emotion *a, const Emotion *b);

/* journey_io.c */
extern void journey_validate(const EmotionJourney *j, int errcode_bad);

/* journey_accessors.c */
extern double journey_mean_valence(const EmotionJourney *j);
extern bool journey_trend_per_day(const EmotionJourney *j, double *slope);
extern bool journey_stddev_samp(const EmotionJourney *j, double *sd);
extern double journey_mood_value(const EmotionJourney *j);
extern double journey_negativity_value(const EmotionJourney *j);
extern double journey_churn_risk_value(const EmotionJourney *j, TimestampTz as_of);

#endif							/* JOURNEY_H */
