/*
 * test_genlex.c -- the lexicon generator: merge method and strict
 * validation (runs tools/genlex.pl with perl on small lexicon directories).
 */
#define _POSIX_C_SOURCE 200809L
#include "ectest.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];
static char srcdir[512];

static void
put(const char *name, const char *content)
{
	char		path[512];
	FILE	   *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL)
		return;
	fputs(content, f);
	fclose(f);
}

static void
clear(void)
{
	static const char *const files[] = {
		"vader.tsv", "afinn165.tsv", "crm_valence.tsv", "emotions.tsv",
		"phrases.tsv", "modifiers.tsv", "emoji.tsv", "out.c", "out.txt"
	};
	size_t		i;
	char		path[512];

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
	{
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
}

/* run genlex --dump; returns exit status, output (stdout+stderr) in out */
static int
run(char *out, size_t cap)
{
	char		cmd[2048];
	FILE	   *f;
	size_t		n;
	int			rc;

	snprintf(cmd, sizeof(cmd), "perl %s/tools/genlex.pl --dump %s > %s/out.txt 2>&1",
			 srcdir, dir, dir);
	rc = system(cmd);
	snprintf(cmd, sizeof(cmd), "%s/out.txt", dir);
	out[0] = '\0';
	f = fopen(cmd, "r");
	if (f)
	{
		n = fread(out, 1, cap - 1, f);
		out[n] = '\0';
		fclose(f);
	}
	return rc;
}

/* run genlex --dump DIR LANG */
static int
run_lang(const char *lang, char *out, size_t cap)
{
	char		cmd[2048];
	FILE	   *f;
	size_t		n;
	int			rc;

	snprintf(cmd, sizeof(cmd), "perl %s/tools/genlex.pl --dump %s %s > %s/out.txt 2>&1",
			 srcdir, dir, lang, dir);
	rc = system(cmd);
	snprintf(cmd, sizeof(cmd), "%s/out.txt", dir);
	out[0] = '\0';
	f = fopen(cmd, "r");
	if (f)
	{
		n = fread(out, 1, cap - 1, f);
		out[n] = '\0';
		fclose(f);
	}
	return rc;
}

static int
fails_with(const char *file, const char *content, const char *msg)
{
	char		out[8192];
	int			rc;

	clear();
	put(file, content);
	rc = run(out, sizeof(out));
	if (rc == 0 || strstr(out, msg) == NULL)
	{
		printf("  genlex output for %s: %s\n", file, out);
		return 0;
	}
	return 1;
}

void
test_genlex(void)
{
	char		out[65536];
	struct stat sb;
	const char *s = getenv("EC_SRCDIR");

	snprintf(srcdir, sizeof(srcdir), "%s", s ? s : ".");
	snprintf(out, sizeof(out), "%s/tools/genlex.pl", srcdir);
	if (stat(out, &sb) != 0 || system("perl -e 1 2>/dev/null") != 0)
	{
		printf("SKIP genlex tests: no perl or no %s (set EC_SRCDIR)\n", out);
		return;
	}
	snprintf(dir, sizeof(dir), "/tmp/ec_genlex_test.%d", (int) getpid());
	mkdir(dir, 0700);

	/* the merge: crm wins; else mean(vader/4, afinn/5); else the one scaled */
	clear();
	put("vader.tsv", "# comment\nterm\tvalence\ngood\t2\nbad\t-2\nonlyv\t-4\nlike\t1.5\n");
	put("afinn165.tsv", "term\tvalence\ngood\t3\nonlya\t5\nlike\t2\n");
	put("crm_valence.tsv", "term\tvalence\nbad\t-0.9\nlike\t0\n");
	put("emotions.tsv", "term\tjoy\ttrust\tfear\tsurprise\tsadness\tdisgust\tanger\tanticipation\n"
		"good\t0.5\t0\t0\t0\t0\t0\t0\t0\nmad\t0\t0\t0\t0\t0\t0\t0.75\t0\n");
	put("phrases.tsv", "phrase\tvalence\temotions\tcue\nstill waiting for\t-0.5\tanger=0.4\t1\n"
		"best regards\t0\t-\t0\n");
	put("modifiers.tsv", "term\tkind\tstrength\nkind of\tdampener\t0.3\nvery\tbooster\t0.3\n");
	put("emoji.tsv", "token\tvalence\temotions\n:)\t0.5\tjoy=0.5\n\xe2\x9d\xa4\xef\xb8\x8f\t0.8\t-\n");
	CHECK(run(out, sizeof(out)) == 0);
	CHECKF(strstr(out, "\ngood\t0.550000\tnone\t0\t") != NULL, "%s", out);	/* (2/4 + 3/5) / 2 */
	CHECK(strstr(out, "\nbad\t-0.900000\t") != NULL);		/* crm wins */
	CHECK(strstr(out, "\nonlyv\t-1.000000\t") != NULL);		/* -4 / 4 */
	CHECK(strstr(out, "\nonlya\t1.000000\t") != NULL);		/* 5 / 5 */
	CHECK(strstr(out, "\nlike\t") == NULL);					/* crm 0 drops it */
	CHECK(strstr(out, "\nmad\t0.000000\tnone\t0\tEMO\t0\t0\t0\t0\t0\t0\t0\t0.75\t0\n") != NULL);
	CHECK(strstr(out, "\nstill waiting for\t-0.500000\tnone\t0\tCUE,EMO,MULTI,VALENCE\t") != NULL);
	CHECK(strstr(out, "\nstill waiting\t0.000000\tnone\t0\tMULTI,PREFIX\t") != NULL);
	CHECK(strstr(out, "\nstill\t0.000000\tnone\t0\tHEAD\t3\t") != NULL);
	CHECK(strstr(out, "\nkind of\t0.000000\tdampener\t0.3\t") != NULL);
	/* a neutral phrase is kept: matched (VALENCE with value 0), scores nothing */
	CHECKF(strstr(out, "\nbest regards\t0.000000\tnone\t0\tMULTI,VALENCE\t0\t0\t0\t0\t0\t0\t0\t0\t0\n") != NULL,
		   "%s", out);
	CHECK(strstr(out, "\nbest\t0.000000\tnone\t0\tHEAD\t2\t") != NULL);
	CHECK(strstr(out, "\n\xe2\x9d\xa4\t0.800000\t") != NULL);	/* FE0F stripped */

	/* strict validation, with file:line and a reason */
	CHECK(fails_with("vader.tsv", "term\tvalence\ngood\tx2\n", "vader.tsv:2: valence 'x2' is not a number"));
	CHECK(fails_with("vader.tsv", "term\tvalence\ngood\t4.5\n", "vader.tsv:2: valence 4.5 out of range"));
	CHECK(fails_with("afinn165.tsv", "term\tvalence\n# c\ngood\t3\ngood\t2\n", "afinn165.tsv:4: duplicate term 'good'"));
	CHECK(fails_with("crm_valence.tsv", "term\tvalence\ngood\t0.5\textra\n", "crm_valence.tsv:2: 3 columns, expected 2"));
	CHECK(fails_with("crm_valence.tsv", "term\tvalence\ngood\t1.5\n", "out of range"));
	CHECK(fails_with("emotions.tsv", "term\tjoy\ttrust\tfear\tsurprise\tsadness\tdisgust\tanger\tanticipation\n"
					 "good\t0.5\t0\t0\t0\t0\t0\t0\n", "emotions.tsv:2: 8 columns, expected 9"));
	CHECK(fails_with("emotions.tsv", "term\tjoy\ttrust\tfear\tsurprise\tsadness\tdisgust\tanger\tanticipation\n"
					 "good\t1.5\t0\t0\t0\t0\t0\t0\t0\n", "emotions.tsv:2: joy 1.5 out of range"));
	CHECK(fails_with("phrases.tsv", "phrase\tvalence\temotions\tcue\nfed\t-0.5\t-\t0\n", "phrases.tsv:2: phrase must have 2..6 words"));
	CHECK(fails_with("phrases.tsv", "phrase\tvalence\temotions\tcue\nfed up\t-0.5\trage=0.5\t0\n", "phrases.tsv:2: unknown emotion 'rage'"));
	CHECK(fails_with("phrases.tsv", "phrase\tvalence\temotions\tcue\nfed up\t-0.5\t-\t2\n", "phrases.tsv:2: cue must be 0 or 1"));
	CHECK(fails_with("modifiers.tsv", "term\tkind\tstrength\nvery\tamplifier\t0.3\n", "modifiers.tsv:2: unknown kind 'amplifier'"));
	CHECK(fails_with("modifiers.tsv", "term\tkind\tstrength\na b c d\tbooster\t0.3\n", "modifiers.tsv:2: modifier must have 1..3 words"));
	CHECK(fails_with("emoji.tsv", "token\tvalence\temotions\n:)\t0.5\t-\n:)\t0.4\t-\n", "emoji.tsv:3: duplicate term ':)'"));
	CHECK(fails_with("emoji.tsv", "token\tvalence\temotions\n\xe2\x9d\xa4\xef\xb8\x8f\t0.5\t-\n\xe2\x9d\xa4\t0.4\t-\n", "emoji.tsv:3: duplicate emoji token"));
	CHECK(fails_with("vader.tsv", "term\nfoo\t1\n", "vader.tsv:1: header has 1 columns, expected 2"));
	CHECK(fails_with("vader.tsv", "term\tvalence\nfoo  bar\t1\n", "vader.tsv:2: term has leading/trailing/double spaces"));

	/* an empty directory still gives a valid (empty) lexicon */
	clear();
	CHECK(run(out, sizeof(out)) == 0);

	/*
	 * Other languages: LEXICON_DIR/<code>/valence.tsv (-1..1, no merge),
	 * terms folded as text is (NFKC + full case folding), the shared emoji;
	 * a missing directory gives just the emoji.
	 */
	clear();
	put("emoji.tsv", "token\tvalence\temotions\n:)\t0.5\tjoy=0.5\n");
	put("vader.tsv", "term\tvalence\ngood\t2\n");
	CHECK(run_lang("de", out, sizeof(out)) == 0);
	CHECKF(strstr(out, "\n:)\t0.500000\t") != NULL && strstr(out, "\ngood\t") == NULL, "%s", out);
	{
		char		sub[600];

		snprintf(sub, sizeof(sub), "%s/de", dir);
		mkdir(sub, 0700);
		put("de/valence.tsv", "term\tvalence\nGut\t0.5\nStra\xc3\x9f" "e\t-0.2\n\xc3\x89T\xc3\x89\t0.3\n");
		put("de/modifiers.tsv", "term\tkind\tstrength\nnicht\tnegator\t1\nnicht mehr\tnegator\t1\nN\xe2\x80\x99\tnegator\t1\n");
		CHECK(run_lang("de", out, sizeof(out)) == 0);
		CHECKF(strstr(out, "\ngut\t0.500000\t") != NULL, "%s", out);
		CHECK(strstr(out, "\nstrasse\t-0.200000\t") != NULL);
		CHECK(strstr(out, "\n\xc3\xa9t\xc3\xa9\t0.300000\t") != NULL);
		CHECK(strstr(out, "\nnicht\t0.000000\tnegator\t1\tHEAD,MOD\t2\t") != NULL);
		CHECK(strstr(out, "\nn'\t0.000000\tnegator\t") != NULL);
		CHECK(strstr(out, "\n:)\t0.500000\t") != NULL);
		/* English is not folded and does not see the language's words */
		CHECK(run_lang("en", out, sizeof(out)) == 0);
		CHECK(strstr(out, "\ngut\t") == NULL && strstr(out, "\ngood\t0.500000") != NULL);
		/* duplicates after folding, range, and words that never match */
		put("de/valence.tsv", "term\tvalence\ngut\t0.5\nGUT\t0.4\n");
		CHECK(run_lang("de", out, sizeof(out)) != 0 && strstr(out, "de/valence.tsv:3: duplicate term 'gut'") != NULL);
		put("de/valence.tsv", "term\tvalence\ngut\t2\n");
		CHECK(run_lang("de", out, sizeof(out)) != 0 && strstr(out, "de/valence.tsv:2: valence 2 out of range") != NULL);
		put("de/valence.tsv", "term\tvalence\ne-mail\t0.1\n");
		CHECK(run_lang("de", out, sizeof(out)) == 0 && strstr(out, "it will never match") != NULL);
		snprintf(sub, sizeof(sub), "%s/de/valence.tsv", dir);
		unlink(sub);
		snprintf(sub, sizeof(sub), "%s/de/modifiers.tsv", dir);
		unlink(sub);
		snprintf(sub, sizeof(sub), "%s/de", dir);
		rmdir(sub);
	}

	clear();
	rmdir(dir);
}
