/*
 * journey_io.c -- text and binary I/O of emotion_journey, and the checks
 * every value read from outside must pass.
 *
 * Text form (one line; whitespace between tokens is allowed on input):
 *
 *   (count=3,half_life=1209600,dead_band=0.1,ordered=t,
 *    first_at="2026-01-01 09:00:00+00",first=(v,a,joy,...,anticipation,evidence),
 *    last_at="...",last=(...),peak=0.5,peak_at="...",trough=-0.5,trough_at="...",
 *    sums=(s_x,s_xx,s_q,s_qq,s_xq),mood=(w,wv,wneg),
 *    seq=(neg,zero,pos;n,swings,longest,prefix,suffix,first_zone,last_zone,recovered;neg,zero,pos),
 *    spark=(shift;bucket:count:sum,...))
 *
 * The fields come in this order, each exactly once.  Floats are written in
 * their shortest exact form, so text output reads back to identical bytes.
 */
#include "journey.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(emotion_journey_in);
PG_FUNCTION_INFO_V1(emotion_journey_out);
PG_FUNCTION_INFO_V1(emotion_journey_recv);
PG_FUNCTION_INFO_V1(emotion_journey_send);

StaticAssertDecl(sizeof(EmotionJourney) == 744, "emotion_journey must be 744 bytes");

/* ---------------------------------------------------------------------
 * Validation
 * ---------------------------------------------------------------------
 */

#define BAD(...) \
	ereport(ERROR, \
			(errcode(errcode_bad), \
			 errmsg("invalid emotion_journey value"), \
			 errdetail(__VA_ARGS__)))

static bool
group_ok(const JourneyGroup *g)
{
	return g->nneg >= 0 && g->nzero >= 0 && g->npos >= 0;
}

static int64
group_n(const JourneyGroup *g)
{
	return g->nneg + g->nzero + g->npos;
}

static int
zone_of(float v, float band)
{
	return v < -band ? -1 : (v > band ? 1 : 0);
}

