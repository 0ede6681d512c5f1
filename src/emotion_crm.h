/*
 * emotion_crm.h -- shared declarations of the PostgreSQL glue.
 */
#ifndef EMOTION_CRM_H
#define EMOTION_CRM_H

#include "postgres.h"
#include "fmgr.h"

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

/* scoring.c: score / explain a text with options (NULL: English, no overlay) */
extern void ec_score_text(text *t, const EcOptions *opts, EcScore *out,
						  EcExplainFn explain, void *explain_arg);
extern void ec_explain_text(FunctionCallInfo fcinfo, text *t, const EcOptions *opts);

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
