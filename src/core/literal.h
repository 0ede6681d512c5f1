/*
 * literal.h -- the text forms of the SQL types emotion, emotion_segment and
 * emotion_journey, parsed and formatted without PostgreSQL.
 *
 * The parsers read a NUL-terminated string, fill a caller-provided value and
 * return EC_LIT_OK or the first problem as an EcLitError: its kind, where it
 * is and the words the caller needs for its message.  They allocate nothing
 * and never stop the process, so the PostgreSQL glue (emotion_type.c,
 * segment.c, journey_io.c) turns each kind into its ereport, and the unit
 * tests and fuzz targets run them alone.
 *
 * Numbers are read with strtof/strtod, which PostgreSQL backends run with
 * LC_NUMERIC "C"; segment dimension names are scanned with isalpha, as the
 * server always did.
 */
#ifndef EC_LITERAL_H
#define EC_LITERAL_H

#include "core/emocore.h"

#ifndef __SIZEOF_INT128__
#error "emotion_crm needs a compiler with a 128-bit integer type"
#endif
/*
 * Aligned like PostgreSQL's int128 (to 8 bytes): palloc'd memory holding one
 * must not need 16-byte alignment.
 */
typedef __int128 ec_int128 __attribute__((aligned(8)));

/* the eleven fields of an emotion: valence, arousal, 8 emotions, evidence */
#define EC_EMOTION_NFIELDS	11
#define EC_EMOTION_EVIDENCE	10	/* field number of evidence */
#define EC_SEGMENT_NDIMS	10	/* valence, arousal, 8 emotions */

extern const char *const ec_emotion_field_names[EC_EMOTION_NFIELDS];

/* field number of an ASCII name, case-insensitive; -1 if unknown */
extern int	ec_emotion_field_lookup(const char *name, size_t len);
extern float *ec_emotion_field(EcScore *e, int field);
extern float ec_emotion_field_min(int field);
extern float ec_emotion_field_max(int field);
/* 1 if v is not NaN and lies in [min, max] of the field */
extern int	ec_emotion_field_valid(int field, float v);
/* first field that is not valid, or -1 */
extern int	ec_emotion_first_invalid(const EcScore *e);

typedef enum EcLitKind
{
	EC_LIT_OK = 0,

	/* emotion: pos is where the problem starts (the rest is quoted) */
	EC_LIT_EMO_OPEN,			/* no "(" at the start */
	EC_LIT_EMO_NAME,			/* no field name at pos (pos may be the end) */
	EC_LIT_EMO_UNKNOWN,			/* unknown name: pos, len */
	EC_LIT_EMO_DUPLICATE,		/* field given twice */
	EC_LIT_EMO_EQUALS,			/* no "=" after field */
	EC_LIT_EMO_NUMBER,			/* no number for field at pos (may be the end) */
	EC_LIT_EMO_RANGE,			/* field's value is out of range or not finite */
	EC_LIT_EMO_CLOSE,			/* the input ends before ")" */
	EC_LIT_EMO_SEPARATOR,		/* no "," or ")" after field's value, at pos */
	EC_LIT_EMO_JUNK,			/* characters after ")" at pos */

	/* emotion_segment */
	EC_LIT_SEG_SYNTAX,			/* what at pos */
	EC_LIT_SEG_UNKNOWN,			/* unknown dimension: pos, len */
	EC_LIT_SEG_DUPLICATE,		/* dimension field given twice */
	EC_LIT_SEG_OVERFLOW,		/* the bound at pos, len overflows a float */
	EC_LIT_SEG_NONFINITE,		/* a bound of field is NaN or a wrong infinity */
	EC_LIT_SEG_RANGE,			/* a bound of field outside its range: lo, hi */
	EC_LIT_SEG_ORDER,			/* lo > hi for field */

	/* emotion_journey: expected what at pos */
	EC_LIT_JNY_TOKEN,			/* what is the literal text expected */
	EC_LIT_JNY_EXPECT,			/* what describes what was expected */
	EC_LIT_JNY_EMOTION			/* field (0 first, 1 last) holds an invalid emotion */
} EcLitKind;

typedef struct EcLitError
{
	EcLitKind	kind;
	size_t		pos;			/* byte offset into the input */
	size_t		len;			/* length of the name or number at pos */
	int			field;			/* emotion field, segment dimension, journey emotion */
	float		lo;				/* emotion: the value; segment: the lower bound */
	float		hi;				/* segment: the upper bound */
	const char *what;			/* segment and journey: static text */
} EcLitError;

/* ---- emotion: "(valence=0.5, joy=0.4)" ---------------------------------- */

/* fields not given are 0; no negative zeros */
extern EcLitKind ec_emotion_parse(const char *str, EcScore *out, EcLitError *err);

/*
 * Float formatter: writes the text of f, NUL-terminated, into buf (at least
 * EC_FLOAT_TEXT_LEN bytes).  The server passes PostgreSQL's shortest exact
 * decimal (float4out's form), so text round-trips to the same bits.
 */
