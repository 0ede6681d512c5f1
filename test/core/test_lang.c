/*
 * test_lang.c -- languages (tables, elision, two-part and post-posed
 * negation) and user overlays.
 *
 * The language rules are tested on a small fixture lexicon given as an
 * overlay: opinion words that are in no shipped list ("gutz", "bonz": so no
 * shipped phrase covers them) with the languages' real negators, boosters
 * and contrast markers; the shipped lists are then checked for the same
 * behaviour on very common words when they hold them.
 */
#include "ectest.h"
#include "core/lexicon.h"
#include "core/tokenize.h"

#include <math.h>
#include <stdlib.h>

static EcScore
lscore(const EcOptions *o, const char *text, EctExplain *x)
{
	EcScore		s;
	EctExplain	dummy;

	if (x == NULL)
		x = &dummy;
	memset(x, 0, sizeof(*x));
	CHECK(ec_score_utf8(&ec_default_env, o, text, strlen(text), &s, ect_collect, x) == EC_OK);
	CHECK(ect_score_ok(&s));
	return s;
}

static void
add(EcOverlay *ov, const char *t, float v)
{
	CHECKF(ec_overlay_add(ov, t, strlen(t), v, NULL) == EC_OK, "add %s", t);
}

static void
addmod(EcOverlay *ov, const char *t, int kind, float s)
{
	CHECKF(ec_overlay_add_modifier(ov, t, strlen(t), kind, s) == EC_OK, "add modifier %s", t);
}

/* a fixture lexicon for one language: good, bad, negators, booster, contrast */
static EcOverlay *
fixture(const char *good, const char *great, const char *bad,
		const char *const *neg, const char *boost, const char *contrast)
{
	EcOverlay  *ov = ec_overlay_create(&ec_default_env);
	int			i;

	add(ov, good, 0.5f);
	add(ov, great, 0.8f);
	add(ov, bad, -0.6f);
	for (i = 0; neg[i] != NULL; i++)
		addmod(ov, neg[i], EC_MOD_NEGATOR, 1.0f);
	addmod(ov, boost, EC_MOD_BOOSTER, 0.3f);
	addmod(ov, contrast, EC_MOD_CONTRAST, 1.5f);
	return ov;
}

static void
test_language_api(void)
{
	CHECK(ec_language_lookup("en", 2) == EC_LANG_EN);
	CHECK(ec_language_lookup("DE", 2) == EC_LANG_DE);
	CHECK(ec_language_lookup("Fr", 2) == EC_LANG_FR);
	CHECK(ec_language_lookup("pt", 2) == EC_LANG_PT);
	CHECK(ec_language_lookup("es", 2) == EC_LANG_ES);
	CHECK(ec_language_lookup("xx", 2) == -1);
	CHECK(ec_language_lookup("e", 1) == -1);
	CHECK(ec_language_lookup("eng", 3) == -1);
	CHECK(strcmp(ec_language_codes[EC_LANG_PT], "pt") == 0);
	{
		size_t		sum = 0;
		int			l;

		for (l = 0; l < EC_NUM_LANGUAGES; l++)
		{
			/* every language has at least the shared emoji */
			CHECK(ec_lexicon_size_lang((EcLanguage) l) >= 100);
			sum += ec_lexicon_size_lang((EcLanguage) l);
		}
		CHECK(sum == ec_lexicon_size());
		CHECK(ec_lexicon_size_lang(EC_LANG_EN) > 5000);
	}
	/* emoji score in every language */
	{
		EcOptions	o = {EC_LANG_PT, NULL};

		CHECK(lscore(&o, "👍", NULL).valence > 0.2f);
	}
}

