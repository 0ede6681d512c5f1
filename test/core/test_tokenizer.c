/*
 * test_tokenizer.c -- token kinds, folding, caps state, both paths.
 */
#include "ectest.h"
#include "core/tokenize.h"

#include <math.h>

typedef struct TokList
{
	int			n;
	int			kind[64];
	int			caps[64];
	char		text[64][72];
	size_t		off[64];
} TokList;

static void
tokenize(const char *s, int icu, TokList *l)
{
	EcTokenizer tz;
	EcToken		t;
	char		fold[EC_MAX_WORD + 8];
	int			save = ec_force_icu;

	ec_force_icu = icu;
	l->n = 0;
	CHECK(ec_tok_begin(&tz, s, strlen(s)) == EC_OK);
	while (l->n < 64 && ec_tok_next(&tz, &t, fold))
	{
		l->kind[l->n] = t.kind;
		l->caps[l->n] = ec_tok_caps(s, &t);
		memcpy(l->text[l->n], fold, t.flen);
		l->text[l->n][t.flen] = '\0';
		l->off[l->n] = t.offset;
		l->n++;
	}
	ec_tok_end(&tz);
	ec_force_icu = save;
}

static void
test_kinds(int icu)
{
	TokList		l;
	static const int want[] = {
		EC_TK_WORD, EC_TK_WORD, EC_TK_PUNCT, EC_TK_EMAIL, EC_TK_URL, EC_TK_PUNCT,
		EC_TK_MENTION, EC_TK_NUMBER, EC_TK_NUMBER, EC_TK_EMOTICON, EC_TK_WORD,
		EC_TK_PUNCT, EC_TK_BREAK, EC_TK_URL
	};
	int			i;

	tokenize("Don't WORRY, bob.smith@example.com https://x.example/a?b=1. "
			 "@amy_2 3.50 1,000 :) 3rd!!\nwww.example.org", icu, &l);
	CHECKF(l.n == (int) (sizeof(want) / sizeof(want[0])), "n=%d icu=%d", l.n, icu);
	for (i = 0; i < l.n && i < (int) (sizeof(want) / sizeof(want[0])); i++)
		CHECKF(l.kind[i] == want[i], "token %d kind %d want %d icu=%d", i, l.kind[i], want[i], icu);
	CHECK(strcmp(l.text[0], "don't") == 0);
	CHECK(strcmp(l.text[1], "worry") == 0);
	CHECK(l.caps[1] == 1 && l.caps[0] == 0);
	CHECK(strcmp(l.text[9], ":)") == 0);
	CHECK(strcmp(l.text[10], "3rd") == 0);
	CHECK(l.off[4] == 35);
}

static void
test_icu_only(void)
{
	TokList		l;

	/* curly apostrophes fold to straight ones */
	tokenize("Don\xe2\x80\x99t", 1, &l);
	CHECK(l.n == 1 && strcmp(l.text[0], "don't") == 0);
	/* full case folding and accents */
	tokenize("\xc3\x89T\xc3\x89 Stra\xc3\x9f" "e caf\xc3\xa9", 1, &l);
	CHECK(l.n == 3);
	CHECK(strcmp(l.text[0], "\xc3\xa9t\xc3\xa9") == 0);
	CHECK(l.caps[0] == 1);
	CHECK(strcmp(l.text[1], "strasse") == 0);
	CHECK(strcmp(l.text[2], "caf\xc3\xa9") == 0);
	/* NFKC: full-width letters and a combining accent */
	tokenize("\xef\xbc\xa7\xef\xbd\x92\xef\xbd\x85\xef\xbd\x81\xef\xbd\x94 cafe\xcc\x81", 0, &l);
	CHECK(l.n == 2 && strcmp(l.text[0], "great") == 0 && strcmp(l.text[1], "caf\xc3\xa9") == 0);
	CHECK(l.n == 2 && l.caps[0] == 0);	/* only the G is upper case */
	/* invalid UTF-8 bytes separate */
	tokenize("happy\xffgood\xc3", 0, &l);
	CHECK(l.n == 2 && strcmp(l.text[0], "happy") == 0 && strcmp(l.text[1], "good") == 0);
	/* emoji: ZWJ sequence is one token with its base code point */
	tokenize("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x92\xbb ok", 0, &l);
	CHECK(l.n == 2 && l.kind[0] == EC_TK_EMOJI && strcmp(l.text[0], "\xf0\x9f\x91\xa8") == 0);
	/* words in scripts without spaces are split by ICU */
	tokenize("\xe6\x88\x91\xe5\x96\x9c\xe6\xac\xa2 ok", 0, &l);
	CHECK(l.n >= 2 && l.kind[0] == EC_TK_WORD);
}