#define EC_FLOAT_TEXT_LEN	32
typedef void (*EcFloatText) (float f, char *buf);

/*
 * "(valence=.., arousal=.., <each non-zero emotion>, evidence=..)": the text
 * form emotion_out returns.  buf holds at least EC_EMOTION_TEXT_LEN bytes.
 */
#define EC_EMOTION_TEXT_LEN	(2 + EC_EMOTION_NFIELDS * (2 + 13 + EC_FLOAT_TEXT_LEN))
extern size_t ec_emotion_format(const EcScore *e, EcFloatText fmt, char *buf);

/* ---- emotion_segment: "[valence -1..-0.3, anger 0.5..]" ----------------- */

/*
 * Layout of the SQL type emotion_segment.  A bound left open is -Infinity
 * (lo) or +Infinity (hi); in a valid segment every other bound lies in the
 * range of its dimension and lo <= hi.
 */
typedef struct EcSegment
{
	float		lo[EC_SEGMENT_NDIMS];
	float		hi[EC_SEGMENT_NDIMS];
} EcSegment;

extern const char *const ec_segment_dim_names[EC_SEGMENT_NDIMS];
extern int	ec_segment_dim_lookup(const char *name, size_t len);
extern float ec_segment_dim_min(int dim);
extern float ec_segment_dim_max(int dim);

/*
 * Syntax only: the bounds read, not checked (ec_segment_check does that).
 * A number longer than 63 bytes is a syntax error.
 */
extern EcLitKind ec_segment_parse(const char *str, EcSegment *out, EcLitError *err);

/*
 * Check a segment (parsed or received): every bound finite and in range or
 * open, lo <= hi, dimension by dimension; -0 becomes 0.  pos and len are 0.
 */
extern EcLitKind ec_segment_check(EcSegment *s, EcLitError *err);

#define EC_SEGMENT_TEXT_LEN	(2 + EC_SEGMENT_NDIMS * (2 + 13 + 2 + 2 * EC_FLOAT_TEXT_LEN))
extern size_t ec_segment_format(const EcSegment *s, EcFloatText fmt, char *buf);

/* ---- emotion_journey (see journey_io.c for the text form) --------------- */
/* (the formatter is declared at the end) */

#define EC_JOURNEY_BUCKETS	32

/* a timestamp's text between its double quotes: offset into the input */
typedef struct EcTextSpan
{
	size_t		pos;
	size_t		len;
} EcTextSpan;

typedef struct EcJourneyText
{
	int64_t		count;
	double		half_life;
	float		dead_band;
	int			ordered;
	/* first_at, last_at, peak_at, trough_at in the order they appear */
	EcTextSpan	ts[4];
	int			nts;			/* timestamps read (also when parsing failed) */
	EcScore		first;
	EcScore		last;
	float		peak;
	float		trough;
	ec_int128	sums[5];		/* s_x, s_xx, s_q, s_qq, s_xq */
	double		mood[3];		/* m_w, m_wv, m_wneg */
	int64_t		g_first[3];		/* nneg, nzero, npos */
	int64_t		mid[5];			/* n, swings, longest_neg, prefix_neg, suffix_neg */
	int			first_nz;
	int			last_nz;
	int			neg_to_pos;
	int64_t		g_last[3];
	int			spark_shift;
	int32_t		spark_n[EC_JOURNEY_BUCKETS];
	int64_t		spark_sum[EC_JOURNEY_BUCKETS];
} EcJourneyText;

#define EC_JOURNEY_FIRST_AT		0
#define EC_JOURNEY_LAST_AT		1
#define EC_JOURNEY_PEAK_AT		2
#define EC_JOURNEY_TROUGH_AT	3

/*
 * The syntax of the text form, every number in its field's type and range,
 * both emotions valid.  What needs the server (the timestamps' text, the
 * consistency of the whole value) is the caller's: on failure, the
 * timestamps in ts[0 .. nts-1] came before the error.
 */
extern EcLitKind ec_journey_parse(const char *str, EcJourneyText *out, EcLitError *err);

/*
 * The text form of a journey, as emotion_journey_out returns it: ts[] are
 * the four timestamps' texts (first_at, last_at, peak_at, trough_at; at most
 * EC_JOURNEY_TS_LEN bytes each, written between double quotes), f4 and f8
 * the number formatters.  j->ts and j->nts are not used.  buf holds at least
 * EC_JOURNEY_TEXT_LEN bytes.
 */
typedef void (*EcDoubleText) (double d, char *buf);

#define EC_JOURNEY_TS_LEN	128
#define EC_JOURNEY_TEXT_LEN	4096
extern size_t ec_journey_format(const EcJourneyText *j, const char *const ts[4],
								EcFloatText f4, EcDoubleText f8, char *buf);

#endif							/* EC_LITERAL_H */
