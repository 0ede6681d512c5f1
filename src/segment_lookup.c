/*
 * segment_lookup.c -- the named segments of emotion_crm.segments:
 *   segment(name text) RETURNS emotion_segment
 *   emotion_segment(e emotion) RETURNS text   (best-matching named segment)
 *
 * Both read the enabled rows of the table once per call site and statement
 * (cached in fn_extra, reloaded when the transaction or its command counter
 * moves on, so edits made earlier in the same transaction are seen), which
 * keeps them cheap enough to call for every row of a large table.
 *
 * Tie rule of emotion_segment(e): among the enabled segments containing e,
 * the lowest priority wins, then the smallest volume (share of the emotion
 * space), then the name in byte order (C collation).
 */
#include "segment.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

typedef struct NamedSegment
{
	char	   *name;
	int			priority;
	double		volume;
	EmotionSegment seg;
} NamedSegment;

typedef struct SegmentCache
{
	LocalTransactionId lxid;
	CommandId	cid;
	int			n;
	NamedSegment *items;		/* sorted by the tie rule */
} SegmentCache;

static int
named_segment_cmp(const void *a, const void *b)
{
	const NamedSegment *x = (const NamedSegment *) a;
	const NamedSegment *y = (const NamedSegment *) b;

	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	if (x->volume != y->volume)
		return x->volume < y->volume ? -1 : 1;
	return strcmp(x->name, y->name);
}

static LocalTransactionId
current_lxid(void)
{
#if PG_VERSION_NUM >= 170000
	return MyProc->vxid.lxid;
#else
	return MyProc->lxid;
#endif
}

static SegmentCache *
get_segments(FunctionCallInfo fcinfo)
{
	SegmentCache *cache = (SegmentCache *) fcinfo->flinfo->fn_extra;
	LocalTransactionId lxid = current_lxid();
	CommandId	cid = GetCurrentCommandId(false);
	MemoryContext fnmcxt = fcinfo->flinfo->fn_mcxt;
	MemoryContext old;
	uint64		i;
	int			ret;

	if (cache != NULL && cache->lxid == lxid && cache->cid == cid)
		return cache;

	if (cache == NULL)
		cache = MemoryContextAllocZero(fnmcxt, sizeof(SegmentCache));
	else if (cache->items != NULL)
	{
		for (i = 0; i < (uint64) cache->n; i++)
			pfree(cache->items[i].name);
		pfree(cache->items);
		cache->items = NULL;
		cache->n = 0;
	}
	fcinfo->flinfo->fn_extra = cache;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute("SELECT s.name, s.segment, s.priority FROM emotion_crm.segments AS s WHERE s.enabled",
					  true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading emotion_crm.segments failed: %s", SPI_result_code_string(ret));

	old = MemoryContextSwitchTo(fnmcxt);
	cache->items = palloc0(sizeof(NamedSegment) * Max(SPI_processed, 1));
	MemoryContextSwitchTo(old);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		name = SPI_getbinval(tup, desc, 1, &isnull);
		Datum		seg = SPI_getbinval(tup, desc, 2, &isnull);
		Datum		prio = SPI_getbinval(tup, desc, 3, &isnull);
		NamedSegment *item = &cache->items[cache->n++];

		item->name = MemoryContextStrdup(fnmcxt, TextDatumGetCString(name));
		memcpy(&item->seg, DatumGetPointer(seg), sizeof(EmotionSegment));
		item->priority = DatumGetInt32(prio);
		item->volume = emotion_segment_volume_internal(&item->seg);
	}
	SPI_finish();

	qsort(cache->items, cache->n, sizeof(NamedSegment), named_segment_cmp);
	cache->lxid = lxid;
	cache->cid = cid;
	return cache;
}

PG_FUNCTION_INFO_V1(emotion_segment_by_name);
Datum
emotion_segment_by_name(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	SegmentCache *cache = get_segments(fcinfo);
	int			i;

	for (i = 0; i < cache->n; i++)
	{
		if (strcmp(cache->items[i].name, name) == 0)
		{
			EmotionSegment *result = palloc(sizeof(EmotionSegment));

			*result = cache->items[i].seg;
			PG_RETURN_EMOTION_SEGMENT_P(result);
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("unknown emotion segment \"%s\"", name),
			 errhint("Named segments are the enabled rows of emotion_crm.segments.")));
	PG_RETURN_NULL();			/* keep compiler quiet */
}

PG_FUNCTION_INFO_V1(emotion_best_segment);
Datum
emotion_best_segment(PG_FUNCTION_ARGS)
{
	Emotion    *e = PG_GETARG_EMOTION_P(0);
	SegmentCache *cache = get_segments(fcinfo);
	int			i;

	for (i = 0; i < cache->n; i++)
	{
		if (emotion_in_segment(e, &cache->items[i].seg))
			PG_RETURN_TEXT_P(cstring_to_text(cache->items[i].name));
	}
	PG_RETURN_NULL();
}
