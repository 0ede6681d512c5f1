/*
 * lexicon_overlay.c -- user lexicons and languages on the SQL side:
 * emotion_score(text, lexicon [, language]), sentiment(...),
 * emotion_explain(...), the GUC emotion_crm.language, the per-backend cache
 * of compiled overlays and the trigger that invalidates it.
 *
 * A user lexicon is a row of emotion_crm.lexicons plus its rows in
 * emotion_crm.lexicon_entries.  The first call that names a user lexicon
 * reads the list of lexicons (name, language) with SPI into a hash table;
 * a lexicon's entries are compiled into a core EcOverlay the first time it
 * is used.  Everything lives in a memory context under CacheMemoryContext.
 *
 * Invalidation: a statement-level trigger on both settings tables sends a
 * relcache invalidation for the table; the relcache callback registered
 * here bumps a generation counter when it fires for one of the two tables
 * (or for all relations), in this backend and every other one.  The cache
 * is dropped at the next lookup.  Each call site keeps its resolved
 * EcOptions in fn_extra together with the generation it was resolved in, so
 * a row costs a generation check and a comparison of the argument bytes.
 *
 * The cache is built with a fresh snapshot (like the catalog caches): it
 * reflects the latest committed state plus this transaction's own changes,
 * even inside a REPEATABLE READ transaction.  In a parallel query, which may
 * not take snapshots, leader and workers read with the query's snapshot.
 */
#include "emotion_crm.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

/* ---------------------------------------------------------------------
 * GUC emotion_crm.language
 * ---------------------------------------------------------------------
 */

static char *ec_language_guc = NULL;
static int	ec_default_language = EC_LANG_EN;

/* "en, es, de, fr, pt" */
static char *
language_list(void)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < EC_NUM_LANGUAGES; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", ec_language_codes[i]);
	return buf.data;
}

static bool
check_language(char **newval, void **extra, GucSource source)
{
	int			lang;
	int		   *myextra;

	if (*newval == NULL)
		return false;
	lang = ec_language_lookup(*newval, strlen(*newval));
	if (lang < 0)
	{
		GUC_check_errdetail("Supported languages: %s.", language_list());
		return false;
	}
	/* extra must come from the GUC allocator (plain malloc before 16) */
#if PG_VERSION_NUM >= 160000
	myextra = (int *) guc_malloc(LOG, sizeof(int));
#else
	myextra = (int *) malloc(sizeof(int));
#endif
	if (myextra == NULL)
		return false;
	*myextra = lang;
	*extra = myextra;
	return true;
}

static void
assign_language(const char *newval, void *extra)
{
	ec_default_language = *((int *) extra);
}

/* ---------------------------------------------------------------------
 * The cache
 * ---------------------------------------------------------------------
 */

#define LEXICON_NAME_MAX	NAMEDATALEN /* names are at most 63 bytes (CHECK) */

typedef struct LexiconEntry
{
	char		name[LEXICON_NAME_MAX]; /* hash key */
	EcLanguage	language;
	EcOverlay  *overlay;		/* NULL until first used */
} LexiconEntry;

static MemoryContext lex_cxt = NULL;
static HTAB *lex_hash = NULL;	/* NULL: not loaded */
static uint64 lex_generation = 1;	/* bumped by every invalidation */
static bool lex_stale = false;	/* drop lex_hash before the next lookup */
static Oid	lexicons_relid = InvalidOid;
static Oid	entries_relid = InvalidOid;

static void
lexicon_relcache_callback(Datum arg, Oid relid)
{
	/*
	 * Only flag: this may run in the middle of a lookup (SPI locks the
	 * tables, which accepts invalidation messages).
	 */
	if (relid == InvalidOid || relid == lexicons_relid || relid == entries_relid ||
		!OidIsValid(lexicons_relid))
	{
		lex_generation++;
		lex_stale = true;
	}
}

