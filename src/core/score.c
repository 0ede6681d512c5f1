/*
 * score.c -- the rule engine: turns tokens into an EcScore.
 *
 * The text is processed one sentence at a time (a sentence ends at a run of
 * . ! ?, at a line break, or when the buffer is full: EC_SENT_MAX tokens or
 * EC_FOLD_BYTES of folded text), so memory is a fixed amount of stack (two
 * sentence buffers: the one being read and the previous one, kept until we
 * know whether the next sentence opens with "But"/"However") whatever the
 * text length.  See the README, "How scoring works", for
 * every rule and formula; the constants below are named after them.
 */
#include "core/emocore.h"
#include "core/lexicon.h"
#include "core/tokenize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EC_SENT_MAX			256		/* tokens per sentence buffer */
#define EC_FOLD_BYTES		8192	/* folded text per sentence buffer */
#define EC_WINDOW			3		/* words a modifier/negator reaches */
#define EC_NEG_SCALE		0.74	/* negated positive: v' = -0.74 * s * v */
#define EC_NEG_SCALE_NEG	0.50	/* negated negative: v' = -0.50 * s * v */
#define EC_NEG_SADNESS		0.30	/* sadness added per unit of negated positive valence */
#define EC_AT_ALL			1.30	/* "at all" intensifies a negation */
#define EC_CAPS_ADD			0.15	/* |v| added by ALL CAPS emphasis */
#define EC_CAPS_EMO			1.20	/* emotion factor of ALL CAPS */
#define EC_CAPS_BOOST_ADD	0.20	/* added to a booster's strength in caps */
#define EC_EXCL_STEP		0.08	/* per '!' (max EC_EXCL_MAX) */
#define EC_EXCL_MAX			4
#define EC_QUESTION			0.90	/* a question dampens */
#define EC_ALPHA			1.0		/* valence = S / sqrt(S^2 + alpha) */
#define EC_NO_LONGER		(-0.40) /* "no longer <verb>" without a sentiment word */
#define EC_INFO_QUESTION_CUE 0.3	/* cues in "How do I ...?" questions */
#define EC_INFO_QUESTION_WORD 0.5	/* other words there */
#define EC_KEEPS			(-0.30) /* "keeps <verb>ing" without a sentiment word */
#define EC_EMOJI_AGAINST	0.5		/* an emoji against the words of its sentence */
#define EC_EMOJI_CLEAR		0.5		/* ... when the words sum to at least this */
#define EC_HASHTAG			0.5		/* weight of a word written as #hashtag */
#define EC_CHECK_EVERY		4096	/* tokens between interrupt checks */

const char *const ec_emotion_names[EC_NUM_EMOTIONS] = {
	"joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation"
};

const char *const ec_rule_names[EC_NUM_RULES] = {
	"negated", "boosted", "dampened", "contrast", "caps", "exclamation",
	"emoji", "phrase", "cue", "question"
};

/* how much each emotion stirs: anger, fear, surprise, joy high; sadness, trust low */
static const double ec_arousal_w[EC_NUM_EMOTIONS] = {
	0.70, 0.25, 0.85, 0.80, 0.25, 0.60, 0.95, 0.55
};

/* i / 255.0: a stored intensity as a double (no division per word) */
static const double ec_unit255[256] = {
	0 / 255.0, 1 / 255.0, 2 / 255.0, 3 / 255.0, 4 / 255.0, 5 / 255.0, 6 / 255.0, 7 / 255.0,
	8 / 255.0, 9 / 255.0, 10 / 255.0, 11 / 255.0, 12 / 255.0, 13 / 255.0, 14 / 255.0, 15 / 255.0,
	16 / 255.0, 17 / 255.0, 18 / 255.0, 19 / 255.0, 20 / 255.0, 21 / 255.0, 22 / 255.0, 23 / 255.0,
	24 / 255.0, 25 / 255.0, 26 / 255.0, 27 / 255.0, 28 / 255.0, 29 / 255.0, 30 / 255.0, 31 / 255.0,
	32 / 255.0, 33 / 255.0, 34 / 255.0, 35 / 255.0, 36 / 255.0, 37 / 255.0, 38 / 255.0, 39 / 255.0,
	40 / 255.0, 41 / 255.0, 42 / 255.0, 43 / 255.0, 44 / 255.0, 45 / 255.0, 46 / 255.0, 47 / 255.0,
	48 / 255.0, 49 / 255.0, 50 / 255.0, 51 / 255.0, 52 / 255.0, 53 / 255.0, 54 / 255.0, 55 / 255.0,
	56 / 255.0, 57 / 255.0, 58 / 255.0, 59 / 255.0, 60 / 255.0, 61 / 255.0, 62 / 255.0, 63 / 255.0,
	64 / 255.0, 65 / 255.0, 66 / 255.0, 67 / 255.0, 68 / 255.0, 69 / 255.0, 70 / 255.0, 71 / 255.0,
	72 / 255.0, 73 / 255.0, 74 / 255.0, 75 / 255.0, 76 / 255.0, 77 / 255.0, 78 / 255.0, 79 / 255.0,
	80 / 255.0, 81 / 255.0, 82 / 255.0, 83 / 255.0, 84 / 255.0, 85 / 255.0, 86 / 255.0, 87 / 255.0,
	88 / 255.0, 89 / 255.0, 90 / 255.0, 91 / 255.0, 92 / 255.0, 93 / 255.0, 94 / 255.0, 95 / 255.0,
	96 / 255.0, 97 / 255.0, 98 / 255.0, 99 / 255.0, 100 / 255.0, 101 / 255.0, 102 / 255.0, 103 / 255.0,
	104 / 255.0, 105 / 255.0, 106 / 255.0, 107 / 255.0, 108 / 255.0, 109 / 255.0, 110 / 255.0, 111 / 255.0,
	112 / 255.0, 113 / 255.0, 114 / 255.0, 115 / 255.0, 116 / 255.0, 117 / 255.0, 118 / 255.0, 119 / 255.0,
	120 / 255.0, 121 / 255.0, 122 / 255.0, 123 / 255.0, 124 / 255.0, 125 / 255.0, 126 / 255.0, 127 / 255.0,
	128 / 255.0, 129 / 255.0, 130 / 255.0, 131 / 255.0, 132 / 255.0, 133 / 255.0, 134 / 255.0, 135 / 255.0,
	136 / 255.0, 137 / 255.0, 138 / 255.0, 139 / 255.0, 140 / 255.0, 141 / 255.0, 142 / 255.0, 143 / 255.0,
	144 / 255.0, 145 / 255.0, 146 / 255.0, 147 / 255.0, 148 / 255.0, 149 / 255.0, 150 / 255.0, 151 / 255.0,
	152 / 255.0, 153 / 255.0, 154 / 255.0, 155 / 255.0, 156 / 255.0, 157 / 255.0, 158 / 255.0, 159 / 255.0,
	160 / 255.0, 161 / 255.0, 162 / 255.0, 163 / 255.0, 164 / 255.0, 165 / 255.0, 166 / 255.0, 167 / 255.0,
	168 / 255.0, 169 / 255.0, 170 / 255.0, 171 / 255.0, 172 / 255.0, 173 / 255.0, 174 / 255.0, 175 / 255.0,
	176 / 255.0, 177 / 255.0, 178 / 255.0, 179 / 255.0, 180 / 255.0, 181 / 255.0, 182 / 255.0, 183 / 255.0,
	184 / 255.0, 185 / 255.0, 186 / 255.0, 187 / 255.0, 188 / 255.0, 189 / 255.0, 190 / 255.0, 191 / 255.0,
	192 / 255.0, 193 / 255.0, 194 / 255.0, 195 / 255.0, 196 / 255.0, 197 / 255.0, 198 / 255.0, 199 / 255.0,
	200 / 255.0, 201 / 255.0, 202 / 255.0, 203 / 255.0, 204 / 255.0, 205 / 255.0, 206 / 255.0, 207 / 255.0,
	208 / 255.0, 209 / 255.0, 210 / 255.0, 211 / 255.0, 212 / 255.0, 213 / 255.0, 214 / 255.0, 215 / 255.0,
	216 / 255.0, 217 / 255.0, 218 / 255.0, 219 / 255.0, 220 / 255.0, 221 / 255.0, 222 / 255.0, 223 / 255.0,
	224 / 255.0, 225 / 255.0, 226 / 255.0, 227 / 255.0, 228 / 255.0, 229 / 255.0, 230 / 255.0, 231 / 255.0,
	232 / 255.0, 233 / 255.0, 234 / 255.0, 235 / 255.0, 236 / 255.0, 237 / 255.0, 238 / 255.0, 239 / 255.0,
	240 / 255.0, 241 / 255.0, 242 / 255.0, 243 / 255.0, 244 / 255.0, 245 / 255.0, 246 / 255.0, 247 / 255.0,
	248 / 255.0, 249 / 255.0, 250 / 255.0, 251 / 255.0, 252 / 255.0, 253 / 255.0, 254 / 255.0, 255 / 255.0,
};

