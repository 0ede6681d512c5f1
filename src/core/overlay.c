/*
 * overlay.c -- user lexicon overlays: run-time entries that replace or add
 * to the compiled-in lexicon of a language.
 *
 * An overlay is an open-addressing hash table (linear probing, load <= 0.5)
 * keyed like the compiled-in tables: a term is tokenized and folded as text
 * is, and a multi-word key hashes as its words' hashes combined.  Like the
 * compiled-in tables it also holds every head word and proper prefix of its
 * multi-word keys (flagged EC_LF_HEAD / EC_LF_PREFIX, no values), so the
 * scorer extends a phrase word by word through both tables.
 *
 * For every item and language the overlay keeps a merged EcLexEntry: the
 * built-in entry of the same key (modifier kind, phrase flags) with the
 * user's valence and emotions in place of the built-in ones.  It is
 * recomputed on every add, so the overlay is read-only while scoring and
 * can be shared by any number of concurrent scoring calls.
 */
#include <math.h>
#include <string.h>

#include "core/emocore.h"
#include "core/lexicon.h"
#include "core/tokenize.h"

#define OV_MAX_WORDS	6
#define OV_MAX_KEY		255		/* EcLexEntry.key_len is 8 bits */

typedef struct OvItem
{
	uint32_t	hash;
	uint32_t	key_off;		/* in pool */
	uint16_t	key_len;
	uint8_t		user;			/* 1: user values; 0: only a head/prefix */
	uint8_t		maxph;			/* longest overlay phrase starting here */
	uint8_t		flags;			/* EC_LF_HEAD, EC_LF_PREFIX, EC_LF_MULTI, EC_LF_EMOJI */
	uint8_t		kind;			/* EC_MOD_* given by the user, or EC_MOD_NONE */
	float		valence;
	float		strength;
	uint8_t		emo[EC_NUM_EMOTIONS];
	uint8_t		has_emo;
	uint8_t		has_valence;
} OvItem;

struct EcOverlay
{
	EcEnv		env;
	OvItem	   *items;
	size_t		n;
	size_t		cap;
	EcLexEntry *merged[EC_NUM_LANGUAGES];	/* cap each, parallel to items */
	uint32_t   *slots;			/* item index + 1, 0 = empty */
	unsigned	mask;
	char	   *pool;
	size_t		pool_len;
	size_t		pool_cap;
	size_t		nuser;
	unsigned	max_key;
	uint64_t	bloom[EC_OVERLAY_BLOOM_WORDS];	/* bit (h % 2^16) set for every item's hash */
};

const uint64_t *
ec_overlay_bloom(const EcOverlay *ov)
{
	return ov->bloom;
}

static void *
ov_alloc(EcOverlay *ov, size_t size)
{
	return ov->env.alloc(ov->env.alloc_ctx, size);
}

static void
ov_free(EcOverlay *ov, void *p)
{
	if (p != NULL && ov->env.free != NULL)
		ov->env.free(ov->env.alloc_ctx, p);
}

EcOverlay *
ec_overlay_create(const EcEnv *env)
{
	EcOverlay  *ov;

	if (env == NULL)
		env = &ec_default_env;
	ov = env->alloc(env->alloc_ctx, sizeof(EcOverlay));
	if (ov == NULL)
		return NULL;
	memset(ov, 0, sizeof(*ov));
	ov->env = *env;
	return ov;
}

void
ec_overlay_free(EcOverlay *ov)
{
	int			l;

	if (ov == NULL)
		return;
	for (l = 0; l < EC_NUM_LANGUAGES; l++)
		ov_free(ov, ov->merged[l]);
	ov_free(ov, ov->items);
	ov_free(ov, ov->slots);
	ov_free(ov, ov->pool);
	ov_free(ov, ov);
}

size_t
ec_overlay_size(const EcOverlay *ov)
{
	return ov == NULL ? 0 : ov->nuser;
}

/* the item index of key (hash h), or -1 */
static long
ov_find(const EcOverlay *ov, const char *key, size_t len, uint32_t h)
{
	unsigned	p;

	if (ov->slots == NULL || len == 0 || len > ov->max_key)
		return -1;
	for (p = h & ov->mask;; p = (p + 1) & ov->mask)
	{
		uint32_t	s = ov->slots[p];
		const OvItem *it;

		if (s == 0)
			return -1;
		it = &ov->items[s - 1];
		if (it->hash == h && it->key_len == len &&
			memcmp(ov->pool + it->key_off, key, len) == 0)
			return (long) (s - 1);
	}
}

