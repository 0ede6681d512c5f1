/*
 * language.c -- the languages with a compiled-in lexicon.
 */
#include "core/emocore.h"
#include "core/lexicon.h"

const char *const ec_language_codes[EC_NUM_LANGUAGES] = {"en", "es", "de", "fr", "pt"};

int
ec_language_lookup(const char *code, size_t len)
{
	int			l;

	if (code == NULL || len != 2)
		return -1;
	for (l = 0; l < EC_NUM_LANGUAGES; l++)
	{
		const char *c = ec_language_codes[l];
		char		a = code[0] >= 'A' && code[0] <= 'Z' ? (char) (code[0] + 32) : code[0];
		char		b = code[1] >= 'A' && code[1] <= 'Z' ? (char) (code[1] + 32) : code[1];

		if (a == c[0] && b == c[1])
			return l;
	}
	return -1;
}

size_t
ec_lexicon_size_lang(EcLanguage lang)
{
	if ((int) lang < 0 || lang >= EC_NUM_LANGUAGES)
		return 0;
	return ec_lex_tables[lang].size;
}