static void
lookup_relids(void)
{
	Oid			nsp = get_namespace_oid("emotion_crm", true);

	if (!OidIsValid(nsp))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_SCHEMA),
				 errmsg("schema \"emotion_crm\" does not exist"),
				 errhint("CREATE EXTENSION emotion_crm creates it.")));
	lexicons_relid = get_relname_relid("lexicons", nsp);
	entries_relid = get_relname_relid("lexicon_entries", nsp);
	if (!OidIsValid(lexicons_relid) || !OidIsValid(entries_relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the lexicon tables emotion_crm.lexicons and emotion_crm.lexicon_entries do not exist")));
}

/*
 * The snapshot to read the lexicon tables with: the latest one, like the
 * catalog caches; in a parallel query (leader or worker), where no new
 * snapshot may be taken, the query's own.
 */
static Snapshot
lexicon_snapshot(void)
{
	if (IsInParallelMode())
		return GetActiveSnapshot();
	return GetLatestSnapshot();
}

/* drop a stale cache; (re)load the list of lexicons if not loaded */
static void
load_lexicon_list(void)
{
	HASHCTL		ctl;
	HTAB	   *hash;
	uint64		i;
	int			rc;

	if (lex_stale)
	{
		lex_hash = NULL;
		lexicons_relid = entries_relid = InvalidOid;
		if (lex_cxt != NULL)
			MemoryContextReset(lex_cxt);
		lex_stale = false;
	}
	if (lex_hash != NULL)
		return;

	if (lex_cxt == NULL)
		lex_cxt = AllocSetContextCreate(CacheMemoryContext,
										"emotion_crm lexicons",
										ALLOCSET_DEFAULT_SIZES);
	lookup_relids();

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = LEXICON_NAME_MAX;
	ctl.entrysize = sizeof(LexiconEntry);
	ctl.hcxt = lex_cxt;
	/* NUL-terminated string keys (the default before HASH_STRINGS, 14) */
#if PG_VERSION_NUM >= 140000
	hash = hash_create("emotion_crm lexicons", 16, &ctl,
					   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
#else
	hash = hash_create("emotion_crm lexicons", 16, &ctl, HASH_ELEM | HASH_CONTEXT);
#endif

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	PushActiveSnapshot(lexicon_snapshot());
	rc = SPI_execute("SELECT name, language FROM emotion_crm.lexicons", true, 0);
	PopActiveSnapshot();
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading emotion_crm.lexicons failed: %s", SPI_result_code_string(rc));

	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *name = SPI_getvalue(tup, desc, 1);
		char	   *lang = SPI_getvalue(tup, desc, 2);
		LexiconEntry *e;
		int			l;

		if (name == NULL || strlen(name) >= LEXICON_NAME_MAX)
			continue;			/* the CHECK constraint forbids these */
		l = lang ? ec_language_lookup(lang, strlen(lang)) : -1;
		if (l < 0)
			l = EC_LANG_EN;		/* the CHECK constraint forbids this too */
		e = (LexiconEntry *) hash_search(hash, name, HASH_ENTER, NULL);
		e->language = (EcLanguage) l;
		e->overlay = NULL;
	}
	SPI_finish();
	lex_hash = hash;
}

/* compile the entries of lexicon e into an overlay */
/*
 * Add a term stored in the database encoding: the core reads UTF-8, so a
 * term of a LATIN1 or EUC_JP database is converted first (like the texts
 * it is matched against).  Terms are loaded in Unicode code point order
 * (convert_to(term, 'UTF8')), so when two terms fold to the same key the
 * same one wins in every database encoding.
 */
static EcStatus
overlay_add_db(EcOverlay *ov, text *term, float valence,
			   const float emo[EC_NUM_EMOTIONS])
{
	const char *data = VARDATA_ANY(term);
	size_t		len = VARSIZE_ANY_EXHDR(term);
	char	   *converted = ec_to_utf8(data, &len);
	EcStatus	st;

	st = ec_overlay_add(ov, converted != NULL ? converted : data, len, valence, emo);
	if (converted != NULL)
		pfree(converted);
	return st;
}

static void
compile_overlay(LexiconEntry *e)
{
	MemoryContext cxt;
	EcEnv		env;
	EcOverlay  *ov;
	Datum		arg;
	uint64		i;
	uint64		skipped = 0;
	int			rc;

	/*
	 * Build in a context under the caller's, moved under lex_cxt only when
	 * complete: an error (or cancel) half-way leaves nothing in the cache.
	 */
	cxt = AllocSetContextCreate(CurrentMemoryContext,
								"emotion_crm lexicon overlay",
								ALLOCSET_DEFAULT_SIZES);
	ec_env_init(&env, cxt);
	ov = ec_overlay_create(&env);
	if (ov == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	arg = CStringGetTextDatum(e->name);
	PushActiveSnapshot(lexicon_snapshot());
	rc = SPI_execute_with_args("SELECT term, valence, joy, trust, fear, surprise,"
							   " sadness, disgust, anger, anticipation"
							   " FROM emotion_crm.lexicon_entries WHERE lexicon = $1"
							   " ORDER BY pg_catalog.convert_to(term, 'UTF8')",
							   1, (Oid[]) {TEXTOID}, &arg, NULL, true, 0);
	PopActiveSnapshot();
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading emotion_crm.lexicon_entries failed: %s", SPI_result_code_string(rc));

	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		d;
		text	   *term;
		float		valence;
		float		emo[EC_NUM_EMOTIONS];
		int			k;
		EcStatus	st;

		d = SPI_getbinval(tup, desc, 1, &isnull);
		if (isnull)
			continue;
		term = DatumGetTextPP(d);
		d = SPI_getbinval(tup, desc, 2, &isnull);
		valence = isnull ? 0.0f : DatumGetFloat4(d);
		for (k = 0; k < EC_NUM_EMOTIONS; k++)
		{
			d = SPI_getbinval(tup, desc, 3 + k, &isnull);
			emo[k] = isnull ? 0.0f : DatumGetFloat4(d);
		}
		st = overlay_add_db(ov, term, valence, emo);
		if (st == EC_ERR_TERM)
			skipped++;
		else if (st == EC_ERR_NOMEM)
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
		else if (st != EC_OK)
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("could not compile lexicon \"%s\"", e->name)));
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	SPI_finish();

	if (skipped > 0)
		ereport(WARNING,
				(errmsg("lexicon \"%s\": %llu terms skipped (no word, or more than 6 words)",
						e->name, (unsigned long long) skipped)));

	MemoryContextSetParent(cxt, lex_cxt);
	e->overlay = ov;
}