static void *
default_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

static void
default_free(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

const EcEnv ec_default_env = {default_alloc, default_free, NULL, NULL, NULL};

/* a negator for words ending in n't that the lexicon does not list */
static const EcLexEntry ec_nt_negator = {0, 0, 0, EC_MOD_NEGATOR, EC_LF_MOD, 0, 0.0f, 1.0f, {0}};

typedef struct Unit
{
	const EcLexEntry *e;
	int16_t		tok;			/* first token */
	uint8_t		ntok;			/* tokens covered */
	uint8_t		off;			/* disabled modifier ("not only", "but also") */
} Unit;

/* a contribution, kept until the next sentence is known */
typedef struct Result
{
	const char *key;			/* folded text (a rule unit: its first words) */
	uint16_t	klen;
	int16_t		tok;			/* first token */
	int16_t		nl;				/* rule unit ("no longer", "keeps"): token of the word, else -1 */
	unsigned	rules;
	float		base;
	float		v;
	float		emo[EC_NUM_EMOTIONS];
} Result;

typedef struct Sentence
{
	const EcLexTable *lex;		/* the built-in table of the language */
	const EcOverlay *ov;		/* user overlay or NULL */
	const uint64_t *ovbloom;	/* its hash filter */
	EcLanguage	lang;
	int			n;				/* tokens */
	int			nres;			/* results */
	double		lead_contrast;	/* strength of a contrast word opening it, or 0 */
	int			has_keep;		/* an unlisted 4-5 letter k-word (keep, keeps, kept?) */
	EcToken		tok[EC_SENT_MAX];
	int16_t		cov[EC_SENT_MAX];	/* unit covering each token, -1 */
	int32_t		pos[EC_SENT_MAX];	/* 1-based position of counted tokens */
	float		cw[EC_SENT_MAX];	/* contrast weight per token */
	Unit		unit[EC_SENT_MAX];
	Result		res[EC_SENT_MAX];
	char		fold[EC_FOLD_BYTES];	/* folded token texts */
} Sentence;

typedef struct Acc
{
	double		sum;			/* S: sum of contribution valences */
	double		evidence;
	double		notemo[EC_NUM_EMOTIONS];	/* prod(1 - e) */
	double		notarousal;
	int			bangs;			/* '!' emphasis in sentences that scored */
	int			capsemph;
	int			caps_active;	/* some, not all, of the text is in caps; -1 unknown */
	const char *text;
	size_t		len;
	int32_t		position;		/* counted tokens so far */
	EcExplainFn explain;
	void	   *explain_arg;
} Acc;

/*
 * ALL CAPS is emphasis only when some of the text is not in caps: decided
 * once per text, on first need, by looking for a lower-case letter.
 */
static int
caps_active(Acc *acc)
{
	if (acc->caps_active < 0)
		acc->caps_active = ec_text_has_lower(acc->text, acc->len);
	return acc->caps_active;
}

static inline const char *
entry_key(const Sentence *st, const EcLexEntry *e)
{
	if (st->ov != NULL && e != &ec_nt_negator)
	{
		const char *k = ec_overlay_key(st->ov, st->lang, e);

		if (k != NULL)
			return k;
	}
	return st->lex->pool + e->key_off;
}

/* look up a key: the overlay first, then the language's table */
static inline const EcLexEntry *
lx_lookup(const Sentence *st, const char *key, size_t len, uint32_t h)
{
	if (st->ov != NULL && ec_overlay_may_have(st->ovbloom, h))
	{
		const EcLexEntry *e = ec_overlay_lookup(st->ov, st->lang, key, len, h);

		if (e != NULL)
			return e;
	}
	return ec_lext_lookup_h(st->lex, key, len, h);
}

static inline int
tok_is(const Sentence *st, int i, const char *w, size_t wl)
{
	const EcToken *t = &st->tok[i];

	return i >= 0 && i < st->n && t->kind == EC_TK_WORD && t->flen == wl &&
		memcmp(st->fold + t->foff, w, wl) == 0;
}

static inline int
is_clause_end(const EcToken *t)
{
	return t->kind == EC_TK_PUNCT || t->kind == EC_TK_BREAK;
}

static inline int
scores(const EcLexEntry *e)
{
	return (e->flags & (EC_LF_VALENCE | EC_LF_EMO)) != 0;
}

/* is key (klen bytes) the k words from token i, separated by single spaces? */
static inline int
phrase_match(const Sentence *st, int i, int k, const char *key, size_t klen)
{
	size_t		pos = 0;
	int			j;

	for (j = 0; j < k; j++)
	{
		const EcToken *w = &st->tok[i + j];

		if (j)
		{
			if (pos >= klen || key[pos] != ' ')
				return 0;
			pos++;
		}
		if (pos + w->flen > klen ||
			!ec_key_eq(key + pos, st->fold + w->foff, w->flen))
			return 0;
		pos += w->flen;
	}
	return pos == klen;
}

typedef struct PhraseArg
{
	const Sentence *st;
	int			i;
	int			k;
} PhraseArg;

static int
phrase_match_cb(const void *arg, const char *key, size_t klen)
{
	const PhraseArg *a = (const PhraseArg *) arg;

	return phrase_match(a->st, a->i, a->k, key, klen);
}

/* the entry whose key is the k words from token i (hash h), or NULL */
static const EcLexEntry *
lookup_phrase(const Sentence *st, int i, int k, uint32_t h)
{
	const EcLexTable *lt = st->lex;
	unsigned	p = h & lt->mask;
	uint32_t	tag = h & 0xffff0000u;

	if (st->ov != NULL && ec_overlay_may_have(st->ovbloom, h))
	{
		PhraseArg	a = {st, i, k};
		const EcLexEntry *e = ec_overlay_lookup_fn(st->ov, st->lang, h, phrase_match_cb, &a);

		if (e != NULL)
			return e;
	}
	for (;;)
	{
		uint32_t	sl = lt->slots[p];

		if (sl == 0)
			return NULL;
		if ((sl & 0xffff0000u) == tag)
		{
			const EcLexEntry *e = &lt->entries[(sl & 0xffffu) - 1];

			if (e->hash == h && phrase_match(st, i, k, lt->pool + e->key_off, e->key_len))
				return e;
		}
		p = (p + 1) & lt->mask;
	}
}

/*
 * "goooood", "sooo": a word with a letter repeated three or more times that
 * is not in the lexicon is looked up with such runs cut to two letters, then
 * to one.
 */
static const EcLexEntry *
lookup_elongated(const Sentence *st, const char *w, size_t len)
{
	char		buf[EC_MAX_WORD + 8];	/* + 8: see ec_key_eq */
	size_t		i,
				n;
	int			keep,
				run = 0;
	const EcLexEntry *e;

	/*
	 * A run of three equal letters holds an odd index i with i + 1 < len
	 * at its middle or its start: test only odd indexes, stop at the first.
	 */
	for (i = 1; i + 1 < len; i += 2)
	{
		if (w[i] == w[i - 1] ? (w[i] == w[i + 1] || (i >= 2 && w[i] == w[i - 2])) :
			(w[i] == w[i + 1] && i + 2 < len && w[i] == w[i + 2]))
		{
			run = 1;
			break;
		}
	}
	if (!run)
		return NULL;
	for (keep = 2; keep >= 1; keep--)
	{
		/* runs of three or more become `keep` letters, others stay */
		n = 0;
		for (i = 0; i < len;)
		{
			size_t		j = i;
			size_t		out;

			while (j < len && w[j] == w[i])
				j++;
			out = j - i >= 3 ? (size_t) keep : j - i;
			while (out-- > 0)
				buf[n++] = w[i];
			i = j;
		}
		e = lx_lookup(st, buf, n, ec_hash_word(buf, n));
		if (e != NULL && (e->flags & (EC_LF_VALENCE | EC_LF_EMO | EC_LF_MOD)))
			return e;
	}
	return NULL;
}

/* find units: longest phrase first, then single words, emoji, emoticons */
static int
build_units(Sentence *st)
{
	int			nu = 0;
	int			i;

	st->has_keep = 0;
	for (i = 0; i < st->n; i++)
		st->cov[i] = -1;
	for (i = 0; i < st->n; i++)
	{
		EcToken    *t = &st->tok[i];
		const EcLexEntry *e;
		const EcLexEntry *best = NULL;
		int			ntok = 1;

		if (t->flen == 0)
			continue;
		if (t->kind == EC_TK_WORD)
		{
			e = lx_lookup(st, st->fold + t->foff, t->flen, t->hash);
			if (e != NULL && (e->flags & EC_LF_HEAD))
			{
				/* extend word by word while the words are a key or a prefix */
				uint32_t	h = t->hash;
				int			k;

				for (k = 1; k < e->maxph && i + k < st->n; k++)
				{
					const EcToken *w = &st->tok[i + k];
					const EcLexEntry *pe;

					if (w->kind != EC_TK_WORD || w->flen == 0)
						break;
					h = ec_hash_combine(h, w->hash);
					pe = lookup_phrase(st, i, k + 1, h);
					if (pe == NULL)
						break;
					if (pe->flags & (EC_LF_VALENCE | EC_LF_EMO | EC_LF_MOD))
					{
						best = pe;
						ntok = k + 1;
					}
				}
				if (best != NULL)
					e = best;
			}
			if ((e == NULL || !(e->flags & (EC_LF_VALENCE | EC_LF_EMO | EC_LF_MOD))) &&
				t->flen >= 4)
				e = lookup_elongated(st, st->fold + t->foff, t->flen);
			if (e == NULL || !(e->flags & (EC_LF_VALENCE | EC_LF_EMO | EC_LF_MOD)))
			{
				/* an unlisted contraction in n't still negates */
				if (t->flen > 3 && memcmp(st->fold + t->foff + t->flen - 3, "n't", 3) == 0)
					e = &ec_nt_negator;
				else
				{
					/* "keep"/"keeps"/"kept": see the recurring-failure rule */
					if (st->fold[t->foff] == 'k' && (t->flen == 4 || t->flen == 5))
						st->has_keep = 1;
					continue;
				}
			}
		}
		else if (t->kind == EC_TK_EMOJI || t->kind == EC_TK_EMOTICON)
		{
			e = lx_lookup(st, st->fold + t->foff, t->flen, t->hash);
			if (e == NULL || !scores(e))
				continue;
		}
		else
			continue;
		st->unit[nu].e = e;
		st->unit[nu].tok = (int16_t) i;
		st->unit[nu].ntok = (uint8_t) ntok;
		st->unit[nu].off = 0;
		{
			int			j;

			for (j = 0; j < ntok; j++)
				st->cov[i + j] = (int16_t) nu;
		}
		nu++;
		i += ntok - 1;
	}
	return nu;
}

/*
 * Is token i a preposition or conjunction that can follow an adjective used
 * on its own ("she looks so pretty in that photo", "super and fast")?
 */
static int
is_function_word(const Sentence *st, int i)
{
	return tok_is(st, i, "in", 2) || tok_is(st, i, "on", 2) ||
		tok_is(st, i, "at", 2) || tok_is(st, i, "with", 4) ||
		tok_is(st, i, "and", 3) || tok_is(st, i, "but", 3) ||
		tok_is(st, i, "or", 2) || tok_is(st, i, "for", 3) ||
		tok_is(st, i, "to", 2) || tok_is(st, i, "as", 2) ||
		tok_is(st, i, "too", 3) || tok_is(st, i, "today", 5) ||
		tok_is(st, i, "tonight", 7) || tok_is(st, i, "now", 3) ||
		tok_is(st, i, "here", 4) || tok_is(st, i, "there", 5);
}

/* is unit u a sentiment-bearing unit (not acting as a modifier)? */
static inline int
is_sentiment(const Sentence *st, const Unit *u)
{
	const EcLexEntry *e = u->e;
	int			next;

	if (!scores(e))
		return 0;
	if (e->kind == EC_MOD_NONE)
		return 1;
	if (e->kind != EC_MOD_BOOSTER && e->kind != EC_MOD_DAMPENER)
		return 0;

	/*
	 * "super" modifies the next word, but "it was super!" is an opinion.  A
	 * positive booster ("pretty", "super") is an adjective of its own also
	 * before a preposition or conjunction ("she looks so pretty in that
	 * photo").  A negative one (profanity: "fucking", "damn"; "seriously")
	 * is an intensifier when a lexicon word or modifier follows within
	 * its reach ("fucking love it", "damn slow", "seriously disappointed");
	 * otherwise it keeps its own valence ("the damn app", "damn!").
	 */
	next = u->tok + u->ntok;
	if (next >= st->n || st->tok[next].kind != EC_TK_WORD)
		return 1;
	if (e->valence > 0)
		return st->cov[next] < 0 && is_function_word(st, next);
	if (e->valence < 0)
	{
		int			j;

		/* an opinion word or modifier within its reach (same clause)? */
		for (j = next; j < st->n && j < next + EC_WINDOW; j++)
		{
			const Unit *nu;

			if (is_clause_end(&st->tok[j]))
				break;
			if (st->cov[j] < 0)
				continue;
			nu = &st->unit[st->cov[j]];
			if (nu->e->kind == EC_MOD_NONE || nu->e->kind == EC_MOD_BOOSTER ||
				nu->e->kind == EC_MOD_DAMPENER)
				return 0;
		}
		return 1;
	}
	return 0;
}

/* is token i a word that opens a relative clause ("who", "which")? */
static inline int
is_relative(const Sentence *st, int i)
{
	const EcToken *t = &st->tok[i];
	const char *w = st->fold + t->foff;

	if (t->kind != EC_TK_WORD || t->flen < 3 || t->flen > 5 || w[0] != 'w')
		return 0;
	return tok_is(st, i, "who", 3) || tok_is(st, i, "whom", 4) ||
		tok_is(st, i, "which", 5) || tok_is(st, i, "whose", 5);
}

/* negation does not reach into a relative clause: a relative word in [a, b)? */
static int
relative_between(const Sentence *st, int a, int b)
{
	int			i;

	for (i = a; i < b; i++)
		if (is_relative(st, i))
			return 1;
	return 0;
}

/* is token i a negator: a contraction in "n't" or a negator entry? */
static int
tok_is_negator(const Sentence *st, int i)
{
	const EcToken *t = &st->tok[i];
	const EcLexEntry *e;

	if (t->flen > 3 && memcmp(st->fold + t->foff + t->flen - 3, "n't", 3) == 0)
		return 1;
	e = lx_lookup(st, st->fold + t->foff, t->flen, t->hash);
	return e != NULL && e->kind == EC_MOD_NEGATOR;
}

/* does multi-word unit m end in a negator ("still not", "still haven't")? */
static int
ends_in_negator(const Sentence *st, const Unit *m)
{
	return m->ntok >= 2 && tok_is_negator(st, m->tok + m->ntok - 1);
}

/*
 * Does phrase m begin with a negator ("pas acceptable", "no problem")?  The
 * negation is part of the phrase's own value, so a negator before it
 * ("n'est pas acceptable": French "ne ... pas") must not negate it again.
 */
static int
begins_with_negator(const Sentence *st, const Unit *m)
{
	return m->ntok >= 2 && tok_is_negator(st, m->tok);
}

/*
 * Does the word at token i open an information question: how, where, what,
 * when, which, can/could/may i/we, is/are there, do/does/will/would ...?
 * ("Why", "seriously?" and rhetorical "Are you kidding" are not.)
 */
static int
is_info_question(const Sentence *st, int i)
{
	if (tok_is(st, i, "how", 3) || tok_is(st, i, "where", 5) ||
		tok_is(st, i, "what", 4) || tok_is(st, i, "when", 4) ||
		tok_is(st, i, "which", 5))
		return 1;
	if (tok_is(st, i, "can", 3) || tok_is(st, i, "could", 5) ||
		tok_is(st, i, "may", 3) || tok_is(st, i, "will", 4) ||
		tok_is(st, i, "would", 5))
		return tok_is(st, i + 1, "i", 1) || tok_is(st, i + 1, "we", 2) ||
			tok_is(st, i + 1, "you", 3);
	if (tok_is(st, i, "do", 2) || tok_is(st, i, "does", 4))
		return tok_is(st, i + 1, "i", 1) || tok_is(st, i + 1, "we", 2) ||
			tok_is(st, i + 1, "you", 3) || tok_is(st, i + 1, "the", 3) ||
			tok_is(st, i + 1, "it", 2);
	if (tok_is(st, i, "is", 2) || tok_is(st, i, "are", 3))
		return tok_is(st, i + 1, "there", 5) || tok_is(st, i + 1, "it", 2) ||
			tok_is(st, i + 1, "the", 3);
	return 0;
}

/* is token i a degree word ("so", "this", "such", "that") before an adjective? */
static inline int
is_degree(const Sentence *st, int i)
{
	return tok_is(st, i, "so", 2) || tok_is(st, i, "this", 4) ||
		tok_is(st, i, "such", 4) || tok_is(st, i, "that", 4);
}

/*
 * "never been this sad", "never felt so blessed", "never so happy": "never",
 * at most one verb of being or feeling, then so/this/such/that right
 * before the word is an intensifier, not a negation ("never let this die"
 * is a negation).
 */
static int
never_degree(const Sentence *st, const Unit *m, const Unit *un)
{
	int			d = un->tok - 1;	/* the degree word */
	int			gap;

	if (m->ntok != 1 || !tok_is(st, m->tok, "never", 5) || d <= m->tok ||
		!is_degree(st, d))
		return 0;
	gap = d - m->tok - 1;
	if (gap == 0)
		return 1;
	if (gap > 1)
		return 0;
	return tok_is(st, d - 1, "been", 4) || tok_is(st, d - 1, "felt", 4) ||
		tok_is(st, d - 1, "was", 3) || tok_is(st, d - 1, "were", 4) ||
		tok_is(st, d - 1, "be", 2) || tok_is(st, d - 1, "feel", 4) ||
		tok_is(st, d - 1, "looked", 6) || tok_is(st, d - 1, "seemed", 6) ||
		tok_is(st, d - 1, "sounded", 7) || tok_is(st, d - 1, "tasted", 6);
}

static inline double
clamp01(double x)
{
	return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
}

/* keep one contribution of the sentence */
static void
record(Sentence *st, int tok, const char *key, size_t klen, int nl,
	   double base, double v, const double *emo, unsigned rules)
{
	Result	   *r = &st->res[st->nres++];
	int			k;

	r->key = key;
	r->klen = (uint16_t) klen;
	r->tok = (int16_t) tok;
	r->nl = (int16_t) nl;
	r->rules = rules;
	r->base = (float) base;
	r->v = (float) v;
	for (k = 0; k < EC_NUM_EMOTIONS; k++)
		r->emo[k] = (float) emo[k];
}

/*
 * Move the last result back to its place in token order.  The unit loop
 * records in token order; a rule found by a later pass ("keeps <verb>ing")
 * must not come after the words that follow it, so explain rows stay in
 * position order.
 */
static void
keep_in_order(Sentence *st)
{
	int			i = st->nres - 1;

	while (i > 0 && st->res[i - 1].tok > st->res[i].tok)
	{
		Result		tmp = st->res[i - 1];

		st->res[i - 1] = st->res[i];
		st->res[i] = tmp;
		i--;
	}
}

/* fold a sentence's contributions into the totals, weighted by w */
static void
flush(Acc *acc, Sentence *st, double w)
{
	int			i,
				k;

	for (i = 0; i < st->nres; i++)
	{
		Result	   *r = &st->res[i];
		double		ev,
					ar = 0.0;
		char		nlkey[3 * EC_MAX_WORD + 16];

		if (w != 1.0)
		{
			r->v = (float) (r->v * w);
			for (k = 0; k < EC_NUM_EMOTIONS; k++)
				r->emo[k] = (float) clamp01(r->emo[k] * w);
			r->rules |= EC_RULE_CONTRAST;
		}
		ev = fabs(r->v);
		for (k = 0; k < EC_NUM_EMOTIONS; k++)
		{
			double		e = r->emo[k];

			if (e > 0.0)
			{
				if (e > ev)
					ev = e;
				acc->notemo[k] *= 1.0 - e;
				if (e * ec_arousal_w[k] > ar)
					ar = e * ec_arousal_w[k];
			}
		}
		if (ev == 0.0)
			continue;
		if (ar == 0.0)
			ar = 0.3 * (fabs(r->v) > 1.0 ? 1.0 : fabs(r->v));
		acc->notarousal *= 1.0 - ar;
		acc->sum += r->v;
		acc->evidence += ev;
		if (acc->explain)
		{
			EcContribution c;

			if (r->nl >= 0)
			{
				const EcToken *t = &st->tok[r->nl];

				/* a rule unit: "no longer <word>", "keeps <word>" */
				memcpy(nlkey, r->key, r->klen);
				nlkey[r->klen] = ' ';
				memcpy(nlkey + r->klen + 1, st->fold + t->foff, t->flen);
				c.token = nlkey;
				c.token_len = r->klen + 1 + t->flen;
			}
			else
			{
				c.token = r->key;
				c.token_len = r->klen;
			}
			c.byte_offset = st->tok[r->tok].offset;
			c.position = st->pos[r->tok];
			c.base_valence = r->base;
			c.valence = r->v;
			c.rules = r->rules;
			memcpy(c.emo, r->emo, sizeof(c.emo));
			acc->explain(acc->explain_arg, &c);
		}
	}
	st->nres = 0;
}

/*
 * French elision: "l'équipe", "d'accord", "j'adore", "qu'il": a word that
 * is not in the lexicon as a whole and starts with a clitic and an
 * apostrophe is looked up without the clitic.  "n'" is a negator ("je
 * n'aime pas"): it becomes a token of its own (same position), the others
 * are dropped.
 */
static void
split_elisions(Sentence *st, const char *text)
{
	static const char *const clitics[] = {"l", "d", "j", "m", "t", "s", "c", "n",
	"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", NULL};
	int			i;

	for (i = 0; i < st->n; i++)
	{
		EcToken    *t = &st->tok[i];
		const char *f = st->fold + t->foff;
		const char *ap;
		const EcLexEntry *e;
		size_t		pl;
		size_t		raw;
		int			c;

		if (t->kind != EC_TK_WORD || t->flen < 3)
			continue;
		ap = memchr(f, '\'', t->flen < 8 ? t->flen : 8);
		if (ap == NULL || ap == f || (size_t) (ap - f) + 1 >= t->flen)
			continue;
		pl = (size_t) (ap - f);
		for (c = 0; clitics[c] != NULL; c++)
			if (strlen(clitics[c]) == pl && memcmp(clitics[c], f, pl) == 0)
				break;
		if (clitics[c] == NULL)
			continue;
		e = lx_lookup(st, f, t->flen, t->hash);
		if (e != NULL && (e->flags & (EC_LF_VALENCE | EC_LF_EMO | EC_LF_MOD | EC_LF_HEAD)))
			continue;
		/* the clitic's raw bytes: ASCII letters, then ' or a curly one */
		raw = 0;
		{
			const unsigned char *r = (const unsigned char *) text + t->offset;
			size_t		q;

			for (q = 0; q < pl; q++)
				if ((r[q] | 0x20) != (unsigned char) f[q])
					break;
			if (q == pl && r[pl] == '\'')
				raw = pl + 1;
			else if (q == pl && r[pl] == 0xE2 && r[pl + 1] == 0x80 &&
					 (r[pl + 2] == 0x98 || r[pl + 2] == 0x99))
				raw = pl + 3;
		}
		if (pl == 1 && f[0] == 'n' && st->n < EC_SENT_MAX)
		{
			/* keep "n'" as a negator token before the word */
			memmove(&st->tok[i + 1], &st->tok[i], (size_t) (st->n - i) * sizeof(EcToken));
			memmove(&st->pos[i + 1], &st->pos[i], (size_t) (st->n - i) * sizeof(int32_t));
			st->n++;
			t = &st->tok[i];
			t->flen = 2;
			t->hash = ec_hash_word(f, 2);
			if (t->caps == EC_CAPS_UNKNOWN && raw > 0)
				t->rlen = (uint16_t) raw;
			t++;
			i++;
		}
		t->foff = (uint16_t) (t->foff + pl + 1);
		t->flen = (uint8_t) (t->flen - pl - 1);
		if (raw > 0)
		{
			/* (rlen is only kept for ASCII words: see ec_tok_caps) */
			t->offset += raw;
			if (t->caps == EC_CAPS_UNKNOWN)
				t->rlen = (uint16_t) (t->rlen - raw);
		}
		t->hash = ec_hash_word(st->fold + t->foff, t->flen);
	}
}

/*
 * German negation after the verb: "Das funktioniert nicht", "gut ist das
 * nicht".  Is the last word of the clause after token `from` a negator
 * (optionally followed by "mehr")?  Returns its strength or 0.  A contrast
 * or concessive marker, a conjunction (und, oder, denn, weil, dass, wenn,
 * ob, sondern), or another negator before the clause end, ends the search.
 */
static double
postposed_negator(const Sentence *st, int from)
{
	int			j;

	for (j = from; j < st->n && !is_clause_end(&st->tok[j]); j++)
	{
		const Unit *m;
		int			end;

		/* a conjunction opens another clause: "gut und der Preis nicht" */
		if (tok_is(st, j, "und", 3) || tok_is(st, j, "oder", 4) ||
			tok_is(st, j, "denn", 4) || tok_is(st, j, "weil", 4) ||
			tok_is(st, j, "dass", 4) || tok_is(st, j, "wenn", 4) ||
			tok_is(st, j, "ob", 2) || tok_is(st, j, "sondern", 7))
			return 0.0;
		if (st->cov[j] < 0)
			continue;
		m = &st->unit[st->cov[j]];
		if (m->off)
			continue;
		if (m->e->kind == EC_MOD_CONTRAST || m->e->kind == EC_MOD_CONCESSIVE)
			return 0.0;
		if (m->e->kind != EC_MOD_NEGATOR)
			continue;
		end = m->tok + m->ntok;
		if (end < st->n && tok_is(st, end, "mehr", 4))
			end++;
		if (end >= st->n || is_clause_end(&st->tok[end]))
			return m->e->strength;
		return 0.0;
	}
	return 0.0;
}

static void
score_sentence(Sentence *st, Acc *acc)
{
	int			nu,
				u,
				i;
	int			last_contrast = -1;
	int			notonly = 0;
	double		emph = 1.0;
	unsigned	emph_rule = 0;
	int			bangs = 0;
	int			scored = 0;
	double		cueq = 1.0;		/* weight of cues in an information question */
	int			has_emoji = 0;	/* an emoji scored */

	st->nres = 0;
	st->lead_contrast = 0.0;
	if (st->n == 0)
		return;
	for (i = 0; i < st->n; i++)
		st->cw[i] = 1.0f;
	nu = build_units(st);
	if (nu == 0 && !st->has_keep)
		return;

	/* "not only ... but (also)" is neither a negation nor a contrast */
	for (u = 0; u < nu; u++)
	{
		Unit	   *un = &st->unit[u];
		int			next = un->tok + un->ntok;

		if (un->e->kind == EC_MOD_NEGATOR &&
			(tok_is(st, next, "only", 4) || tok_is(st, next, "just", 4)))
		{
			un->off = 1;
			notonly = 1;
		}
		else if (un->e->kind == EC_MOD_CONTRAST)
		{
			if (notonly || tok_is(st, next, "also", 4))
			{
				un->off = 1;
				notonly = 0;
			}
			else
				last_contrast = u;
		}
	}

	/* a sentence that opens with "But"/"However" also weighs the one before */
	for (u = 0; u < nu; u++)
	{
		const Unit *cu = &st->unit[u];

		if (cu->e->kind == EC_MOD_CONTRAST && !cu->off)
		{
			for (i = 0; i < cu->tok; i++)
				if (!is_clause_end(&st->tok[i]))
					break;
			if (i == cu->tok)
				st->lead_contrast = cu->e->strength;
		}
		break;
	}

	/* contrast: the clause after weighs s, the clause before 2 - s */
	if (last_contrast >= 0)
	{
		const Unit *cu = &st->unit[last_contrast];
		double		s = cu->e->strength;

		for (i = 0; i < st->n; i++)
		{
			if (i < cu->tok)
				st->cw[i] *= (float) (2.0 - s);
			else if (i >= cu->tok + cu->ntok)
				st->cw[i] *= (float) s;
		}
	}
	/* concessive: the clause it introduces weighs s, the rest 2 - s */
	for (u = 0; u < nu; u++)
	{
		const Unit *cu = &st->unit[u];
		double		s = cu->e->strength;
		int			end;

		if (cu->e->kind != EC_MOD_CONCESSIVE)
			continue;
		for (end = cu->tok + cu->ntok; end < st->n; end++)
		{
			if (is_clause_end(&st->tok[end]))
				break;
			if (st->cov[end] >= 0 && st->unit[st->cov[end]].e->kind == EC_MOD_CONTRAST &&
				!st->unit[st->cov[end]].off)
				break;
		}
		for (i = 0; i < st->n; i++)
		{
			if (i >= cu->tok && i < end)
				st->cw[i] *= (float) s;
			else
				st->cw[i] *= (float) (2.0 - s);
		}
	}

	/* the run of ! ? that ends the sentence */
	{
		const EcToken *t = &st->tok[st->n - 1];

		if (t->kind == EC_TK_PUNCT && t->punct == '.')
		{
			if (t->nexcl > 0)
			{
				bangs = t->nexcl + (t->nquest > 0);
				if (bangs > EC_EXCL_MAX)
					bangs = EC_EXCL_MAX;
				emph = 1.0 + EC_EXCL_STEP * bangs;
				emph_rule = EC_RULE_EXCLAIM;
			}
			else if (t->nquest > 0)
			{
				emph = EC_QUESTION;
				emph_rule = EC_RULE_QUESTION;
			}
		}
	}

	/*
	 * An information question ("How do I cancel my subscription?", "Can I
	 * transfer my number?", "Is there a fee for ...?") asks about an action:
	 * the customer-service cues in it count for little.
	 */
	if (emph_rule == EC_RULE_QUESTION)
	{
		for (i = 0; i < st->n && st->tok[i].kind != EC_TK_WORD; i++)
			;
		if (i < st->n && is_info_question(st, i))
			cueq = EC_INFO_QUESTION_CUE;
	}

	for (u = 0; u < nu; u++)
	{
		const Unit *un = &st->unit[u];
		const EcLexEntry *e = un->e;
		int			isemoji = (e->flags & EC_LF_EMOJI) &&
			st->tok[un->tok].kind != EC_TK_WORD;
		int			iscue = (e->flags & EC_LF_CUE) != 0;
		unsigned	rules = 0;
		double		base = e->valence;
		double		v = base;
		double		mult = 1.0;		/* positive factor applied to emotions too */
		double		emo[EC_NUM_EMOTIONS];
		int			negated = 0;
		double		inner = 1.0;	/* boosters between a negator and the word */
		int			outer = 0;		/* a booster before the negator */
		double		negs = 1.0;
		int			caps = 0;
		int			k;

		if (e->kind == EC_MOD_NEGATOR && !un->off &&
			un->ntok == 2 && e->key_len == 9 && memcmp(entry_key(st, e), "no longer", 9) == 0)
		{
			/* "no longer works": a loss even without a sentiment word */
			int			j,
						words = 0,
						found = 0;

			for (j = un->tok + un->ntok; j < st->n && words < EC_WINDOW; j++)
			{
				if (is_clause_end(&st->tok[j]))
					break;
				if (st->cov[j] >= 0 && is_sentiment(st, &st->unit[st->cov[j]]))
					found = 1;
				words++;
			}
			j = un->tok + un->ntok;
			if (!found && j < st->n && st->tok[j].kind == EC_TK_WORD && st->tok[j].flen > 0)
			{
				double		w = st->cw[un->tok] * emph;

				for (k = 0; k < EC_NUM_EMOTIONS; k++)
					emo[k] = 0.0;
				emo[EC_SADNESS] = clamp01(0.3 * w);
				emo[EC_ANGER] = clamp01(0.15 * w);
				rules = EC_RULE_NEGATED | (st->cw[un->tok] != 1.0f ? EC_RULE_CONTRAST : 0) |
					(emph != 1.0 ? emph_rule : 0);
				record(st, un->tok, "no longer", 9, j, EC_NO_LONGER, EC_NO_LONGER * w, emo, rules);
				scored = 1;
			}
			continue;
		}
		/*
		 * profanity as an intensifier ("too damn good", "fucking love it")
		 * has no valence of its own but shows agitation: it keeps its
		 * emotions, with the rules of a word of valence 0
		 */
		if (!is_sentiment(st, un))
		{
			if (e->kind != EC_MOD_BOOSTER || e->valence >= 0 ||
				!(e->flags & EC_LF_EMO) || un->off)
				continue;
			base = 0.0;
			rules |= EC_RULE_BOOSTED;
		}

		if (un->ntok > 1)
			rules |= EC_RULE_PHRASE;
		if (iscue)
			rules |= EC_RULE_CUE;
		if (isemoji)
		{
			rules |= EC_RULE_EMOJI;
			has_emoji = 1;
		}

		/* look back over up to three words for modifiers and negators */
		if (!isemoji)
		{
			int			j = un->tok - 1;
			int			words = 0;
			static const double decay[EC_WINDOW] = {1.0, 0.95, 0.9};

			/* a negator further back no longer reaches */
			int			negstop = begins_with_negator(st, un);

			while (j >= 0 && words < EC_WINDOW)
			{
				const EcToken *t = &st->tok[j];

				if (is_clause_end(t))
					break;
				if (st->cov[j] >= 0)
				{
					const Unit *m = &st->unit[st->cov[j]];
					int			mk = m->e->kind;

					if (mk == EC_MOD_CONTRAST || mk == EC_MOD_CONCESSIVE)
					{
						if (!m->off)
							break;
					}
					else if (m->off)
						;
					else if (mk == EC_MOD_NEGATOR)
					{
						if (iscue || negstop ||
							relative_between(st, m->tok + m->ntok, un->tok))
							;
						else if (never_degree(st, m, un))
						{
							/* "never been this sad": an intensifier */
							mult *= 1.0 + 0.3 * decay[words];
							rules |= EC_RULE_BOOSTED;
						}
						else
						{
							negated = 1;
							negs = m->e->strength;
						}
						negstop = 1;
					}
					else if (mk == EC_MOD_NONE && m->ntok > 1 && ends_in_negator(st, m))
					{
						/* "still not fixed": the phrase's negator goes on negating */
						if (!iscue && !negstop &&
							!relative_between(st, m->tok + m->ntok, un->tok))
						{
							negated = 1;
							negs = 1.0;
						}
						negstop = 1;
					}
					else if (m->tok + m->ntok < un->tok && m->e->valence != 0.0f &&
							 is_sentiment(st, m))
					{
						/* the scope of a negation ends at the first opinion
						 * word: "does not solve my problem"; an opinion word
						 * right before this one is its attribute and shares
						 * the negation: "not a good friend" */
						negstop = 1;
					}
					else if (mk == EC_MOD_BOOSTER && !is_sentiment(st, m))
					{
						double		s = m->e->strength;

						if (ec_tok_caps(acc->text, &st->tok[m->tok]) && caps_active(acc))
							s += EC_CAPS_BOOST_ADD;
						mult *= 1.0 + s * decay[words];
						if (!negated)
							inner *= 1.0 + s * decay[words];
						else
							outer = 1;
						rules |= EC_RULE_BOOSTED;
					}
					else if (mk == EC_MOD_DAMPENER && !is_sentiment(st, m))
					{
						mult *= 1.0 - m->e->strength * decay[words];
						rules |= EC_RULE_DAMPENED;
					}
					words++;
					j = m->tok - 1;
					continue;
				}
				words++;
				j--;
			}
		}

		/* German: "Das funktioniert nicht" (the negator after the word) */
		if (!negated && !isemoji && !iscue && st->lang == EC_LANG_DE &&
			base != 0.0 && is_sentiment(st, un))
		{
			double		ps = postposed_negator(st, un->tok + un->ntok);

			if (ps > 0.0)
			{
				negated = 1;
				negs = ps;
			}
		}

		/* ALL CAPS when only some of the text is in caps */
		if (!isemoji)
		{
			for (k = 0; k < un->ntok; k++)
				if (ec_tok_caps(acc->text, &st->tok[un->tok + k]))
					caps = 1;
			if (caps && !caps_active(acc))
				caps = 0;
		}

		/* "not so bad", "not very good": a negated intensified word is
		 * attenuated, the boosters inside the negation divide */
		if (negated && inner != 1.0)
		{
			mult /= inner * inner;
			rules |= EC_RULE_DAMPENED;
			if (!outer)
				rules &= ~EC_RULE_BOOSTED;
		}
		v = base * mult;
		if (caps)
		{
			v += v > 0 ? EC_CAPS_ADD : (v < 0 ? -EC_CAPS_ADD : 0.0);
			rules |= EC_RULE_CAPS;
			acc->capsemph = 1;
		}

		if (e->flags & EC_LF_EMO)
			for (k = 0; k < EC_NUM_EMOTIONS; k++)
				emo[k] = ec_unit255[e->emo[k]];
		else
			memset(emo, 0, sizeof(emo));

		if (negated)
		{
			double		atall = 1.0;
			int			j;

			/* "not happy at all", "not at all happy" */
			for (j = un->tok - 3; j <= un->tok + un->ntok + 3; j++)
			{
				if (j < 0 || j + 1 >= st->n)
					continue;
				if (tok_is(st, j, "at", 2) && tok_is(st, j + 1, "all", 3))
				{
					int			a,
								lo = j < un->tok ? j : un->tok,
								hi = j < un->tok ? un->tok : j;
					int			blocked = 0;

					for (a = lo; a < hi; a++)
						if (is_clause_end(&st->tok[a]))
							blocked = 1;
					if (!blocked)
						atall = EC_AT_ALL;
				}
			}
			rules |= EC_RULE_NEGATED;
			if (atall != 1.0)
				rules |= EC_RULE_BOOSTED;
			/* negation does not turn an emotion into its opposite: the
			 * word's emotions are removed; a negated positive word ("not
			 * happy") adds a little sadness, a negated negative one ("not
			 * angry") adds nothing */
			for (k = 0; k < EC_NUM_EMOTIONS; k++)
				emo[k] = 0.0;
			if (base > 0)
				emo[EC_SADNESS] = EC_NEG_SADNESS * base * negs;
			v = -(base > 0 ? EC_NEG_SCALE : EC_NEG_SCALE_NEG) * negs * v * atall;
			mult *= atall;
		}

		if (st->cw[un->tok] != 1.0f)
			rules |= EC_RULE_CONTRAST;
		mult *= st->cw[un->tok];
		v *= st->cw[un->tok];
		if (emph != 1.0)
		{
			rules |= emph_rule;
			mult *= emph;
			v *= emph;
		}
		/* a hashtag ("#crash", "#Dead") is often a topic label: half its
		 * valence (its emotions stay: "#fuming" is a clear feeling) */
		if (!isemoji && st->tok[un->tok].offset > 0 &&
			acc->text[st->tok[un->tok].offset - 1] == '#')
		{
			v *= EC_HASHTAG;
			rules |= EC_RULE_DAMPENED;
		}
		if (cueq != 1.0 && !isemoji)
		{
			/* cues lose their emotions too, other words only valence */
			if (iscue)
			{
				mult *= cueq;
				v *= cueq;
			}
			else
				v *= EC_INFO_QUESTION_WORD;
		}
		if (caps)
			mult *= EC_CAPS_EMO;
		if (mult != 1.0)		/* (intensities are in [0, 1] already) */
			for (k = 0; k < EC_NUM_EMOTIONS; k++)
			{
				if (emo[k] > 0)
					emo[k] = clamp01(emo[k] * mult);
			}
		record(st, un->tok, entry_key(st, e), e->key_len, -1, base, v, emo, rules);
		scored = 1;
	}

	/* "it keeps logging me out": a recurring failure without an opinion word */
	for (i = 0; st->has_keep && i + 1 < st->n; i++)
	{
		const EcToken *t = &st->tok[i];
		const EcToken *w = &st->tok[i + 1];
		const char *f = st->fold + t->foff;
		int			j,
					found = 0;

		if (t->kind != EC_TK_WORD || t->flen < 4 || t->flen > 5 || f[0] != 'k')
			continue;
		if (st->cov[i] >= 0)
			continue;
		if (!(tok_is(st, i, "keeps", 5) || tok_is(st, i, "kept", 4) ||
			  (tok_is(st, i, "keep", 4) && i > 0 &&
			   (tok_is(st, i - 1, "i", 1) || tok_is(st, i - 1, "we", 2) ||
				tok_is(st, i - 1, "they", 4) || tok_is(st, i - 1, "you", 3)))))
			continue;
		if (w->kind != EC_TK_WORD || w->flen < 5 ||
			memcmp(st->fold + w->foff + w->flen - 3, "ing", 3) != 0)
			continue;
		for (j = i + 1; j < st->n && j <= i + 1 + EC_WINDOW; j++)
		{
			if (is_clause_end(&st->tok[j]))
				break;
			if (st->cov[j] >= 0 && is_sentiment(st, &st->unit[st->cov[j]]))
				found = 1;
		}
		if (!found)
		{
			double		wt = st->cw[i] * emph;
			double		emo[EC_NUM_EMOTIONS] = {0};
			unsigned	rules = (st->cw[i] != 1.0f ? EC_RULE_CONTRAST : 0) |
				(emph != 1.0 ? emph_rule : 0);

			emo[EC_ANGER] = clamp01(0.25 * wt);
			emo[EC_SADNESS] = clamp01(0.1 * wt);
			record(st, i, f, t->flen, i + 1, EC_KEEPS, EC_KEEPS * wt, emo, rules);
			keep_in_order(st);
			scored = 1;
		}
	}

	/*
	 * One emoji should not outweigh a sentence of words: an emoji whose
	 * valence has the opposite sign of the words of its sentence counts
	 * half, when those words are clear (sum at least EC_EMOJI_CLEAR).
	 */
	if (has_emoji)
	{
		double		words = 0.0;
		int			r;

		for (r = 0; r < st->nres; r++)
			if (!(st->res[r].rules & EC_RULE_EMOJI))
				words += st->res[r].v;
		if (fabs(words) >= EC_EMOJI_CLEAR)
			for (r = 0; r < st->nres; r++)
			{
				Result	   *res = &st->res[r];

				if ((res->rules & EC_RULE_EMOJI) && res->v * words < 0)
				{
					res->v *= (float) EC_EMOJI_AGAINST;
					res->rules |= EC_RULE_DAMPENED;
				}
			}
	}
	if (scored)
		acc->bangs += bangs;
}

EcStatus
ec_score_utf8(const EcEnv *env, const EcOptions *opts,
			  const char *text, size_t len,
			  EcScore *out, EcExplainFn explain, void *explain_arg)
{
	EcTokenizer tz;
	Sentence	sbuf[2];
	Sentence   *cur = &sbuf[0];
	Sentence   *prev = &sbuf[1];	/* scored, not yet flushed */
	Acc			acc;
	EcStatus	rc;
	size_t		since_check = 0;
	int			k;

	memset(out, 0, sizeof(*out));
	if (env == NULL)
		env = &ec_default_env;
	if (text == NULL || len == 0)
		return EC_OK;

	memset(&acc, 0, sizeof(acc));
	for (k = 0; k < EC_NUM_EMOTIONS; k++)
		acc.notemo[k] = 1.0;
	acc.notarousal = 1.0;
	acc.explain = explain;
	acc.explain_arg = explain_arg;

	rc = ec_tok_begin(&tz, text, len);
	if (rc != EC_OK)
		return rc;
	acc.caps_active = -1;
	acc.text = text;
	acc.len = len;

	for (k = 0; k < 2; k++)
	{
		EcLanguage	lang = EC_LANG_EN;

		if (opts != NULL && (int) opts->language > 0 && opts->language < EC_NUM_LANGUAGES)
			lang = opts->language;
		sbuf[k].lang = lang;
		sbuf[k].lex = &ec_lex_tables[lang];
		sbuf[k].ov = opts != NULL ? opts->overlay : NULL;
		sbuf[k].ovbloom = sbuf[k].ov != NULL ? ec_overlay_bloom(sbuf[k].ov) : NULL;
	}
	prev->nres = 0;
	for (;;)
	{
		size_t		fused = 0;
		int			i;

		cur->n = ec_tok_sentence(&tz, cur->tok, EC_SENT_MAX, cur->fold,
								 sizeof(cur->fold), &fused);
		if (cur->n == 0)
			break;
		/* 1-based position: every token but punctuation and breaks */
		for (i = 0; i < cur->n; i++)
		{
			int			kind = cur->tok[i].kind;

			if (kind != EC_TK_PUNCT && kind != EC_TK_BREAK)
				acc.position++;
			cur->pos[i] = acc.position;
		}
		if (cur->lang == EC_LANG_FR)
			split_elisions(cur, text);
		score_sentence(cur, &acc);
		since_check += cur->n;
		if (cur->nres > 0)
		{
			Sentence   *tmp;

			/* the previous sentence is final now */
			flush(&acc, prev, cur->lead_contrast > 0 ? 2.0 - cur->lead_contrast : 1.0);
			tmp = prev;
			prev = cur;
			cur = tmp;
		}
		if (since_check >= EC_CHECK_EVERY)
		{
			since_check = 0;
			if (env->check_interrupts)
				env->check_interrupts(env->interrupt_ctx);
		}
	}
	flush(&acc, prev, 1.0);
	ec_tok_end(&tz);
	if (tz.status != EC_OK)
	{
		memset(out, 0, sizeof(*out));
		return tz.status;
	}

	if (acc.evidence > 0.0)
	{
		double		s = acc.sum;
		double		a = 1.0 - acc.notarousal;
		double		bang = 0.05 * acc.bangs;

		if (bang > 0.3)
			bang = 0.3;
		a = 1.0 - (1.0 - a) * (1.0 - bang) * (acc.capsemph ? 0.9 : 1.0);
		out->valence = (float) (s / sqrt(s * s + EC_ALPHA));
		if (out->valence > 1.0f)
			out->valence = 1.0f;
		if (out->valence < -1.0f)
			out->valence = -1.0f;
		out->arousal = (float) clamp01(a);
		for (k = 0; k < EC_NUM_EMOTIONS; k++)
			out->emo[k] = (float) clamp01(1.0 - acc.notemo[k]);
		out->evidence = (float) (acc.evidence > EC_MAX_EVIDENCE ? EC_MAX_EVIDENCE : acc.evidence);
	}
	return EC_OK;
}

/* the token kinds of tokenize.h are the public EC_TOKEN_* values */
typedef char ec_token_kinds_agree[(EC_TK_WORD == EC_TOKEN_WORD &&
								   EC_TK_NUMBER == EC_TOKEN_NUMBER &&
								   EC_TK_URL == EC_TOKEN_URL &&
								   EC_TK_EMAIL == EC_TOKEN_EMAIL &&
								   EC_TK_MENTION == EC_TOKEN_MENTION &&
								   EC_TK_EMOTICON == EC_TOKEN_EMOTICON &&
								   EC_TK_EMOJI == EC_TOKEN_EMOJI &&
								   EC_TK_PUNCT == EC_TOKEN_PUNCT) ? 1 : -1];

EcStatus
ec_tokenize_utf8(const EcEnv *env, const char *text, size_t len,
				 EcTokenFn fn, void *arg)
{
	EcTokenizer tz;
	EcToken		t;
	char		fold[EC_MAX_WORD + 8];
	EcStatus	rc;
	size_t		n = 0;
	int			position = 0;

	if (env == NULL)
		env = &ec_default_env;
	if (text == NULL || len == 0)
		return EC_OK;
	rc = ec_tok_begin(&tz, text, len);
	if (rc != EC_OK)
		return rc;
	while (ec_tok_next(&tz, &t, fold))
	{
		EcTokenInfo ti;

		if (t.kind == EC_TK_BREAK)
			continue;
		ti.kind = t.kind;		/* EC_TK_* and EC_TOKEN_* agree */
		ti.byte_offset = t.offset;
		ti.byte_len = tz.pos - t.offset;
		ti.caps = ec_tok_caps(text, &t);
		if (t.kind == EC_TK_PUNCT)
			ti.position = 0;
		else
			ti.position = ++position;
		if (t.kind == EC_TK_WORD || t.kind == EC_TK_NUMBER ||
			t.kind == EC_TK_EMOJI || t.kind == EC_TK_EMOTICON)
		{
			ti.token = fold;
			ti.token_len = t.flen;
		}
		else
		{
			ti.token = text + t.offset;
			ti.token_len = ti.byte_len;
		}
		fn(arg, &ti);
		if (++n % EC_CHECK_EVERY == 0 && env->check_interrupts)
			env->check_interrupts(env->interrupt_ctx);
	}
	ec_tok_end(&tz);
	return tz.status;
}
