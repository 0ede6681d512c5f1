/*
 * emotion_type.c -- the SQL type `emotion`: text and binary I/O, jsonb
 * casts, field access, comparison, hashing, arithmetic and distance.
 *
 * An emotion is a fixed-length, 44-byte value with the layout of the core's
 * EcScore: valence, arousal, eight Plutchik intensities and the evidence
 * behind the score, all float4.  Every value that reaches a table has been
 * validated (finite, each field inside its range) and has no negative zero,
 * so equality of values is equality of their bytes.
 */
#include "emotion_crm.h"

#include "core/literal.h"

#include <float.h>
#include <math.h>

#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"

/* the ten dimensions <-> measures, in storage order */
const char *const emotion_dim_names[EMOTION_NDIMS] = {
	"valence", "arousal",
	"joy", "trust", "fear", "surprise",
	"sadness", "disgust", "anger", "anticipation"
};

/* all eleven fields: the ten dimensions and evidence (core/literal.h) */
#define EMOTION_NFIELDS		EC_EMOTION_NFIELDS
#define EMOTION_EVIDENCE	EC_EMOTION_EVIDENCE

#define EMOTION_FIELD_LIST \
	"valence, arousal, joy, trust, fear, surprise, sadness, disgust, anger, anticipation, evidence"

#define field_name(field)		ec_emotion_field_names[field]
#define field_ptr(e, field)		ec_emotion_field((e), (field))
#define field_min(field)		ec_emotion_field_min(field)
#define field_max(field)		ec_emotion_field_max(field)
#define field_valid(field, v)	ec_emotion_field_valid((field), (v))

static float
field_get(const Emotion *e, int field)
{
	return *field_ptr((Emotion *) e, field);
}

/*
 * Shortest text that reads back as exactly f (like float4out); buf holds
 * EC_FLOAT_TEXT_LEN bytes.  The formatter of the emotion and emotion_segment
 * text forms (ec_emotion_format, ec_segment_format).
 */
static char *
float_text(float f, char *buf)
{
	if (isnan(f))
		strcpy(buf, "NaN");
	else if (isinf(f))
		strcpy(buf, f > 0 ? "Infinity" : "-Infinity");
	else
		float_to_shortest_decimal_buf(f, buf);
	return buf;
}

/*
 * Shortest text that reads back as exactly f, as an EcFloatText: the number
 * formatter of the emotion and emotion_segment text forms.
 */
void
emotion_float_text(float f, char *buf)
{
	float_text(f, buf);
}

/*
 * The float8 a user expects for a float4 field: the decimal the field prints
 * as, not the binary expansion of the float4 (0.62, not 0.6200000047...).
 */
double
emotion_float8(float f)
{
	char		buf[FLOAT_SHORTEST_DECIMAL_LEN];

	if (isnan(f) || isinf(f))
		return (double) f;
	float_to_shortest_decimal_buf(f, buf);
	return strtod(buf, NULL);
}

/* look a field name up, case-insensitively; -1 if unknown */
static int
field_lookup(const char *name, int len)
{
	return ec_emotion_field_lookup(name, (size_t) len);
}

int
emotion_dim_lookup(const char *name, int len)
{
	int			f = field_lookup(name, len);

	return f == EMOTION_EVIDENCE ? -1 : f;
}

/* turn negative zeros into zeros, so that equal values have equal bytes */
void
emotion_normalize(Emotion *e)
{
	int			i;

	for (i = 0; i < EMOTION_NFIELDS; i++)
	{
		float	   *p = field_ptr(e, i);

		if (*p == 0.0f)
			*p = 0.0f;
	}
}

/* errdetail for a field value that is out of range */
static int
errdetail_field_range(int field, float v)
{
	char		vbuf[FLOAT_SHORTEST_DECIMAL_LEN + 8];
	char		lobuf[FLOAT_SHORTEST_DECIMAL_LEN];
	char		hibuf[FLOAT_SHORTEST_DECIMAL_LEN];

	float_text(field_min(field), lobuf);
	float_text(field_max(field), hibuf);
	if (isnan(v) || isinf(v))
		return errdetail("Field \"%s\" is %s, but must be a finite number between %s and %s.",
						 field_name(field), float_text(v, vbuf), lobuf, hibuf);
	return errdetail("Field \"%s\" is %s, outside its range [%s, %s].",
					 field_name(field), float_text(v, vbuf), lobuf, hibuf);
}

void
emotion_check(const Emotion *e, int errcode_for_range)
{
	int			bad = ec_emotion_first_invalid(e);

	if (bad >= 0)
		ereport(ERROR,
				(errcode(errcode_for_range),
				 errmsg("emotion value out of range"),
				 errdetail_field_range(bad, field_get(e, bad))));
}

