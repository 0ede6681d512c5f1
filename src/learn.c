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

#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

typedef struct TokenState
{
	Tuplestorestate *tupstore;
	TupleDesc	tupdesc;
	EcDbConv	conv;			/* UTF8 -> database encoding */
	MemoryContext rowcxt;		/* reset after each token */
} TokenState;

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

#if PG_VERSION_NUM < 140000
	/* PG 13 has no non-throwing conversion: emoji never fit a non-Unicode encoding */
	if (t->kind == EC_TOKEN_EMOJI &&
		st->conv.encoding != PG_UTF8 && st->conv.encoding != PG_SQL_ASCII &&
		!ec_is_ascii(t->token, t->token_len))
		return;
#endif

	oldcxt = MemoryContextSwitchTo(st->rowcxt);
	/* NULL: the database encoding cannot represent the token */
	tok = ec_utf8_to_db(&st->conv, t->token, t->token_len, false);
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
	char	   *converted;
	TokenState	st;
	EcEnv		env;
	MemoryContext corecxt;
	EcStatus	status;

	ec_init_srf(fcinfo, true);

	st.tupstore = rsinfo->setResult;
	st.tupdesc = rsinfo->setDesc;
	ec_db_conv_init(&st.conv);

	converted = ec_to_utf8(data, &len);
	if (converted != NULL)
		data = converted;

	st.rowcxt = AllocSetContextCreate(CurrentMemoryContext,
									  "emotion_crm tokens row",
									  ALLOCSET_SMALL_SIZES);
	corecxt = AllocSetContextCreate(CurrentMemoryContext,
									"emotion_crm tokens",
									ALLOCSET_DEFAULT_SIZES);
	ec_env_init(&env, corecxt);

	status = ec_tokenize_utf8(&env, data, len, token_callback, &st);

	MemoryContextDelete(corecxt);
	MemoryContextDelete(st.rowcxt);
	if (converted != NULL)
		pfree(converted);
	PG_FREE_IF_COPY(t, 0);

	ec_report_status(status, "tokenizing", len);
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
