/*
 * test_literal.c -- the literal parsers and formatters of core/literal.c:
 * valid literals, every error kind with its position and words, and the
 * boundaries (ranges, denormals, overflow, long numbers, duplicates, junk).
 */
#include "ectest.h"

#include "core/literal.h"

#include <math.h>
#include <stdlib.h>

/* a formatter that reads back exactly (the server uses the shortest form) */
static void
fmt9(float f, char *buf)
{
	snprintf(buf, EC_FLOAT_TEXT_LEN, "%.9g", (double) f);
}

static EcLitKind
emo(const char *s, void *e, EcLitError *err)
{
	return ec_emotion_parse(s, e, err);
}

/* parse and check, as emotion_segment_in does */
static EcLitKind
seg_in(const char *s, void *g, EcLitError *err)
{
	EcLitKind	k = ec_segment_parse(s, g, err);

	return k != EC_LIT_OK ? k : ec_segment_check(g, err);
}

/* parse a literal that must fail; returns the error */
static EcLitError
lit_err(EcLitKind (*parse) (const char *, void *, EcLitError *), const char *s)
{
	union
	{
		EcScore		e;
		EcSegment	g;
	}			v;
	EcLitError	err;

	CHECKF(parse(s, &v, &err) != EC_LIT_OK, "accepted %s", s);
	return err;
}

#define emo_err(s)	lit_err(emo, (s))
#define seg_err(s)	lit_err(seg_in, (s))