/*
 * Store a computed double into a field.  Doubles beyond the float range
 * become infinities (converting them directly would be undefined), which
 * emotion_check then reports.
 */
static void
field_set_double(Emotion *e, int field, double d)
{
	float	   *p = field_ptr(e, field);

	if (isnan(d))
		*p = NAN;
	else if (d > FLT_MAX)
		*p = INFINITY;
	else if (d < -FLT_MAX)
		*p = -INFINITY;
	else
		*p = (float) d;
}

double
emotion_distance(const Emotion *a, const Emotion *b)
{
	double		sum = 0.0;
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		double		d = (double) emotion_dim(a, i) - (double) emotion_dim(b, i);

		sum += d * d;
	}
	return sqrt(sum);
}

/* ---------------------------------------------------------------------
 * Text I/O: the parser and formatter are in core/literal.c
 * ---------------------------------------------------------------------
 */

/*
 * Input errors are soft on PostgreSQL 16 and later (pg_input_is_valid(),
 * COPY ... ON_ERROR): they are saved in fcinfo->context and emotion_in
 * returns.  Before 16 they are plain errors.
 */
#if PG_VERSION_NUM >= 160000
#define INPUT_ERROR(rest) ereturn(fcinfo->context, (Datum) 0, rest)
#else
#define INPUT_ERROR(rest) ereport(ERROR, rest)
#endif

#define SYNTAX_ERROR(str, ...) \
	INPUT_ERROR((errcode(ERRCODE_INVALID_TEXT_REPRESENTATION), \
				 errmsg("invalid input syntax for type emotion: \"%s\"", (str)), \
				 errdetail(__VA_ARGS__)))

PG_FUNCTION_INFO_V1(emotion_in);
Datum
emotion_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	Emotion    *result = (Emotion *) palloc0(EMOTION_SIZE);
	EcLitError	err;
	const char *at;
	const char *name;

	if (ec_emotion_parse(str, result, &err) == EC_LIT_OK)
		PG_RETURN_EMOTION_P(result);

	at = str + err.pos;
	name = err.field >= 0 ? field_name(err.field) : NULL;
	switch (err.kind)
	{
		case EC_LIT_EMO_OPEN:
			SYNTAX_ERROR(str, "An emotion literal starts with \"(\", for example \"(valence=0.5, joy=0.4)\".");
			break;
		case EC_LIT_EMO_NAME:
			if (*at == '\0')
				SYNTAX_ERROR(str, "Expected a field name, found the end of the input.");
			SYNTAX_ERROR(str, "Expected a field name, found \"%s\".", at);
			break;
		case EC_LIT_EMO_UNKNOWN:
			SYNTAX_ERROR(str, "Unknown field \"%.*s\". Valid fields are: " EMOTION_FIELD_LIST ".",
						 (int) err.len, at);
			break;
		case EC_LIT_EMO_DUPLICATE:
			SYNTAX_ERROR(str, "Field \"%s\" is given more than once.", name);
			break;
		case EC_LIT_EMO_EQUALS:
			SYNTAX_ERROR(str, "Expected \"=\" after field \"%s\".", name);
			break;
		case EC_LIT_EMO_NUMBER:
			if (*at == '\0')
				SYNTAX_ERROR(str, "Field \"%s\" needs a number, found the end of the input.",
							 name);
			SYNTAX_ERROR(str, "Field \"%s\" needs a number, found \"%s\".", name, at);
			break;
		case EC_LIT_EMO_RANGE:
			INPUT_ERROR((errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value out of range for type emotion: \"%s\"", str),
						 errdetail_field_range(err.field, err.lo)));
			break;
		case EC_LIT_EMO_CLOSE:
			SYNTAX_ERROR(str, "Missing \")\" at the end of the input.");
			break;
		case EC_LIT_EMO_SEPARATOR:
			SYNTAX_ERROR(str, "Expected \",\" or \")\" after the value of field \"%s\", found \"%s\".",
						 name, at);
			break;
		case EC_LIT_EMO_JUNK:
			SYNTAX_ERROR(str, "Unexpected characters after \")\": \"%s\".", at);
			break;
		default:
			break;
	}
	elog(ERROR, "unexpected emotion literal status %d", (int) err.kind);
	PG_RETURN_NULL();			/* keep the compiler quiet */
}

