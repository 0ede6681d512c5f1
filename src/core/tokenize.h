/*
 * tokenize.h -- the core's tokenizer: an ASCII fast path and an ICU path
 * that give identical tokens on ASCII input.
 */
#ifndef EC_TOKENIZE_H
#define EC_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "core/emocore.h"

/* longest word (in bytes) that is folded and looked up; longer never scores */
#define EC_MAX_WORD		64

/* the same values as EC_TOKEN_* in emocore.h */
typedef enum EcTokKind
{
	EC_TK_WORD = 1,				/* has at least one letter */
	EC_TK_NUMBER,				/* digits only (with . , between digits) */
	EC_TK_URL,
	EC_TK_EMAIL,
	EC_TK_MENTION,
	EC_TK_EMOTICON,				/* ASCII emoticon from the lexicon */
	EC_TK_EMOJI,				/* emoji code point (modifiers stripped) */
	EC_TK_PUNCT,				/* , ; : or a run of . ! ? */
	EC_TK_BREAK					/* line break */
} EcTokKind;

typedef struct EcToken
{
	uint8_t		kind;			/* EcTokKind */
	uint8_t		caps;			/* word: >= 2 upper-case letters, no lower;
								 * EC_CAPS_UNKNOWN: see ec_tok_caps() */
	uint8_t		punct;			/* PUNCT: ',' ';' ':' (clause), '.' (sentence end) */
	uint8_t		nexcl;			/* PUNCT '.': number of '!' in the run */
	uint8_t		nquest;			/* PUNCT '.': number of '?' in the run */
	uint8_t		flen;			/* length of folded text (0 if too long) */
	uint16_t	foff;			/* offset of folded text in the fold buffer */
	uint16_t	rlen;			/* bytes in the input (at most 65535) */
	uint32_t	hash;			/* FNV-1a of the folded text */
	size_t		offset;			/* byte offset in the input */
} EcToken;

typedef struct EcTokenizer
{
	const char *text;
	size_t		len;
	size_t		pos;
	EcStatus	status;			/* EC_ERR_ICU if ICU failed */
	void	   *bi;				/* ICU break iterator (UBreakIterator *), set up
								 * on the first word that needs it */
	size_t		icu_limit;		/* cached ubrk boundary */
} EcTokenizer;

/* non-zero: send every word through the ICU path, even pure-ASCII ones
 * (for the differential tests, the fuzz target and emotion-score -i) */
extern int	ec_force_icu;

#define EC_CAPS_UNKNOWN	2

/* is an ASCII-path word in caps?  (counted from its input bytes) */
extern int	ec_tok_caps_ascii(const char *text, const EcToken *t);

static inline int
ec_tok_caps(const char *text, const EcToken *t)
{
	if (t->caps != EC_CAPS_UNKNOWN)
		return t->caps;
	/* most words start with a lower-case letter: not caps */
	if ((unsigned) ((unsigned char) text[t->offset] - 'a') < 26u)
		return 0;
	return ec_tok_caps_ascii(text, t);
}

/* prepare to tokenize */
extern EcStatus ec_tok_begin(EcTokenizer *tz, const char *text, size_t len);
extern void ec_tok_end(EcTokenizer *tz);

/* does the text hold a lower-case letter (any script)? */
extern int	ec_text_has_lower(const char *text, size_t len);

/*
 * Next token; its folded text goes to fold (the caller guarantees at least
 * EC_MAX_WORD + 8 bytes of room there).  Returns 0 at the end of the text or
 * on an ICU error (then tz->status is set).
 */
extern int	ec_tok_next(EcTokenizer *tz, EcToken *t, char *fold);

/*
 * Up to max tokens, stopping after a sentence end (a run of . ! ?, a line
 * break) or when fold (foldcap bytes, *fused used) could not take another
 * word; sets each token's foff.  Returns the number of tokens, 0 at the end
 * of the text or on an ICU error.
 */
extern int	ec_tok_sentence(EcTokenizer *tz, EcToken *toks, int max, char *fold,
							size_t foldcap, size_t *fused);

#endif							/* EC_TOKENIZE_H */
