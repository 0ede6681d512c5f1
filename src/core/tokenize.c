/*
 * tokenize.c -- split UTF-8 text into the tokens the scorer uses.
 *
 * Two paths share the recognisers for URLs, e-mail addresses, @mentions,
 * ASCII emoticons and punctuation (all of which are ASCII patterns):
 *
 *  - the ASCII fast path: a pure-ASCII word (a curly apostrophe between two
 *    ASCII letters allowed) is scanned and folded with a byte table;
 *  - the ICU path, for a word with any other non-ASCII character: its end
 *    comes from an ICU UBRK_WORD break iterator over a UTF-8 UText, its
 *    letters/digits/marks from ICU character properties, and it is folded
 *    with ICU's NFKC_Casefold normaliser (NFKC plus full case folding, so
 *    "Ｇｒｅａｔ", "café" with a combining accent and "CAFÉ" all become the
 *    lexicon's form; u_strFoldCase if that normaliser is unavailable).
 *    Emoji are found with the Extended_Pictographic property.
 *
 * Both apply the same word rule (letters, digits, combining marks and format
 * characters; an apostrophe only between two letters; '.' or ',' only
 * between two digits), and ICU never breaks inside such a run of ASCII, so
 * an ASCII word gives the same token on either path: test/core checks this
 * on generated ASCII and mixed texts against ec_force_icu, which sends every
 * word through ICU.
 * Invalid UTF-8 bytes are separators.
 */
#include "core/tokenize.h"
#include "core/lexicon.h"

#include <stdint.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <unicode/uversion.h>

int			ec_force_icu = 0;

/* one break iterator per thread, reused (it is only ever pointed at the text
 * being scored, so an error longjmp out of the core leaves nothing to free) */
static __thread UBreakIterator *ec_cached_bi = NULL;

static inline int
a_alpha(unsigned c)
{
	return ((c | 0x20) - 'a') < 26u;
}

static inline int
a_digit(unsigned c)
{
	return (c - '0') < 10u;
}

static inline int
a_alnum(unsigned c)
{
	return a_alpha(c) || a_digit(c);
}

/* switch to the ICU path: point the (cached) break iterator at the text */
static int
start_icu(EcTokenizer *tz)
{
	UErrorCode	st = U_ZERO_ERROR;
	UText	   *ut;
	UText		utbuf = UTEXT_INITIALIZER;

	if (ec_cached_bi == NULL)
	{
		ec_cached_bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
		if (U_FAILURE(st))
		{
			ec_cached_bi = NULL;
			tz->status = EC_ERR_ICU;
			return 0;
		}
	}
	ut = utext_openUTF8(&utbuf, tz->text, (int64_t) tz->len, &st);
	if (U_FAILURE(st))
	{
		tz->status = EC_ERR_ICU;
		return 0;
	}
	/* the iterator keeps its own shallow clone of the UText */
	ubrk_setUText(ec_cached_bi, ut, &st);
	utext_close(ut);
	if (U_FAILURE(st))
	{
		tz->status = EC_ERR_ICU;
		return 0;
	}
	tz->bi = ec_cached_bi;
	tz->icu_limit = 0;
	return 1;
}

/*
 * The ASCII path runs until the first byte >= 0x80; from there on the ICU
 * path takes over for every word that is not pure ASCII (a word that touches
 * a non-ASCII byte is re-scanned by ICU).  Since both paths agree on ASCII
 * words, this gives the same tokens as running the ICU path over every word,
 * which is what ec_force_icu does.
 */
EcStatus
ec_tok_begin(EcTokenizer *tz, const char *text, size_t len)
{
	tz->text = text;
	tz->len = len;
	tz->pos = 0;
	tz->bi = NULL;
	tz->icu_limit = 0;
	tz->status = EC_OK;
	if (ec_force_icu && !start_icu(tz))
		return tz->status;
	return EC_OK;
}