void
journey_validate(const EmotionJourney *j, int errcode_bad)
{
	int64		lo_ms,
				hi_ms,
				total,
				base,
				last_bucket;
	int			i;
	int			s;

	if (j->version != JOURNEY_VERSION)
		BAD("Unknown version %d.", j->version);
	if ((j->flags & ~JF_ORDERED) != 0)
		BAD("Unknown flags %d.", j->flags);
	if (j->count < 1)
		BAD("count must be at least 1.");
	if (!(j->half_life >= 1.0 && j->half_life <= 100.0 * 366.0 * 86400.0))
		BAD("half_life must be between 1 second and 100 years.");
	if (!(j->dead_band >= 0.0f && j->dead_band <= 0.9f))
		BAD("dead_band must be between 0 and 0.9.");
	if (TIMESTAMP_NOT_FINITE(j->first_at) || TIMESTAMP_NOT_FINITE(j->last_at))
		BAD("Times must be finite.");
	if (j->first_at > j->last_at)
		BAD("first_at is after last_at.");
	lo_ms = journey_ms(j->first_at);
	hi_ms = journey_ms(j->last_at);
	if (hi_ms - lo_ms > JOURNEY_MAX_SPAN_MS)
		BAD("The journey spans more than %lld milliseconds.", (long long) JOURNEY_MAX_SPAN_MS);
	emotion_check(&j->first, errcode_bad);
	emotion_check(&j->last, errcode_bad);
	if (!(j->trough >= -1.0f && j->peak <= 1.0f && j->trough <= j->peak))
		BAD("peak and trough must satisfy -1 <= trough <= peak <= 1.");
	if (j->first.valence < j->trough || j->first.valence > j->peak ||
		j->last.valence < j->trough || j->last.valence > j->peak)
		BAD("The first and last valence must lie between trough and peak.");
	if (j->peak_at < j->first_at || j->peak_at > j->last_at ||
		j->trough_at < j->first_at || j->trough_at > j->last_at)
		BAD("peak_at and trough_at must lie between first_at and last_at.");
	if (j->count == 1 &&
		(j->first_at != j->last_at || j->peak != j->trough ||
		 j->first.valence != j->peak ||
		 memcmp(&j->first, &j->last, sizeof(Emotion)) != 0))
		BAD("A journey of one interaction has equal first, last, peak and trough.");

	/* exact sums */
	if (j->s_x < 0 || j->s_x > (int128) j->count * (hi_ms - lo_ms) ||
		j->s_xx < 0 || j->s_qq < 0)
		BAD("The time or square sums are out of range.");
	if (j->s_q < (int128) j->count * journey_valence_q(j->trough) ||
		j->s_q > (int128) j->count * journey_valence_q(j->peak))
		BAD("The valence sum is inconsistent with peak and trough.");

	/* decayed sums */
	if (!(j->m_w >= 1.0 && j->m_w <= (double) j->count * (1.0 + 1e-9)) ||
		!(fabs(j->m_wv) <= j->m_w * (1.0 + 1e-9)) ||
		!(j->m_wneg >= 0.0 && j->m_wneg <= j->m_w * (1.0 + 1e-9)))
		BAD("The mood sums are out of range.");

	/* sequence summary */
	if (j->flags & JF_ORDERED)
	{
		const JourneySeq *m = &j->mid;

		if (!group_ok(&j->g_first) || !group_ok(&j->g_last) || group_n(&j->g_first) < 1)
			BAD("The sequence groups are invalid.");
		if (m->n < 0 || m->swings < 0 || m->swings > m->n ||
			m->longest_neg < 0 || m->longest_neg > m->n ||
			m->prefix_neg < 0 || m->prefix_neg > m->longest_neg ||
			m->suffix_neg < 0 || m->suffix_neg > m->longest_neg ||
			m->first_nz < -1 || m->first_nz > 1 || m->last_nz < -1 || m->last_nz > 1 ||
			(m->neg_to_pos && m->swings == 0) ||
			(m->first_nz == 0) != (m->last_nz == 0) ||
			(m->n == 0 && (m->first_nz != 0 || m->longest_neg != 0)) ||
			memcmp(m->pad, "\0\0\0\0\0", 5) != 0)
			BAD("The sequence summary is invalid.");
		/* the first emotion is the lowest of its group, the last the highest */
		{
			const JourneyGroup *gl = j->first_at == j->last_at ? &j->g_first : &j->g_last;
			int			lowest = j->g_first.nneg > 0 ? -1 : (j->g_first.nzero > 0 ? 0 : 1);
			int			highest = gl->npos > 0 ? 1 : (gl->nzero > 0 ? 0 : -1);

			if (lowest != zone_of(j->first.valence, j->dead_band) ||
				highest != zone_of(j->last.valence, j->dead_band))
				BAD("The sequence groups do not match the first and last valence.");
		}
		if (j->first_at == j->last_at)
		{
			if (group_n(&j->g_last) != 0 || m->n != 0 || group_n(&j->g_first) != j->count)
				BAD("A journey at a single time keeps all rows in its first group.");
		}
		else if (group_n(&j->g_last) < 1 ||
				 group_n(&j->g_first) + m->n + group_n(&j->g_last) != j->count)
			BAD("The sequence counts do not add up to count.");
	}
	else
	{
		static const char zero[sizeof(JourneySeq)];

		if (group_n(&j->g_first) != 0 || group_n(&j->g_last) != 0 ||
			j->g_first.nneg != 0 || j->g_first.npos != 0 ||
			j->g_last.nneg != 0 || j->g_last.npos != 0 ||
			memcmp(&j->mid, zero, sizeof(JourneySeq)) != 0)
			BAD("An unordered journey has an empty sequence summary.");
	}

	/* sparkline */
	s = j->spark_shift;
	if (s < 0 || s > 62 ||
		journey_floor_shift(hi_ms, s) - journey_floor_shift(lo_ms, s) >= JOURNEY_SPARK_BUCKETS ||
		(s > 0 && journey_floor_shift(hi_ms, s - 1) - journey_floor_shift(lo_ms, s - 1) < JOURNEY_SPARK_BUCKETS))
		BAD("The sparkline bucket width is not the smallest that fits the time range.");
	base = journey_spark_base(j);
	last_bucket = journey_floor_shift(hi_ms, s) - base;
	total = 0;
	for (i = 0; i < JOURNEY_SPARK_BUCKETS; i++)
	{
		int64		n = j->spark_n[i];
		int64		lim = n * (int64) (JOURNEY_Q_SCALE / JOURNEY_SPARK_DIV);

		if (n < 0 || (i > last_bucket && n != 0) ||
			((i == 0 || i == last_bucket) && n == 0) ||
			j->spark_sum[i] < -lim || j->spark_sum[i] > lim)
			BAD("Sparkline bucket %d is invalid.", i);
		total += n;
	}
	if (total != j->count)
		BAD("The sparkline counts do not add up to count.");
}