const EcLexEntry *
ec_overlay_lookup(const EcOverlay *ov, EcLanguage lang,
				  const char *key, size_t len, uint32_t h)
{
	long		i = ov_find(ov, key, len, h);

	return i < 0 ? NULL : &ov->merged[lang][i];
}

const EcLexEntry *
ec_overlay_lookup_fn(const EcOverlay *ov, EcLanguage lang, uint32_t h,
					 int (*match) (const void *arg, const char *key, size_t klen),
					 const void *arg)
{
	unsigned	p;

	if (ov->slots == NULL)
		return NULL;
	for (p = h & ov->mask;; p = (p + 1) & ov->mask)
	{
		uint32_t	s = ov->slots[p];
		const OvItem *it;

		if (s == 0)
			return NULL;
		it = &ov->items[s - 1];
		if (it->hash == h && match(arg, ov->pool + it->key_off, it->key_len))
			return &ov->merged[lang][s - 1];
	}
}

const char *
ec_overlay_key(const EcOverlay *ov, EcLanguage lang, const EcLexEntry *e)
{
	const EcLexEntry *m = ov->merged[lang];

	if (m == NULL || e < m || e >= m + ov->n)
		return NULL;
	return ov->pool + e->key_off;
}

/* make room for one more item (and rehash at load 0.5) */
static EcStatus
ov_grow(EcOverlay *ov)
{
	if (ov->n + 1 > ov->cap)
	{
		size_t		ncap = ov->cap ? ov->cap * 2 : 64;
		OvItem	   *ni = ov_alloc(ov, ncap * sizeof(OvItem));
		int			l;

		if (ni == NULL)
			return EC_ERR_NOMEM;
		if (ov->n)
			memcpy(ni, ov->items, ov->n * sizeof(OvItem));
		ov_free(ov, ov->items);
		ov->items = ni;
		for (l = 0; l < EC_NUM_LANGUAGES; l++)
		{
			EcLexEntry *nm = ov_alloc(ov, ncap * sizeof(EcLexEntry));

			if (nm == NULL)
				return EC_ERR_NOMEM;
			if (ov->n)
				memcpy(nm, ov->merged[l], ov->n * sizeof(EcLexEntry));
			ov_free(ov, ov->merged[l]);
			ov->merged[l] = nm;
		}
		ov->cap = ncap;
	}
	if (2 * (ov->n + 1) > (size_t) ov->mask + 1 || ov->slots == NULL)
	{
		size_t		nsize = ov->slots ? 2 * ((size_t) ov->mask + 1) : 256;
		uint32_t   *ns;
		size_t		i;

		while (2 * (ov->n + 1) > nsize)
			nsize *= 2;
		ns = ov_alloc(ov, nsize * sizeof(uint32_t));
		if (ns == NULL)
			return EC_ERR_NOMEM;
		memset(ns, 0, nsize * sizeof(uint32_t));
		for (i = 0; i < ov->n; i++)
		{
			unsigned	p = ov->items[i].hash & (unsigned) (nsize - 1);

			while (ns[p])
				p = (p + 1) & (unsigned) (nsize - 1);
			ns[p] = (uint32_t) (i + 1);
		}
		ov_free(ov, ov->slots);
		ov->slots = ns;
		ov->mask = (unsigned) (nsize - 1);
	}
	return EC_OK;
}

/* append key to the pool (keeps 8 NUL bytes after the last key, see ec_key_eq) */
static EcStatus
ov_pool_add(EcOverlay *ov, const char *key, size_t len, uint32_t *off)
{
	if (ov->pool_len + len + 1 + 8 > ov->pool_cap)
	{
		size_t		ncap = ov->pool_cap ? ov->pool_cap * 2 : 4096;
		char	   *np;

		while (ov->pool_len + len + 1 + 8 > ncap)
			ncap *= 2;
		np = ov_alloc(ov, ncap);
		if (np == NULL)
			return EC_ERR_NOMEM;
		memset(np, 0, ncap);
		if (ov->pool_len)
			memcpy(np, ov->pool, ov->pool_len);
		ov_free(ov, ov->pool);
		ov->pool = np;
		ov->pool_cap = ncap;
	}
	*off = (uint32_t) ov->pool_len;
	memcpy(ov->pool + ov->pool_len, key, len);
	ov->pool[ov->pool_len + len] = '\0';
	ov->pool_len += len + 1;
	return EC_OK;
}