int
ec_text_has_lower(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t		i = 0;

	while (i < len)
	{
		unsigned	c = s[i];

		if (c < 0x80)
		{
			if ((c - 'a') < 26u)
				return 1;
			i++;
		}
		else
		{
			UChar32		cp;
			int32_t		k = 0;
			int32_t		n = (int32_t) ((len - i) > 4 ? 4 : (len - i));

			U8_NEXT(s + i, k, n, cp);
			if (cp >= 0 && u_islower(cp))
				return 1;
			i += k > 0 ? (size_t) k : 1;
		}
	}
	return 0;
}

void
ec_tok_end(EcTokenizer *tz)
{
	tz->bi = NULL;
}

/* ---- recognisers shared by both paths -------------------------------- */

static size_t
match_url(const unsigned char *s, size_t p, size_t len)
{
	size_t		q;
	static const char trail[] = ".,;:!?)]}'\"";

	if (len - p >= 8 && (s[p] | 0x20) == 'h' && (s[p + 1] | 0x20) == 't' &&
		(s[p + 2] | 0x20) == 't' && (s[p + 3] | 0x20) == 'p')
	{
		q = p + 4;
		if ((s[q] | 0x20) == 's')
			q++;
		if (len - q < 3 || s[q] != ':' || s[q + 1] != '/' || s[q + 2] != '/')
			return 0;
		q += 3;
	}
	else if (len - p >= 5 && (s[p] | 0x20) == 'w' && (s[p + 1] | 0x20) == 'w' &&
			 (s[p + 2] | 0x20) == 'w' && s[p + 3] == '.' && a_alnum(s[p + 4]))
		q = p + 4;
	else
		return 0;
	while (q < len && s[q] > 0x20 && s[q] != 0x7f && s[q] != '<' &&
		   s[q] != '>' && s[q] != '"')
		q++;
	while (q > p + 4 && strchr(trail, s[q - 1]) != NULL)
		q--;
	return q - p;
}

