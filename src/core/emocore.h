/*
 * emocore.h -- the pure-C emotion scoring core.
 *
 * No PostgreSQL headers may be included from src/core/.  The core is used by
 * the PostgreSQL glue (the .c files in src), the unit-test runner (test/core), the fuzz
 * targets and the command-line scorer.
 *
 * Memory and interrupts go through EcEnv so the server can use palloc and
 * CHECK_FOR_INTERRUPTS (which may longjmp out of the core: the core therefore
 * must keep every allocation it makes reachable only through env->alloc, so a
 * memory-context reset cleans up after an error).
 */
#ifndef EMOCORE_H
#define EMOCORE_H

#include <stddef.h>
#include <stdint.h>

#define EC_NUM_EMOTIONS 8

/* Plutchik's eight, in the order used everywhere (type layout, text form, jsonb) */
typedef enum EcEmotion
{
	EC_JOY = 0,
	EC_TRUST,
	EC_FEAR,
	EC_SURPRISE,
	EC_SADNESS,
	EC_DISGUST,
	EC_ANGER,
	EC_ANTICIPATION
} EcEmotion;

extern const char *const ec_emotion_names[EC_NUM_EMOTIONS];

/*
 * A score.  Identical in layout to the SQL type `emotion` (44 bytes, float4
 * fields, 4-byte alignment): the glue stores an EcScore as the datum.
 *   valence   [-1, 1]   negative .. positive feeling
 *   arousal   [0, 1]    calm .. agitated
 *   emo[i]    [0, 1]    intensity of each Plutchik emotion
 *   evidence  [0, EC_MAX_EVIDENCE]  how much scoring material the text held:
 *             the sum of |weight| of every contributing cue after rules.
 *             0 means "no emotional words at all" (neutral by absence),
 *             which differs from a balanced text (valence 0, evidence > 0).
 */
typedef struct EcScore
{
	float		valence;
	float		arousal;
	float		emo[EC_NUM_EMOTIONS];
	float		evidence;
} EcScore;

#define EC_MAX_EVIDENCE 1.0e9f

/* Rules that can fire on one contribution (bit flags, see ec_rule_names) */
#define EC_RULE_NEGATED		0x0001
#define EC_RULE_BOOSTED		0x0002
#define EC_RULE_DAMPENED	0x0004
#define EC_RULE_CONTRAST	0x0008	/* weight changed by but/however/although */
#define EC_RULE_CAPS		0x0010
#define EC_RULE_EXCLAIM		0x0020	/* "!" or "?!" emphasis */
#define EC_RULE_EMOJI		0x0040	/* token is an emoji or emoticon */
#define EC_RULE_PHRASE		0x0080	/* multi-word phrase or idiom */
#define EC_RULE_CUE			0x0100	/* customer-service cue ("still waiting") */
#define EC_RULE_QUESTION	0x0200	/* dampened by a question */
#define EC_NUM_RULES		10

extern const char *const ec_rule_names[EC_NUM_RULES];	/* "negated", ... in bit order */

/* One contributing token or phrase, passed to an explain callback */
typedef struct EcContribution
{
	const char *token;			/* case-folded UTF-8 text of the token/phrase */
	size_t		token_len;		/* valid only during the callback */
	size_t		byte_offset;	/* offset of its first byte in the input */
	int			position;		/* 1-based index of its first word token */
	float		base_valence;	/* lexicon valence, [-1, 1] */
	float		valence;		/* after rules */
	unsigned	rules;			/* EC_RULE_* */
	float		emo[EC_NUM_EMOTIONS];	/* emotion intensity it adds, after rules */
} EcContribution;

typedef void (*EcExplainFn) (void *arg, const EcContribution *c);

typedef struct EcEnv
{
	/* allocation; must return memory or not return at all (server: palloc) */
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*free) (void *ctx, void *ptr);
	void	   *alloc_ctx;
	/* called regularly in long loops; may longjmp (server: CHECK_FOR_INTERRUPTS) */
	void		(*check_interrupts) (void *ctx);
	void	   *interrupt_ctx;
} EcEnv;

typedef enum EcStatus
{
	EC_OK = 0,
	EC_ERR_NOMEM,				/* allocator returned NULL */
	EC_ERR_ICU,					/* ICU reported an error */
	EC_ERR_TERM					/* ec_overlay_add: not a usable term */
} EcStatus;

/*
 * Languages with a compiled-in lexicon.  English is the default and the only
 * language of the one-argument SQL functions (which are IMMUTABLE).
 */
typedef enum EcLanguage
{
	EC_LANG_EN = 0,
	EC_LANG_ES,
	EC_LANG_DE,
	EC_LANG_FR,
	EC_LANG_PT,
	EC_NUM_LANGUAGES
} EcLanguage;