static void
test_emotion_literal(void)
{
	EcScore		e,
				e2;
	EcLitError	err;
	EcLitError	x;
	char		buf[EC_EMOTION_TEXT_LEN];
	char		longnum[400];
	int			i;

	/* valid */
	CHECK(emo("()", &e, &err) == EC_LIT_OK && err.kind == EC_LIT_OK);
	for (i = 0; i < EC_EMOTION_NFIELDS; i++)
		CHECK(*ec_emotion_field(&e, i) == 0.0f);
	CHECK(emo(" \t\n( VALENCE = .5 ,Joy=4e-1, evidence=1e9 )\r\f\v", &e, &err) == EC_LIT_OK);
	CHECK(e.valence == 0.5f && e.emo[EC_JOY] == 0.4f && e.evidence == 1e9f && e.arousal == 0.0f);
	CHECK(emo("(valence=-1, arousal=1, joy=0, trust=0.1, fear=0.2, surprise=0.3, sadness=0.4, "
			  "disgust=0.5, anger=0.6, anticipation=0.7, evidence=0)", &e, &err) == EC_LIT_OK);
	CHECK(e.valence == -1.0f && e.arousal == 1.0f && e.emo[EC_ANTICIPATION] == 0.7f &&
		  e.emo[EC_ANGER] == 0.6f && e.emo[EC_TRUST] == 0.1f);
	/* hex floats are numbers to strtof */
	CHECK(emo("(valence=0x1p-2)", &e, &err) == EC_LIT_OK && e.valence == 0.25f);
	/* no negative zero */
	CHECK(emo("(valence=-0, joy=-0.0)", &e, &err) == EC_LIT_OK);
	CHECK(!signbit(e.valence) && !signbit(e.emo[EC_JOY]));
	/* denormals are kept, tiny values underflow to 0 */
	CHECK(emo("(joy=1.4e-45, trust=1e-50)", &e, &err) == EC_LIT_OK);
	CHECK(e.emo[EC_JOY] > 0.0f && e.emo[EC_JOY] < 1.2e-38f && e.emo[EC_TRUST] == 0.0f);
	/* a long number */
	strcpy(longnum, "(joy=0.");
	memset(longnum + 7, '1', 300);
	strcpy(longnum + 307, ")");
	CHECK(emo(longnum, &e, &err) == EC_LIT_OK && e.emo[EC_JOY] == 0.111111111f);
	/* the exact range ends */
	CHECK(emo("(valence=-1, evidence=1000000000)", &e, &err) == EC_LIT_OK);

	/* every error kind, with where it is */
	x = emo_err("valence=0.5");
	CHECK(x.kind == EC_LIT_EMO_OPEN && x.pos == 0);
	x = emo_err("  x");
	CHECK(x.kind == EC_LIT_EMO_OPEN && x.pos == 2);
	x = emo_err("(");
	CHECK(x.kind == EC_LIT_EMO_NAME && x.pos == 1);
	x = emo_err("(joy=0.1, 5)");
	CHECK(x.kind == EC_LIT_EMO_NAME && x.pos == 10);
	x = emo_err("(valance=0.5)");
	CHECK(x.kind == EC_LIT_EMO_UNKNOWN && x.pos == 1 && x.len == 7);
	x = emo_err("(joy=0.1, JOY=0.2)");
	CHECK(x.kind == EC_LIT_EMO_DUPLICATE && x.field == 2 && x.pos == 10);
	x = emo_err("(joy 0.1)");
	CHECK(x.kind == EC_LIT_EMO_EQUALS && x.field == 2 && x.pos == 5);
	x = emo_err("(anger=)");
	CHECK(x.kind == EC_LIT_EMO_NUMBER && x.field == 8 && x.pos == 7);
	x = emo_err("(anger=");
	CHECK(x.kind == EC_LIT_EMO_NUMBER && x.pos == 7);
	x = emo_err("(valence=1.5)");
	CHECK(x.kind == EC_LIT_EMO_RANGE && x.field == 0 && x.lo == 1.5f);
	x = emo_err("(valence=-1.0000001)");
	CHECK(x.kind == EC_LIT_EMO_RANGE && x.field == 0);
	x = emo_err("(arousal=-1e-45)");
	CHECK(x.kind == EC_LIT_EMO_RANGE && x.field == 1 && x.lo < 0.0f);
	x = emo_err("(evidence=1000000100)");
	CHECK(x.kind == EC_LIT_EMO_RANGE && x.field == EC_EMOTION_EVIDENCE);
	x = emo_err("(evidence=1e39)");	/* overflow: an infinity */
	CHECK(x.kind == EC_LIT_EMO_RANGE && isinf(x.lo));
	x = emo_err("(joy=nan)");
	CHECK(x.kind == EC_LIT_EMO_RANGE && isnan(x.lo));
	x = emo_err("(joy=-Infinity)");
	CHECK(x.kind == EC_LIT_EMO_RANGE && isinf(x.lo) && x.lo < 0);
	x = emo_err("(joy=0.1");
	CHECK(x.kind == EC_LIT_EMO_CLOSE && x.pos == 8);
	x = emo_err("(joy=0.1; anger=0.2)");
	CHECK(x.kind == EC_LIT_EMO_SEPARATOR && x.field == 2 && x.pos == 8);
	x = emo_err("(joy=0.1) x");
	CHECK(x.kind == EC_LIT_EMO_JUNK && x.pos == 10);
	x = emo_err("() ()");
	CHECK(x.kind == EC_LIT_EMO_JUNK && x.pos == 3);
	/* the first problem wins */
	x = emo_err("(joy=2, joy=3)");
	CHECK(x.kind == EC_LIT_EMO_RANGE);

	/* the formatter: emotion_out's layout, and it reads back */
	CHECK(emo("(valence=-0.25, joy=0.5, evidence=2)", &e, &err) == EC_LIT_OK);
	CHECK(ec_emotion_format(&e, fmt9, buf) == strlen(buf));
	CHECK(strcmp(buf, "(valence=-0.25, arousal=0, joy=0.5, evidence=2)") == 0);
	CHECK(emo("()", &e, &err) == EC_LIT_OK);
	ec_emotion_format(&e, fmt9, buf);
	CHECK(strcmp(buf, "(valence=0, arousal=0, evidence=0)") == 0);
	/* every field at its most digits fits the buffer and round-trips */
	for (i = 0; i < EC_EMOTION_NFIELDS; i++)
		*ec_emotion_field(&e, i) = i == EC_EMOTION_EVIDENCE ? 123456.789f : 0.123456789f;
	e.valence = -1.17549435e-38f;
	CHECK(ec_emotion_first_invalid(&e) == -1);
	CHECK(ec_emotion_format(&e, fmt9, buf) < EC_EMOTION_TEXT_LEN);
	CHECK(emo(buf, &e2, &err) == EC_LIT_OK && memcmp(&e, &e2, sizeof(e)) == 0);

	/* field helpers */
	CHECK(ec_emotion_field_lookup("Anticipation", 12) == 9);
	CHECK(ec_emotion_field_lookup("evidence", 8) == EC_EMOTION_EVIDENCE);
	CHECK(ec_emotion_field_lookup("joy", 2) == -1);
	CHECK(ec_emotion_field_lookup("joyx", 4) == -1);
	CHECK(!ec_emotion_field_valid(0, NAN));
	CHECK(ec_emotion_field_valid(0, -1.0f) && !ec_emotion_field_valid(1, -1.0f));
}

