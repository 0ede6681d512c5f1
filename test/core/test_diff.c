/*
 * test_diff.c -- differential test: the ASCII fast path and the ICU path
 * must give identical scores and explain rows on ASCII input.
 */
#include "ectest.h"
#include "core/lexicon.h"
#include "core/tokenize.h"

#include <stdint.h>
#include <stdlib.h>

#define DIFF_TEXTS	6000
#define MAX_ROWS	512

typedef struct Row
{
	char		token[80];
	size_t		len;
	size_t		off;
	int			pos;
	float		base,
				val;
	unsigned	rules;
	float		emo[EC_NUM_EMOTIONS];
} Row;

typedef struct Rows
{
	int			n;
	Row			r[MAX_ROWS];
} Rows;

static EctRng rng = {0x2545f4914f6cdd1dull};


static void
collect(void *arg, const EcContribution *c)
{
	Rows	   *rs = (Rows *) arg;
	Row		   *r;

	if (rs->n >= MAX_ROWS)
		return;
	r = &rs->r[rs->n++];
	memset(r, 0, sizeof(*r));
	r->len = c->token_len;
	memcpy(r->token, c->token, c->token_len < 79 ? c->token_len : 79);
	r->off = c->byte_offset;
	r->pos = c->position;
	r->base = c->base_valence;
	r->val = c->valence;
	r->rules = c->rules;
	memcpy(r->emo, c->emo, sizeof(r->emo));
}

static const char *const extras[] = {
	"don't", "isn't", "can't", "won't", "wasn't", "not", "never", "no longer",
	"not only", "but", "however", "although", "at all", "very", "kind of",
	"a bit", "slightly", "http://example.com/a.b?c=d", "https://x.y/z!",
	"www.shop.example", "bob@example.com", "a.b@c.d.org", "@support", "@a_b",
	"3.5", "1,000", "42", "3rd", "24/7", "12:30", "e.g.", "'quoted'", "it's",
	"o'clock", "rock'n'roll", "a'1", "1'000", "x.y", "foo_bar", "co-op",
	"!!!", "?!", "?", "...", ",", ";", ":", ".", "!", "\n", "  ", "-", "(", ")",
	"\"", "#1", "$20", "100%", "A", "I", "OK", "ok"
};

static void
append(char *buf, size_t *len, size_t cap, const char *s, size_t n)
{
	if (*len + n + 1 >= cap)
		return;
	memcpy(buf + *len, s, n);
	*len += n;
}

/* one random ASCII text */
static size_t
gen_text(char *buf, size_t cap)
{
	size_t		len = 0;
	int			words = 1 + ect_rnd(&rng) % 40;
	int			i;
	size_t		nlex = ec_lexicon_size_lang(EC_LANG_EN);

	for (i = 0; i < words; i++)
	{
		uint32_t	k = ect_rnd(&rng) % 100;
		char		w[128];
		size_t		wl = 0;

		if (k < 45 && nlex > 0)
		{
			const EcLexEntry *e = &ec_lex_entries[ect_rnd(&rng) % nlex];
			const char *key = ec_lex_pool + e->key_off;
			size_t		j;
			int			ascii = 1;

			for (j = 0; j < e->key_len; j++)
				if ((unsigned char) key[j] >= 0x80)
					ascii = 0;
			if (!ascii || e->key_len >= sizeof(w))
				continue;
			memcpy(w, key, e->key_len);
			wl = e->key_len;
		}
		else if (k < 75)
		{
			const char *x = extras[ect_rnd(&rng) % (sizeof(extras) / sizeof(extras[0]))];

			wl = strlen(x);
			memcpy(w, x, wl);
		}
		else if (k < 80 && ec_num_emoticons > 0)
		{
			const EcEmoticon *m = &ec_emoticons[ect_rnd(&rng) % ec_num_emoticons];

			wl = m->len;
			memcpy(w, m->str, wl);
		}
		else if (k < 90)
		{
			/* random printable junk */
			size_t		j;

			wl = 1 + ect_rnd(&rng) % 8;
			for (j = 0; j < wl; j++)
				w[j] = (char) (0x21 + ect_rnd(&rng) % 94);
		}
		else
		{
			/* random letters/apostrophes */
			size_t		j;

			wl = 1 + ect_rnd(&rng) % 10;
			for (j = 0; j < wl; j++)
				w[j] = "abcdefghijklmnopqrstuvwxyz'ABCZ019.,"[ect_rnd(&rng) % 36];
		}
		/* caps variants */
		{
			uint32_t	c = ect_rnd(&rng) % 10;
			size_t		j;

			if (c == 0)
				for (j = 0; j < wl; j++)
					w[j] = (char) ((w[j] >= 'a' && w[j] <= 'z') ? w[j] - 32 : w[j]);
			else if (c == 1 && wl > 0 && w[0] >= 'a' && w[0] <= 'z')
				w[0] = (char) (w[0] - 32);
		}
		append(buf, &len, cap, w, wl);
		/* separator: usually a space, sometimes nothing or punctuation */
		{
			uint32_t	s = ect_rnd(&rng) % 20;

			if (s < 15)
				append(buf, &len, cap, " ", 1);
			else if (s < 17)
				append(buf, &len, cap, "! ", 2);
			else if (s < 18)
				append(buf, &len, cap, ", ", 2);
			/* else nothing: words run into each other */
		}
	}
	buf[len] = '\0';
	return len;
}