static void
test_overlay_basic(void)
{
	EcOverlay  *ov = ec_overlay_create(&ec_default_env);
	EcOptions	o = {EC_LANG_EN, NULL};
	EctExplain	x;
	const EctRow *r;
	float		emo[EC_NUM_EMOTIONS] = {0};
	EcScore		s0,
				s1;

	CHECK(ov != NULL && ec_overlay_size(ov) == 0);

	/* a new word */
	emo[EC_ANGER] = 0.4f;
	CHECK(ec_overlay_add(ov, "chargeback", 10, -0.6f, emo) == EC_OK);
	s0 = lscore(&o, "We got a chargeback today", &x);
	CHECK(x.n == 0 || ect_row(&x, "chargeback") == NULL || 1);
	o.overlay = ov;
	s1 = lscore(&o, "We got a chargeback today", &x);
	r = ect_row(&x, "chargeback");
	CHECK(r != NULL && fabsf(r->base + 0.6f) < 1e-6f && fabsf(r->emo[EC_ANGER] - 0.4f) < 0.01f);
	CHECK(s1.valence < -0.4f && s1.emo[EC_ANGER] > 0.3f);
	(void) s0;

	/* overriding a built-in word: "cheap" is praise for a discount retailer */
	o.overlay = NULL;
	lscore(&o, "Their prices are cheap", &x);
	r = ect_row(&x, "cheap");
	CHECK(r != NULL && r->base < 0.0f);
	add(ov, "Cheap", 0.3f);
	o.overlay = ov;
	s1 = lscore(&o, "Their prices are cheap", &x);
	r = ect_row(&x, "cheap");
	CHECK(r != NULL && fabsf(r->base - 0.3f) < 1e-6f && s1.valence > 0.2f);
	/* the rules still apply to overlay words */
	lscore(&o, "Their prices are not cheap", &x);
	r = ect_row(&x, "cheap");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED) && r->valence < 0.0f);
	lscore(&o, "Their prices are very cheap", &x);
	r = ect_row(&x, "cheap");
	CHECK(r != NULL && (r->rules & EC_RULE_BOOSTED) && r->valence > 0.3f);

	/* a phrase: longest match, hides its words */
	add(ov, "acme widget broke", -0.7f);
	lscore(&o, "my Acme widget broke again", &x);
	r = ect_row(&x, "acme widget broke");
	CHECK(r != NULL && (r->rules & EC_RULE_PHRASE) && fabsf(r->base + 0.7f) < 1e-6f);
	CHECK(ect_row(&x, "broke") == NULL);
	/* a prefix alone is nothing; the built-in word still scores */
	lscore(&o, "the acme widget is great", &x);
	CHECK(x.n == 1 && ect_row(&x, "great") != NULL);
	/* a phrase that starts with a built-in phrase head extends it */
	add(ov, "thank you acme", 0.9f);
	lscore(&o, "thank you acme", &x);
	CHECK(x.n == 1 && ect_row(&x, "thank you acme") != NULL);
	lscore(&o, "thank you so much", &x);
	CHECK(ect_row(&x, "thank you so much") != NULL);

	/* folding: "Can't" and "can’t" name the same entry */
	add(ov, "Can't Believe It Works", 0.5f);
	lscore(&o, "I can\xe2\x80\x99t believe it works", &x);
	CHECK(ect_row(&x, "can't believe it works") != NULL);
	add(ov, "can\xe2\x80\x99t believe it works", 0.6f);
	lscore(&o, "I CAN'T BELIEVE IT WORKS", &x);
	r = ect_row(&x, "can't believe it works");
	CHECK(r != NULL && fabsf(r->base - 0.6f) < 1e-6f);

	/* ß folds to ss (full case folding), accents fold by case */
	add(ov, "Straße", -0.4f);
	add(ov, "ÉTÉ", 0.4f);
	lscore(&o, "die STRASSE im été", &x);
	CHECK(ect_row(&x, "strasse") != NULL && ect_row(&x, "été") != NULL);

	/* an emoji can be overridden */
	add(ov, "👍", -0.2f);
	lscore(&o, "👍🏽", &x);
	r = ect_row(&x, "👍");
	CHECK(r != NULL && fabsf(r->base + 0.2f) < 1e-6f);

	/* a later add replaces: the count is of distinct terms */
	{
		size_t		n = ec_overlay_size(ov);

		add(ov, "CHARGEBACK", -0.8f);
		CHECK(ec_overlay_size(ov) == n);
		CHECK(n == 8);
		lscore(&o, "chargeback", &x);
		r = ect_row(&x, "chargeback");
		CHECK(r != NULL && fabsf(r->base + 0.8f) < 1e-6f && r->emo[EC_ANGER] == 0.0f);
	}

	/* bad terms */
	CHECK(ec_overlay_add(ov, "", 0, 0.5f, NULL) == EC_ERR_TERM);
	CHECK(ec_overlay_add(ov, "  ...  ", 7, 0.5f, NULL) == EC_ERR_TERM);
	CHECK(ec_overlay_add(ov, "a b c d e f g", 13, 0.5f, NULL) == EC_ERR_TERM);
	CHECK(ec_overlay_add(ov, "a b c d e f", 11, 0.5f, NULL) == EC_OK);
	CHECK(ec_overlay_add(ov, "42", 2, 0.5f, NULL) == EC_ERR_TERM);
	CHECK(ec_overlay_add(ov, "https://x.example", 17, 0.5f, NULL) == EC_ERR_TERM);
	CHECK(ec_overlay_add(ov, "good, bad", 9, 0.5f, NULL) == EC_ERR_TERM);
	CHECK(ec_overlay_add(ov, "nice 👍", strlen("nice 👍"), 0.5f, NULL) == EC_ERR_TERM);
	CHECK(ec_overlay_add(ov, "fine", 4, 1.5f, NULL) == EC_ERR_TERM);
	CHECK(ec_overlay_add(ov, "fine", 4, NAN, NULL) == EC_ERR_TERM);
	emo[0] = 1.2f;
	CHECK(ec_overlay_add(ov, "fine", 4, 0.1f, emo) == EC_ERR_TERM);
	CHECK(ec_overlay_add_modifier(ov, "fine", 4, 9, 1.0f) == EC_ERR_TERM);
	{
		char		big[100];

		memset(big, 'a', sizeof(big));
		CHECK(ec_overlay_add(ov, big, sizeof(big), 0.5f, NULL) == EC_ERR_TERM);
	}
	ec_overlay_free(ov);

	/* an empty overlay changes nothing */
	ov = ec_overlay_create(&ec_default_env);
	o.overlay = ov;
	s1 = lscore(&o, "The food was good but the delivery was terrible", NULL);
	s0 = ect_score("The food was good but the delivery was terrible");
	CHECK(memcmp(&s0, &s1, sizeof(s0)) == 0);
	ec_overlay_free(ov);
	ec_overlay_free(NULL);
}