static inline int
email_local(unsigned c)
{
	return a_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static size_t
match_email(const unsigned char *s, size_t p, size_t len)
{
	size_t		q = p,
				end;
	int			labels = 0;

	while (q < len && email_local(s[q]))
		q++;
	if (q >= len || s[q] != '@' || q == p)
		return 0;
	q++;
	end = 0;
	for (;;)
	{
		size_t		l = q;

		while (q < len && (a_alnum(s[q]) || s[q] == '-'))
			q++;
		if (q == l)
			break;
		labels++;
		end = q;
		if (q + 1 < len && s[q] == '.' && a_alnum(s[q + 1]))
			q++;
		else
			break;
	}
	if (labels < 2)
		return 0;
	return end - p;
}

static size_t
match_mention(const unsigned char *s, size_t p, size_t len)
{
	size_t		q = p + 1;

	if (q >= len || !(a_alnum(s[q]) || s[q] == '_'))
		return 0;
	while (q < len)
	{
		if (a_alnum(s[q]) || s[q] == '_')
			q++;
		else if ((s[q] == '.' || s[q] == '-') && q + 1 < len &&
				 (a_alnum(s[q + 1]) || s[q + 1] == '_'))
			q++;
		else
			break;
	}
	return q - p;
}

static size_t
match_emoticon(const unsigned char *s, size_t p, size_t len)
{
	unsigned	i = ec_emoticon_first[s[p]];

	if (i == 0)
		return 0;
	for (i = i - 1; i < ec_num_emoticons; i++)
	{
		const EcEmoticon *m = &ec_emoticons[i];
		const unsigned char *ms = (const unsigned char *) m->str;

		if (ms[0] != s[p])
			break;
		if (m->len > len - p || (m->len > 1 && ms[1] != s[p + 1]) ||
			memcmp(ms, s + p, m->len) != 0)
			continue;
		if (a_alnum(ms[0]) && p > 0 && a_alnum(s[p - 1]))
			continue;
		if (a_alnum(ms[m->len - 1]) && p + m->len < len && a_alnum(s[p + m->len]))
			continue;
		return m->len;
	}
	return 0;
}

/* a run of . ! ? , or one of , ; : */
static size_t
scan_punct(const unsigned char *s, size_t p, size_t len, EcToken *t)
{
	unsigned	c = s[p];
	size_t		q = p;
	unsigned	ne = 0,
				nq = 0,
				nd = 0;

	if (c == ',' || c == ';' || c == ':')
	{
		t->kind = EC_TK_PUNCT;
		t->punct = (uint8_t) c;
		return 1;
	}
	while (q < len && (s[q] == '.' || s[q] == '!' || s[q] == '?'))
	{
		if (s[q] == '!')
			ne++;
		else if (s[q] == '?')
			nq++;
		else
			nd++;
		q++;
	}
	t->kind = EC_TK_PUNCT;
	if (ne == 0 && nq == 0 && nd >= 2)
		t->punct = ',';			/* an ellipsis pauses, it does not end */
	else
		t->punct = '.';
	t->nexcl = ne > 255 ? 255 : (uint8_t) ne;
	t->nquest = nq > 255 ? 255 : (uint8_t) nq;
	return q - p;
}

static void
copy_token_text(EcToken *t, char *fold, const unsigned char *s, size_t n)
{
	if (n > EC_MAX_WORD)
	{
		t->flen = 0;
		t->hash = 0;
		return;
	}
	memcpy(fold, s, n);
	t->flen = (uint8_t) n;
	t->hash = ec_hash_word(fold, n);
}

/* ---- the ASCII word ------------------------------------------------- */

/* ASCII classes: word character, upper, lower, digit */
#define AC_WORD		1
#define AC_UPPER	2
#define AC_LOWER	4
#define AC_DIGIT	8
#define AC_EMAILF	16			/* may follow the first part of an e-mail address */
static const uint8_t ec_acls[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 16, 0, 16, 16, 0,
	9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 0,
	16, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 16,
	0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* the folded form of an ASCII letter or digit, 0 for anything else */
static const unsigned char ec_afold[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 0, 0, 0, 0, 0, 0,
	0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
	0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
 * An ASCII word (a curly apostrophe between two ASCII letters is allowed and
 * folds to '); returns the bytes consumed, or 0 if the word touches another
 * non-ASCII byte: then the caller rescans it with ICU.  A word longer than
 * EC_MAX_WORD bytes (raw) gets flen 0, as on the ICU path.
 */
static size_t
scan_word_ascii(const unsigned char *s, size_t p, size_t len, EcToken *t, char *fold)
{
	size_t		start = p;
	size_t		o = 0;			/* folded bytes stored */
	unsigned	any = 0;		/* OR of the bytes: bit 0x40 = a letter */

	for (;;)
	{
		unsigned	c,
					f;
		size_t		lim = len - p > EC_MAX_WORD - o ? p + (EC_MAX_WORD - o) : len;

		/* the fast loop: letters and digits, folded as they go */
		while (p < lim)
		{
			c = s[p];
			f = ec_afold[c];
			if (f == 0)
				break;
			any |= c;
			fold[o++] = (char) f;
			p++;
		}
		if (p >= len)
			break;
		c = s[p];
		if (c <= ' ')
			break;				/* the usual end of a word */
		if (ec_afold[c])
		{
			/* longer than EC_MAX_WORD: go on, store nothing */
			any |= c;
			p++;
			continue;
		}
		if (c == '\'' && p > start && (ec_acls[s[p - 1]] & (AC_UPPER | AC_LOWER)) &&
			p + 1 < len && (ec_acls[s[p + 1]] & (AC_UPPER | AC_LOWER)))
			;
		else if ((c == '.' || c == ',') && p > start && (ec_acls[s[p - 1]] & AC_DIGIT) &&
				 p + 1 < len && (ec_acls[s[p + 1]] & AC_DIGIT))
			;
		else if (c == 0xE2 && len - p > 3 && s[p + 1] == 0x80 &&
				 (s[p + 2] == 0x99 || s[p + 2] == 0x98) && p > start &&
				 (ec_acls[s[p - 1]] & (AC_UPPER | AC_LOWER)) &&
				 (ec_acls[s[p + 3]] & (AC_UPPER | AC_LOWER)))
		{
			/* a curly apostrophe between ASCII letters: "don’t" */
			if (o < EC_MAX_WORD)
				fold[o++] = '\'';
			p += 3;
			continue;
		}
		else
		{
			/* the word rules look one character ahead */
			if (c >= 0x80 || (p + 1 < len && s[p + 1] >= 0x80 &&
							  (c == '\'' || c == '.' || c == ',')))
				return 0;
			break;
		}
		if (o < EC_MAX_WORD)
			fold[o++] = (char) c;
		p++;
	}
	t->kind = (any & 0x40) ? EC_TK_WORD : EC_TK_NUMBER;
	t->caps = EC_CAPS_UNKNOWN;	/* ec_tok_caps() counts when it matters */
	t->rlen = (uint16_t) (p - start > 0xffff ? 0xffff : p - start);
	if (p - start > EC_MAX_WORD)
	{
		t->flen = 0;
		t->hash = 0;
	}
	else
	{
		t->flen = (uint8_t) o;
		t->hash = ec_hash_word(fold, o);
	}
	return p - start;
}

int
ec_tok_caps_ascii(const char *text, const EcToken *t)
{
	const unsigned char *s = (const unsigned char *) text + t->offset;
	unsigned	nup = 0,
				nlo = 0,
				i;

	for (i = 0; i < t->rlen; i++)
	{
		unsigned	k = ec_acls[s[i]];

		nup += (k >> 1) & 1;
		nlo += (k >> 2) & 1;
	}
	return nup >= 2 && nlo == 0;
}

/* ---- the ICU word and emoji ------------------------------------------ */

static inline int
u_letter(UChar32 c)
{
	return c >= 0 && u_hasBinaryProperty(c, UCHAR_ALPHABETIC);
}

static inline int
u_wordchar(UChar32 c)
{
	return c >= 0 && (u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c) ||
					  (U_GET_GC_MASK(c) & (U_GC_M_MASK | U_GC_CF_MASK)) != 0);
}

static inline int
u_apos(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x2018;
}

static inline UChar32
peek_cp(const unsigned char *s, size_t q, size_t limit)
{
	int32_t		i = 0;
	UChar32		c;

	if (q >= limit)
		return -1;
	/* decode one code point at q without reading past limit */
	{
		const uint8_t *b = s + q;
		int32_t		n = (int32_t) ((limit - q) > 4 ? 4 : (limit - q));

		U8_NEXT(b, i, n, c);
	}
	return c;
}

/*
 * A character inside which ICU's word rules never break (see scan_word_icu):
 * letters, digits, marks and joiners of the Latin, Greek and Cyrillic blocks
 * whose Word_Break class is one that the generic rules join (ALetter,
 * Numeric, Extend, Format, MidLetter, MidNum, MidNumLet, Single_Quote), plus
 * format characters and curly apostrophes.  Other scripts (ICU tailors
 * Hangul, CJK, Thai, Hebrew, ...) always go through the break iterator.
 */
static inline int
wb_safe(UChar32 c)
{
	if (!((c >= 0x80 && c < 0x530) ||
		  (c >= 0x1D00 && c < 0x2000) ||
		  (c >= 0x2000 && c <= 0x206F && (U_GET_GC_MASK(c) & (U_GC_CF_MASK | U_GC_PF_MASK | U_GC_PI_MASK)))))
		return 0;
	switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK))
	{
		case U_WB_ALETTER:
		case U_WB_NUMERIC:
		case U_WB_EXTEND:
		case U_WB_FORMAT:
		case U_WB_MIDLETTER:
		case U_WB_MIDNUM:
		case U_WB_MIDNUMLET:
#if U_ICU_VERSION_MAJOR_NUM >= 52
		case U_WB_SINGLE_QUOTE:
#endif
			return 1;
		default:
			return 0;
	}
}

/* a letter of Word_Break class ALetter (what ICU joins across an apostrophe) */
static inline int
wb_aletter(UChar32 c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return u_getIntPropertyValue(c, UCHAR_WORD_BREAK) == U_WB_ALETTER;
}

static size_t
scan_word_icu(EcTokenizer *tz, size_t p, EcToken *t, char *fold)
{
	const unsigned char *s = (const unsigned char *) tz->text;
	size_t		limit,
				q = p;
	UChar		raw[EC_MAX_WORD + 2];
	int32_t		nraw = 0;
	int			toolong = 0;
	unsigned	nup = 0,
				nlo = 0,
				nlet = 0;
	UChar32		prev = -1;

	int			pass;
	int			unsafe = 0;

	/*
	 * Pass 0 scans without the break iterator; if the word holds a character
	 * for which ICU might break where our rule does not (anything but
	 * letters, digits, marks and joiners of the Word_Break classes ALetter,
	 * Numeric, Extend, Format, ZWJ, MidLetter, MidNum, MidNumLet and
	 * Single_Quote: ideographs, kana, Thai, Hebrew, ...), pass 1 rescans up
	 * to ICU's next boundary.  ec_force_icu always takes pass 1.
	 */
	for (pass = ec_force_icu ? 1 : 0; pass < 2; pass++)
	{
		if (pass == 0)
			limit = tz->len;
		else
		{
			if (tz->bi == NULL && !start_icu(tz))
				return 0;
			if (tz->icu_limit <= p)
			{
				/* break iterator offsets are int32_t: beyond 2 GB, no ICU limit */
				int32_t		b = p < (size_t) INT32_MAX && tz->len <= (size_t) INT32_MAX ?
					ubrk_following((UBreakIterator *) tz->bi, (int32_t) p) : UBRK_DONE;

				tz->icu_limit = (b == UBRK_DONE || (size_t) b <= p) ? tz->len : (size_t) b;
			}
			limit = tz->icu_limit;
		}
		q = p;
		nraw = 0;
		toolong = 0;
		nup = nlo = nlet = 0;
		prev = -1;
		unsafe = 0;

		while (q < limit)
		{
			size_t		at = q;
			UChar32		c;
			UChar32		store;

			{
				int32_t		i = 0;
				int32_t		n = (int32_t) ((limit - q) > 4 ? 4 : (limit - q));

				U8_NEXT(s + q, i, n, c);
				q += i;
			}
			if (c < 0)
			{
				q = at;
				break;
			}
			store = c;
			if (u_wordchar(c))
			{
				if (u_isupper(c))
					nup++;
				else if (u_islower(c))
					nlo++;
				if (u_letter(c))
					nlet++;
			}
			else if (u_apos(c) && at > p && u_letter(prev) && u_letter(peek_cp(s, q, limit)))
			{
				/*
				 * ICU joins across an apostrophe only between ALetters; a
				 * combining mark next to it may count as a letter for us
				 * ("k'" + U+0345) but is Extend to ICU: let ICU decide.
				 */
				if (pass == 0 && !(wb_aletter(prev) && wb_aletter(peek_cp(s, q, limit))))
				{
					unsafe = 1;
					break;
				}
				store = '\'';
			}
			else if ((c == '.' || c == ',') && at > p && u_isdigit(prev) &&
					 u_isdigit(peek_cp(s, q, limit)))
				;
			else
			{
				q = at;
				break;
			}
			if (pass == 0 && c >= 0x80 && !wb_safe(c))
			{
				unsafe = 1;
				break;
			}
			prev = c;
			if (q - p > EC_MAX_WORD)
				toolong = 1;
			else
			{
				if (U_IS_BMP(store))
					raw[nraw++] = (UChar) store;
				else
				{
					raw[nraw++] = U16_LEAD(store);
					raw[nraw++] = U16_TRAIL(store);
				}
			}
		}
		if (!unsafe)
			break;
	}
	t->kind = nlet ? EC_TK_WORD : EC_TK_NUMBER;
	t->caps = (nup >= 2 && nlo == 0);
	t->flen = 0;
	t->hash = 0;
	if (!toolong && nraw > 0)
	{
		UChar		folded[4 * EC_MAX_WORD + 8];
		char		out[12 * EC_MAX_WORD + 8];
		int32_t		nf,
					nout = 0;
		UErrorCode	st = U_ZERO_ERROR;
		const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);

		if (U_SUCCESS(st) && nfkc_cf != NULL)
			nf = unorm2_normalize(nfkc_cf, raw, nraw, folded,
								  (int32_t) (sizeof(folded) / sizeof(UChar)), &st);
		else
		{
			st = U_ZERO_ERROR;
			nf = u_strFoldCase(folded, (int32_t) (sizeof(folded) / sizeof(UChar)),
							   raw, nraw, U_FOLD_CASE_DEFAULT, &st);
		}
		if (U_SUCCESS(st))
			u_strToUTF8(out, (int32_t) sizeof(out), &nout, folded, nf, &st);
		if (U_SUCCESS(st) && nout > 0 && nout <= EC_MAX_WORD)
		{
			memcpy(fold, out, nout);
			t->flen = (uint8_t) nout;
			t->hash = ec_hash_word(fold, nout);
		}
	}
	if (q == p)
		q = p + 1;				/* cannot happen: the first char is a word char */
	return q - p;
}

