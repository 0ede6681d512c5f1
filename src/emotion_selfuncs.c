/*
 * emotion_selfuncs.c -- planner statistics for emotion columns and the
 * selectivity estimators of  emotion <@ emotion_segment  and
 * emotion_segment @> emotion.
 *
 * ANALYZE: emotion_typanalyze (the type's ANALYZE function) runs the
 * standard statistics and then stores, in a free pg_statistic slot of the
 * private kind STATISTIC_KIND_EMOTION_SAMPLE, an evenly spread subset of the
 * sampled values (up to EC_STATS_SAMPLE of them, scaled with the column's
 * statistics target).
 *
 * Estimation: the share of those stored emotions that fall inside the
 * segment.  A sample keeps the correlations between dimensions (anger goes
 * with negative valence), which per-dimension histograms would lose.  When
 * no stored value falls inside, the estimate is the product of the
 * per-dimension shares (independence assumption), capped at half a sample
 * value, so rare segments still get a small non-zero estimate.
 */
#include "segment.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_statistic.h"
#include "commands/vacuum.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/selfuncs.h"
#include "utils/syscache.h"

/* private pg_statistic kind (10000-30000 is for private use) */
#define STATISTIC_KIND_EMOTION_SAMPLE	17044

/* sample values stored per column, at the default statistics target 100 */
#define EC_STATS_SAMPLE		3000

/* estimate without statistics */
#define EC_DEFAULT_CONTAIN_SEL	0.005

typedef struct EmotionAnalyzeExtra
{
	AnalyzeAttrComputeStatsFunc std_compute_stats;
	void	   *std_extra_data;
} EmotionAnalyzeExtra;

static void
compute_emotion_stats(VacAttrStats *stats, AnalyzeAttrFetchFunc fetchfunc,
					  int samplerows, double totalrows)
{
	EmotionAnalyzeExtra *extra = (EmotionAnalyzeExtra *) stats->extra_data;
	MemoryContext old;
	int			slot;
	int			nonnull = 0;
	int			want;
	int			i;
	int		   *idx;
	Datum	   *values;
	int			nvalues = 0;

	/* the standard statistics first (null fraction, MCV, histogram, ...) */
	stats->extra_data = extra->std_extra_data;
	extra->std_compute_stats(stats, fetchfunc, samplerows, totalrows);
	stats->extra_data = extra;

	if (!stats->stats_valid)
		return;
	for (slot = 0; slot < STATISTIC_NUM_SLOTS; slot++)
		if (stats->stakind[slot] == 0)
			break;
	if (slot >= STATISTIC_NUM_SLOTS)
		return;

	idx = palloc(sizeof(int) * samplerows);
	for (i = 0; i < samplerows; i++)
	{
		bool		isnull;

#if PG_VERSION_NUM >= 180000
		vacuum_delay_point(true);	/* true: called from ANALYZE */
#else
		vacuum_delay_point();
#endif
		(void) fetchfunc(stats, i, &isnull);
		if (!isnull)
			idx[nonnull++] = i;
	}
	if (nonnull == 0)
	{
		pfree(idx);
		return;
	}

	/* scale with the statistics target (default 100 -> EC_STATS_SAMPLE) */
	want = (int) ((double) EC_STATS_SAMPLE * stats->minrows / (300.0 * 100.0));
	want = Max(want, 100);
	want = Min(want, nonnull);

	old = MemoryContextSwitchTo(stats->anl_context);
	values = palloc(sizeof(Datum) * want);
	for (i = 0; i < want; i++)
	{
		/* evenly spread over the sample, which ANALYZE keeps in table order */
		int			row = idx[(int) (((int64) i * nonnull) / want)];
		bool		isnull;
		Datum		d = fetchfunc(stats, row, &isnull);

		values[nvalues++] = datumCopy(d, false, EMOTION_SIZE);
	}
	MemoryContextSwitchTo(old);
	pfree(idx);

	stats->stakind[slot] = STATISTIC_KIND_EMOTION_SAMPLE;
	stats->staop[slot] = InvalidOid;
#if PG_VERSION_NUM >= 120000
	stats->stacoll[slot] = InvalidOid;
#endif
	stats->stavalues[slot] = values;
	stats->numvalues[slot] = nvalues;
	stats->numnumbers[slot] = 0;
	stats->stanumbers[slot] = NULL;
	stats->statypid[slot] = stats->attrtypid;
	stats->statyplen[slot] = EMOTION_SIZE;
	stats->statypbyval[slot] = false;
	stats->statypalign[slot] = TYPALIGN_INT;
}

