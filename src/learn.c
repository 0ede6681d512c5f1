/*
 * learn.c -- emotion_crm.tokens(text): the tokens the scorer sees, for
 * learning user lexicons from a CRM's own outcomes (learn_lexicon in SQL).
 *
 * The tokens come from the core's tokenizer (ec_tokenize_utf8), so a term
 * learned from them is exactly a term the scorer looks up: words, emoji and
 * emoticons, case folded (NFKC_Casefold) the way the scorer folds them.
 * Numbers, URLs, e-mail addresses, @mentions and punctuation never carry
 * lexicon weight and are left out, as are words longer than the scorer's
 * 64-byte limit.  Tokenization does not depend on the language.
 *
 * Text from a database in another encoding is converted to UTF-8 first;
 * tokens are returned in the database encoding.  A token the database
 * encoding cannot represent (an emoji in a LATIN1 database) is skipped: it
 * could not be stored as a lexicon term either.
 *
 * Also emotion_crm.bonferroni_z(alpha, tests), the default z threshold of
 * learn_lexicon.
 */
#include "emotion_crm.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

typedef struct TokenState
{
	Tuplestorestate *tupstore;
	TupleDesc	tupdesc;
	int			encoding;		/* database encoding */
	Oid			conv_proc;		/* UTF8 -> database encoding, if needed */
	MemoryContext rowcxt;		/* reset after each token */
} TokenState;

static void *
learn_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) ctx, size);
}

static void
learn_free(void *ctx, void *ptr)
{
	if (ptr != NULL)
		pfree(ptr);
}

static void
learn_check_interrupts(void *ctx)
{
	CHECK_FOR_INTERRUPTS();
}

static bool
ascii_only(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if ((unsigned char) s[i] & 0x80)
			return false;
	return true;
}

/*
 * The token in the database encoding, or NULL when that encoding cannot
 * represent it.
 */
static text *
token_in_db_encoding(TokenState *st, const EcTokenInfo *t)
{
	if (st->encoding == PG_UTF8 || st->encoding == PG_SQL_ASCII ||
		ascii_only(t->token, t->token_len))
		return cstring_to_text_with_len(t->token, (int) t->token_len);

#if PG_VERSION_NUM >= 140000
	if (OidIsValid(st->conv_proc))
	{
		unsigned char *dst = palloc(t->token_len * MAX_CONVERSION_GROWTH + 1);
		int			done;

		done = pg_do_encoding_conversion_buf(st->conv_proc, PG_UTF8,
											 st->encoding,
											 (unsigned char *) t->token,
											 (int) t->token_len,
											 dst, (int) (t->token_len * MAX_CONVERSION_GROWTH + 1),
											 true);
		if (done == (int) t->token_len)
			return cstring_to_text((char *) dst);
	}
	return NULL;
#else
	/* PG 13 has no non-throwing conversion: emoji never fit a non-Unicode encoding */
	if (t->kind == EC_TOKEN_EMOJI)
		return NULL;
	return cstring_to_text(pg_any_to_server(t->token, (int) t->token_len, PG_UTF8));
#endif
}

static void
token_callback(void *arg, const EcTokenInfo *t)
{
	TokenState *st = (TokenState *) arg;
	MemoryContext oldcxt;
	text	   *tok;

	if (t->kind != EC_TOKEN_WORD && t->kind != EC_TOKEN_EMOJI &&
		t->kind != EC_TOKEN_EMOTICON)
		return;
	if (t->token_len == 0)
		return;					/* a word too long to be looked up */

	oldcxt = MemoryContextSwitchTo(st->rowcxt);
	tok = token_in_db_encoding(st, t);
	if (tok != NULL)
	{
		Datum		value = PointerGetDatum(tok);
		bool		isnull = false;

		tuplestore_putvalues(st->tupstore, st->tupdesc, &value, &isnull);
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextReset(st->rowcxt);
}

PG_FUNCTION_INFO_V1(emotion_tokens);
Datum
emotion_tokens(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *data = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	char	   *converted = NULL;
	TokenState	st;
	EcEnv		env;
	MemoryContext corecxt;
	EcStatus	status;

#if PG_VERSION_NUM >= 150001
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC | MAT_SRF_BLESS);
#else
	{
		MemoryContext oldcxt;

		if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("set-valued function called in context that cannot accept a set")));
		if (!(rsinfo->allowedModes & SFRM_Materialize))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("materialize mode required, but it is not allowed in this context")));
		oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
		rsinfo->returnMode = SFRM_Materialize;
		rsinfo->setResult = tuplestore_begin_heap(false, false, work_mem);
		rsinfo->setDesc = CreateTemplateTupleDesc(1);
		TupleDescInitEntry(rsinfo->setDesc, (AttrNumber) 1, "token", TEXTOID, -1, 0);
		rsinfo->setDesc = BlessTupleDesc(rsinfo->setDesc);
		MemoryContextSwitchTo(oldcxt);
	}