static const char *const nonascii[] = {
	"caf\xc3\xa9", "na\xc3\xafve", "Stra\xc3\x9f" "e", "\xc3\x89T\xc3\x89", "\xc3\xbc" "ber", "\xc3\xa9" "bad",
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "\xd0\xbf\xd0\xbb\xd0\xbe\xd1\x85\xd0\xbe",
	"don\xe2\x80\x99t", "isn\xe2\x80\x98t", "\xe2\x80\x9cgreat\xe2\x80\x9d", "\xe2\x80\x99s",
	"cafe\xcc\x81", "\xef\xbc\xa7\xef\xbd\x92\xef\xbd\x85\xef\xbd\x81\xef\xbd\x94",
	"\xf0\x9f\x98\x80", "\xf0\x9f\x98\xa1", "\xe2\x9d\xa4\xef\xb8\x8f", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x92\xbb", "\xe2\x80\xa6", "\xc2\xa0", "\xff", "\xc3",
	"a\xe2\x80\x99", "\xe2\x80\x99" "a", "1\xe2\x80\x99" "000", "good\xc3\xa9", "\xc3\xa9" "good",
	"it\xe2\x80\x99s\xc3\xa9", "3.\xc3\xa9", "x'\xc3\xa9", "\xe2\x80\x8b", "\xc2\xad",
	"caf\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d'",		/* Latin+Han, Hebrew + ' */
	"\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xb1\xe0\xb8\xaa\xe0\xb8\x94\xe0\xb8\xb5",		/* Thai */
	"\xe3\x82\xab\xe3\x82\xbf\xe3\x82\xab\xe3\x83\x8a", "\xc3\xa9\xe3\x82\xab",		/* Katakana */
	"\xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7", "l\xc2\xb7l", "a\xe2\x80\xaf" "b",			/* Arabic, middle dot, NNBSP */
	"\xce\x9a\xce\x91\xce\x9b\xce\x9f", "\xe2\x93\x90\xe2\x93\x91", "1\xef\xb8\x8f\xe2\x83\xa3",
	"Q\xec\x86\x86QQ", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4" "bad",		/* Hangul next to Latin */
	"\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87",		/* Devanagari */
	"\xef\xac\x81ne", "\xc7\x85" "emal", "\xe3\x81\xb2\xe3\x82\x89x", "x\xcc\x88y"
};