static int
cmp_cstring(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* user lexicon names in byte order, for error details: "acme, beta" or "none" */
static char *
user_lexicon_list(void)
{
	StringInfoData buf;
	HASH_SEQ_STATUS seq;
	LexiconEntry *e;
	const char **names;
	long		n = 0;
	long		i;

	if (lex_hash == NULL || hash_get_num_entries(lex_hash) == 0)
		return "none";
	names = palloc(sizeof(char *) * hash_get_num_entries(lex_hash));
	hash_seq_init(&seq, lex_hash);
	while ((e = (LexiconEntry *) hash_seq_search(&seq)) != NULL)
		names[n++] = e->name;
	qsort(names, n, sizeof(char *), cmp_cstring);
	initStringInfo(&buf);
	for (i = 0; i < n && i < 20; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", names[i]);
	if (n > 20)
		appendStringInfo(&buf, " and %ld more", n - 20);
	return buf.data;
}

/* ---------------------------------------------------------------------
 * Resolving (lexicon, language) arguments to EcOptions
 * ---------------------------------------------------------------------
 */

static int
language_arg(const char *s, int len)
{
	int			lang = ec_language_lookup(s, (size_t) len);

	if (lang < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown language \"%.*s\"", len, s),
				 errdetail("Supported languages: %s.", language_list()),
				 errhint("Pass NULL to use the lexicon's language or the setting emotion_crm.language.")));
	return lang;
}

/*
 * Options for lexicon (NULL: built-in only) and language (NULL: the
 * lexicon's, or emotion_crm.language).  Exported for other SQL functions
 * that take a lexicon argument.  The overlay stays valid until the next
 * call of this function after an invalidation (so: use it, then resolve
 * again for the next statement or row).
 */