PG_FUNCTION_INFO_V1(emotion_typanalyze);
Datum
emotion_typanalyze(PG_FUNCTION_ARGS)
{
	VacAttrStats *stats = (VacAttrStats *) PG_GETARG_POINTER(0);
	EmotionAnalyzeExtra *extra;

	if (!std_typanalyze(stats))
		PG_RETURN_BOOL(false);
	extra = palloc(sizeof(EmotionAnalyzeExtra));
	extra->std_compute_stats = stats->compute_stats;
	extra->std_extra_data = stats->extra_data;
	stats->extra_data = extra;
	stats->compute_stats = compute_emotion_stats;
	PG_RETURN_BOOL(true);
}

/*
 * Selectivity of "emotion in segment" from the column's statistics, or -1
 * if it has none of our kind.
 */
static double
segment_sel_from_stats(VariableStatData *vardata, const EmotionSegment *seg)
{
	AttStatsSlot sslot;
	Form_pg_statistic stats;
	double		nullfrac;
	int			hits = 0;
	int			dimhits[EMOTION_NDIMS] = {0};
	double		sel;
	int			i,
				d;

	if (!HeapTupleIsValid(vardata->statsTuple))
		return -1.0;
	stats = (Form_pg_statistic) GETSTRUCT(vardata->statsTuple);
	nullfrac = stats->stanullfrac;
	if (!get_attstatsslot(&sslot, vardata->statsTuple,
						  STATISTIC_KIND_EMOTION_SAMPLE, InvalidOid,
						  ATTSTATSSLOT_VALUES))
		return -1.0;
	if (sslot.nvalues == 0 || sslot.valuetype != vardata->atttype)
	{
		free_attstatsslot(&sslot);
		return -1.0;
	}

	for (i = 0; i < sslot.nvalues; i++)
	{
		const Emotion *e = DatumGetEmotionP(sslot.values[i]);
		bool		in = true;

		for (d = 0; d < EMOTION_NDIMS; d++)
		{
			float		v = emotion_dim(e, d);

			if (v >= seg->lo[d] && v <= seg->hi[d])
				dimhits[d]++;
			else
				in = false;
		}
		if (in)
			hits++;
	}

	if (hits > 0)
		sel = (double) hits / sslot.nvalues;
	else
	{
		double		prod = 1.0;

		for (d = 0; d < EMOTION_NDIMS; d++)
			prod *= (double) dimhits[d] / sslot.nvalues;
		sel = Min(prod, 0.5 / sslot.nvalues);
		/* nothing seen at all in some dimension: still not impossible */
		sel = Max(sel, 0.1 / sslot.nvalues / sslot.nvalues);
	}
	free_attstatsslot(&sslot);
	return sel * (1.0 - nullfrac);
}

/*
 * Restriction estimator for  emotion <@ emotion_segment  and
 * emotion_segment @> emotion.
 */
PG_FUNCTION_INFO_V1(emotion_segment_contsel);
Datum
emotion_segment_contsel(PG_FUNCTION_ARGS)
{
	PlannerInfo *root = (PlannerInfo *) PG_GETARG_POINTER(0);
	List	   *args = (List *) PG_GETARG_POINTER(2);
	int			varRelid = PG_GETARG_INT32(3);
	VariableStatData vardata;
	Node	   *other;
	bool		varonleft;
	Oid			lefttype,
				righttype;
	Oid			opid = PG_GETARG_OID(1);
	double		sel;
	EmotionSegment *seg;

	if (!get_restriction_variable(root, args, varRelid,
								  &vardata, &other, &varonleft))
		PG_RETURN_FLOAT8(EC_DEFAULT_CONTAIN_SEL);

	if (!IsA(other, Const))
	{
		ReleaseVariableStats(vardata);
		PG_RETURN_FLOAT8(EC_DEFAULT_CONTAIN_SEL);
	}
	if (((Const *) other)->constisnull)
	{
		ReleaseVariableStats(vardata);
		PG_RETURN_FLOAT8(0.0);
	}

	/* the variable must be the emotion side, the constant the segment */
	op_input_types(opid, &lefttype, &righttype);
	if (((Const *) other)->consttype != (varonleft ? righttype : lefttype) ||
		((Const *) other)->consttype == vardata.vartype ||
		get_typlen(((Const *) other)->consttype) != EMOTION_SEGMENT_SIZE)
	{
		ReleaseVariableStats(vardata);
		PG_RETURN_FLOAT8(EC_DEFAULT_CONTAIN_SEL);
	}
	seg = DatumGetEmotionSegmentP(((Const *) other)->constvalue);

	sel = segment_sel_from_stats(&vardata, seg);
	if (sel < 0.0)
	{
		/* no statistics: a small default, more for segments that cover most */
		double		vol = emotion_segment_volume_internal(seg);

		sel = vol >= 0.5 ? vol : EC_DEFAULT_CONTAIN_SEL;
	}
	ReleaseVariableStats(vardata);
	CLAMP_PROBABILITY(sel);
	PG_RETURN_FLOAT8(sel);
}