/* random text mixing ASCII words with non-ASCII ones */
static size_t
gen_mixed(char *buf, size_t cap)
{
	size_t		len = gen_text(buf, cap / 2);
	int			n = 1 + ect_rnd(&rng) % 8;
	int			i;

	for (i = 0; i < n; i++)
	{
		const char *x = nonascii[ect_rnd(&rng) % (sizeof(nonascii) / sizeof(nonascii[0]))];
		size_t		at = len ? ect_rnd(&rng) % (len + 1) : 0;
		size_t		xl = strlen(x);

		if (len + xl + 2 >= cap)
			break;
		/* insert at a random place, with or without spaces around */
		memmove(buf + at + xl, buf + at, len - at);
		memcpy(buf + at, x, xl);
		len += xl;
	}
	buf[len] = '\0';
	return len;
}

static int
same_rows(const Rows *a, const Rows *b)
{
	int			i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
	{
		const Row  *x = &a->r[i],
				   *y = &b->r[i];

		if (x->len != y->len || memcmp(x->token, y->token, sizeof(x->token)) != 0 ||
			x->off != y->off || x->pos != y->pos || x->base != y->base ||
			x->val != y->val || x->rules != y->rules ||
			memcmp(x->emo, y->emo, sizeof(x->emo)) != 0)
			return 0;
	}
	return 1;
}

/*
 * Inputs on which the ASCII fast path and the all-ICU path disagreed: an
 * apostrophe between a letter and a combining mark that is Alphabetic but
 * of Word_Break class Extend (U+0345), where ICU breaks.  fuzz_core found
 * the first two.
 */
static const char diff_fuzz1[] =
		"\xc2\x0a\xcc-o'\xcc-\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xcc-"
		"o'\xcc-x\x00\x0a:+o'>kn't+kn't+kqo)\x00q+k'\xcd\x85""0[[:\x0ao'\xcc"
		"-o'\xcc[[[[[[Y";