PG_FUNCTION_INFO_V1(emotion_out);
Datum
emotion_out(PG_FUNCTION_ARGS)
{
	char		buf[EC_EMOTION_TEXT_LEN];

	ec_emotion_format(PG_GETARG_EMOTION_P(0), emotion_float_text, buf);
	PG_RETURN_CSTRING(pstrdup(buf));
}

/* ---------------------------------------------------------------------
 * Binary I/O: the eleven fields as float4, in storage order
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(emotion_recv);
Datum
emotion_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Emotion    *result = (Emotion *) palloc0(EMOTION_SIZE);
	int			i;

	for (i = 0; i < EMOTION_NFIELDS; i++)
		*field_ptr(result, i) = pq_getmsgfloat4(buf);
	emotion_normalize(result);
	emotion_check(result, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE);
	PG_RETURN_EMOTION_P(result);
}

PG_FUNCTION_INFO_V1(emotion_send);
Datum
emotion_send(PG_FUNCTION_ARGS)
{
	Emotion    *e = PG_GETARG_EMOTION_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	for (i = 0; i < EMOTION_NFIELDS; i++)
		pq_sendfloat4(&buf, field_get(e, i));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * jsonb casts
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(emotion_to_jsonb);
Datum
emotion_to_jsonb(PG_FUNCTION_ARGS)
{
	Emotion    *e = PG_GETARG_EMOTION_P(0);
	StringInfoData buf;
	char		num[FLOAT_SHORTEST_DECIMAL_LEN + 8];
	int			i;

	/* the shortest decimals make exact jsonb numbers; jsonb_in parses them */
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (i = 0; i < EMOTION_NFIELDS; i++)
	{
		float		v = field_get(e, i);

		if (isnan(v) || isinf(v))
			elog(ERROR, "emotion value with a non-finite field");
		appendStringInfo(&buf, "%s\"%s\": %s", i > 0 ? ", " : "",
						 field_name(i), float_text(v == 0.0f ? 0.0f : v, num));
	}
	appendStringInfoChar(&buf, '}');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
}

static const char *
jsonb_type_name(enum jbvType type)
{
	switch (type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "string";
		case jbvNumeric:
			return "number";
		case jbvBool:
			return "boolean";
		case jbvArray:
			return "array";
		case jbvObject:
			return "object";
		case jbvBinary:
			return "array or object";
		default:
			return "unknown";
	}
}

PG_FUNCTION_INFO_V1(jsonb_to_emotion);
Datum
jsonb_to_emotion(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	Emotion    *result = (Emotion *) palloc0(EMOTION_SIZE);
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			field = -1;

	if (!JB_ROOT_IS_OBJECT(jb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot cast jsonb %s to type emotion",
						JB_ROOT_IS_SCALAR(jb) ? "scalar" : "array"),
				 errdetail("Expected an object such as {\"valence\": 0.5, \"joy\": 0.4}.")));

	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			field = field_lookup(v.val.string.val, v.val.string.len);
			if (field < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("cannot cast jsonb to type emotion"),
						 errdetail("Unknown key \"%.*s\". Valid keys are: " EMOTION_FIELD_LIST ".",
								   v.val.string.len, v.val.string.val)));
		}
		else if (tok == WJB_VALUE)
		{
			double		d;

			Assert(field >= 0);
			if (v.type != jbvNumeric)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("cannot cast jsonb to type emotion"),
						 errdetail("Key \"%s\" must be a number, not %s.",
								   field_name(field), jsonb_type_name(v.type))));
			d = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
												   NumericGetDatum(v.val.numeric)));
			field_set_double(result, field, d);
			if (!field_valid(field, field_get(result, field)))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value out of range for type emotion"),
						 errdetail_field_range(field, field_get(result, field))));
		}
	}
	emotion_normalize(result);
	PG_RETURN_EMOTION_P(result);
}

/* ---------------------------------------------------------------------
 * Field access
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(emotion_field);
Datum
emotion_field(PG_FUNCTION_ARGS)
{
	Emotion    *e = PG_GETARG_EMOTION_P(0);
	text	   *name = PG_GETARG_TEXT_PP(1);
	int			field = field_lookup(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));

	if (field < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown emotion field \"%s\"", text_to_cstring(name)),
				 errdetail("Valid fields are: " EMOTION_FIELD_LIST ".")));
	PG_RETURN_FLOAT8(emotion_float8(field_get(e, field)));
}

PG_FUNCTION_INFO_V1(emotion_valence);
Datum
emotion_valence(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(emotion_float8(PG_GETARG_EMOTION_P(0)->valence));
}

PG_FUNCTION_INFO_V1(emotion_arousal);
Datum
emotion_arousal(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(emotion_float8(PG_GETARG_EMOTION_P(0)->arousal));
}

PG_FUNCTION_INFO_V1(emotion_evidence);
Datum
emotion_evidence(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(emotion_float8(PG_GETARG_EMOTION_P(0)->evidence));
}

/* ---------------------------------------------------------------------
 * Comparison (lexicographic over the eleven fields) and hashing
 * ---------------------------------------------------------------------
 */

