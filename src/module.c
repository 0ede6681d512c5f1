/*
 * module.c -- module magic and _PG_init: registers the settings (GUCs) of
 * every part of the extension.
 */
#include "emotion_crm.h"

#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	ec_journey_init();
	ec_lexicon_init();
#if PG_VERSION_NUM >= 150000
	MarkGUCPrefixReserved("emotion_crm");
#else
	EmitWarningsOnPlaceholders("emotion_crm");
#endif
}