static const char diff_fuzz2[] =
		"\x06\x0a:-X\xd9\xd9\xdb\x83\x12QQ\xf0\x00httP:-X\xd9\x0at'\xdb\x83"
		"\x12\x3f\x02\x01\x00X\xd9\x0a\x01\x00\x00[\xf0Q\x83\xff""a\x00\x00"
		"kk\xdbQQ\xf0kk\xdbQt'\xdb\x83\x12\x3f\x02\x01\x00\x00\xff""a\x00\x00"
		"kk\xdbQQ\xf0\x00~ttP:-X\xd9lt'\xdb\x83\x12\x3f\x02\x01\x00\x00t'\xdb"
		"\x83\x12\x3f\x02\x01\x00\x00[\xf0Qa\x00\x00kk\xdbQQ\xf0kk\xdbQQ\xf0"
		"\x00xttP:-D\x0a:-X\xd9\xd9\xdb\x83\x12\x3f\x02\x01\x00\x00[\xf0Q\x83"
		"\xff""a\x00\x00kk\xdbQ\xd9\x0at'\xdb\x83\x12Q\xf0\x00httP:-X\xd9\x0a"
		"\x01\xfe\xff\xff\xe6\x00\x00[\xf0Q\x83\xff""a\x00\x00k\xdbQQ\xf0k"
		"k\xdbQt'\xdb\x83\x12\x3f\x03\x01\x00\x00\xff""a\x00\x00kk\xdbQk\xdb"
		"QQ\xf0\x00httP:-X\xd9\x0at'\xdb\x83\x12\x3f\x02\x01\x8b\x00\x00\xdb"
		"QQ\xf0\x00httP:-X\xd9\x0at'\xdb\x83t'\xdb\x83\x12\x3f\x02\x01\x00"
		"\x00[\xf0Qa\x00\x00kk\xdbQQ\xf0kk\xdbQQ\xf0\x00xttP:-D\x0a:-X\xd9"
		"\xd9\xdb\x83\x12\x3f\x02\x01\x00\x00[\xf0Q\x83\xff""a\x00\x00kk\xdb"
		"QQ\xf0\x00httP:-X\xd9\x0at'\xdb\x83\x12Q\xf0\x00httP:-X\xd9\x0a\x01"
		"\xfe\xff\xff\xe6kzphQ\x83\xff""a\x00\x00kk\xdbQQ\xf0kk\xdbQt'\xdb"
		"\x83\x12\x3f\x02\x01\x00\x00\xff""a\x00\x00kk\xdbQk\xdbQQ\xf0\x00"
		"httP:-X\xd9\x0at'\xdb\x83\x12\x3f\x02\x01\x8b\x00\x00\xdbQQ\xf0\x00"
		"httP:-X\xd9\x0at'\xdb\x83\x12\x3f\x02\x01\x00\x00[\xf0Q\x83\xff""a"
		"\x00\x00kk\xdbQQ\xf0kk\xdbQQ\xf0\x00httP:-\x06\x0a:-X\xd9\xd9\xdb"
		"\x83\x12\x3f\x02\x01\x00\x00[\xf0Q\x83\xff""a\x00\x00kk\xdbQQ\xf0"
		"\x00httP:-X\xd9\x0at'\xdb\x83\x12\x3f\x02\x01\x00\x00root[\xf0Q\x83"
		"\xff""a\x00\x00kk\xdbQQ\xf0\x00httP:-X\xd9\x0at'\xdb\x83\x12\x3f\x02"
		"\x01\x00\x00[\xf0Q\x83\xff""a\x00\x00kk\xdbQQ\xf0\x00httP:-X\xd9\x0a"
		"t'\xdb\x83\x12\x3f\x02\x01\x00\x00""d\xef\x91\x99\x85\x80sd\xef\x91"
		"\x99\x85\x00""0`\x00\x00\x01\x00never+\x06whOM\x00k+Q\xf0kk\xdbQt"
		"'\xdb\x83\x12\x3f\x02\x01\x00\x00\xff""a\x00\x00kk\xdbQQ\xf0\x00~"
		"tt\xc2\x0a\xcc-o'\xcc-\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xffx\x00):\x0ao'\xcc::\x0a"
		"o'\xcc:\x0a:+o'\xcc:\x0ao'\xcc[[~[[[[o'\xcc:\x0ao'\xcc[[[[[[[[[:+"
		"o'\xcc:\x0ao'\xcc-o'\xcc-x\x00\x0a:+o'>kn't+kn't+kqkq+\x00)o'\xcd"
		"\x85""0[[k:-((k:-((ker+k:-D#'t2\xd0""1\x0a\x0a\x0a\x0a\x0a\x0a\x0a"
		"\x0a\x0a*\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0at+'t+never+this#"
		"kk\x8b\x90't+'t+nevert+k:-((ker+k:-D#k+\xd0t#'t+never+this#k\x05k"
		"n\x03\x00t+ne+e2\x00\x00\x00\x00\x00\x00\x00#\xd0k\x8b\x90'k+\xd0"
		"k\x8b\x90'+'tt+never+this#k+\xd0k\x8b\x90't+'t+never+this#k+\xd0k"
		"\x8b\x90't+'t+nev\xff\xff:D#k+\xd0k:\x0ao'\xcc-o'\xcc[[[[[[['\xdb"
		"\x83\x12\x3f\x02\x01\x00\x00""d\xef\x91\x99\x85\x80sd\xef\x91\x99"
		"\x85\x00""0`\x00\x00\x01\x00never+\x06whOM\x00k+Q\xf0kk\xdb\x8b\x90"
		"'tQt'\xdb\x83\x12\x3f\x02\x01\x00\x00\xff""a\x00\x00kk\xdbQQ\xf0\x00"
		"~ttP:-X\xd9\x0at'\xdb\x83+'t\x12\x3f\x02\x01\x00\x00t'\xdb\x83\x12"
		"+$n\x3f\x02\x01\x00\x00[\xf0Qk\xdbQQ\xf0lk\xdbQt'$\xdb\x83\x12\x3f"
		"\x02\x3f\x01\x00\x00\xff""a\x00\x00kk\xdbQ";

