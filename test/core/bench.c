/*
 * bench.c -- time the core over a generated corpus of CRM-like texts
 * (60-400 bytes each) and print MB/s.  Run by `make core-bench`.
 *
 * Best of 5 runs (2 for the forced-ICU path); MB/s is given against wall
 * time and against the thread's CPU time (the latter is steadier on a busy
 * machine).  EC_BENCH_TEXTS=n runs once over n texts, EC_BENCH_ASCII_ONLY
 * skips the ICU run.
 */
#include "ectest.h"
#include "core/tokenize.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>


static EctRng rng = {0x853c49e6748fea9bull};


static const char *const parts[] = {
	"Hi team,", "Hello,", "Dear support,", "Good morning.",
	"I ordered a laptop last week and it still hasn't arrived.",
	"The delivery was fast and the packaging was great.",
	"I have been on hold for two hours, this is unacceptable!",
	"Thank you so much for the quick help, issue resolved.",
	"My order #48213 was charged twice, I want a refund.",
	"The app keeps crashing when I open the settings page.",
	"Your agent Maria was very friendly and helpful :)",
	"This is the third time I contact you about the same problem.",
	"I'm not happy with the service at all.",
	"The product works fine but the battery life is disappointing.",
	"Please cancel my subscription immediately.",
	"Great experience overall, would recommend to friends!",
	"Can you tell me when the replacement will be shipped?",
	"I'm really frustrated, nobody answers my emails.",
	"See the screenshot at https://example.com/ticket/7781 for details.",
	"The invoice from 12/03 shows the wrong amount of 149.99 EUR.",
	"Honestly the new update is kind of confusing.",
	"Absolutely love the new dashboard, well done!!!",
	"I want to speak to a manager.",
	"Still waiting for a reply from @support_team.",
	"Thanks,", "Best regards, John", "Cheers", "Sent from my phone",
	"The technician did not show up and nobody called me.",
	"Fixed after the restart, thanks for your patience.",
	"Although the price is high, the quality is excellent.",
	"It is NOT acceptable to wait this long.",
};

int
core_bench(void)
{
	char	   *buf;
	size_t	   *off;
	int			BENCH_TEXTS = getenv("EC_BENCH_TEXTS") ? atoi(getenv("EC_BENCH_TEXTS")) : 200000;
	size_t		cap;
	size_t		total = 0;
	int			i,
				rep,
				icu;
	double		best = 1e9;
	double		sink = 0;
	size_t		np = sizeof(parts) / sizeof(parts[0]);
	int			run;
	EcOverlay  *ov;
	EcOptions	opts_ov;

	if (BENCH_TEXTS < 1)
		BENCH_TEXTS = 1;
	cap = (size_t) BENCH_TEXTS * 420;
	buf = malloc(cap);
	off = malloc(sizeof(size_t) * (BENCH_TEXTS + 1));
	for (i = 0; i < BENCH_TEXTS; i++)
	{
		size_t		target = 60 + ect_rnd(&rng) % 341;
		size_t		start = total;

		off[i] = start;
		while (total - start < target)
		{
			const char *p = parts[ect_rnd(&rng) % np];
			size_t		l = strlen(p);

			if (total - start + l + 1 > 400)
			{
				if (total - start >= 60)
					break;
				continue;
			}
			if (total > start)
				buf[total++] = ' ';
			memcpy(buf + total, p, l);
			total += l;
		}
	}
	off[BENCH_TEXTS] = total;

	printf("core bench: %d texts, %.1f MB, avg %.0f bytes/text\n",
		   BENCH_TEXTS, total / 1e6, (double) total / BENCH_TEXTS);
	/* an overlay of 1000 user entries (words and phrases, some overriding
	 * built-in words), for the "with overlay" runs */
	{
		static const char *const over[] = {"cheap", "slow", "refund", "great", "broken"};
		char		term[64];

		ov = ec_overlay_create(&ec_default_env);
		for (i = 0; i < 1000; i++)
		{
			float		emo[EC_NUM_EMOTIONS] = {0};

			emo[i % EC_NUM_EMOTIONS] = 0.3f;
			if (i < 5)
				snprintf(term, sizeof(term), "%s", over[i]);
			else if (i % 4 == 0)
				snprintf(term, sizeof(term), "acme widget%d broke", i);
			else
				snprintf(term, sizeof(term), "productname%d", i);
			ec_overlay_add(ov, term, strlen(term), (i % 7) / 7.0f - 0.4f, emo);
		}
		opts_ov.language = EC_LANG_EN;
		opts_ov.overlay = ov;
	}
	for (run = 0; run < (getenv("EC_BENCH_ASCII_ONLY") ? 1 : 3); run++)
	{
		const EcOptions *opts = run == 2 ? &opts_ov : NULL;

		icu = run == 1;
		int			reps = getenv("EC_BENCH_TEXTS") ? 1 : (run == 1 ? 2 : 5);
		double		best_cpu = 1e9;

		best = 1e9;
		sink = 0;
		ec_force_icu = icu;
		for (rep = 0; rep < reps; rep++)
		{
			struct timespec t0,
						t1,
						c0,
						c1;
			double		sec,
						cpu;

			clock_gettime(CLOCK_MONOTONIC, &t0);
			clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
			for (i = 0; i < BENCH_TEXTS; i++)
			{
				EcScore		s;

				ec_score_utf8(&ec_default_env, opts, buf + off[i], off[i + 1] - off[i], &s, NULL, NULL);
				sink += s.valence;
			}
			clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			sec = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
			cpu = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;
			if (sec < best)
				best = sec;
			if (cpu < best_cpu)
				best_cpu = cpu;
		}
		printf("core bench: %-19s path: %.1f MB/s wall (%.3f s), %.1f MB/s CPU time, %.0f texts/s (checksum %.3f)\n",
			   run == 2 ? "ASCII+overlay(1000)" : icu ? "ICU (forced)" : "ASCII", total / 1e6 / best, best,
			   total / 1e6 / best_cpu, BENCH_TEXTS / best, sink / reps);
	}
	ec_force_icu = 0;
	ec_overlay_free(ov);
	free(buf);
	free(off);
	return 0;
}