static int
emotion_cmp_internal(const Emotion *a, const Emotion *b)
{
	int			i;

	for (i = 0; i < EMOTION_NFIELDS; i++)
	{
		float		x = field_get(a, i);
		float		y = field_get(b, i);

		if (x < y)
			return -1;
		if (x > y)
			return 1;
	}
	return 0;
}

#define EMOTION_CMP_FUNC(fname, expr) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	int			c = emotion_cmp_internal(PG_GETARG_EMOTION_P(0), \
										 PG_GETARG_EMOTION_P(1)); \
	PG_RETURN_BOOL(expr); \
}

EMOTION_CMP_FUNC(emotion_eq, c == 0)
EMOTION_CMP_FUNC(emotion_ne, c != 0)
EMOTION_CMP_FUNC(emotion_lt, c < 0)
EMOTION_CMP_FUNC(emotion_le, c <= 0)
EMOTION_CMP_FUNC(emotion_gt, c > 0)
EMOTION_CMP_FUNC(emotion_ge, c >= 0)

PG_FUNCTION_INFO_V1(emotion_cmp);
Datum
emotion_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(emotion_cmp_internal(PG_GETARG_EMOTION_P(0),
										 PG_GETARG_EMOTION_P(1)));
}

/* hash a copy without negative zeros, so that hashing agrees with = */
PG_FUNCTION_INFO_V1(emotion_hash);
Datum
emotion_hash(PG_FUNCTION_ARGS)
{
	Emotion		e;

	memcpy(&e, PG_GETARG_EMOTION_P(0), EMOTION_SIZE);
	emotion_normalize(&e);
	return hash_any((const unsigned char *) &e, EMOTION_SIZE);
}

PG_FUNCTION_INFO_V1(emotion_hash_extended);
Datum
emotion_hash_extended(PG_FUNCTION_ARGS)
{
	Emotion		e;

	memcpy(&e, PG_GETARG_EMOTION_P(0), EMOTION_SIZE);
	emotion_normalize(&e);
	return hash_any_extended((const unsigned char *) &e, EMOTION_SIZE,
							 PG_GETARG_INT64(1));
}

/* ---------------------------------------------------------------------
 * Arithmetic and distance
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(emotion_add);
Datum
emotion_add(PG_FUNCTION_ARGS)
{
	Emotion    *a = PG_GETARG_EMOTION_P(0);
	Emotion    *b = PG_GETARG_EMOTION_P(1);
	Emotion    *result = (Emotion *) palloc0(EMOTION_SIZE);
	int			i;

	for (i = 0; i < EMOTION_NFIELDS; i++)
		field_set_double(result, i,
						 (double) field_get(a, i) + (double) field_get(b, i));
	emotion_normalize(result);
	emotion_check(result, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE);
	PG_RETURN_EMOTION_P(result);
}

static Emotion *
emotion_scale(const Emotion *e, double factor)
{
	Emotion    *result;
	int			i;

	if (isnan(factor) || isinf(factor) || factor < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot multiply an emotion by %g", factor),
				 errdetail("The factor must be a finite number greater than or equal to 0.")));

	result = (Emotion *) palloc0(EMOTION_SIZE);
	for (i = 0; i < EMOTION_NFIELDS; i++)
		field_set_double(result, i, (double) field_get(e, i) * factor);
	emotion_normalize(result);
	emotion_check(result, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE);
	return result;
}

PG_FUNCTION_INFO_V1(emotion_mul);
Datum
emotion_mul(PG_FUNCTION_ARGS)
{
	PG_RETURN_EMOTION_P(emotion_scale(PG_GETARG_EMOTION_P(0), PG_GETARG_FLOAT8(1)));
}

PG_FUNCTION_INFO_V1(float8_mul_emotion);
Datum
float8_mul_emotion(PG_FUNCTION_ARGS)
{
	PG_RETURN_EMOTION_P(emotion_scale(PG_GETARG_EMOTION_P(1), PG_GETARG_FLOAT8(0)));
}

PG_FUNCTION_INFO_V1(emotion_dist);
Datum
emotion_dist(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(emotion_distance(PG_GETARG_EMOTION_P(0),
									  PG_GETARG_EMOTION_P(1)));
}