static void
test_overlay_big(void)
{
	EcOverlay  *ov = ec_overlay_create(&ec_default_env);
	EcOptions	o = {EC_LANG_EN, NULL};
	EctExplain	x;
	char		t[64];
	int			i,
				ok = 1;

	for (i = 0; i < 10000; i++)
	{
		snprintf(t, sizeof(t), i % 3 ? "term%d" : "brand%d fails", i);
		if (ec_overlay_add(ov, t, strlen(t), i % 2 ? 0.5f : -0.5f, NULL) != EC_OK)
			ok = 0;
	}
	CHECK(ok && ec_overlay_size(ov) == 10000);
	o.overlay = ov;
	lscore(&o, "term9998 and brand9999 fails and term9", &x);
	CHECK(x.n == 2 && ect_row(&x, "brand9999 fails") != NULL && ect_row(&x, "term9998") != NULL);
	lscore(&o, "term9997", &x);
	CHECK(x.n == 1 && x.row[0].base == 0.5f);
	ec_overlay_free(ov);
}

static void
test_de(void)
{
	static const char *const neg[] = {"nicht", "kein", "keine", NULL};
	EcOverlay  *ov = fixture("gutz", "tollz", "schlechtz", neg, "sehr", "aber");
	EcOptions	o = {EC_LANG_DE, ov};
	EctExplain	x;
	const EctRow *r;

	add(ov, "funktioniertz", 0.3f);
	CHECK(lscore(&o, "Das ist gutz", NULL).valence > 0.3f);
	CHECK(lscore(&o, "Das ist nicht gutz", NULL).valence < -0.2f);
	CHECK(lscore(&o, "Das ist sehr gutz", NULL).valence > lscore(&o, "Das ist gutz", NULL).valence);
	/* post-posed negation */
	lscore(&o, "Das funktioniertz nicht.", &x);
	r = ect_row(&x, "funktioniertz");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED) && r->valence < 0.0f);
	lscore(&o, "Gutz ist das nicht", &x);
	r = ect_row(&x, "gutz");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED));
	CHECK(lscore(&o, "Das funktioniertz leider nicht mehr", NULL).valence < 0.0f);
	/* not when the negator is not at the clause end, nor across a clause */
	lscore(&o, "Das funktioniertz, nicht", &x);
	r = ect_row(&x, "funktioniertz");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED));
	lscore(&o, "Gutz, aber das ist nicht tollz", &x);
	r = ect_row(&x, "gutz");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED));
	lscore(&o, "Das Produkt ist gutz und der Preis nicht", &x);
	r = ect_row(&x, "gutz");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED));
	lscore(&o, "Ich weiss, dass es gutz ist, aber es funktioniertz nicht mehr!", &x);
	r = ect_row(&x, "gutz");
	CHECK(r != NULL && !(r->rules & EC_RULE_NEGATED));
	r = ect_row(&x, "funktioniertz");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED) && (r->rules & EC_RULE_CONTRAST));
	/* not double: "nicht gut ... nicht" stays negative */
	CHECK(lscore(&o, "Das ist nicht gutz, wirklich nicht", NULL).valence < 0.0f);
	/* contrast */
	CHECK(lscore(&o, "Das Essen war gutz, aber der Service war schlechtz", NULL).valence < -0.2f);
	/* English has no post-posed negation */
	{
		EcOptions	en = {EC_LANG_EN, NULL};

		CHECK(lscore(&en, "good it is not", NULL).valence > 0.0f);
	}
	ec_overlay_free(ov);
}

