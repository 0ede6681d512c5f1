/*
 * core_time.c -- time the pure-C scoring core alone over a file of texts,
 * one text per line (the texts score_bench.sh exports from its table).
 *
 * usage: core_time TEXTS.txt [RUNS]
 *
 * The whole file is read into memory first; each run then calls
 * ec_score_utf8() once per line with the default (malloc) environment and no
 * explain callback, adding the valences up so nothing can be optimised
 * away.  Prints one line per run and a last line `best: ...` with rows/s and
 * MB/s (10^6 bytes of text, newlines not counted).
 */
#include "core/emocore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	char	   *buf;
	long		size;
	size_t		nlines = 0,
				cap = 1024,
				i;
	size_t	   *start,
			   *len;
	size_t		bytes = 0;
	int			runs = 3,
				r;
	double		best = -1,
				best_sum = 0;

	if (argc < 2 || argc > 3)
	{
		fprintf(stderr, "usage: %s TEXTS.txt [RUNS]\n", argv[0]);
		return 2;
	}
	if (argc == 3)
		runs = atoi(argv[2]) > 0 ? atoi(argv[2]) : 1;
	f = fopen(argv[1], "rb");
	if (f == NULL)
	{
		perror(argv[1]);
		return 2;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
	{
		perror(argv[1]);
		return 2;
	}
	buf = malloc(size + 1);
	start = malloc(cap * sizeof(size_t));
	len = malloc(cap * sizeof(size_t));
	if (buf == NULL || start == NULL || len == NULL)
	{
		fprintf(stderr, "out of memory\n");
		return 2;
	}
	if (fread(buf, 1, size, f) != (size_t) size)
	{
		perror(argv[1]);
		return 2;
	}
	fclose(f);
	buf[size] = '\n';

	/* split into lines */
	for (i = 0; i < (size_t) size;)
	{
		char	   *nl = memchr(buf + i, '\n', size + 1 - i);
		size_t		l = nl - (buf + i);

		if (nlines == cap)
		{
			cap *= 2;
			start = realloc(start, cap * sizeof(size_t));
			len = realloc(len, cap * sizeof(size_t));
			if (start == NULL || len == NULL)
			{
				fprintf(stderr, "out of memory\n");
				return 2;
			}
		}
		start[nlines] = i;
		len[nlines] = l;
		nlines++;
		bytes += l;
		i += l + 1;
	}

	for (r = 1; r <= runs; r++)
	{
		double		t0 = now_sec(),
					t;
		double		sum = 0;

		for (i = 0; i < nlines; i++)
		{
			EcScore		s;

			if (ec_score_utf8(&ec_default_env, NULL, buf + start[i], len[i], &s, NULL, NULL) != EC_OK)
			{
				fprintf(stderr, "ec_score_utf8 failed on line %zu\n", i + 1);
				return 1;
			}
			sum += s.valence;
		}
		t = now_sec() - t0;
		printf("run %d: %zu rows, %zu bytes, %.1f ms, %.0f rows/s, %.2f MB/s, sum %.3f\n",
			   r, nlines, bytes, t * 1000, nlines / t, bytes / 1e6 / t, sum);
		if (best < 0 || t < best)
		{
			best = t;
			best_sum = sum;
		}
	}
	printf("best: %zu rows, %zu bytes, %.1f ms, %.0f rows/s, %.2f MB/s, sum %.3f\n",
		   nlines, bytes, best * 1000, nlines / best, bytes / 1e6 / best, best_sum);
	return 0;
}