static void
test_segment_literal(void)
{
	EcSegment	g,
				g2;
	EcLitError	err;
	EcLitError	x;
	char		buf[EC_SEGMENT_TEXT_LEN];
	char		longnum[100];
	int			i;

	/* valid */
	CHECK(seg_in("[]", &g, &err) == EC_LIT_OK);
	for (i = 0; i < EC_SEGMENT_NDIMS; i++)
		CHECK(g.lo[i] == -INFINITY && g.hi[i] == INFINITY);
	CHECK(seg_in(" [ valence -1..-0.3 ,\tAnger 0.5.. ]\n", &g, &err) == EC_LIT_OK);
	CHECK(g.lo[0] == -1.0f && g.hi[0] == -0.3f && g.lo[8] == 0.5f && g.hi[8] == INFINITY);
	CHECK(seg_in("[sadness ..0.2, joy +.5e0..1E0]", &g, &err) == EC_LIT_OK);
	CHECK(g.lo[6] == -INFINITY && g.hi[6] == 0.2f && g.lo[2] == 0.5f && g.hi[2] == 1.0f);
	/* "0.5..1" is 0.5 then ".." */
	CHECK(seg_in("[joy 0.5..1]", &g, &err) == EC_LIT_OK && g.lo[2] == 0.5f && g.hi[2] == 1.0f);
	/* -0 becomes 0; denormals are kept; tiny values underflow to 0 */
	CHECK(seg_in("[valence -0..-0.0]", &g, &err) == EC_LIT_OK);
	CHECK(g.lo[0] == 0.0f && !signbit(g.lo[0]) && !signbit(g.hi[0]));
	CHECK(seg_in("[joy 1.4e-45..1e-50]", &g, &err) == EC_LIT_SEG_ORDER);
	CHECK(err.kind == EC_LIT_SEG_ORDER && err.field == 2 && err.lo > 0.0f && err.hi == 0.0f);
	CHECK(seg_in("[joy 1e-50..1.4e-45]", &g, &err) == EC_LIT_OK && g.lo[2] == 0.0f && g.hi[2] > 0.0f);
	/* a 63-byte number is read, 64 bytes are too long */
	strcpy(longnum, "[joy 0.");
	memset(longnum + 7, '1', 61);
	strcpy(longnum + 68, "..]");
	CHECK(seg_in(longnum, &g, &err) == EC_LIT_OK && g.lo[2] == 0.111111111f);
	memset(longnum + 7, '1', 62);
	strcpy(longnum + 69, "..]");
	x = seg_err(longnum);
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && strcmp(x.what, "number too long") == 0 && x.pos == 5);

	/* every error kind */
	x = seg_err("valence 0..1");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 0 && strcmp(x.what, "expected \"[\"") == 0);
	x = seg_err("[] x");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 3 && strcmp(x.what, "junk after \"]\"") == 0);
	x = seg_err("[joy 0..1] ]");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 11 && strcmp(x.what, "junk after \"]\"") == 0);
	x = seg_err("[5..1]");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 1 && strcmp(x.what, "expected a dimension name") == 0);
	x = seg_err("[valance 0..1]");
	CHECK(x.kind == EC_LIT_SEG_UNKNOWN && x.pos == 1 && x.len == 7);
	x = seg_err("[evidence 0..1]");	/* evidence is not a dimension */
	CHECK(x.kind == EC_LIT_SEG_UNKNOWN && x.len == 8);
	x = seg_err("[joy 0..1, JOY 0..1]");
	CHECK(x.kind == EC_LIT_SEG_DUPLICATE && x.field == 2 && x.pos == 11);
	x = seg_err("[joy nan..1]");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 5 &&
		  strcmp(x.what, "a bound must be a finite decimal number") == 0);
	x = seg_err("[joy 0..inf]");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 8 &&
		  strcmp(x.what, "a bound must be a finite decimal number") == 0);
	x = seg_err("[joy 0.5]");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 8 &&
		  strcmp(x.what, "expected \"..\" between the bounds") == 0);
	x = seg_err("[joy ..]");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 7 &&
		  strcmp(x.what, "a dimension needs at least one bound") == 0);
	x = seg_err("[joy 0..1; anger 0..1]");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 9 && strcmp(x.what, "expected \",\" or \"]\"") == 0);
	x = seg_err("[joy 0..1");
	CHECK(x.kind == EC_LIT_SEG_SYNTAX && x.pos == 9 && strcmp(x.what, "expected \",\" or \"]\"") == 0);
	x = seg_err("[joy 1e39..]");
	CHECK(x.kind == EC_LIT_SEG_OVERFLOW && x.pos == 5 && x.len == 4);
	x = seg_err("[joy ..-1e39]");
	CHECK(x.kind == EC_LIT_SEG_OVERFLOW && x.pos == 7 && x.len == 5);
	x = seg_err("[joy 0..2]");
	CHECK(x.kind == EC_LIT_SEG_RANGE && x.field == 2 && x.lo == 0.0f && x.hi == 2.0f);
	x = seg_err("[valence -1.5..]");
	CHECK(x.kind == EC_LIT_SEG_RANGE && x.field == 0 && x.lo == -1.5f && x.hi == INFINITY);
	x = seg_err("[arousal -1e-45..]");
	CHECK(x.kind == EC_LIT_SEG_RANGE && x.field == 1);
	x = seg_err("[valence 0.5..-0.5]");
	CHECK(x.kind == EC_LIT_SEG_ORDER && x.field == 0 && x.lo == 0.5f && x.hi == -0.5f);
	/* the check goes dimension by dimension, not in the order written */
	x = seg_err("[joy 2..3, valence 5..6]");
	CHECK(x.kind == EC_LIT_SEG_RANGE && x.field == 0);
	/* what only a binary value can hold */
	CHECK(seg_in("[]", &g, &err) == EC_LIT_OK);
	g.lo[3] = NAN;
	CHECK(ec_segment_check(&g, &err) == EC_LIT_SEG_NONFINITE && err.field == 3);
	g.lo[3] = INFINITY;
	CHECK(ec_segment_check(&g, &err) == EC_LIT_SEG_NONFINITE && err.field == 3);
	g.lo[3] = -INFINITY;
	g.hi[9] = -INFINITY;
	CHECK(ec_segment_check(&g, &err) == EC_LIT_SEG_NONFINITE && err.field == 9);

	/* the formatter: emotion_segment_out's layout, and it reads back */
	CHECK(seg_in("[anger 0.5.., valence ..-0.25]", &g, &err) == EC_LIT_OK);
	CHECK(ec_segment_format(&g, fmt9, buf) == strlen(buf));
	CHECK(strcmp(buf, "[valence ..-0.25, anger 0.5..]") == 0);
	CHECK(seg_in("[]", &g, &err) == EC_LIT_OK);
	ec_segment_format(&g, fmt9, buf);
	CHECK(strcmp(buf, "[]") == 0);
	for (i = 0; i < EC_SEGMENT_NDIMS; i++)
	{
		g.lo[i] = i == 0 ? -0.999999881f : 1.17549435e-38f;
		g.hi[i] = 0.999999881f;
	}
	CHECK(ec_segment_check(&g, &err) == EC_LIT_OK);
	CHECK(ec_segment_format(&g, fmt9, buf) < EC_SEGMENT_TEXT_LEN);
	CHECK(seg_in(buf, &g2, &err) == EC_LIT_OK && memcmp(&g, &g2, sizeof(g)) == 0);
}