/* "en", "es", "de", "fr", "pt" (case-insensitive) -> EcLanguage; -1 if unknown */
extern int	ec_language_lookup(const char *code, size_t len);
extern const char *const ec_language_codes[EC_NUM_LANGUAGES];

/*
 * A user lexicon overlay: entries that replace or add to the built-in
 * lexicon of one language.  Built at run time (e.g. from a settings table),
 * read-only once built, so one overlay may serve many ec_score_utf8 calls.
 * All memory comes from env->alloc; ec_overlay_free releases it (or the
 * server simply resets the memory context that holds it).
 */
typedef struct EcOverlay EcOverlay;

extern EcOverlay *ec_overlay_create(const EcEnv *env);

/*
 * Add a term: one word or a phrase of 2..6 words (separated by spaces).  The
 * term is tokenized and case folded exactly as text is, so "Can't" and
 * "can’t" name the same entry.  valence in [-1, 1]; emo[i] in [0, 1].  A later
 * add of the same term replaces the earlier one.  Returns EC_ERR_TERM for a
 * term that yields no word tokens or more than 6, holds numbers, URLs or
 * punctuation, is longer than 255 bytes once folded, or whose valence or
 * emotions are out of range (or NaN); EC_ERR_NOMEM if env->alloc returned
 * NULL.  Not thread-safe while the overlay is being used for scoring.
 */
extern EcStatus ec_overlay_add(EcOverlay *ov, const char *term, size_t len,
							   float valence, const float emo[EC_NUM_EMOTIONS]);
extern size_t ec_overlay_size(const EcOverlay *ov);
extern void ec_overlay_free(EcOverlay *ov);

/*
 * Options of one scoring call; NULL means English, no overlay.  A language
 * out of range is taken as English.
 */
typedef struct EcOptions
{
	EcLanguage	language;
	const EcOverlay *overlay;	/* may be NULL; looked up before the built-in lexicon */
} EcOptions;


/* an EcEnv using malloc/free and no interrupt checks, for tools and tests */
extern const EcEnv ec_default_env;

/*
 * Score `len` bytes of UTF-8.  Any byte sequence is accepted: invalid UTF-8
 * bytes act as separators and never score.  `explain` may be NULL.
 * Empty or whitespace-only text gives an all-zero score with evidence 0.
 */
extern EcStatus ec_score_utf8(const EcEnv *env, const EcOptions *opts,
							  const char *text, size_t len,
							  EcScore *out, EcExplainFn explain, void *explain_arg);

/*
 * The tokens the scorer sees, for callers that want to count or learn from
 * them (e.g. fitting a user lexicon).  Kinds are the EC_TOKEN_* values;
 * `token` is the case-folded (NFKC_Casefold) text for words, numbers, emoji
 * and emoticons, the raw bytes for URLs, e-mail addresses and mentions, and
 * the raw punctuation run for punctuation; valid only during the callback.
 * Line breaks are not reported.
 */
#define EC_TOKEN_WORD		1
#define EC_TOKEN_NUMBER		2
#define EC_TOKEN_URL		3
#define EC_TOKEN_EMAIL		4
#define EC_TOKEN_MENTION	5
#define EC_TOKEN_EMOTICON	6
#define EC_TOKEN_EMOJI		7
#define EC_TOKEN_PUNCT		8

typedef struct EcTokenInfo
{
	int			kind;			/* EC_TOKEN_* */
	const char *token;
	size_t		token_len;		/* 0 for a word longer than 64 bytes */
	size_t		byte_offset;	/* offset of its first byte in the input */
	size_t		byte_len;		/* its length in the input */
	int			position;		/* 1-based, as in EcContribution (0 for punctuation) */
	int			caps;			/* word in ALL CAPS (2+ upper-case letters, no lower) */
} EcTokenInfo;

typedef void (*EcTokenFn) (void *arg, const EcTokenInfo *t);

/* Call fn for every token of `len` bytes of UTF-8 (any bytes accepted) */
extern EcStatus ec_tokenize_utf8(const EcEnv *env, const char *text, size_t len,
								 EcTokenFn fn, void *arg);

/* Version string of the compiled-in lexicon, e.g. "2026.11.1" */
extern const char *ec_lexicon_version(void);

/* Number of entries in the compiled-in lexicon, all languages (for docs and tests) */
extern size_t ec_lexicon_size(void);

/* Number of entries in one language's compiled-in table (emoji included) */
extern size_t ec_lexicon_size_lang(EcLanguage lang);

#endif							/* EMOCORE_H */