static void
test_never_score(void)
{
	CHECK(ect_score("http://great.example.com/happy").evidence == 0.0f);
	CHECK(ect_score("see www.happy-great.com").evidence == 0.0f);
	CHECK(ect_score("mail happy.great@love.example.com").evidence == 0.0f);
	CHECK(ect_score("cc @happy @great").evidence == 0.0f);
	CHECK(ect_score("100 200.5 3,000").evidence == 0.0f);
	/* but the words around them do */
	CHECK(ect_sent("great, see https://x.example/") > 0);
	/* case folding */
	CHECK(fabsf(ect_sent("Happy") - ect_sent("happy")) < 1e-6f);
	/* a non-ASCII text scores its ASCII words the same way */
	CHECK(fabsf(ect_sent("caf\xc3\xa9 was great") - ect_sent("cafe was great")) < 1e-6f);
	/* curly quotes around words do not stick to them */
	CHECK(fabsf(ect_sent("\xe2\x80\x9cgreat\xe2\x80\x9d") - ect_sent("great")) < 1e-6f);
}

typedef struct PubToks
{
	int			n;
	EcTokenInfo t[32];
	char		text[32][80];
} PubToks;

static void
pub_collect(void *arg, const EcTokenInfo *ti)
{
	PubToks    *p = (PubToks *) arg;

	if (p->n >= 32)
		return;
	p->t[p->n] = *ti;
	memcpy(p->text[p->n], ti->token, ti->token_len < 79 ? ti->token_len : 79);
	p->text[p->n][ti->token_len < 79 ? ti->token_len : 79] = '\0';
	p->t[p->n].token = p->text[p->n];
	p->n++;
}

/* the public tokenizer API */
static void
test_public_tokens(void)
{
	PubToks		p;
	EctExplain	x;
	const EctRow *r;
	const char *s = "Hi TEAM, see https://x.example/a @amy 3.5 :) \xf0\x9f\x98\x80 caf\xc3\xa9 is great!";

	memset(&p, 0, sizeof(p));
	CHECK(ec_tokenize_utf8(&ec_default_env, s, strlen(s), pub_collect, &p) == EC_OK);
	CHECKF(p.n == 13, "n=%d", p.n);
	CHECK(p.t[0].kind == EC_TOKEN_WORD && strcmp(p.text[0], "hi") == 0 && p.t[0].position == 1);
	CHECK(p.t[1].kind == EC_TOKEN_WORD && p.t[1].caps && strcmp(p.text[1], "team") == 0);
	CHECK(p.t[2].kind == EC_TOKEN_PUNCT && p.t[2].position == 0);
	CHECK(p.t[4].kind == EC_TOKEN_URL && strcmp(p.text[4], "https://x.example/a") == 0);
	CHECK(p.t[5].kind == EC_TOKEN_MENTION && strcmp(p.text[5], "@amy") == 0);
	CHECK(p.t[6].kind == EC_TOKEN_NUMBER && strcmp(p.text[6], "3.5") == 0);
	CHECK(p.t[7].kind == EC_TOKEN_EMOTICON && strcmp(p.text[7], ":)") == 0);
	CHECK(p.t[8].kind == EC_TOKEN_EMOJI && p.t[8].byte_len == 4);
	CHECK(p.t[9].kind == EC_TOKEN_WORD && strcmp(p.text[9], "caf\xc3\xa9") == 0);
	CHECK(p.t[11].kind == EC_TOKEN_WORD && strcmp(p.text[11], "great") == 0);
	CHECK(p.t[12].kind == EC_TOKEN_PUNCT && strcmp(p.text[12], "!") == 0);
	/* positions agree with the explain rows */
	ect_explain(s, &x);
	r = ect_row(&x, "great");
	CHECK(r != NULL && r->position == p.t[11].position && r->byte_offset == p.t[11].byte_offset);
	/* empty input: no call */
	memset(&p, 0, sizeof(p));
	CHECK(ec_tokenize_utf8(&ec_default_env, "", 0, pub_collect, &p) == EC_OK && p.n == 0);
}

void
test_tokenizer(void)
{
	test_public_tokens();
	test_kinds(0);
	test_kinds(1);
	test_icu_only();
	test_never_score();
}
