/*
 * emotion_score -- score lines of text with the emotion_crm core.
 *
 * usage: emotion-score [-e] [-i] < lines
 *   prints one tab-separated line per input line:
 *     valence arousal joy trust fear surprise sadness disgust anger anticipation evidence
 *   -e  also print one indented line per contribution (explain)
 *   -i  force the ICU tokenizer path (for comparisons)
 *   -h  print a header line first
 */
#include "core/emocore.h"
#include "core/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
print_contribution(void *arg, const EcContribution *c)
{
	int			i;
	int			first = 1;

	(void) arg;
	printf("  %d\t%.*s\t%.3f\t%.3f\t", c->position, (int) c->token_len, c->token,
		   c->base_valence, c->valence);
	for (i = 0; i < EC_NUM_RULES; i++)
	{
		if (c->rules & (1u << i))
		{
			printf("%s%s", first ? "" : ",", ec_rule_names[i]);
			first = 0;
		}
	}
	if (first)
		printf("-");
	printf("\t");
	first = 1;
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
	{
		if (c->emo[i] > 0)
		{
			printf("%s%s=%.3f", first ? "" : ",", ec_emotion_names[i], c->emo[i]);
			first = 0;
		}
	}
	printf("%s\n", first ? "-" : "");
}

int
main(int argc, char **argv)
{
	int			explain = 0;
	int			header = 0;
	int			i;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;

	for (i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-e") == 0)
			explain = 1;
		else if (strcmp(argv[i], "-i") == 0)
			ec_force_icu = 1;
		else if (strcmp(argv[i], "-h") == 0)
			header = 1;
		else
		{
			fprintf(stderr, "usage: %s [-e] [-i] [-h] < lines\n", argv[0]);
			return 2;
		}
	}
	if (header)
	{
		printf("valence\tarousal");
		for (i = 0; i < EC_NUM_EMOTIONS; i++)
			printf("\t%s", ec_emotion_names[i]);
		printf("\tevidence\n");
	}
	while ((n = getline(&line, &cap, stdin)) >= 0)
	{
		EcScore		s;
		EcStatus	rc;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		rc = ec_score_utf8(&ec_default_env, NULL, line, (size_t) n, &s,
						   explain ? print_contribution : NULL, NULL);
		if (rc != EC_OK)
		{
			fprintf(stderr, "emotion-score: scoring failed (status %d)\n", (int) rc);
			return 1;
		}
		printf("%.4f\t%.4f", s.valence, s.arousal);
		for (i = 0; i < EC_NUM_EMOTIONS; i++)
			printf("\t%.4f", s.emo[i]);
		printf("\t%.4f\n", s.evidence);
	}
	free(line);
	return 0;
}