/* ---------------------------------------------------------------------
 * Text output
 * ---------------------------------------------------------------------
 */

static void
append_int128(StringInfo buf, int128 v)
{
	char		tmp[48];
	int			n = 0;
	uint128		u = v < 0 ? -(uint128) v : (uint128) v;

	do
	{
		tmp[n++] = '0' + (int) (u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		appendStringInfoChar(buf, '-');
	while (n > 0)
		appendStringInfoChar(buf, tmp[--n]);
}

static void
append_float4(StringInfo buf, float f)
{
	char		tmp[FLOAT_SHORTEST_DECIMAL_LEN];

	float_to_shortest_decimal_buf(f, tmp);
	appendStringInfoString(buf, tmp);
}

static void
append_float8(StringInfo buf, double d)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(d, tmp);
	appendStringInfoString(buf, tmp);
}

static void
append_ts(StringInfo buf, TimestampTz t)
{
	char	   *s = DatumGetCString(DirectFunctionCall1(timestamptz_out,
													   TimestampTzGetDatum(t)));

	appendStringInfo(buf, "\"%s\"", s);
	pfree(s);
}

static void
append_emotion(StringInfo buf, const Emotion *e)
{
	int			i;

	appendStringInfoChar(buf, '(');
	append_float4(buf, e->valence);
	appendStringInfoChar(buf, ',');
	append_float4(buf, e->arousal);
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
	{
		appendStringInfoChar(buf, ',');
		append_float4(buf, e->emo[i]);
	}
	appendStringInfoChar(buf, ',');
	append_float4(buf, e->evidence);
	appendStringInfoChar(buf, ')');
}

static void
append_group(StringInfo buf, const JourneyGroup *g)
{
	appendStringInfo(buf, INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT,
					 g->nneg, g->nzero, g->npos);
}

Datum
emotion_journey_out(PG_FUNCTION_ARGS)
{
	EmotionJourney *j = PG_GETARG_JOURNEY_P(0);
	StringInfoData buf;
	const JourneySeq *m = &j->mid;
	bool		firstb = true;
	int			i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(count=" INT64_FORMAT ",half_life=", j->count);
	append_float8(&buf, j->half_life);
	appendStringInfoString(&buf, ",dead_band=");
	append_float4(&buf, j->dead_band);
	appendStringInfo(&buf, ",ordered=%c,first_at=", (j->flags & JF_ORDERED) ? 't' : 'f');
	append_ts(&buf, j->first_at);
	appendStringInfoString(&buf, ",first=");
	append_emotion(&buf, &j->first);
	appendStringInfoString(&buf, ",last_at=");
	append_ts(&buf, j->last_at);
	appendStringInfoString(&buf, ",last=");
	append_emotion(&buf, &j->last);
	appendStringInfoString(&buf, ",peak=");
	append_float4(&buf, j->peak);
	appendStringInfoString(&buf, ",peak_at=");
	append_ts(&buf, j->peak_at);
	appendStringInfoString(&buf, ",trough=");
	append_float4(&buf, j->trough);
	appendStringInfoString(&buf, ",trough_at=");
	append_ts(&buf, j->trough_at);
	appendStringInfoString(&buf, ",sums=(");
	append_int128(&buf, j->s_x);
	appendStringInfoChar(&buf, ',');
	append_int128(&buf, j->s_xx);
	appendStringInfoChar(&buf, ',');
	append_int128(&buf, j->s_q);
	appendStringInfoChar(&buf, ',');
	append_int128(&buf, j->s_qq);
	appendStringInfoChar(&buf, ',');
	append_int128(&buf, j->s_xq);
	appendStringInfoString(&buf, "),mood=(");
	append_float8(&buf, j->m_w);
	appendStringInfoChar(&buf, ',');
	append_float8(&buf, j->m_wv);
	appendStringInfoChar(&buf, ',');
	append_float8(&buf, j->m_wneg);
	appendStringInfoString(&buf, "),seq=(");
	append_group(&buf, &j->g_first);
	appendStringInfo(&buf, ";" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT ","
					 INT64_FORMAT "," INT64_FORMAT ",%d,%d,%d;",
					 m->n, m->swings, m->longest_neg, m->prefix_neg, m->suffix_neg,
					 (int) m->first_nz, (int) m->last_nz, m->neg_to_pos ? 1 : 0);
	append_group(&buf, &j->g_last);
	appendStringInfo(&buf, "),spark=(%d;", j->spark_shift);
	for (i = 0; i < JOURNEY_SPARK_BUCKETS; i++)
	{
		if (j->spark_n[i] == 0)
			continue;
		appendStringInfo(&buf, "%s%d:%d:" INT64_FORMAT, firstb ? "" : ",",
						 i, j->spark_n[i], j->spark_sum[i]);
		firstb = false;
	}
	appendStringInfoString(&buf, "))");
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Text input
 * ---------------------------------------------------------------------
 */

typedef struct JParser
{
	const char *input;
	const char *p;
} JParser;

static void pg_attribute_noreturn()
jp_fail(JParser *jp, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type emotion_journey: \"%s\"", jp->input),
			 errdetail("Expected %s at character %d.", what, (int) (jp->p - jp->input) + 1)));
}