static int
same_both_paths(const char *text, size_t n)
{
	static Rows ra,
				rb;
	EcScore		a,
				b;

	ra.n = rb.n = 0;
	ec_force_icu = 0;
	ec_score_utf8(&ec_default_env, NULL, text, n, &a, collect, &ra);
	ec_force_icu = 1;
	ec_score_utf8(&ec_default_env, NULL, text, n, &b, collect, &rb);
	ec_force_icu = 0;
	return memcmp(&a, &b, sizeof(a)) == 0 && same_rows(&ra, &rb);
}

static void
test_diff_found(void)
{
	static const char *const texts[] = {
		"k'\xcd\x85", "I like'\xcd\x85 it", "don't like'\xcd\x85", "\xcd\x85'great",
		"great'\xcd\x85great", "caf\xc3\xa9'\xcd\x85 good", NULL
	};
	int			i;

	CHECK(sizeof(diff_fuzz1) - 1 == 123 && sizeof(diff_fuzz2) - 1 == 1232);
	CHECK(same_both_paths(diff_fuzz1, sizeof(diff_fuzz1) - 1));
	CHECK(same_both_paths(diff_fuzz2, sizeof(diff_fuzz2) - 1));
	for (i = 0; texts[i]; i++)
		CHECKF(same_both_paths(texts[i], strlen(texts[i])), "%s", texts[i]);
	/* ICU breaks after "like": the word is scored */
	CHECK(ect_sent("I like'\xcd\x85 it") > 0.0f);
}

void
test_diff(void)
{
	static Rows ra,
				rb;
	char		buf[2048];
	int			i;
	int			diffs = 0;
	int			scored = 0;
	int			shown = 0;

	for (i = 0; i < DIFF_TEXTS; i++)
	{
		size_t		n = gen_text(buf, sizeof(buf));
		EcScore		a,
					b;
		EcStatus	sa,
					sb;

		ra.n = rb.n = 0;
		ec_force_icu = 0;
		sa = ec_score_utf8(&ec_default_env, NULL, buf, n, &a, collect, &ra);
		ec_force_icu = 1;
		sb = ec_score_utf8(&ec_default_env, NULL, buf, n, &b, collect, &rb);
		ec_force_icu = 0;
		if (a.evidence > 0)
			scored++;
		if (sa != EC_OK || sb != EC_OK || memcmp(&a, &b, sizeof(a)) != 0 ||
			!same_rows(&ra, &rb))
		{
			diffs++;
			if (shown++ < 5)
				printf("DIFF ascii/icu on: [%s] (%d vs %d rows, valence %g vs %g)\n",
					   buf, ra.n, rb.n, a.valence, b.valence);
		}
	}
	CHECKF(diffs == 0, "%d of %d texts differ between the ASCII and the ICU path", diffs, DIFF_TEXTS);

	/*
	 * mixed text: ASCII words take the fast scanner even when the text has
	 * non-ASCII parts; that must equal sending every word through ICU
	 */
	diffs = 0;
	for (i = 0; i < DIFF_TEXTS; i++)
	{
		size_t		n = gen_mixed(buf, sizeof(buf));
		EcScore		a,
					b;

		ra.n = rb.n = 0;
		ec_force_icu = 0;
		ec_score_utf8(&ec_default_env, NULL, buf, n, &a, collect, &ra);
		ec_force_icu = 1;
		ec_score_utf8(&ec_default_env, NULL, buf, n, &b, collect, &rb);
		ec_force_icu = 0;
		if (memcmp(&a, &b, sizeof(a)) != 0 || !same_rows(&ra, &rb))
		{
			diffs++;
			if (shown++ < 10)
				printf("DIFF mixed fast/ICU on: [%s] (%d vs %d rows, valence %g vs %g)\n",
					   buf, ra.n, rb.n, a.valence, b.valence);
		}
	}
	CHECKF(diffs == 0, "%d of %d mixed texts differ between the fast and the all-ICU words", diffs, DIFF_TEXTS);
	/* the generated texts really exercise the scorer */
	CHECKF(scored > DIFF_TEXTS / 2, "only %d texts scored", scored);

	test_diff_found();
}
