/*
 * literal.c -- parsers and formatters of the text forms of emotion,
 * emotion_segment and emotion_journey (see literal.h).  No PostgreSQL
 * headers: the glue maps each EcLitError to its ereport.
 */
#include "core/literal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Shared helpers
 * ---------------------------------------------------------------------
 */

static int
lit_error(EcLitError *err, EcLitKind kind, const char *str, const char *at)
{
	memset(err, 0, sizeof(*err));
	err->kind = kind;
	err->pos = (size_t) (at - str);
	err->field = -1;
	return kind;
}

/* case-insensitive (ASCII) lookup of name in names[0 .. n-1]; -1 if none */
static int
name_lookup(const char *const *names, int n, const char *name, size_t len)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		const char *s = names[i];
		size_t		k;

		if (strlen(s) != len)
			continue;
		for (k = 0; k < len; k++)
		{
			char		c = name[k];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != s[k])
				break;
		}
		if (k == len)
			return i;
	}
	return -1;
}

/* append s at *pos in buf */
static void
put(char *buf, size_t *pos, const char *s)
{
	size_t		n = strlen(s);

	memcpy(buf + *pos, s, n + 1);
	*pos += n;
}

static void
put_float(char *buf, size_t *pos, EcFloatText fmt, float f)
{
	char		num[EC_FLOAT_TEXT_LEN];

	fmt(f == 0.0f ? 0.0f : f, num);
	num[EC_FLOAT_TEXT_LEN - 1] = '\0';
	put(buf, pos, num);
}

/* ---------------------------------------------------------------------
 * emotion
 * ---------------------------------------------------------------------
 */

const char *const ec_emotion_field_names[EC_EMOTION_NFIELDS] = {
	"valence", "arousal",
	"joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation",
	"evidence"
};

int
ec_emotion_field_lookup(const char *name, size_t len)
{
	return name_lookup(ec_emotion_field_names, EC_EMOTION_NFIELDS, name, len);
}

float *
ec_emotion_field(EcScore *e, int field)
{
	if (field == 0)
		return &e->valence;
	if (field == 1)
		return &e->arousal;
	if (field == EC_EMOTION_EVIDENCE)
		return &e->evidence;
	return &e->emo[field - 2];
}

float
ec_emotion_field_min(int field)
{
	return field == 0 ? -1.0f : 0.0f;
}

float
ec_emotion_field_max(int field)
{
	return field == EC_EMOTION_EVIDENCE ? EC_MAX_EVIDENCE : 1.0f;
}

int
ec_emotion_field_valid(int field, float v)
{
	return !isnan(v) && v >= ec_emotion_field_min(field) && v <= ec_emotion_field_max(field);
}

int
ec_emotion_first_invalid(const EcScore *e)
{
	int			i;

	for (i = 0; i < EC_EMOTION_NFIELDS; i++)
		if (!ec_emotion_field_valid(i, *ec_emotion_field((EcScore *) e, i)))
			return i;
	return -1;
}

static int
emo_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *
emo_skip(const char *p)
{
	while (emo_space(*p))
		p++;
	return p;
}