/* the item of key (added empty if absent): index in *idx */
static EcStatus
ov_item(EcOverlay *ov, const char *key, size_t len, uint32_t h, size_t *idx)
{
	long		i = ov_find(ov, key, len, h);
	EcStatus	rc;
	OvItem	   *it;
	unsigned	p;

	if (i >= 0)
	{
		*idx = (size_t) i;
		return EC_OK;
	}
	rc = ov_grow(ov);
	if (rc != EC_OK)
		return rc;
	it = &ov->items[ov->n];
	memset(it, 0, sizeof(*it));
	it->hash = h;
	it->key_len = (uint16_t) len;
	rc = ov_pool_add(ov, key, len, &it->key_off);
	if (rc != EC_OK)
		return rc;
	for (p = h & ov->mask; ov->slots[p]; p = (p + 1) & ov->mask)
		;
	ov->slots[p] = (uint32_t) (ov->n + 1);
	ov->bloom[EC_OVERLAY_BLOOM_WORD(h)] |= EC_OVERLAY_BLOOM_BIT(h);
	if (len > ov->max_key)
		ov->max_key = (unsigned) len;
	*idx = ov->n++;
	return EC_OK;
}

/* recompute the merged entries of item i for every language */
static void
ov_merge(EcOverlay *ov, size_t i)
{
	const OvItem *it = &ov->items[i];
	const char *key = ov->pool + it->key_off;
	int			l,
				k;

	for (l = 0; l < EC_NUM_LANGUAGES; l++)
	{
		const EcLexEntry *b = ec_lext_lookup_h(&ec_lex_tables[l], key, it->key_len, it->hash);
		EcLexEntry *m = &ov->merged[l][i];

		if (b != NULL)
			*m = *b;
		else
			memset(m, 0, sizeof(*m));
		m->hash = it->hash;
		m->key_off = it->key_off;
		m->key_len = (uint8_t) it->key_len;
		m->flags |= it->flags;
		if (it->maxph > m->maxph)
			m->maxph = it->maxph;
		if (!it->user)
			continue;
		if (it->kind != EC_MOD_NONE)
		{
			m->kind = it->kind;
			m->strength = it->strength;
			m->flags |= EC_LF_MOD;
		}
		if (it->has_valence)
		{
			/* the user's values replace the built-in ones; not a cue */
			m->valence = it->valence;
			m->flags |= EC_LF_VALENCE;
			m->flags &= ~(EC_LF_CUE | EC_LF_EMO);
			for (k = 0; k < EC_NUM_EMOTIONS; k++)
				m->emo[k] = it->emo[k];
			if (it->has_emo)
				m->flags |= EC_LF_EMO;
		}
	}
}

typedef struct TermToks
{
	int			nwords;
	int			nother;			/* tokens that cannot be part of a term */
	int			nemoji;
	size_t		len;
	size_t		raw_end;		/* end of the last token in the term */
	uint32_t	hash;
	uint32_t	head_hash;
	size_t		head_len;
	size_t		ends[OV_MAX_WORDS];	/* key length after each word */
	uint32_t	hashes[OV_MAX_WORDS];	/* key hash after each word */
	char		key[OV_MAX_KEY + 8];
} TermToks;

static void
term_token(void *arg, const EcTokenInfo *t)
{
	TermToks   *tt = (TermToks *) arg;
	uint32_t	h;

	if ((t->kind != EC_TOKEN_WORD && t->kind != EC_TOKEN_EMOJI &&
		 t->kind != EC_TOKEN_EMOTICON) || t->token_len == 0 ||
		tt->nwords + tt->nemoji >= OV_MAX_WORDS || tt->nother > 0)
	{
		tt->nother++;
		return;
	}
	if (t->kind != EC_TOKEN_WORD)
		tt->nemoji++;
	tt->raw_end = t->byte_offset + t->byte_len;
	if (tt->len + (tt->len > 0) + t->token_len > OV_MAX_KEY)
	{
		tt->nother++;
		return;
	}
	if (tt->len > 0)
		tt->key[tt->len++] = ' ';
	memcpy(tt->key + tt->len, t->token, t->token_len);
	tt->len += t->token_len;
	h = ec_hash_word(t->token, t->token_len);
	if (t->kind != EC_TOKEN_WORD)
	{
		tt->hash = h;
		return;
	}
	tt->hash = tt->nwords == 0 ? h : ec_hash_combine(tt->hash, h);
	tt->ends[tt->nwords] = tt->len;
	tt->hashes[tt->nwords] = tt->hash;
	tt->nwords++;
}