static void
test_fr(void)
{
	static const char *const neg[] = {"ne", "n'", "pas", "plus", "jamais", "rien", NULL};
	EcOverlay  *ov = fixture("bonz", "excellentz", "mauvaisz", neg, "très", "mais");
	EcOptions	o = {EC_LANG_FR, ov};
	EctExplain	x;
	const EctRow *r;
	float		v1,
				v2;

	add(ov, "aimez", 0.5f);
	add(ov, "marchez", 0.3f);
	add(ov, "équipez", 0.2f);
	CHECK(lscore(&o, "C'est bonz", NULL).valence > 0.3f);
	/* ne ... pas negates once */
	lscore(&o, "Ce n'est pas bonz", &x);
	r = ect_row(&x, "bonz");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED) && r->valence < 0.0f);
	v1 = r ? r->valence : 0;
	lscore(&o, "pas bonz", &x);
	v2 = x.n == 1 ? x.row[0].valence : 1;
	CHECK(fabsf(v1 - v2) < 1e-6f);
	CHECK(lscore(&o, "Ce ne est pas bonz", NULL).valence < 0.0f);
	/* n' before the verb, pas after it */
	lscore(&o, "Je n'aimez pas ce produit", &x);
	r = ect_row(&x, "aimez");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED) && r->valence < 0.0f);
	CHECK(r != NULL && r->byte_offset == 5);
	lscore(&o, "Je N\xe2\x80\x99" "aimez pas", &x);
	r = ect_row(&x, "aimez");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED) && r->byte_offset == 7);
	lscore(&o, "Ça ne marchez plus", &x);
	r = ect_row(&x, "marchez");
	CHECK(r != NULL && (r->rules & EC_RULE_NEGATED));
	/* elision */
	lscore(&o, "L'équipez", &x);
	CHECK(ect_row(&x, "équipez") != NULL);
	lscore(&o, "d'excellentz conseils", &x);
	CHECK(ect_row(&x, "excellentz") != NULL);
	lscore(&o, "aujourd'hui", &x);
	CHECK(x.n == 0);
	/* a whole token in the lexicon wins over its parts */
	add(ov, "d'accordz", 0.25f);
	lscore(&o, "d'accordz", &x);
	CHECK(x.n == 1 && ect_row(&x, "d'accordz") != NULL);
	/* elision is French only */
	{
		EcOptions	en = {EC_LANG_EN, ov};

		lscore(&en, "l'équipez", &x);
		CHECK(x.n == 0);
	}
	CHECK(lscore(&o, "très bonz", NULL).valence > lscore(&o, "bonz", NULL).valence);
	CHECK(lscore(&o, "Le produit est bonz mais le service est mauvaisz", NULL).valence < -0.2f);
	ec_overlay_free(ov);
}

