/*
 * emotion_crm.h -- shared declarations of the PostgreSQL glue.
 */
#ifndef EMOTION_CRM_H
#define EMOTION_CRM_H

#include "postgres.h"
#include "fmgr.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"				/* VARDATA_ANY & co. left postgres.h in 16 */
#endif

/* PostgreSQL 18 replaced pg_attribute_noreturn() by a leading pg_noreturn */
#ifndef pg_attribute_noreturn
#ifdef __GNUC__
#define pg_attribute_noreturn() __attribute__((noreturn))
#else
#define pg_attribute_noreturn()
#endif
#endif

#include "core/emocore.h"

/*
 * The SQL type `emotion`: fixed length, INTERNALLENGTH = 44, ALIGNMENT = int4,
 * passed by reference.  Same layout as the core's EcScore.
 */
typedef EcScore Emotion;

#define EMOTION_SIZE	((int) sizeof(Emotion))
#define EMOTION_NDIMS	10		/* valence, arousal, 8 emotions: what <-> measures */

#define DatumGetEmotionP(X)		((Emotion *) DatumGetPointer(X))
#define EmotionPGetDatum(X)		PointerGetDatum(X)
#define PG_GETARG_EMOTION_P(n)	DatumGetEmotionP(PG_GETARG_DATUM(n))
#define PG_RETURN_EMOTION_P(x)	return EmotionPGetDatum(x)

/* dimension i of an emotion as a 10-vector: 0 valence, 1 arousal, 2.. emotions */
static inline float
emotion_dim(const Emotion *e, int i)
{
	return i == 0 ? e->valence : (i == 1 ? e->arousal : e->emo[i - 2]);
}

/* emotion_type.c */
extern const char *const emotion_dim_names[EMOTION_NDIMS];
extern int	emotion_dim_lookup(const char *name, int len);	/* -1 if unknown */
extern void emotion_check(const Emotion *e, int errcode_for_range);	/* ereport if invalid */
extern double emotion_distance(const Emotion *a, const Emotion *b);
extern void emotion_normalize(Emotion *e);	/* -0 -> 0 in every field */
extern double emotion_float8(float f);	/* float4 field as the float8 of its shortest decimal */
extern void emotion_float_text(float f, char *buf);	/* shortest exact text (EcFloatText) */

/* scoring.c: score / explain a text with options (NULL: English, no overlay) */
extern void ec_score_text(text *t, const EcOptions *opts, EcScore *out,
						  EcExplainFn explain, void *explain_arg);
extern void ec_explain_text(FunctionCallInfo fcinfo, text *t, const EcOptions *opts);

/*
 * scoring.c: helpers for every caller of the core.
 *
 * ec_env_init: an EcEnv that allocates in cxt (huge allocations allowed,
 * pfree to free) and checks for interrupts with CHECK_FOR_INTERRUPTS.  The
 * env holds nothing but cxt, so an object that keeps a copy of it (an
 * EcOverlay) stays valid as long as cxt.
 */
extern void ec_env_init(EcEnv *env, MemoryContext cxt);

/* true if s[0..len) has no byte >= 0x80 */
extern bool ec_is_ascii(const char *s, size_t len);

/*
 * Bytes in the database encoding as UTF-8 for the core: NULL if they can be
 * used as they are (UTF8 or SQL_ASCII database, pure ASCII), else a palloc'd
 * converted copy, with *len set to its length.
 */
extern char *ec_to_utf8(const char *data, size_t *len);

/* ereport a core status other than EC_OK; verb: "scoring", "tokenizing" */
extern void ec_report_status(EcStatus status, const char *verb, size_t len);

/*
 * Set up fcinfo's result set for materialize mode.  scalar: the function
 * returns SETOF a scalar type (row descriptor from the caller, blessed);
 * else SETOF a row type (descriptor from the function's result type).
 */
extern void ec_init_srf(FunctionCallInfo fcinfo, bool scalar);

/*
 * Back from UTF-8 to the database encoding: ec_db_conv_init looks up the
 * conversion once, ec_utf8_to_db converts a token.  A character the
 * database encoding lacks becomes "U+XXXX" (escape true), or makes the
 * result NULL (escape false; before PG 14, which has no non-throwing
 * conversion, it raises the conversion error instead).
 */
typedef struct EcDbConv
{
	int			encoding;		/* database encoding */
	Oid			conv_proc;		/* UTF8 -> database encoding, if needed */
} EcDbConv;

extern void ec_db_conv_init(EcDbConv *conv);
extern text *ec_utf8_to_db(const EcDbConv *conv, const char *s, size_t len,
						   bool escape);

/*
 * lexicon_overlay.c: EcOptions for a lexicon name (user lexicon or built-in
 * language code; NULL = built-in only) and a language code (NULL = the
 * lexicon's, or the setting emotion_crm.language); ereports unknown names.
 */
extern void ec_resolve_lexicon(text *lexicon, text *language, EcOptions *opts);

/* per-file initialisation called from _PG_init (module.c) */
extern void ec_journey_init(void);
extern void ec_lexicon_init(void);	/* lexicon_overlay.c */

#endif							/* EMOTION_CRM_H */