/* tokenize and fold a term; EC_ERR_TERM if it is no usable key */
static EcStatus
ov_term(const EcOverlay *ov, const char *term, size_t len, TermToks *tt)
{
	EcStatus	rc;

	memset(tt, 0, sizeof(*tt));
	if (term == NULL || len == 0)
		return EC_ERR_TERM;
	rc = ec_tokenize_utf8(&ov->env, term, len, term_token, tt);
	if (rc != EC_OK)
		return rc;

	/*
	 * A one-word elided clitic ("n'", "l’"): the scorer splits French "n'est"
	 * into "n'" and "est", so the key keeps its apostrophe.
	 */
	if (tt->nwords == 1 && tt->nemoji == 0 && tt->nother == 0 &&
		tt->len + 1 <= OV_MAX_KEY)
	{
		const unsigned char *r = (const unsigned char *) term + tt->raw_end;
		size_t		rest = len - tt->raw_end;
		size_t		al = 0;

		if (rest >= 1 && r[0] == '\'')
			al = 1;
		else if (rest >= 3 && r[0] == 0xE2 && r[1] == 0x80 && (r[2] == 0x98 || r[2] == 0x99))
			al = 3;
		if (al > 0)
		{
			size_t		q;

			for (q = al; q < rest; q++)
				if (r[q] != ' ' && r[q] != '\t')
					break;
			if (q == rest)
			{
				tt->key[tt->len++] = '\'';
				tt->hash = ec_hash_word(tt->key, tt->len);
				tt->hashes[0] = tt->hash;
				tt->ends[0] = tt->len;
			}
			else
				tt->nother++;
		}
	}
	if (tt->nother > 0 || (tt->nemoji > 0 && (tt->nemoji > 1 || tt->nwords > 0)) ||
		(tt->nwords == 0 && tt->nemoji == 0))
		return EC_ERR_TERM;
	return EC_OK;
}

static EcStatus
ov_add(EcOverlay *ov, const char *term, size_t len, int kind, float strength,
	   int has_valence, float valence, const float *emo)
{
	TermToks	tt;
	EcStatus	rc;
	size_t		idx,
				j;
	OvItem	   *it;
	int			k,
				w;

	if (ov == NULL)
		return EC_ERR_TERM;
	rc = ov_term(ov, term, len, &tt);
	if (rc != EC_OK)
		return rc;
	rc = ov_item(ov, tt.key, tt.len, tt.hash, &idx);
	if (rc != EC_OK)
		return rc;
	it = &ov->items[idx];
	if (!it->user)
		ov->nuser++;
	it->user = 1;
	if (kind != EC_MOD_NONE)
	{
		it->kind = (uint8_t) kind;
		it->strength = strength;
	}
	if (has_valence)
	{
		it->has_valence = 1;
		it->valence = valence;
		it->has_emo = 0;
		for (k = 0; k < EC_NUM_EMOTIONS; k++)
		{
			float		x = emo ? emo[k] : 0.0f;

			it->emo[k] = (uint8_t) (x * 255.0f + 0.5f);
			if (it->emo[k] > 0)
				it->has_emo = 1;
		}
	}
	if (tt.nemoji > 0)
		it->flags |= EC_LF_EMOJI;
	if (tt.nwords > 1)
		it->flags |= EC_LF_MULTI;
	ov_merge(ov, idx);

	/* the head word and every proper prefix of a phrase */
	for (w = 0; w + 1 < tt.nwords; w++)
	{
		rc = ov_item(ov, tt.key, tt.ends[w], tt.hashes[w], &j);
		if (rc != EC_OK)
			return rc;
		it = &ov->items[j];
		if (w == 0)
		{
			it->flags |= EC_LF_HEAD;
			if (tt.nwords > it->maxph)
				it->maxph = (uint8_t) tt.nwords;
		}
		else
			it->flags |= EC_LF_PREFIX | EC_LF_MULTI;
		ov_merge(ov, j);
	}
	return EC_OK;
}

EcStatus
ec_overlay_add(EcOverlay *ov, const char *term, size_t len,
			   float valence, const float emo[EC_NUM_EMOTIONS])
{
	int			k;

	if (!(valence >= -1.0f && valence <= 1.0f))	/* also NaN */
		return EC_ERR_TERM;
	for (k = 0; emo != NULL && k < EC_NUM_EMOTIONS; k++)
		if (!(emo[k] >= 0.0f && emo[k] <= 1.0f))
			return EC_ERR_TERM;
	return ov_add(ov, term, len, EC_MOD_NONE, 0.0f, 1, valence, emo);
}

EcStatus
ec_overlay_add_modifier(EcOverlay *ov, const char *term, size_t len,
						int kind, float strength)
{
	if (kind < EC_MOD_NEGATOR || kind > EC_MOD_CONCESSIVE ||
		!(strength >= 0.0f && strength <= 2.0f))
		return EC_ERR_TERM;
	return ov_add(ov, term, len, kind, strength, 0, 0.0f, NULL);
}