static void
jp_space(JParser *jp)
{
	while (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r')
		jp->p++;
}

static void
jp_expect(JParser *jp, const char *lit)
{
	size_t		len = strlen(lit);

	jp_space(jp);
	if (strncmp(jp->p, lit, len) != 0)
	{
		char	   *what = psprintf("\"%s\"", lit);

		jp_fail(jp, what);
	}
	jp->p += len;
}

static int128
jp_int(JParser *jp, int128 lo, int128 hi, const char *what)
{
	bool		neg = false;
	uint128		u = 0;
	int			digits = 0;
	int128		v;

	jp_space(jp);
	if (*jp->p == '-')
	{
		neg = true;
		jp->p++;
	}
	while (*jp->p >= '0' && *jp->p <= '9')
	{
		if (++digits > 38)
			jp_fail(jp, what);
		u = u * 10 + (*jp->p - '0');
		jp->p++;
	}
	if (digits == 0)
		jp_fail(jp, what);
	v = neg ? -(int128) u : (int128) u;
	if (v < lo || v > hi)
		jp_fail(jp, what);
	return v;
}

static double
jp_float8(JParser *jp, const char *what)
{
	char	   *end;
	double		d;

	jp_space(jp);
	errno = 0;
	d = strtod(jp->p, &end);
	if (end == jp->p || errno != 0 || !isfinite(d) ||
		!(*jp->p == '-' || *jp->p == '.' || (*jp->p >= '0' && *jp->p <= '9')))
		jp_fail(jp, what);
	jp->p = end;
	return d;
}

static float
jp_float4(JParser *jp, const char *what)
{
	char	   *end;
	float		f;

	jp_space(jp);
	errno = 0;
	f = strtof(jp->p, &end);
	if (end == jp->p || errno != 0 || !isfinite(f) ||
		!(*jp->p == '-' || *jp->p == '.' || (*jp->p >= '0' && *jp->p <= '9')))
		jp_fail(jp, what);
	jp->p = end;
	return f == 0.0f ? 0.0f : f;	/* no negative zero */
}

static TimestampTz
jp_ts(JParser *jp)
{
	const char *start;
	char	   *s;
	TimestampTz t;

	jp_expect(jp, "\"");
	start = jp->p;
	while (*jp->p != '"' && *jp->p != '\0')
		jp->p++;
	if (*jp->p != '"')
		jp_fail(jp, "a closing '\"' after a timestamp");
	s = pnstrdup(start, jp->p - start);
	jp->p++;
	t = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
												CStringGetDatum(s),
												ObjectIdGetDatum(InvalidOid),
												Int32GetDatum(-1)));
	pfree(s);
	return t;
}

