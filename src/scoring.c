/*
 * scoring.c -- SQL functions around the pure-C scoring core:
 * emotion_score(text), sentiment(text), emotion_explain(text) and
 * emotion_crm_version().  ec_score_text and ec_explain_text take EcOptions
 * (language, user lexicon) for the variants in lexicon_overlay.c; the
 * one-argument functions pass NULL: English, built-in lexicon only.
 *
 * The core reads UTF-8.  Text from a database in another encoding is
 * converted first, so the same characters give the same score everywhere;
 * SQL_ASCII databases pass their bytes through unchanged (the core treats
 * bytes that are not valid UTF-8 as separators).
 *
 * The core allocates through palloc in a memory context of its own that is
 * deleted after each call, and checks for interrupts through
 * CHECK_FOR_INTERRUPTS, so statement_timeout and cancel stop the scoring of
 * a huge text.
 */
#include "emotion_crm.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

/* the Makefile passes -DEC_EXTENSION_VERSION=\"$(EXTVERSION)\" */
#ifndef EC_EXTENSION_VERSION
#error "EC_EXTENSION_VERSION must be defined by the Makefile"
#endif

/* ---------------------------------------------------------------------
 * The environment the core runs in
 * ---------------------------------------------------------------------
 */

static void *
ec_pg_alloc(void *ctx, size_t size)
{
	/* huge allocations: buffers for a text of hundreds of MB may exceed 1 GB */
	return MemoryContextAllocHuge((MemoryContext) ctx, size);
}

static void
ec_pg_free(void *ctx, void *ptr)
{
	if (ptr != NULL)
		pfree(ptr);
}

static void
ec_pg_check_interrupts(void *ctx)
{
	CHECK_FOR_INTERRUPTS();
}

void
ec_env_init(EcEnv *env, MemoryContext cxt)
{
	memset(env, 0, sizeof(*env));
	env->alloc = ec_pg_alloc;
	env->free = ec_pg_free;
	env->alloc_ctx = cxt;
	env->check_interrupts = ec_pg_check_interrupts;
	env->interrupt_ctx = NULL;
}

/*
 * For scoring, memory the core asks for comes from a context created on its
 * first request (the core needs none for ordinary texts, so most calls skip
 * the context entirely) and deleted after the call.
 */
typedef struct ScoreMemory
{
	MemoryContext parent;
	MemoryContext cxt;			/* NULL until the core allocates */
} ScoreMemory;

static void *
score_alloc(void *ctx, size_t size)
{
	ScoreMemory *mem = (ScoreMemory *) ctx;

	if (mem->cxt == NULL)
		mem->cxt = AllocSetContextCreate(mem->parent,
										 "emotion_crm scoring",
										 ALLOCSET_DEFAULT_SIZES);
	return ec_pg_alloc(mem->cxt, size);
}

bool
ec_is_ascii(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	const unsigned char *end = p + len;
	unsigned char acc = 0;

	while (p < end)
		acc |= *p++;
	return (acc & 0x80) == 0;
}

char *
ec_to_utf8(const char *data, size_t *len)
{
	int			enc = GetDatabaseEncoding();
	char	   *converted;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII || ec_is_ascii(data, *len))
		return NULL;
	converted = pg_server_to_any(data, (int) *len, PG_UTF8);
	if (converted == data)
		return NULL;			/* nothing was converted after all */
	*len = strlen(converted);
	return converted;
}

/* len: the length of the (UTF-8) text the core was given */
void
ec_report_status(EcStatus status, const char *verb, size_t len)
{
	switch (status)
	{
		case EC_OK:
			break;
		case EC_ERR_NOMEM:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory while %s a text of %zu bytes", verb, len)));
			break;
		case EC_ERR_ICU:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("ICU failed while %s a text", verb)));
			break;
		default:
			elog(ERROR, "emotion_crm core returned unknown status %d", (int) status);
	}
}

/*
 * Score a text with the core.  The text is converted to UTF-8 if the
 * database encoding is neither UTF8 nor SQL_ASCII.  What the core allocates
 * lives in a context deleted before returning (or, on error, with its
 * parent, the caller's context); the converted copy is freed too.
 */