#endif

	st.tupstore = rsinfo->setResult;
	st.tupdesc = rsinfo->setDesc;
	st.encoding = GetDatabaseEncoding();
	st.conv_proc = InvalidOid;
	if (st.encoding != PG_UTF8 && st.encoding != PG_SQL_ASCII)
		st.conv_proc = FindDefaultConversionProc(PG_UTF8, st.encoding);

	if (st.encoding != PG_UTF8 && st.encoding != PG_SQL_ASCII && !ascii_only(data, len))
	{
		converted = pg_server_to_any(data, (int) len, PG_UTF8);
		if (converted != data)
		{
			data = converted;
			len = strlen(converted);
		}
		else
			converted = NULL;
	}

	st.rowcxt = AllocSetContextCreate(CurrentMemoryContext,
									  "emotion_crm tokens row",
									  ALLOCSET_SMALL_SIZES);
	corecxt = AllocSetContextCreate(CurrentMemoryContext,
									"emotion_crm tokens",
									ALLOCSET_DEFAULT_SIZES);
	memset(&env, 0, sizeof(env));
	env.alloc = learn_alloc;
	env.free = learn_free;
	env.alloc_ctx = corecxt;
	env.check_interrupts = learn_check_interrupts;

	status = ec_tokenize_utf8(&env, data, len, token_callback, &st);

	MemoryContextDelete(corecxt);
	MemoryContextDelete(st.rowcxt);
	if (converted != NULL)
		pfree(converted);
	PG_FREE_IF_COPY(t, 0);

	switch (status)
	{
		case EC_OK:
			break;
		case EC_ERR_NOMEM:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory while tokenizing a text of %zu bytes", len)));
			break;
		case EC_ERR_ICU:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("ICU failed while tokenizing a text")));
			break;
		default:
			elog(ERROR, "emotion_crm core returned unknown status %d", (int) status);
	}
	return (Datum) 0;
}

/*
 * emotion_crm.bonferroni_z(alpha, tests): the z such that a two-sided
 * normal test at level alpha / tests rejects exactly when |z| exceeds it,
 * i.e. P(|Z| > z) = alpha / tests.  Found by bisection on the upper tail
 * 0.5 * erfc(z / sqrt 2), which stays exact for the tiny tail probabilities
 * of many tests.
 */
PG_FUNCTION_INFO_V1(emotion_bonferroni_z);
Datum
emotion_bonferroni_z(PG_FUNCTION_ARGS)
{
	float8		alpha = PG_GETARG_FLOAT8(0);
	int64		tests = PG_GETARG_INT64(1);
	double		tail;
	double		lo = 0.0;
	double		hi = 40.0;
	int			i;

	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("alpha must be between 0 and 1, exclusive")));
	if (tests < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of tests must be at least 1")));

	tail = alpha / (double) tests / 2.0;	/* one side of the two-sided test */
	for (i = 0; i < 200 && hi - lo > 1e-13; i++)
	{
		double		mid = (lo + hi) / 2.0;

		if (0.5 * erfc(mid / sqrt(2.0)) > tail)
			lo = mid;
		else
			hi = mid;
	}
	PG_RETURN_FLOAT8((lo + hi) / 2.0);
}