void
ec_resolve_lexicon(text *lexicon, text *language, EcOptions *opts)
{
	const char *lname;
	int			llen;
	int			builtin;
	char		key[LEXICON_NAME_MAX];
	LexiconEntry *e;

	opts->overlay = NULL;
	if (lexicon == NULL)
	{
		opts->language = language ?
			(EcLanguage) language_arg(VARDATA_ANY(language), VARSIZE_ANY_EXHDR(language)) :
			(EcLanguage) ec_default_language;
		return;
	}

	lname = VARDATA_ANY(lexicon);
	llen = VARSIZE_ANY_EXHDR(lexicon);
	builtin = ec_language_lookup(lname, (size_t) llen);
	if (builtin >= 0)
	{
		/* a built-in language code names that language's built-in lexicon */
		if (language != NULL &&
			language_arg(VARDATA_ANY(language), VARSIZE_ANY_EXHDR(language)) != builtin)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("lexicon \"%.*s\" is the built-in lexicon of language \"%s\"",
							llen, lname, ec_language_codes[builtin]),
					 errhint("Pass language NULL or \"%s\", or name a user lexicon.",
							 ec_language_codes[builtin])));
		opts->language = (EcLanguage) builtin;
		return;
	}

	/*
	 * Take in changes committed by other sessions, as a new transaction
	 * would: a statement inside a transaction that already holds a lock on
	 * the lexicon tables does not otherwise see their invalidations.  This
	 * runs once per call site and statement, not per row.
	 */
	AcceptInvalidationMessages();
	load_lexicon_list();
	e = NULL;
	if (llen < LEXICON_NAME_MAX && memchr(lname, '\0', llen) == NULL)
	{
		memcpy(key, lname, llen);
		key[llen] = '\0';
		e = (LexiconEntry *) hash_search(lex_hash, key, HASH_FIND, NULL);
	}
	if (e == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("lexicon \"%.*s\" does not exist", llen, lname),
				 errdetail("User lexicons: %s.  Built-in lexicons: %s.",
						   user_lexicon_list(), language_list()),
				 errhint("Pass NULL for the built-in lexicon; add user lexicons to emotion_crm.lexicons.")));
	if (e->overlay == NULL)
		compile_overlay(e);
	/* an empty lexicon scores like none: skip the overlay lookups */
	opts->overlay = ec_overlay_size(e->overlay) > 0 ? e->overlay : NULL;
	opts->language = language ?
		(EcLanguage) language_arg(VARDATA_ANY(language), VARSIZE_ANY_EXHDR(language)) :
		e->language;
}

/* per call site: the arguments last resolved and what they resolved to */
typedef struct CallCache
{
	uint64		generation;
	bool		valid;
	bool		lex_null;
	bool		lang_null;
	int			lex_len;
	int			lang_len;
	char		lex[LEXICON_NAME_MAX];
	char		lang[8];
	EcOptions	opts;
} CallCache;

static inline bool
same_arg(bool was_null, const char *was, int was_len, text *now)
{
	if (now == NULL)
		return was_null;
	return !was_null && (int) VARSIZE_ANY_EXHDR(now) == was_len &&
		memcmp(VARDATA_ANY(now), was, was_len) == 0;
}

static void
remember_arg(bool *is_null, char *buf, int *buf_len, int bufsize, text *arg)
{
	*is_null = (arg == NULL);
	*buf_len = -1;				/* never matches: not remembered */
	if (arg != NULL && (int) VARSIZE_ANY_EXHDR(arg) <= bufsize)
	{
		*buf_len = VARSIZE_ANY_EXHDR(arg);
		memcpy(buf, VARDATA_ANY(arg), *buf_len);
	}
}

/* the options for this call, from fn_extra when the arguments are unchanged */
static const EcOptions *
call_options(FunctionCallInfo fcinfo, int lex_argno, int lang_argno, EcOptions *tmp)
{
	CallCache  *cc = (CallCache *) fcinfo->flinfo->fn_extra;
	text	   *lex = PG_ARGISNULL(lex_argno) ? NULL : PG_GETARG_TEXT_PP(lex_argno);
	text	   *lang = (lang_argno < 0 || PG_ARGISNULL(lang_argno)) ? NULL :
		PG_GETARG_TEXT_PP(lang_argno);
	uint64		gen;

	/* built-in only, language from the setting: nothing to cache */
	if (lex == NULL && lang == NULL)
	{
		tmp->overlay = NULL;
		tmp->language = (EcLanguage) ec_default_language;
		return tmp;
	}

	if (cc == NULL)
	{
		cc = (CallCache *) MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CallCache));
		fcinfo->flinfo->fn_extra = cc;
	}
	if (cc->valid && cc->generation == lex_generation &&
		same_arg(cc->lex_null, cc->lex, cc->lex_len, lex) &&
		same_arg(cc->lang_null, cc->lang, cc->lang_len, lang))
		return &cc->opts;

	/*
	 * The generation before resolving: an invalidation that arrives while
	 * the overlay is being built makes the next call resolve again.
	 */
	gen = lex_generation;
	cc->valid = false;
	ec_resolve_lexicon(lex, lang, &cc->opts);
	cc->generation = gen;
	cc->valid = true;
	remember_arg(&cc->lex_null, cc->lex, &cc->lex_len, sizeof(cc->lex), lex);
	remember_arg(&cc->lang_null, cc->lang, &cc->lang_len, sizeof(cc->lang), lang);
	return &cc->opts;
}