static void
jp_emotion(JParser *jp, Emotion *e)
{
	int			i;

	jp_expect(jp, "(");
	e->valence = jp_float4(jp, "a valence");
	jp_expect(jp, ",");
	e->arousal = jp_float4(jp, "an arousal");
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
	{
		jp_expect(jp, ",");
		e->emo[i] = jp_float4(jp, "an emotion intensity");
	}
	jp_expect(jp, ",");
	e->evidence = jp_float4(jp, "an evidence value");
	jp_expect(jp, ")");
	emotion_check(e, ERRCODE_INVALID_TEXT_REPRESENTATION);
}

static void
jp_group(JParser *jp, JourneyGroup *g)
{
	g->nneg = (int64) jp_int(jp, 0, PG_INT64_MAX, "a count");
	jp_expect(jp, ",");
	g->nzero = (int64) jp_int(jp, 0, PG_INT64_MAX, "a count");
	jp_expect(jp, ",");
	g->npos = (int64) jp_int(jp, 0, PG_INT64_MAX, "a count");
}

#define I128_MAX	((int128) (((uint128) 1 << 127) - 1))
#define I128_MIN	(-I128_MAX - 1)

Datum
emotion_journey_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	EmotionJourney *j = (EmotionJourney *) palloc0(sizeof(EmotionJourney));
	JParser		jp;
	JourneySeq *m = &j->mid;
	int			last_bucket = -1;

	jp.input = str;
	jp.p = str;
	j->version = JOURNEY_VERSION;

	jp_expect(&jp, "(count=");
	j->count = (int64) jp_int(&jp, 1, PG_INT64_MAX, "a count of at least 1");
	jp_expect(&jp, ",half_life=");
	j->half_life = jp_float8(&jp, "a half-life in seconds");
	jp_expect(&jp, ",dead_band=");
	j->dead_band = jp_float4(&jp, "a dead band");
	jp_expect(&jp, ",ordered=");
	jp_space(&jp);
	if (*jp.p == 't')
		j->flags = JF_ORDERED;
	else if (*jp.p != 'f')
		jp_fail(&jp, "t or f");
	jp.p++;
	jp_expect(&jp, ",first_at=");
	j->first_at = jp_ts(&jp);
	jp_expect(&jp, ",first=");
	jp_emotion(&jp, &j->first);
	jp_expect(&jp, ",last_at=");
	j->last_at = jp_ts(&jp);
	jp_expect(&jp, ",last=");
	jp_emotion(&jp, &j->last);
	jp_expect(&jp, ",peak=");
	j->peak = jp_float4(&jp, "a peak valence");
	jp_expect(&jp, ",peak_at=");
	j->peak_at = jp_ts(&jp);
	jp_expect(&jp, ",trough=");
	j->trough = jp_float4(&jp, "a trough valence");
	jp_expect(&jp, ",trough_at=");
	j->trough_at = jp_ts(&jp);
	jp_expect(&jp, ",sums=(");
	j->s_x = jp_int(&jp, I128_MIN, I128_MAX, "an integer sum");
	jp_expect(&jp, ",");
	j->s_xx = jp_int(&jp, I128_MIN, I128_MAX, "an integer sum");
	jp_expect(&jp, ",");
	j->s_q = jp_int(&jp, I128_MIN, I128_MAX, "an integer sum");
	jp_expect(&jp, ",");
	j->s_qq = jp_int(&jp, I128_MIN, I128_MAX, "an integer sum");
	jp_expect(&jp, ",");
	j->s_xq = jp_int(&jp, I128_MIN, I128_MAX, "an integer sum");
	jp_expect(&jp, "),mood=(");
	j->m_w = jp_float8(&jp, "a mood weight");
	jp_expect(&jp, ",");
	j->m_wv = jp_float8(&jp, "a mood sum");
	jp_expect(&jp, ",");
	j->m_wneg = jp_float8(&jp, "a negativity sum");
	jp_expect(&jp, "),seq=(");
	jp_group(&jp, &j->g_first);
	jp_expect(&jp, ";");
	m->n = (int64) jp_int(&jp, 0, PG_INT64_MAX, "a count");
	jp_expect(&jp, ",");
	m->swings = (int64) jp_int(&jp, 0, PG_INT64_MAX, "a swing count");
	jp_expect(&jp, ",");
	m->longest_neg = (int64) jp_int(&jp, 0, PG_INT64_MAX, "a streak length");
	jp_expect(&jp, ",");
	m->prefix_neg = (int64) jp_int(&jp, 0, PG_INT64_MAX, "a streak length");
	jp_expect(&jp, ",");
	m->suffix_neg = (int64) jp_int(&jp, 0, PG_INT64_MAX, "a streak length");
	jp_expect(&jp, ",");
	m->first_nz = (int8) jp_int(&jp, -1, 1, "a zone -1, 0 or 1");
	jp_expect(&jp, ",");
	m->last_nz = (int8) jp_int(&jp, -1, 1, "a zone -1, 0 or 1");
	jp_expect(&jp, ",");
	m->neg_to_pos = jp_int(&jp, 0, 1, "0 or 1") != 0;
	jp_expect(&jp, ";");
	jp_group(&jp, &j->g_last);
	jp_expect(&jp, "),spark=(");
	j->spark_shift = (int32) jp_int(&jp, 0, 62, "a bucket shift between 0 and 62");
	jp_expect(&jp, ";");
	jp_space(&jp);
	while (*jp.p != ')')
	{
		int			b;

		if (last_bucket >= 0)
			jp_expect(&jp, ",");
		b = (int) jp_int(&jp, last_bucket + 1, JOURNEY_SPARK_BUCKETS - 1,
						 "a bucket number in increasing order below 32");
		jp_expect(&jp, ":");
		j->spark_n[b] = (int32) jp_int(&jp, 1, PG_INT32_MAX, "a positive bucket count");
		jp_expect(&jp, ":");
		j->spark_sum[b] = (int64) jp_int(&jp, PG_INT64_MIN, PG_INT64_MAX, "a bucket sum");
		last_bucket = b;
		jp_space(&jp);
	}
	jp_expect(&jp, ")");
	jp_expect(&jp, ")");
	jp_space(&jp);
	if (*jp.p != '\0')
		jp_fail(&jp, "the end of the value");

	journey_validate(j, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_POINTER(j);
}

