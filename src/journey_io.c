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

#include "core/literal.h"

#include <math.h>

#include "common/shortest_dec.h"
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
 * Text I/O: the syntax is core/literal.c's (ec_journey_parse,
 * ec_journey_format); the glue converts the timestamps and checks the value
 * ---------------------------------------------------------------------
 */

/* the core's view of a journey (timestamps aside) */
static void
journey_to_text(const EmotionJourney *j, EcJourneyText *t)
{
	const JourneySeq *m = &j->mid;
	int			i;

	memset(t, 0, sizeof(*t));
	t->count = j->count;
	t->half_life = j->half_life;
	t->dead_band = j->dead_band;
	t->ordered = (j->flags & JF_ORDERED) != 0;
	t->first = j->first;
	t->last = j->last;
	t->peak = j->peak;
	t->trough = j->trough;
	t->sums[0] = j->s_x;
	t->sums[1] = j->s_xx;
	t->sums[2] = j->s_q;
	t->sums[3] = j->s_qq;
	t->sums[4] = j->s_xq;
	t->mood[0] = j->m_w;
	t->mood[1] = j->m_wv;
	t->mood[2] = j->m_wneg;
	t->g_first[0] = j->g_first.nneg;
	t->g_first[1] = j->g_first.nzero;
	t->g_first[2] = j->g_first.npos;
	t->mid[0] = m->n;
	t->mid[1] = m->swings;
	t->mid[2] = m->longest_neg;
	t->mid[3] = m->prefix_neg;
	t->mid[4] = m->suffix_neg;
	t->first_nz = m->first_nz;
	t->last_nz = m->last_nz;
	t->neg_to_pos = m->neg_to_pos ? 1 : 0;
	t->g_last[0] = j->g_last.nneg;
	t->g_last[1] = j->g_last.nzero;
	t->g_last[2] = j->g_last.npos;
	t->spark_shift = j->spark_shift;
	StaticAssertStmt(EC_JOURNEY_BUCKETS == JOURNEY_SPARK_BUCKETS, "bucket counts differ");
	for (i = 0; i < JOURNEY_SPARK_BUCKETS; i++)
	{
		t->spark_n[i] = j->spark_n[i];
		t->spark_sum[i] = j->spark_sum[i];
	}
}

/* the inverse of journey_to_text; ts[] are first_at, last_at, peak_at, trough_at */
static void
journey_from_text(const EcJourneyText *t, const TimestampTz *ts, EmotionJourney *j)
{
	JourneySeq *m = &j->mid;
	int			i;

	memset(j, 0, sizeof(*j));
	j->version = JOURNEY_VERSION;
	j->flags = t->ordered ? JF_ORDERED : 0;
	j->count = t->count;
	j->half_life = t->half_life;
	j->dead_band = t->dead_band;
	j->first_at = ts[EC_JOURNEY_FIRST_AT];
	j->last_at = ts[EC_JOURNEY_LAST_AT];
	j->peak_at = ts[EC_JOURNEY_PEAK_AT];
	j->trough_at = ts[EC_JOURNEY_TROUGH_AT];
	j->first = t->first;
	j->last = t->last;
	j->peak = t->peak;
	j->trough = t->trough;
	j->s_x = t->sums[0];
	j->s_xx = t->sums[1];
	j->s_q = t->sums[2];
	j->s_qq = t->sums[3];
	j->s_xq = t->sums[4];
	j->m_w = t->mood[0];
	j->m_wv = t->mood[1];
	j->m_wneg = t->mood[2];
	j->g_first.nneg = t->g_first[0];
	j->g_first.nzero = t->g_first[1];
	j->g_first.npos = t->g_first[2];
	m->n = t->mid[0];
	m->swings = t->mid[1];
	m->longest_neg = t->mid[2];
	m->prefix_neg = t->mid[3];
	m->suffix_neg = t->mid[4];
	m->first_nz = (int8) t->first_nz;
	m->last_nz = (int8) t->last_nz;
	m->neg_to_pos = t->neg_to_pos != 0;
	j->g_last.nneg = t->g_last[0];
	j->g_last.nzero = t->g_last[1];
	j->g_last.npos = t->g_last[2];
	j->spark_shift = t->spark_shift;
	for (i = 0; i < JOURNEY_SPARK_BUCKETS; i++)
	{
		j->spark_n[i] = t->spark_n[i];
		j->spark_sum[i] = t->spark_sum[i];
	}
}

/* EcDoubleText: the shortest text that reads back as exactly d (float8out) */
static void
double_text(double d, char *buf)
{
	double_to_shortest_decimal_buf(d, buf);
}

Datum
emotion_journey_out(PG_FUNCTION_ARGS)
{
	EmotionJourney *j = PG_GETARG_JOURNEY_P(0);
	EcJourneyText *t = (EcJourneyText *) palloc(sizeof(EcJourneyText));
	TimestampTz at[4];
	const char *ts[4];
	char	   *buf = palloc(EC_JOURNEY_TEXT_LEN);
	int			i;

	at[EC_JOURNEY_FIRST_AT] = j->first_at;
	at[EC_JOURNEY_LAST_AT] = j->last_at;
	at[EC_JOURNEY_PEAK_AT] = j->peak_at;
	at[EC_JOURNEY_TROUGH_AT] = j->trough_at;
	for (i = 0; i < 4; i++)
	{
		ts[i] = DatumGetCString(DirectFunctionCall1(timestamptz_out,
													TimestampTzGetDatum(at[i])));
		if (strlen(ts[i]) >= EC_JOURNEY_TS_LEN)
			elog(ERROR, "timestamp text too long: \"%s\"", ts[i]);
	}
	journey_to_text(j, t);
	ec_journey_format(t, ts, emotion_float_text, double_text, buf);
	pfree(t);
	PG_RETURN_CSTRING(buf);
}

/* a timestamp's text, read by PostgreSQL's own parser */
static TimestampTz
jp_ts(const char *str, const EcTextSpan *span)
{
	char	   *s = pnstrdup(str + span->pos, span->len);
	TimestampTz t;

	t = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
												CStringGetDatum(s),
												ObjectIdGetDatum(InvalidOid),
												Int32GetDatum(-1)));
	pfree(s);
	return t;
}

/*
 * The timestamps that come before a syntax error are converted first, so
 * errors are reported in the order they appear in the text.
 */
Datum
emotion_journey_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	EmotionJourney *j = (EmotionJourney *) palloc(sizeof(EmotionJourney));
	EcJourneyText *t = (EcJourneyText *) palloc(sizeof(EcJourneyText));
	EcLitError	err;
	TimestampTz ts[4] = {0, 0, 0, 0};
	EcLitKind	kind = ec_journey_parse(str, t, &err);
	int			i;

	for (i = 0; i < t->nts; i++)
		ts[i] = jp_ts(str, &t->ts[i]);
	if (kind == EC_LIT_JNY_EMOTION)
		emotion_check(err.field == 0 ? &t->first : &t->last,
					  ERRCODE_INVALID_TEXT_REPRESENTATION);
	if (kind != EC_LIT_OK)
	{
		const char *what = err.what ? err.what : "?";

		if (kind == EC_LIT_JNY_TOKEN)
			what = psprintf("\"%s\"", what);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type emotion_journey: \"%s\"", str),
				 errdetail("Expected %s at character %d.", what, (int) err.pos + 1)));
	}
	journey_from_text(t, ts, j);
	pfree(t);

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