EcLitKind
ec_emotion_parse(const char *str, EcScore *out, EcLitError *err)
{
	int			seen[EC_EMOTION_NFIELDS] = {0};
	const char *p = emo_skip(str);

	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	if (*p != '(')
		return lit_error(err, EC_LIT_EMO_OPEN, str, p);
	p = emo_skip(p + 1);
	if (*p == ')')
		p++;
	else
	{
		for (;;)
		{
			const char *name = p;
			int			field;
			char	   *end;
			float		v;

			while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_')
				p++;
			if (p == name)
				return lit_error(err, EC_LIT_EMO_NAME, str, p);
			field = ec_emotion_field_lookup(name, (size_t) (p - name));
			if (field < 0)
			{
				lit_error(err, EC_LIT_EMO_UNKNOWN, str, name);
				err->len = (size_t) (p - name);
				return err->kind;
			}
			if (seen[field])
			{
				lit_error(err, EC_LIT_EMO_DUPLICATE, str, name);
				err->field = field;
				return err->kind;
			}
			seen[field] = 1;

			p = emo_skip(p);
			if (*p != '=')
			{
				lit_error(err, EC_LIT_EMO_EQUALS, str, p);
				err->field = field;
				return err->kind;
			}
			p = emo_skip(p + 1);

			errno = 0;
			v = strtof(p, &end);
			if (end == p)
			{
				lit_error(err, EC_LIT_EMO_NUMBER, str, p);
				err->field = field;
				return err->kind;
			}

			/*
			 * ERANGE with a finite result is an underflow to a denormal or
			 * zero: keep what strtof made of it, so that the shortest text of
			 * a denormal reads back to the same value.  Overflow gives an
			 * infinity, which the range check rejects.
			 */
			if (v == 0.0f)
				v = 0.0f;		/* no negative zero */
			if (!ec_emotion_field_valid(field, v))
			{
				lit_error(err, EC_LIT_EMO_RANGE, str, p);
				err->field = field;
				err->lo = v;
				return err->kind;
			}
			*ec_emotion_field(out, field) = v;

			p = emo_skip(end);
			if (*p == ',')
			{
				p = emo_skip(p + 1);
				continue;
			}
			if (*p == ')')
			{
				p++;
				break;
			}
			if (*p == '\0')
				return lit_error(err, EC_LIT_EMO_CLOSE, str, p);
			lit_error(err, EC_LIT_EMO_SEPARATOR, str, p);
			err->field = field;
			return err->kind;
		}
	}

	p = emo_skip(p);
	if (*p != '\0')
		return lit_error(err, EC_LIT_EMO_JUNK, str, p);
	return EC_LIT_OK;
}

size_t
ec_emotion_format(const EcScore *e, EcFloatText fmt, char *buf)
{
	size_t		pos = 0;
	int			i;

	put(buf, &pos, "(");
	for (i = 0; i < EC_EMOTION_NFIELDS; i++)
	{
		float		v = *ec_emotion_field((EcScore *) e, i);

		/* emotions only when present; valence, arousal, evidence always */
		if (i >= 2 && i < EC_EMOTION_EVIDENCE && v == 0.0f)
			continue;
		if (i > 0)
			put(buf, &pos, ", ");
		put(buf, &pos, ec_emotion_field_names[i]);
		put(buf, &pos, "=");
		put_float(buf, &pos, fmt, v);
	}
	put(buf, &pos, ")");
	return pos;
}

/* ---------------------------------------------------------------------
 * emotion_segment
 * ---------------------------------------------------------------------
 */

const char *const ec_segment_dim_names[EC_SEGMENT_NDIMS] = {
	"valence", "arousal",
	"joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation"
};

int
ec_segment_dim_lookup(const char *name, size_t len)
{
	return name_lookup(ec_segment_dim_names, EC_SEGMENT_NDIMS, name, len);
}

float
ec_segment_dim_min(int dim)
{
	return dim == 0 ? -1.0f : 0.0f;
}

float
ec_segment_dim_max(int dim)
{
	(void) dim;
	return 1.0f;
}