/* ---------------------------------------------------------------------
 * Binary I/O: every field in order, network byte order
 * ---------------------------------------------------------------------
 */

static void
send_emotion(StringInfo buf, const Emotion *e)
{
	int			i;

	pq_sendfloat4(buf, e->valence);
	pq_sendfloat4(buf, e->arousal);
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
		pq_sendfloat4(buf, e->emo[i]);
	pq_sendfloat4(buf, e->evidence);
}

static void
recv_emotion(StringInfo buf, Emotion *e)
{
	int			i;

	e->valence = pq_getmsgfloat4(buf);
	e->arousal = pq_getmsgfloat4(buf);
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
		e->emo[i] = pq_getmsgfloat4(buf);
	e->evidence = pq_getmsgfloat4(buf);
	emotion_check(e, ERRCODE_INVALID_BINARY_REPRESENTATION);
	/* -0 would break byte equality; it is never produced */
	if (e->valence == 0.0f)
		e->valence = 0.0f;
	if (e->arousal == 0.0f)
		e->arousal = 0.0f;
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
		if (e->emo[i] == 0.0f)
			e->emo[i] = 0.0f;
	if (e->evidence == 0.0f)
		e->evidence = 0.0f;
}

static void
send_int128(StringInfo buf, int128 v)
{
	pq_sendint64(buf, (int64) (v >> 64));
	pq_sendint64(buf, (int64) (uint64) v);
}

static int128
recv_int128(StringInfo buf)
{
	int64		hi = pq_getmsgint64(buf);
	uint64		lo = (uint64) pq_getmsgint64(buf);

	return (int128) (((uint128) (uint64) hi << 64) | lo);
}

static void
send_group(StringInfo buf, const JourneyGroup *g)
{
	pq_sendint64(buf, g->nneg);
	pq_sendint64(buf, g->nzero);
	pq_sendint64(buf, g->npos);
}

static void
recv_group(StringInfo buf, JourneyGroup *g)
{
	g->nneg = pq_getmsgint64(buf);
	g->nzero = pq_getmsgint64(buf);
	g->npos = pq_getmsgint64(buf);
}