/* ---------------------------------------------------------------------
 * SQL functions
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(emotion_score_lexicon);
Datum
emotion_score_lexicon(PG_FUNCTION_ARGS)
{
	EcOptions	tmp;
	const EcOptions *opts;
	Emotion    *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	opts = call_options(fcinfo, 1, PG_NARGS() > 2 ? 2 : -1, &tmp);
	result = (Emotion *) palloc0(EMOTION_SIZE);
	ec_score_text(PG_GETARG_TEXT_PP(0), opts, result, NULL, NULL);
	PG_RETURN_EMOTION_P(result);
}

PG_FUNCTION_INFO_V1(emotion_sentiment_lexicon);
Datum
emotion_sentiment_lexicon(PG_FUNCTION_ARGS)
{
	EcOptions	tmp;
	const EcOptions *opts;
	EcScore		score;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	opts = call_options(fcinfo, 1, PG_NARGS() > 2 ? 2 : -1, &tmp);
	ec_score_text(PG_GETARG_TEXT_PP(0), opts, &score, NULL, NULL);
	PG_RETURN_FLOAT8(emotion_float8(score.valence));
}

PG_FUNCTION_INFO_V1(emotion_explain_lexicon);
Datum
emotion_explain_lexicon(PG_FUNCTION_ARGS)
{
	EcOptions	tmp;
	const EcOptions *opts;

	opts = call_options(fcinfo, 1, PG_NARGS() > 2 ? 2 : -1, &tmp);
	/* NULL text: no rows */
	ec_explain_text(fcinfo, PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0), opts);
	return (Datum) 0;
}

/* CHECK constraint helper: does the core accept this term? */
PG_FUNCTION_INFO_V1(emotion_lexicon_term_ok);
Datum
emotion_lexicon_term_ok(PG_FUNCTION_ARGS)
{
	text	   *term = PG_GETARG_TEXT_PP(0);
	EcEnv		env;
	EcOverlay  *ov;
	EcStatus	st;
	float		emo[EC_NUM_EMOTIONS] = {0};
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "emotion_crm term check",
											  ALLOCSET_SMALL_SIZES);

	ec_env_init(&env, cxt);
	ov = ec_overlay_create(&env);
	if (ov == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	st = overlay_add_db(ov, term, 0.0f, emo);
	MemoryContextDelete(cxt);
	if (st == EC_ERR_NOMEM)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	PG_RETURN_BOOL(st == EC_OK);
}

/* is this a built-in language code? (for the CHECK constraints) */
PG_FUNCTION_INFO_V1(emotion_language_ok);
Datum
emotion_language_ok(PG_FUNCTION_ARGS)
{
	text	   *code = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(ec_language_lookup(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code)) >= 0);
}

/*
 * Statement-level trigger on the lexicon tables: tell every backend (this
 * one included, at the next command) to drop its compiled lexicons.
 */
PG_FUNCTION_INFO_V1(emotion_lexicon_invalidate);
Datum
emotion_lexicon_invalidate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("emotion_crm.lexicon_invalidate() must be called as a trigger")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}

void
ec_lexicon_init(void)
{
	DefineCustomStringVariable("emotion_crm.language",
							   "Language of the built-in lexicon used when no lexicon or language is given.",
							   "One of en, es, de, fr, pt.  The one-argument scoring functions always use English.",
							   &ec_language_guc,
							   "en",
							   PGC_USERSET,
							   0,
							   check_language,
							   assign_language,
							   NULL);
	CacheRegisterRelcacheCallback(lexicon_relcache_callback, (Datum) 0);
}
