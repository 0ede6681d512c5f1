/*
 * ectest.h -- a minimal test harness for the core (no framework).
 */
#ifndef ECTEST_H
#define ECTEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/emocore.h"

extern int	ect_passed;
extern int	ect_failed;

#define CHECK(cond) \
	do { \
		if (cond) \
			ect_passed++; \
		else \
		{ \
			ect_failed++; \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

/* CHECK with a message formatted on failure */
#define CHECKF(cond, ...) \
	do { \
		if (cond) \
			ect_passed++; \
		else \
		{ \
			ect_failed++; \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

/*
 * A small deterministic generator (xorshift64) for the generated-text
 * tests: each suite keeps its own state, seeded with a constant, so a
 * failure reproduces exactly.
 */
typedef struct EctRng
{
	uint64_t	s;
} EctRng;

static inline uint32_t
ect_rnd(EctRng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (uint32_t) (r->s >> 16);
}

/* collected explain rows */
#define ECT_MAX_ROWS 64
typedef struct EctRow
{
	char		token[128];
	size_t		byte_offset;
	int			position;
	float		base;
	float		valence;
	unsigned	rules;
	float		emo[EC_NUM_EMOTIONS];
} EctRow;

typedef struct EctExplain
{
	int			n;
	int			overflow;
	EctRow		row[ECT_MAX_ROWS];
} EctExplain;

extern EcScore ect_score(const char *text);
extern EcScore ect_score_len(const char *text, size_t len);
extern float ect_sent(const char *text);
/* score and collect explain rows */
extern EcScore ect_explain(const char *text, EctExplain *x);
/* the row whose token is tok, or NULL */
extern const EctRow *ect_row(const EctExplain *x, const char *tok);
extern int	ect_score_ok(const EcScore *s);

/* suites */
extern void test_rules(void);
extern void test_tokenizer(void);
extern void test_diff(void);
extern void test_robust(void);
extern void test_emotions(void);
extern void test_genlex(void);
extern void test_lang(void);
extern void test_literal(void);
extern void ect_collect(void *arg, const EcContribution *c);
extern int	core_bench(void);

#endif