static void
test_es_pt(void)
{
	static const char *const nes[] = {"no", "nunca", NULL};
	static const char *const npt[] = {"não", "nunca", NULL};
	EcOverlay  *es = fixture("buenoz", "excelentez", "maloz", nes, "muy", "pero");
	EcOverlay  *pt = fixture("bomz", "excelentez", "ruimz", npt, "muito", "mas");
	EcOptions	o = {EC_LANG_ES, es};

	CHECK(lscore(&o, "Es buenoz", NULL).valence > 0.3f);
	CHECK(lscore(&o, "No es buenoz", NULL).valence < -0.2f);
	CHECK(lscore(&o, "Es muy buenoz", NULL).valence > lscore(&o, "Es buenoz", NULL).valence);
	CHECK(lscore(&o, "La comida es buenoz pero el servicio es maloz", NULL).valence < -0.2f);
	o.language = EC_LANG_PT;
	o.overlay = pt;
	CHECK(lscore(&o, "É bomz", NULL).valence > 0.3f);
	CHECK(lscore(&o, "NÃO é bomz", NULL).valence < -0.2f);
	CHECK(lscore(&o, "Muito bomz", NULL).valence > lscore(&o, "bomz", NULL).valence);
	CHECK(lscore(&o, "O produto é bomz mas a entrega é ruimz", NULL).valence < -0.2f);
	ec_overlay_free(es);
	ec_overlay_free(pt);
}

/* the shipped word lists, where they hold the common words */
static int
has(EcLanguage l, const char *w)
{
	char		buf[64 + 8] = {0};	/* ec_key_eq reads 8 bytes at a time */
	size_t		n = strlen(w);

	memcpy(buf, w, n);
	return ec_lext_lookup_h(&ec_lex_tables[l], buf, n, ec_hash_word(buf, n)) != NULL;
}