static inline int
is_emoji_cp(UChar32 c)
{
	return (c >= 0x1F1E6 && c <= 0x1F1FF) ||
		u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
}

static inline int
is_emoji_modifier(UChar32 c)
{
	return c == 0xFE0F || c == 0xFE0E || (c >= 0x1F3FB && c <= 0x1F3FF) ||
		c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

/* an emoji at p (first code point c of n bytes): token is the base code point */
static size_t
scan_emoji(EcTokenizer *tz, size_t p, UChar32 c, int32_t n, EcToken *t, char *fold)
{
	const unsigned char *s = (const unsigned char *) tz->text;
	size_t		q = p + n;

	copy_token_text(t, fold, s + p, (size_t) n);
	t->kind = EC_TK_EMOJI;
	/* a flag is a pair of regional indicators */
	if (c >= 0x1F1E6 && c <= 0x1F1FF)
	{
		UChar32		d = peek_cp(s, q, tz->len);

		if (d >= 0x1F1E6 && d <= 0x1F1FF)
			q += 4;
		return q - p;
	}
	for (;;)
	{
		UChar32		d = peek_cp(s, q, tz->len);

		if (d < 0)
			break;
		if (is_emoji_modifier(d))
			q += U8_LENGTH(d);
		else if (d == 0x200D)
		{
			UChar32		e = peek_cp(s, q + 3, tz->len);

			q += 3;
			if (e >= 0 && is_emoji_cp(e))
				q += U8_LENGTH(e);
		}
		else
			break;
	}
	return q - p;
}

/* ---- the driver ------------------------------------------------------- */

static int
tok_next(EcTokenizer *tz, EcToken *t, char *fold)
{
	const unsigned char *s = (const unsigned char *) tz->text;
	size_t		len = tz->len;
	size_t		p = tz->pos;

	while (p < len)
	{
		unsigned	c = s[p];
		size_t		n;

		if (c <= ' ')
		{
			p++;
			if (c != '\n')
				continue;
		}
		t->caps = 0;
		t->punct = 0;
		t->nexcl = 0;
		t->nquest = 0;
		t->flen = 0;
		t->hash = 0;
		if (c == '\n')
		{
			t->offset = p - 1;
			t->kind = EC_TK_BREAK;
			tz->pos = p;
			return 1;
		}
		t->offset = p;
		if (c < 0x80)
		{
			if ((c | 0x20) == 'h' || (c | 0x20) == 'w')
			{
				n = match_url(s, p, len);
				if (n)
				{
					t->kind = EC_TK_URL;
					tz->pos = p + n;
					return 1;
				}
			}
			if (ec_emoticon_first[c])
			{
				n = match_emoticon(s, p, len);
				if (n)
				{
					t->kind = EC_TK_EMOTICON;
					copy_token_text(t, fold, s + p, n);
					tz->pos = p + n;
					return 1;
				}
			}
			if (a_alnum(c))
			{
				size_t		q;

				/*
				 * ASCII words take the fast scanner even on the ICU path:
				 * ICU never breaks between two ASCII letters/digits, inside
				 * letter'letter or digit[.,]digit, whatever the context, so
				 * the result is the same (the differential tests check
				 * this against ec_force_icu, which sends every word to ICU)
				 */
				n = ec_force_icu ? 0 : scan_word_ascii(s, p, len, t, fold);
				if (n == 0)
				{
					n = scan_word_icu(tz, p, t, fold);
					if (n == 0)
						break;	/* ICU failed */
				}
				/* an e-mail address starts like a word */
				q = p + n;
				if (q < len && (ec_acls[s[q]] & AC_EMAILF))
				{
					size_t		m = match_email(s, p, len);

					if (m)
					{
						t->kind = EC_TK_EMAIL;
						t->caps = 0;
						t->flen = 0;
						t->hash = 0;
						n = m;
					}
				}
				tz->pos = p + n;
				return 1;
			}
			if (c == '@')
			{
				n = match_mention(s, p, len);
				if (n)
				{
					t->kind = EC_TK_MENTION;
					tz->pos = p + n;
					return 1;
				}
			}
			if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':')
			{
				n = scan_punct(s, p, len, t);
				tz->pos = p + n;
				return 1;
			}
			p++;
			continue;
		}
		else
		{
			/* non-ASCII: the ICU path from here on */
			UChar32		cp;
			int32_t		i = 0;
			int32_t		avail = (int32_t) ((len - p) > 4 ? 4 : (len - p));

			U8_NEXT(s + p, i, avail, cp);
			if (cp < 0)
			{
				p += i > 0 ? i : 1;	/* invalid byte(s): a separator */
				continue;
			}
			/* a word starts with a letter or digit, not a mark or format char */
			if (u_wordchar(cp) && !(U_GET_GC_MASK(cp) & (U_GC_M_MASK | U_GC_CF_MASK)))
			{
				n = scan_word_icu(tz, p, t, fold);
				if (n == 0)
					break;		/* ICU failed */
				tz->pos = p + n;
				return 1;
			}
			if (is_emoji_cp(cp))
			{
				n = scan_emoji(tz, p, cp, i, t, fold);
				tz->pos = p + n;
				return 1;
			}
			if (cp == 0x2026)
			{
				t->kind = EC_TK_PUNCT;
				t->punct = ',';
				tz->pos = p + i;
				return 1;
			}
			if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
			{
				t->kind = EC_TK_BREAK;
				tz->pos = p + i;
				return 1;
			}
			p += i;
			continue;
		}
	}
	tz->pos = len;
	return 0;
}

int
ec_tok_next(EcTokenizer *tz, EcToken *t, char *fold)
{
	return tok_next(tz, t, fold);
}

int
ec_tok_sentence(EcTokenizer *tz, EcToken *toks, int max, char *fold,
				size_t foldcap, size_t *fused)
{
	int			n = 0;
	size_t		f = *fused;

	while (n < max && f + EC_MAX_WORD + 8 <= foldcap)
	{
		EcToken    *t = &toks[n];

		if (!tok_next(tz, t, fold + f))
			break;
		t->foff = (uint16_t) f;
		f += t->flen;
		n++;
		if (t->kind == EC_TK_BREAK || (t->kind == EC_TK_PUNCT && t->punct == '.'))
			break;
	}
	*fused = f;
	return n;
}