Datum
emotion_journey_send(PG_FUNCTION_ARGS)
{
	EmotionJourney *j = PG_GETARG_JOURNEY_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, j->version);
	pq_sendint32(&buf, j->flags);
	pq_sendint64(&buf, j->count);
	pq_sendfloat8(&buf, j->half_life);
	pq_sendfloat4(&buf, j->dead_band);
	pq_sendint32(&buf, j->spark_shift);
	pq_sendint64(&buf, j->first_at);
	pq_sendint64(&buf, j->last_at);
	send_emotion(&buf, &j->first);
	send_emotion(&buf, &j->last);
	pq_sendfloat4(&buf, j->peak);
	pq_sendfloat4(&buf, j->trough);
	pq_sendint64(&buf, j->peak_at);
	pq_sendint64(&buf, j->trough_at);
	send_int128(&buf, j->s_x);
	send_int128(&buf, j->s_xx);
	send_int128(&buf, j->s_q);
	send_int128(&buf, j->s_qq);
	send_int128(&buf, j->s_xq);
	pq_sendfloat8(&buf, j->m_w);
	pq_sendfloat8(&buf, j->m_wv);
	pq_sendfloat8(&buf, j->m_wneg);
	send_group(&buf, &j->g_first);
	pq_sendint64(&buf, j->mid.n);
	pq_sendint64(&buf, j->mid.swings);
	pq_sendint64(&buf, j->mid.longest_neg);
	pq_sendint64(&buf, j->mid.prefix_neg);
	pq_sendint64(&buf, j->mid.suffix_neg);
	pq_sendbyte(&buf, (uint8) j->mid.first_nz);
	pq_sendbyte(&buf, (uint8) j->mid.last_nz);
	pq_sendbyte(&buf, j->mid.neg_to_pos ? 1 : 0);
	send_group(&buf, &j->g_last);
	for (i = 0; i < JOURNEY_SPARK_BUCKETS; i++)
	{
		pq_sendint32(&buf, j->spark_n[i]);
		pq_sendint64(&buf, j->spark_sum[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
emotion_journey_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	EmotionJourney *j = (EmotionJourney *) palloc0(sizeof(EmotionJourney));
	int			b;
	int			i;

	j->version = pq_getmsgint(buf, 4);
	j->flags = pq_getmsgint(buf, 4);
	j->count = pq_getmsgint64(buf);
	j->half_life = pq_getmsgfloat8(buf);
	j->dead_band = pq_getmsgfloat4(buf);
	j->spark_shift = pq_getmsgint(buf, 4);
	j->first_at = pq_getmsgint64(buf);
	j->last_at = pq_getmsgint64(buf);
	recv_emotion(buf, &j->first);
	recv_emotion(buf, &j->last);
	j->peak = pq_getmsgfloat4(buf);
	j->trough = pq_getmsgfloat4(buf);
	j->peak_at = pq_getmsgint64(buf);
	j->trough_at = pq_getmsgint64(buf);
	j->s_x = recv_int128(buf);
	j->s_xx = recv_int128(buf);
	j->s_q = recv_int128(buf);
	j->s_qq = recv_int128(buf);
	j->s_xq = recv_int128(buf);
	j->m_w = pq_getmsgfloat8(buf);
	j->m_wv = pq_getmsgfloat8(buf);
	j->m_wneg = pq_getmsgfloat8(buf);
	recv_group(buf, &j->g_first);
	j->mid.n = pq_getmsgint64(buf);
	j->mid.swings = pq_getmsgint64(buf);
	j->mid.longest_neg = pq_getmsgint64(buf);
	j->mid.prefix_neg = pq_getmsgint64(buf);
	j->mid.suffix_neg = pq_getmsgint64(buf);
	j->mid.first_nz = (int8) pq_getmsgbyte(buf);
	j->mid.last_nz = (int8) pq_getmsgbyte(buf);
	b = pq_getmsgbyte(buf);
	if (b > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid emotion_journey value"),
				 errdetail("The recovered flag must be 0 or 1.")));
	j->mid.neg_to_pos = b != 0;
	recv_group(buf, &j->g_last);
	for (i = 0; i < JOURNEY_SPARK_BUCKETS; i++)
	{
		j->spark_n[i] = pq_getmsgint(buf, 4);
		j->spark_sum[i] = pq_getmsgint64(buf);
	}
	if (j->peak == 0.0f)
		j->peak = 0.0f;
	if (j->trough == 0.0f)
		j->trough = 0.0f;
	journey_validate(j, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(j);
}