/* a journey literal as emotion_journey_out writes one */
static const char jny_one[] =
"(count=1,half_life=1209600,dead_band=0.1,ordered=t,first_at=\"2025-03-01 12:00:00+00\","
"first=(-0.4984711,0.76,0,0,0,0,0,0.2,0.8,0,0.8),last_at=\"2025-03-01 12:00:00+00\","
"last=(-0.4984711,0.76,0,0,0,0,0,0.2,0.8,0,0.8),peak=-0.4984711,peak_at=\"2025-03-01 12:00:00+00\","
"trough=-0.4984711,trough_at=\"2025-03-01 12:00:00+00\","
"sums=(0,0,-498471100000,248473437535210000000000,0),mood=(1,-0.4984711,0.4984711),"
"seq=(1,0,0;0,0,0,0,0,0,0,0;0,0,0),spark=(0;0:1:-498471100))";

/* jny_one with the first occurrence of from replaced by to */
static char *
jny_edit(const char *from, const char *to)
{
	static char buf[2048];
	const char *at = strstr(jny_one, from);
	size_t		pre;

	if (at == NULL)
	{
		CHECKF(0, "%s not in the journey literal", from);
		return strcpy(buf, jny_one);
	}
	pre = (size_t) (at - jny_one);
	memcpy(buf, jny_one, pre);
	strcpy(buf + pre, to);
	strcat(buf, at + strlen(from));
	return buf;
}