static const char *
seg_skip(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int
seg_syntax(EcLitError *err, const char *str, const char *at, const char *what)
{
	lit_error(err, EC_LIT_SEG_SYNTAX, str, at);
	err->what = what;
	return err->kind;
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
	int			digits = 0;

	if (*q == '+' || *q == '-')
		q++;
	while (isdigit((unsigned char) *q))
		q++, digits = 1;
	if (*q == '.' && isdigit((unsigned char) q[1]))
	{
		q++;
		while (isdigit((unsigned char) *q))
			q++, digits = 1;
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

/* read the bound in [start, end) into *v; 0 or an error kind */
static int
seg_bound(EcLitError *err, const char *str, const char *start, const char *end, float *v)
{
	char		buf[64];
	size_t		len = (size_t) (end - start);

	if (len >= sizeof(buf))
		return seg_syntax(err, str, start, "number too long");
	memcpy(buf, start, len);
	buf[len] = '\0';
	errno = 0;
	*v = strtof(buf, NULL);
	/* underflow to zero or a denormal is kept; overflow is an error */
	if (errno == ERANGE && isinf(*v))
	{
		lit_error(err, EC_LIT_SEG_OVERFLOW, str, start);
		err->len = len;
		return err->kind;
	}
	return 0;
}

EcLitKind
ec_segment_parse(const char *str, EcSegment *s, EcLitError *err)
{
	const char *p = seg_skip(str);
	int			seen[EC_SEGMENT_NDIMS] = {0};
	int			i;

	memset(err, 0, sizeof(*err));
	for (i = 0; i < EC_SEGMENT_NDIMS; i++)
	{
		s->lo[i] = -INFINITY;
		s->hi[i] = INFINITY;
	}
	if (*p != '[')
		return seg_syntax(err, str, p, "expected \"[\"");
	p = seg_skip(p + 1);
	if (*p == ']')
	{
		p = seg_skip(p + 1);
		if (*p)
			return seg_syntax(err, str, p, "junk after \"]\"");
		return EC_LIT_OK;
	}
	for (;;)
	{
		const char *name = p;
		const char *q;
		int			d;
		int			any = 0;

		while (isalpha((unsigned char) *p) || *p == '_')
			p++;
		if (p == name)
			return seg_syntax(err, str, p, "expected a dimension name");
		d = ec_segment_dim_lookup(name, (size_t) (p - name));
		if (d < 0)
		{
			lit_error(err, EC_LIT_SEG_UNKNOWN, str, name);
			err->len = (size_t) (p - name);
			return err->kind;
		}
		if (seen[d])
		{
			lit_error(err, EC_LIT_SEG_DUPLICATE, str, name);
			err->field = d;
			return err->kind;
		}
		seen[d] = 1;
		p = seg_skip(p);
		if (isalpha((unsigned char) *p))
			return seg_syntax(err, str, p, "a bound must be a finite decimal number");
		if ((q = scan_number(p)) != NULL)
		{
			if (seg_bound(err, str, p, q, &s->lo[d]))
				return err->kind;
			p = seg_skip(q);
			any = 1;
		}
		if (p[0] != '.' || p[1] != '.')
			return seg_syntax(err, str, p, "expected \"..\" between the bounds");
		p = seg_skip(p + 2);
		if (isalpha((unsigned char) *p))
			return seg_syntax(err, str, p, "a bound must be a finite decimal number");
		if ((q = scan_number(p)) != NULL)
		{
			if (seg_bound(err, str, p, q, &s->hi[d]))
				return err->kind;
			p = seg_skip(q);
			any = 1;
		}
		if (!any)
			return seg_syntax(err, str, p, "a dimension needs at least one bound");
		if (*p == ',')
		{
			p = seg_skip(p + 1);
			continue;
		}
		if (*p == ']')
		{
			p = seg_skip(p + 1);
			if (*p)
				return seg_syntax(err, str, p, "junk after \"]\"");
			return EC_LIT_OK;
		}
		return seg_syntax(err, str, p, "expected \",\" or \"]\"");
	}
}

EcLitKind
ec_segment_check(EcSegment *s, EcLitError *err)
{
	int			i;

	memset(err, 0, sizeof(*err));
	for (i = 0; i < EC_SEGMENT_NDIMS; i++)
	{
		float		lo = s->lo[i],
					hi = s->hi[i];
		float		min = ec_segment_dim_min(i),
					max = ec_segment_dim_max(i);
		EcLitKind	kind = EC_LIT_OK;

		if (isnan(lo) || isnan(hi) || lo == INFINITY || hi == -INFINITY)
			kind = EC_LIT_SEG_NONFINITE;
		else if ((isfinite(lo) && (lo < min || lo > max)) ||
				 (isfinite(hi) && (hi < min || hi > max)))
			kind = EC_LIT_SEG_RANGE;
		else if (lo > hi)
			kind = EC_LIT_SEG_ORDER;
		if (kind != EC_LIT_OK)
		{
			err->kind = kind;
			err->field = i;
			err->lo = lo;
			err->hi = hi;
			return kind;
		}
		/* one representation of zero, so equal segments print alike */
		if (lo == 0.0f)
			s->lo[i] = 0.0f;
		if (hi == 0.0f)
			s->hi[i] = 0.0f;
	}
	return EC_LIT_OK;
}

size_t
ec_segment_format(const EcSegment *s, EcFloatText fmt, char *buf)
{
	size_t		pos = 0;
	int			first = 1;
	int			i;

	put(buf, &pos, "[");
	for (i = 0; i < EC_SEGMENT_NDIMS; i++)
	{
		if (isinf(s->lo[i]) && isinf(s->hi[i]))
			continue;
		if (!first)
			put(buf, &pos, ", ");
		first = 0;
		put(buf, &pos, ec_segment_dim_names[i]);
		put(buf, &pos, " ");
		if (!isinf(s->lo[i]))
			put_float(buf, &pos, fmt, s->lo[i]);
		put(buf, &pos, "..");
		if (!isinf(s->hi[i]))
			put_float(buf, &pos, fmt, s->hi[i]);
	}
	put(buf, &pos, "]");
	return pos;
}

/* ---------------------------------------------------------------------
 * emotion_journey
 *
 * Each reader does nothing once the parse has failed, so the field list
 * below reads like the text form; the first failure is the one reported.
 * ---------------------------------------------------------------------
 */

typedef struct JParser
{
	const char *input;
	const char *p;
	EcLitError *err;
	int			failed;
} JParser;

#define I128_MAX	((ec_int128) (((unsigned __int128) 1 << 127) - 1))
#define I128_MIN	(-I128_MAX - 1)

static void
jp_fail(JParser *jp, EcLitKind kind, const char *what)
{
	if (jp->failed)
		return;
	lit_error(jp->err, kind, jp->input, jp->p);
	jp->err->what = what;
	jp->failed = 1;
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

	if (jp->failed)
		return;
	jp_space(jp);
	if (strncmp(jp->p, lit, len) != 0)
		jp_fail(jp, EC_LIT_JNY_TOKEN, lit);
	else
		jp->p += len;
}

/*
 * An integer in [lo, hi].  Up to 39 digits: the int128 extremes have 39, and
 * emotion_journey_out prints every sum a received value may hold.
 */
static ec_int128
jp_int(JParser *jp, ec_int128 lo, ec_int128 hi, const char *what)
{
	const unsigned __int128 top = (unsigned __int128) 1 << 127;	/* |INT128_MIN| */
	int			neg = 0;
	unsigned __int128 u = 0;
	int			digits = 0;
	ec_int128	v;

	if (jp->failed)
		return lo;
	jp_space(jp);
	if (*jp->p == '-')
	{
		neg = 1;
		jp->p++;
	}
	while (*jp->p >= '0' && *jp->p <= '9')
	{
		unsigned	d = (unsigned) (*jp->p - '0');

		digits++;
		if (u > (top - d) / 10)
		{
			jp_fail(jp, EC_LIT_JNY_EXPECT, what);
			return lo;
		}
		u = u * 10 + d;
		jp->p++;
	}
	if (digits == 0 || (!neg && u == top))
	{
		jp_fail(jp, EC_LIT_JNY_EXPECT, what);
		return lo;
	}
	/* u <= 2^127: negate in unsigned arithmetic, then convert */
	v = neg ? (ec_int128) (0 - u) : (ec_int128) u;
	if (v < lo || v > hi)
	{
		jp_fail(jp, EC_LIT_JNY_EXPECT, what);
		return lo;
	}
	return v;
}

/* a number that starts like a decimal: no "inf", "nan", "+1" or hex words */
static int
jp_number_start(const char *p)
{
	return *p == '-' || *p == '.' || (*p >= '0' && *p <= '9');
}

static double
jp_float8(JParser *jp, const char *what)
{
	char	   *end;
	double		d;

	if (jp->failed)
		return 0.0;
	jp_space(jp);
	errno = 0;
	d = strtod(jp->p, &end);
	if (end == jp->p || errno != 0 || !isfinite(d) || !jp_number_start(jp->p))
	{
		jp_fail(jp, EC_LIT_JNY_EXPECT, what);
		return 0.0;
	}
	jp->p = end;
	return d;
}

static float
jp_float4(JParser *jp, const char *what)
{
	char	   *end;
	float		f;

	if (jp->failed)
		return 0.0f;
	jp_space(jp);
	errno = 0;
	f = strtof(jp->p, &end);
	if (end == jp->p || errno != 0 || !isfinite(f) || !jp_number_start(jp->p))
	{
		jp_fail(jp, EC_LIT_JNY_EXPECT, what);
		return 0.0f;
	}
	jp->p = end;
	return f == 0.0f ? 0.0f : f;	/* no negative zero */
}

static void
jp_ts(JParser *jp, EcJourneyText *j)
{
	const char *start;

	jp_expect(jp, "\"");
	if (jp->failed)
		return;
	start = jp->p;
	while (*jp->p != '"' && *jp->p != '\0')
		jp->p++;
	if (*jp->p != '"')
	{
		jp_fail(jp, EC_LIT_JNY_EXPECT, "a closing '\"' after a timestamp");
		return;
	}
	j->ts[j->nts].pos = (size_t) (start - jp->input);
	j->ts[j->nts].len = (size_t) (jp->p - start);
	j->nts++;
	jp->p++;
}

static void
jp_emotion(JParser *jp, EcScore *e, int which)
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
	if (!jp->failed && ec_emotion_first_invalid(e) >= 0)
	{
		jp_fail(jp, EC_LIT_JNY_EMOTION, NULL);
		jp->err->field = which;
	}
}

static void
jp_group(JParser *jp, int64_t *g)
{
	g[0] = (int64_t) jp_int(jp, 0, INT64_MAX, "a count");
	jp_expect(jp, ",");
	g[1] = (int64_t) jp_int(jp, 0, INT64_MAX, "a count");
	jp_expect(jp, ",");
	g[2] = (int64_t) jp_int(jp, 0, INT64_MAX, "a count");
}

EcLitKind
ec_journey_parse(const char *str, EcJourneyText *j, EcLitError *err)
{
	JParser		jp;
	int			last_bucket = -1;
	int			i;

	memset(j, 0, sizeof(*j));
	memset(err, 0, sizeof(*err));
	jp.input = str;
	jp.p = str;
	jp.err = err;
	jp.failed = 0;

	jp_expect(&jp, "(count=");
	j->count = (int64_t) jp_int(&jp, 1, INT64_MAX, "a count of at least 1");
	jp_expect(&jp, ",half_life=");
	j->half_life = jp_float8(&jp, "a half-life in seconds");
	jp_expect(&jp, ",dead_band=");
	j->dead_band = jp_float4(&jp, "a dead band");
	jp_expect(&jp, ",ordered=");
	if (!jp.failed)
	{
		jp_space(&jp);
		if (*jp.p == 't')
			j->ordered = 1;
		else if (*jp.p != 'f')
			jp_fail(&jp, EC_LIT_JNY_EXPECT, "t or f");
		if (!jp.failed)
			jp.p++;
	}
	jp_expect(&jp, ",first_at=");
	jp_ts(&jp, j);
	jp_expect(&jp, ",first=");
	jp_emotion(&jp, &j->first, 0);
	jp_expect(&jp, ",last_at=");
	jp_ts(&jp, j);
	jp_expect(&jp, ",last=");
	jp_emotion(&jp, &j->last, 1);
	jp_expect(&jp, ",peak=");
	j->peak = jp_float4(&jp, "a peak valence");
	jp_expect(&jp, ",peak_at=");
	jp_ts(&jp, j);
	jp_expect(&jp, ",trough=");
	j->trough = jp_float4(&jp, "a trough valence");
	jp_expect(&jp, ",trough_at=");
	jp_ts(&jp, j);
	jp_expect(&jp, ",sums=(");
	for (i = 0; i < 5; i++)
	{
		if (i > 0)
			jp_expect(&jp, ",");
		j->sums[i] = jp_int(&jp, I128_MIN, I128_MAX, "an integer sum");
	}
	jp_expect(&jp, "),mood=(");
	j->mood[0] = jp_float8(&jp, "a mood weight");
	jp_expect(&jp, ",");
	j->mood[1] = jp_float8(&jp, "a mood sum");
	jp_expect(&jp, ",");
	j->mood[2] = jp_float8(&jp, "a negativity sum");
	jp_expect(&jp, "),seq=(");
	jp_group(&jp, j->g_first);
	jp_expect(&jp, ";");
	j->mid[0] = (int64_t) jp_int(&jp, 0, INT64_MAX, "a count");
	jp_expect(&jp, ",");
	j->mid[1] = (int64_t) jp_int(&jp, 0, INT64_MAX, "a swing count");
	for (i = 2; i < 5; i++)
	{
		jp_expect(&jp, ",");
		j->mid[i] = (int64_t) jp_int(&jp, 0, INT64_MAX, "a streak length");
	}
	jp_expect(&jp, ",");
	j->first_nz = (int) jp_int(&jp, -1, 1, "a zone -1, 0 or 1");
	jp_expect(&jp, ",");
	j->last_nz = (int) jp_int(&jp, -1, 1, "a zone -1, 0 or 1");
	jp_expect(&jp, ",");
	j->neg_to_pos = jp_int(&jp, 0, 1, "0 or 1") != 0;
	jp_expect(&jp, ";");
	jp_group(&jp, j->g_last);
	jp_expect(&jp, "),spark=(");
	j->spark_shift = (int) jp_int(&jp, 0, 62, "a bucket shift between 0 and 62");
	jp_expect(&jp, ";");
	jp_space(&jp);
	while (!jp.failed && *jp.p != ')')
	{
		int			b;
		int32_t		n;
		int64_t		sum;

		if (last_bucket >= 0)
			jp_expect(&jp, ",");
		b = (int) jp_int(&jp, last_bucket + 1, EC_JOURNEY_BUCKETS - 1,
						 "a bucket number in increasing order below 32");
		jp_expect(&jp, ":");
		n = (int32_t) jp_int(&jp, 1, INT32_MAX, "a positive bucket count");
		jp_expect(&jp, ":");
		sum = (int64_t) jp_int(&jp, INT64_MIN, INT64_MAX, "a bucket sum");
		if (jp.failed)
			break;
		j->spark_n[b] = n;
		j->spark_sum[b] = sum;
		last_bucket = b;
		jp_space(&jp);
	}
	jp_expect(&jp, ")");
	jp_expect(&jp, ")");
	if (!jp.failed)
	{
		jp_space(&jp);
		if (*jp.p != '\0')
			jp_fail(&jp, EC_LIT_JNY_EXPECT, "the end of the value");
	}
	return jp.failed ? err->kind : EC_LIT_OK;
}

/* ---- the journey's text form ------------------------------------------- */

static void
put_int(char *buf, size_t *pos, ec_int128 v)
{
	char		tmp[48];
	int			n = 0;
	unsigned __int128 u = v < 0 ? 0 - (unsigned __int128) v : (unsigned __int128) v;

	do
	{
		tmp[n++] = (char) ('0' + (int) (u % 10));
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[(*pos)++] = '-';
	while (n > 0)
		buf[(*pos)++] = tmp[--n];
	buf[*pos] = '\0';
}

/* put the ints v[0 .. n-1], separated by commas */
static void
put_ints(char *buf, size_t *pos, const int64_t *v, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		if (i > 0)
			put(buf, pos, ",");
		put_int(buf, pos, v[i]);
	}
}

static void
put_double(char *buf, size_t *pos, EcDoubleText fmt, double d)
{
	char		num[EC_FLOAT_TEXT_LEN];

	fmt(d, num);
	num[EC_FLOAT_TEXT_LEN - 1] = '\0';
	put(buf, pos, num);
}

static void
put_ts(char *buf, size_t *pos, const char *ts)
{
	size_t		n = strnlen(ts, EC_JOURNEY_TS_LEN);

	buf[(*pos)++] = '"';
	memcpy(buf + *pos, ts, n);
	*pos += n;
	buf[(*pos)++] = '"';
	buf[*pos] = '\0';
}

/* "(v,a,joy,...,anticipation,evidence)": all eleven fields */
static void
put_emotion(char *buf, size_t *pos, EcFloatText fmt, const EcScore *e)
{
	int			i;

	for (i = 0; i < EC_EMOTION_NFIELDS; i++)
	{
		put(buf, pos, i == 0 ? "(" : ",");
		put_float(buf, pos, fmt, *ec_emotion_field((EcScore *) e, i));
	}
	put(buf, pos, ")");
}

size_t
ec_journey_format(const EcJourneyText *j, const char *const ts[4],
				  EcFloatText f4, EcDoubleText f8, char *buf)
{
	size_t		pos = 0;
	int			first = 1;
	int			i;

	put(buf, &pos, "(count=");
	put_int(buf, &pos, j->count);
	put(buf, &pos, ",half_life=");
	put_double(buf, &pos, f8, j->half_life);
	put(buf, &pos, ",dead_band=");
	put_float(buf, &pos, f4, j->dead_band);
	put(buf, &pos, j->ordered ? ",ordered=t,first_at=" : ",ordered=f,first_at=");
	put_ts(buf, &pos, ts[EC_JOURNEY_FIRST_AT]);
	put(buf, &pos, ",first=");
	put_emotion(buf, &pos, f4, &j->first);
	put(buf, &pos, ",last_at=");
	put_ts(buf, &pos, ts[EC_JOURNEY_LAST_AT]);
	put(buf, &pos, ",last=");
	put_emotion(buf, &pos, f4, &j->last);
	put(buf, &pos, ",peak=");
	put_float(buf, &pos, f4, j->peak);
	put(buf, &pos, ",peak_at=");
	put_ts(buf, &pos, ts[EC_JOURNEY_PEAK_AT]);
	put(buf, &pos, ",trough=");
	put_float(buf, &pos, f4, j->trough);
	put(buf, &pos, ",trough_at=");
	put_ts(buf, &pos, ts[EC_JOURNEY_TROUGH_AT]);
	put(buf, &pos, ",sums=(");
	for (i = 0; i < 5; i++)
	{
		if (i > 0)
			put(buf, &pos, ",");
		put_int(buf, &pos, j->sums[i]);
	}
	put(buf, &pos, "),mood=(");
	for (i = 0; i < 3; i++)
	{
		if (i > 0)
			put(buf, &pos, ",");
		put_double(buf, &pos, f8, j->mood[i]);
	}
	put(buf, &pos, "),seq=(");
	put_ints(buf, &pos, j->g_first, 3);
	put(buf, &pos, ";");
	put_ints(buf, &pos, j->mid, 5);
	put(buf, &pos, ",");
	put_int(buf, &pos, j->first_nz);
	put(buf, &pos, ",");
	put_int(buf, &pos, j->last_nz);
	put(buf, &pos, j->neg_to_pos ? ",1;" : ",0;");
	put_ints(buf, &pos, j->g_last, 3);
	put(buf, &pos, "),spark=(");
	put_int(buf, &pos, j->spark_shift);
	put(buf, &pos, ";");
	for (i = 0; i < EC_JOURNEY_BUCKETS; i++)
	{
		if (j->spark_n[i] == 0)
			continue;
		if (!first)
			put(buf, &pos, ",");
		first = 0;
		put_int(buf, &pos, i);
		put(buf, &pos, ":");
		put_int(buf, &pos, j->spark_n[i]);
		put(buf, &pos, ":");
		put_int(buf, &pos, j->spark_sum[i]);
	}
	put(buf, &pos, "))");
	return pos;
}