static void
test_shipped(void)
{
	static const struct
	{
		EcLanguage	l;
		const char *good,
				   *bad,
				   *neg,
				   *boost,
				   *pos,
				   *negated,
				   *boosted,
				   *contrast;
	}			c[] = {
		{EC_LANG_ES, "bueno", "malo", "no", "muy", "Es bueno", "No es bueno", "Es muy bueno", "Es bueno pero malo"},
		{EC_LANG_PT, "bom", "ruim", "não", "muito", "É bom", "Não é bom", "É muito bom", "É bom mas ruim"},
		{EC_LANG_DE, "gut", "schlecht", "nicht", "sehr", "Das ist gut", "Das ist nicht gut", "Das ist sehr gut", "Gut aber schlecht"},
		{EC_LANG_FR, "bon", "mauvais", "pas", "très", "C'est bon", "Ce n'est pas bon", "C'est très bon", "Bon mais mauvais"},
	};
	size_t		i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
	{
		EcOptions	o = {c[i].l, NULL};

		if (!has(c[i].l, c[i].good) || !has(c[i].l, c[i].bad) ||
			!has(c[i].l, c[i].neg) || !has(c[i].l, c[i].boost))
		{
			printf("SKIP shipped %s lexicon tests: common words missing\n", ec_language_codes[c[i].l]);
			continue;
		}
		CHECKF(lscore(&o, c[i].pos, NULL).valence > 0.2f, "%s", c[i].pos);
		CHECKF(lscore(&o, c[i].negated, NULL).valence < 0.0f, "%s", c[i].negated);
		CHECKF(lscore(&o, c[i].boosted, NULL).valence > lscore(&o, c[i].pos, NULL).valence, "%s", c[i].boosted);
		CHECKF(lscore(&o, c[i].contrast, NULL).valence < 0.0f, "%s", c[i].contrast);
	}
	{
		EcOptions	o = {EC_LANG_DE, NULL};

		if (has(EC_LANG_DE, "nicht") && has(EC_LANG_DE, "gut"))
			CHECK(lscore(&o, "Gut ist das nicht.", NULL).valence < 0.0f);
		if (has(EC_LANG_DE, "nicht") && has(EC_LANG_DE, "funktioniert"))
			CHECK(lscore(&o, "Das funktioniert heute nicht.", NULL).valence < 0.0f);
		o.language = EC_LANG_FR;
		if (has(EC_LANG_FR, "ne") && has(EC_LANG_FR, "marche"))
			CHECK(lscore(&o, "Ça ne marche plus depuis hier.", NULL).valence < 0.0f);
		if (has(EC_LANG_FR, "n'") && has(EC_LANG_FR, "aime"))
			CHECK(lscore(&o, "Je n'aime pas ce produit.", NULL).valence < 0.0f);
		if (has(EC_LANG_FR, "pas") && has(EC_LANG_FR, "satisfait"))
			CHECK(lscore(&o, "Je ne suis pas satisfait.", NULL).valence < 0.0f);
	}
	{
		/* a phrase that begins with a negator carries its own negation:
		 * "ne ... pas <phrase>" must not negate it a second time */
		EcOverlay  *ov = ec_overlay_create(&ec_default_env);
		float		emo[EC_NUM_EMOTIONS] = {0};
		EcOptions	o = {EC_LANG_FR, NULL};

		CHECK(ec_overlay_add(ov, "pas bonzy", 9, -0.5f, emo) == EC_OK);
		o.overlay = ov;
		if (has(EC_LANG_FR, "pas") && has(EC_LANG_FR, "ne"))
		{
			CHECK(lscore(&o, "Ce n'est pas bonzy.", NULL).valence < 0.0f);
			CHECK(lscore(&o, "Ce ne sera pas bonzy.", NULL).valence < 0.0f);
		}
		o.language = EC_LANG_EN;
		CHECK(ec_overlay_add(ov, "no worriez", 10, 0.4f, emo) == EC_OK);
		CHECK(lscore(&o, "There were no worriez at all.", NULL).valence > 0.0f);
		ec_overlay_free(ov);
	}
}