static EcLitError
jny_err(const char *s, EcJourneyText *j)
{
	EcLitError	err;

	CHECKF(ec_journey_parse(s, j, &err) != EC_LIT_OK, "accepted %s", s);
	return err;
}

static void
test_journey_literal(void)
{
	EcJourneyText *j = malloc(sizeof(EcJourneyText));
	EcLitError	err;
	EcLitError	x;
	char	   *s;
	const char *ts;

	/* valid: every field where it belongs */
	CHECK(ec_journey_parse(jny_one, j, &err) == EC_LIT_OK);
	CHECK(j->count == 1 && j->half_life == 1209600.0 && j->dead_band == 0.1f && j->ordered == 1);
	CHECK(j->nts == 4);
	ts = jny_one + j->ts[EC_JOURNEY_TROUGH_AT].pos;
	CHECK(j->ts[EC_JOURNEY_TROUGH_AT].len == 22 && strncmp(ts, "2025-03-01 12:00:00+00", 22) == 0);
	CHECK(j->first.valence == -0.4984711f && j->first.emo[EC_ANGER] == 0.8f && j->first.evidence == 0.8f);
	CHECK(memcmp(&j->first, &j->last, sizeof(EcScore)) == 0);
	CHECK(j->sums[2] == -(ec_int128) 498471100000LL);
	CHECK(j->sums[3] == (ec_int128) 2484734375352100000LL * 100000);
	CHECK(j->mood[0] == 1.0 && j->mood[2] == 0.4984711);
	CHECK(j->g_first[0] == 1 && j->g_first[1] == 0 && j->g_last[2] == 0);
	CHECK(j->spark_shift == 0 && j->spark_n[0] == 1 && j->spark_sum[0] == -498471100 && j->spark_n[1] == 0);
	/* whitespace between tokens; the int128 extremes; int64 bucket sums */
	CHECK(ec_journey_parse(jny_edit("sums=(0,0,", "sums=( -170141183460469231731687303715884105728 ,"
									"170141183460469231731687303715884105727,"), j, &err) == EC_LIT_OK);
	CHECK(j->sums[1] == (ec_int128) (((unsigned __int128) 1 << 127) - 1));
	CHECK(j->sums[0] == -j->sums[1] - 1);
	CHECK(ec_journey_parse(jny_edit("0:1:-498471100", "0:2147483647:-9223372036854775808"), j, &err) == EC_LIT_OK);
	CHECK(j->spark_n[0] == 2147483647 && j->spark_sum[0] == INT64_MIN);
	CHECK(ec_journey_parse(jny_edit("spark=(0;0:1:-498471100)", "spark=(62; 0:1:1 , 31:1:1 )"), j, &err) == EC_LIT_OK);
	CHECK(j->spark_shift == 62 && j->spark_n[31] == 1);

	/* errors: what was expected, where; the timestamps read before it */
	x = jny_err("(count=1)", j);
	CHECK(x.kind == EC_LIT_JNY_TOKEN && strcmp(x.what, ",half_life=") == 0 && x.pos == 8);
	CHECK(j->nts == 0);
	x = jny_err(jny_edit("count=1", "count=0"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a count of at least 1") == 0 && x.pos == 8);
	x = jny_err(jny_edit("count=1", "count=9223372036854775808"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a count of at least 1") == 0);
	x = jny_err(jny_edit("sums=(0,", "sums=(170141183460469231731687303715884105728,"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "an integer sum") == 0);
	x = jny_err(jny_edit("sums=(0,", "sums=(999999999999999999999999999999999999999,"), j);	/* 39 digits */
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "an integer sum") == 0);
	CHECK(j->nts == 4);
	x = jny_err(jny_edit("half_life=1209600", "half_life=nan"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a half-life in seconds") == 0);
	x = jny_err(jny_edit("half_life=1209600", "half_life=1e400"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a half-life in seconds") == 0);
	x = jny_err(jny_edit("half_life=1209600", "half_life=+5"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a half-life in seconds") == 0);
	x = jny_err(jny_edit("mood=(1,", "mood=(4e-320,"), j);	/* denormal double: ERANGE */
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a mood weight") == 0);
	x = jny_err(jny_edit("dead_band=0.1", "dead_band=1e39"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a dead band") == 0);
	s = jny_edit("ordered=t", "ordered=x");
	x = jny_err(s, j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "t or f") == 0 &&
		  x.pos == (size_t) (strstr(s, "ordered=") - s) + 8);
	x = jny_err(jny_edit("ordered=t", "ordered="), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "t or f") == 0);
	s = "(count=1,half_life=1209600,dead_band=0.1,ordered=t,first_at=\"2025-03";
	x = jny_err(s, j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a closing '\"' after a timestamp") == 0);
	CHECK(j->nts == 0 && x.pos == strlen(s));
	x = jny_err(jny_edit("first=(-0.4984711", "first=(-1.5"), j);
	CHECK(x.kind == EC_LIT_JNY_EMOTION && x.field == 0 && x.what == NULL && j->nts == 1);
	CHECK(j->first.valence == -1.5f && j->first.evidence == 0.8f);
	x = jny_err(jny_edit("0.8),last_at", "1e10),last_at"), j);
	CHECK(x.kind == EC_LIT_JNY_EMOTION && x.field == 0);
	x = jny_err(jny_edit("last=(-0.4984711,0.76", "last=(-0.4984711,1.76"), j);
	CHECK(x.kind == EC_LIT_JNY_EMOTION && x.field == 1 && j->nts == 2);
	x = jny_err(jny_edit("first=(-0.4984711,0.76,0,0,0,0,0,0.2,0.8,0,0.8)", "first=(0,0,0)"), j);
	CHECK(x.kind == EC_LIT_JNY_TOKEN && strcmp(x.what, ",") == 0);
	x = jny_err(jny_edit("seq=(1,0,0;0,0,0,0,0,0,0,0", "seq=(1,0,0;0,0,0,0,0,2,0,0"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a zone -1, 0 or 1") == 0);
	x = jny_err(jny_edit("seq=(1,0,0;0,0,0,0,0,0,0,0", "seq=(1,0,0;0,0,0,0,0,0,0,2"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "0 or 1") == 0);
	x = jny_err(jny_edit("seq=(1,", "seq=(-1,"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a count") == 0);
	x = jny_err(jny_edit("spark=(0;", "spark=(63;"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a bucket shift between 0 and 62") == 0);
	x = jny_err(jny_edit("0:1:-498471100", "1:1:5,0:1:5"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT &&
		  strcmp(x.what, "a bucket number in increasing order below 32") == 0);
	x = jny_err(jny_edit("0:1:-498471100", "0:1:5,0:1:5"), j);	/* a duplicate bucket */
	CHECK(x.kind == EC_LIT_JNY_EXPECT &&
		  strcmp(x.what, "a bucket number in increasing order below 32") == 0);
	x = jny_err(jny_edit("0:1:-498471100", "32:1:5"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT);
	x = jny_err(jny_edit("0:1:-498471100", "0:0:5"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a positive bucket count") == 0);
	x = jny_err(jny_edit("0:1:-498471100", "0:2147483648:5"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a positive bucket count") == 0);
	x = jny_err(jny_edit("0:1:-498471100", "0:1:9223372036854775808"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "a bucket sum") == 0);
	x = jny_err(jny_edit("0:1:-498471100", "0:1:5 1:1:5"), j);
	CHECK(x.kind == EC_LIT_JNY_TOKEN && strcmp(x.what, ",") == 0);
	x = jny_err(jny_edit("-498471100))", "-498471100)) x"), j);
	CHECK(x.kind == EC_LIT_JNY_EXPECT && strcmp(x.what, "the end of the value") == 0 &&
		  x.pos == strlen(jny_one) + 1);
	x = jny_err(jny_edit("-498471100))", "-498471100)"), j);
	CHECK(x.kind == EC_LIT_JNY_TOKEN && strcmp(x.what, ")") == 0 && x.pos == strlen(jny_one) - 1);
	x = jny_err("", j);
	CHECK(x.kind == EC_LIT_JNY_TOKEN && strcmp(x.what, "(count=") == 0 && x.pos == 0);
	free(j);
}

void
test_literal(void)
{
	test_emotion_literal();
	test_segment_literal();
	test_journey_literal();
}