void
ec_score_text(text *t, const EcOptions *opts, EcScore *out,
			  EcExplainFn explain, void *explain_arg)
{
	const char *data = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	char	   *converted = ec_to_utf8(data, &len);
	ScoreMemory mem;
	EcEnv		env;
	EcStatus	status;

	if (converted != NULL)
		data = converted;

	mem.parent = CurrentMemoryContext;
	mem.cxt = NULL;
	ec_env_init(&env, NULL);
	env.alloc = score_alloc;
	env.alloc_ctx = &mem;

	status = ec_score_utf8(&env, opts, data, len, out, explain, explain_arg);

	if (mem.cxt != NULL)
		MemoryContextDelete(mem.cxt);
	if (converted != NULL)
		pfree(converted);

	ec_report_status(status, "scoring", len);

	emotion_normalize(out);
	emotion_check(out, ERRCODE_INTERNAL_ERROR);
}

/* ---------------------------------------------------------------------
 * Result sets and tokens in the database encoding
 * ---------------------------------------------------------------------
 */

void
ec_init_srf(FunctionCallInfo fcinfo, bool scalar)
{
	/* InitMaterializedSRF appeared in 15.1 (15.0 called it SetSingleFuncCall) */
#if PG_VERSION_NUM >= 150001
	InitMaterializedSRF(fcinfo, scalar ? (MAT_SRF_USE_EXPECTED_DESC | MAT_SRF_BLESS) : 0);
#else
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	tupdesc;
	MemoryContext oldcxt;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (!(rsinfo->allowedModes & SFRM_Materialize) ||
		(scalar && rsinfo->expectedDesc == NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	if (scalar)
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(rsinfo->expectedDesc));
	else
	{
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		tupdesc = CreateTupleDescCopy(tupdesc);
	}
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tuplestore_begin_heap(false, false, work_mem);
	rsinfo->setDesc = tupdesc;
	MemoryContextSwitchTo(oldcxt);
#endif
}

void
ec_db_conv_init(EcDbConv *conv)
{
	conv->encoding = GetDatabaseEncoding();
	conv->conv_proc = InvalidOid;
	if (conv->encoding != PG_UTF8 && conv->encoding != PG_SQL_ASCII)
		conv->conv_proc = FindDefaultConversionProc(PG_UTF8, conv->encoding);
}

static void
append_codepoint_escape(StringInfo buf, const unsigned char *p, int len)
{
	if (len > 0 && pg_utf8_islegal(p, len))
		appendStringInfo(buf, "U+%04X", (unsigned) utf8_to_unicode(p));
	else
		appendStringInfo(buf, "\\x%02X", (unsigned) *p);
}

/*
 * Converted character by character, so that only the characters the
 * database encoding lacks are escaped (an emoji in a LATIN1 database).
 */
text *
ec_utf8_to_db(const EcDbConv *conv, const char *s, size_t len, bool escape)
{
	StringInfoData buf;
	const unsigned char *src = (const unsigned char *) s;
	const unsigned char *end = src + len;

	if (conv->encoding == PG_UTF8 || conv->encoding == PG_SQL_ASCII ||
		ec_is_ascii(s, len))
		return cstring_to_text_with_len(s, (int) len);

#if PG_VERSION_NUM < 140000
	if (!escape)
		return cstring_to_text(pg_any_to_server(s, (int) len, PG_UTF8));
#endif

	initStringInfo(&buf);
	while (src < end)
	{
		int			clen;

		if (*src < 0x80)
		{
			appendStringInfoChar(&buf, (char) *src++);
			continue;
		}
		clen = pg_utf_mblen(src);
		if (clen > end - src)
			clen = (int) (end - src);

#if PG_VERSION_NUM >= 140000
		if (OidIsValid(conv->conv_proc) && pg_utf8_islegal(src, clen))
		{
			unsigned char dst[MAX_CONVERSION_GROWTH * 4 + 1];
			int			done;

			done = pg_do_encoding_conversion_buf(conv->conv_proc, PG_UTF8,
												 conv->encoding,
												 (unsigned char *) src, clen,
												 dst, sizeof(dst), true);
			if (done == clen)
			{
				appendStringInfoString(&buf, (char *) dst);
				src += clen;
				continue;
			}
		}
#endif
		if (!escape)
		{
			pfree(buf.data);
			return NULL;
		}
		/* PG 13 has no non-throwing conversion: escape every non-ASCII character */
		append_codepoint_escape(&buf, src, clen);
		src += clen;
	}
	return cstring_to_text_with_len(buf.data, buf.len);
}

/* ---------------------------------------------------------------------
 * emotion_score, sentiment
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(emotion_score);
Datum
emotion_score(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	Emotion    *result = (Emotion *) palloc0(EMOTION_SIZE);

	ec_score_text(t, NULL, result, NULL, NULL);
	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_EMOTION_P(result);
}

PG_FUNCTION_INFO_V1(emotion_sentiment);
Datum
emotion_sentiment(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	EcScore		score;

	ec_score_text(t, NULL, &score, NULL, NULL);
	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_FLOAT8(emotion_float8(score.valence));
}

/* ---------------------------------------------------------------------
 * emotion_explain
 * ---------------------------------------------------------------------
 */

typedef struct ExplainState
{
	Tuplestorestate *tupstore;
	TupleDesc	tupdesc;
	EcDbConv	conv;			/* UTF8 -> database encoding */
	MemoryContext rowcxt;		/* reset after each row */
} ExplainState;

static char *
float_shortest(float f, char *buf)
{
	if (f == 0.0f)
		f = 0.0f;
	float_to_shortest_decimal_buf(f, buf);
	return buf;
}

static void
explain_callback(void *arg, const EcContribution *c)
{
	ExplainState *st = (ExplainState *) arg;
	Datum		values[6];
	bool		nulls[6] = {false};
	Datum		rules[EC_NUM_RULES];
	int			nrules = 0;
	StringInfoData emo;
	char		num[FLOAT_SHORTEST_DECIMAL_LEN];
	bool		first = true;
	int			i;
	MemoryContext oldcxt = MemoryContextSwitchTo(st->rowcxt);

	for (i = 0; i < EC_NUM_RULES; i++)
		if (c->rules & (1u << i))
			rules[nrules++] = CStringGetTextDatum(ec_rule_names[i]);

	initStringInfo(&emo);
	appendStringInfoChar(&emo, '{');
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
	{
		if (c->emo[i] == 0.0f || isnan(c->emo[i]) || isinf(c->emo[i]))
			continue;
		appendStringInfo(&emo, "%s\"%s\": %s", first ? "" : ", ",
						 emotion_dim_names[i + 2], float_shortest(c->emo[i], num));
		first = false;
	}
	appendStringInfoChar(&emo, '}');

	values[0] = PointerGetDatum(ec_utf8_to_db(&st->conv, c->token, c->token_len, true));
	values[1] = Int32GetDatum(c->position);
	values[2] = Float8GetDatum(emotion_float8(c->base_valence == 0.0f ? 0.0f : c->base_valence));
	values[3] = Float8GetDatum(emotion_float8(c->valence == 0.0f ? 0.0f : c->valence));
	values[4] = PointerGetDatum(construct_array(rules, nrules, TEXTOID, -1, false, TYPALIGN_INT));
	values[5] = DirectFunctionCall1(jsonb_in, CStringGetDatum(emo.data));

	/* the tuplestore copies the row into its own memory */
	tuplestore_putvalues(st->tupstore, st->tupdesc, values, nulls);
	MemoryContextSwitchTo(oldcxt);
	MemoryContextReset(st->rowcxt);
}

/*
 * The rows of emotion_explain for text t scored with opts (NULL: English,
 * no overlay), materialized into fcinfo's result set.  t NULL: no rows.
 */
void
ec_explain_text(FunctionCallInfo fcinfo, text *t, const EcOptions *opts)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ExplainState st;
	EcScore		score;

	ec_init_srf(fcinfo, false);

	if (t == NULL)
		return;
	st.tupstore = rsinfo->setResult;
	st.tupdesc = rsinfo->setDesc;
	ec_db_conv_init(&st.conv);
	st.rowcxt = AllocSetContextCreate(CurrentMemoryContext,
									  "emotion_explain row",
									  ALLOCSET_SMALL_SIZES);

	ec_score_text(t, opts, &score, explain_callback, &st);
	MemoryContextDelete(st.rowcxt);
}

PG_FUNCTION_INFO_V1(emotion_explain);
Datum
emotion_explain(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	ec_explain_text(fcinfo, t, NULL);
	PG_FREE_IF_COPY(t, 0);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * emotion_crm_version
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(emotion_crm_version);
Datum
emotion_crm_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("emotion_crm %s, lexicon %s (%zu entries)",
											  EC_EXTENSION_VERSION,
											  ec_lexicon_version(),
											  ec_lexicon_size())));
}