/* the ASCII fast path and the ICU path agree with languages and overlays */
static void
test_lang_diff(void)
{
	static const char *const neg[] = {"ne", "n'", "pas", "plus", "nicht", NULL};
	static const char *const texts[] = {
		"Je n'aimez pas ce produit, mais l'équipez est bonz!",
		"N'AIMEZ PAS du tout. C'est très bonz",
		"Je n\xe2\x80\x99" "aimez pas l\xe2\x80\x99" "équipez",
		"Das funktioniertz nicht. Gutz ist das nicht, aber tollz",
		"jusqu'ici tout va bien, qu'il dit; l'ÉQUIPEZ est excellentez",
		"d'accord d'accord n'n' n'",
	};
	EcOverlay  *ov = fixture("bonz", "excellentez", "mauvaisz", neg, "très", "mais");
	int			l;
	size_t		i;

	add(ov, "aimez", 0.5f);
	add(ov, "équipez", 0.3f);
	add(ov, "funktioniertz", 0.3f);
	add(ov, "gutz", 0.5f);
	add(ov, "tollz", 0.6f);
	for (l = 0; l < EC_NUM_LANGUAGES; l++)
		for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		{
			EcOptions	o = {(EcLanguage) l, ov};
			EctExplain	a,
						b;
			EcScore		sa,
						sb;
			int			r;

			sa = lscore(&o, texts[i], &a);
			ec_force_icu = 1;
			sb = lscore(&o, texts[i], &b);
			ec_force_icu = 0;
			CHECKF(memcmp(&sa, &sb, sizeof(sa)) == 0 && a.n == b.n, "lang %d text %zu", l, i);
			for (r = 0; r < a.n && r < b.n; r++)
				CHECKF(strcmp(a.row[r].token, b.row[r].token) == 0 &&
					   a.row[r].byte_offset == b.row[r].byte_offset &&
					   a.row[r].position == b.row[r].position &&
					   a.row[r].rules == b.row[r].rules, "lang %d text %zu row %d", l, i, r);
		}
	ec_overlay_free(ov);
}

/* random texts from French/German pieces in every language: sane scores, ASCII = ICU */
static void
test_lang_random(void)
{
	static const char *const parts[] = {
		"n'", "N'", "l'", "qu'", "jusqu'", "d'", "n\xe2\x80\x99", "'", "\xe2\x80\x99",
		"aimez", "bonz", "équipez", "ÉQUIPEZ", "pas", "ne", "plus", "nicht", "mehr",
		"gutz", "und", "aber", "mais", "très", "sehr", "no", "não", ",", ".", "!", " ",
		" ", " ", "x", "\xff", "👍", ":)", "aujourd'hui", "Straße", "é", "e\xcc\x81",
	};
	static const char *const neg[] = {"ne", "n'", "pas", "plus", "nicht", "no", "não", NULL};
	EcOverlay  *ov = fixture("bonz", "gutz", "mauvaisz", neg, "très", "mais");
	unsigned	seed = 12345;
	int			i,
				bad = 0;

	add(ov, "aimez", 0.5f);
	add(ov, "équipez", 0.3f);
	addmod(ov, "sehr", EC_MOD_BOOSTER, 0.3f);
	for (i = 0; i < 3000; i++)
	{
		char		text[400];
		size_t		n = 0;
		int			w,
					nw;
		EcOptions	o;
		EcScore		a,
					b;

		seed = seed * 1103515245u + 12345u;
		nw = 1 + (int) ((seed >> 16) % 40);
		for (w = 0; w < nw; w++)
		{
			const char *p;
			size_t		l;

			seed = seed * 1103515245u + 12345u;
			p = parts[(seed >> 16) % (sizeof(parts) / sizeof(parts[0]))];
			l = strlen(p);
			if (n + l >= sizeof(text))
				break;
			memcpy(text + n, p, l);
			n += l;
		}
		o.language = (EcLanguage) (i % EC_NUM_LANGUAGES);
		o.overlay = i % 2 ? ov : NULL;
		if (ec_score_utf8(&ec_default_env, &o, text, n, &a, NULL, NULL) != EC_OK || !ect_score_ok(&a))
			bad++;
		ec_force_icu = 1;
		if (ec_score_utf8(&ec_default_env, &o, text, n, &b, NULL, NULL) != EC_OK ||
			memcmp(&a, &b, sizeof(a)) != 0)
		{
			if (bad++ < 3)
				printf("  ASCII != ICU: lang %d: %.*s\n", (int) o.language, (int) n, text);
		}
		ec_force_icu = 0;
	}
	CHECK(bad == 0);
	ec_overlay_free(ov);
}

void
test_lang(void)
{
	test_lang_random();
	test_lang_diff();
	test_language_api();
	test_overlay_basic();
	test_overlay_big();
	test_de();
	test_fr();
	test_es_pt();
	test_shipped();
}
