/*
 * emotion_gist.c -- the default GiST operator class for the type emotion.
 *
 * Keys are of the internal type emotion_gist_key (variable length, plain
 * storage, 4-byte aligned):
 *   leaf keys   the emotion itself (44 bytes + header), so the index can
 *               answer index-only scans (fetch) and leaf tests are exact;
 *   inner keys  a bounding box over the 10 dimensions that <-> measures
 *               (valence, arousal, the eight emotions), 80 bytes + header.
 * Evidence is kept on leaves but plays no part in the tree's geometry.
 *
 * Strategies:
 *    8  emotion <@ emotion_segment   (contained in a segment; exact on leaves)
 *   18  emotion = emotion            (leaves checked on the 10 dimensions and
 *                                     rechecked with the operator)
 *   15  emotion <-> emotion          (ordering: distance from the query to the
 *                                     box, a true lower bound on inner pages,
 *                                     the exact <-> value on leaves)
 *
 * penalty is the growth of the box's margin (sum of its edge lengths): in 10
 * dimensions box volumes are mostly zero or vanishingly small, so volume
 * enlargement cannot tell candidates apart.  picksplit sorts the entries by
 * their centre along each dimension in turn and takes the cut (between 45%
 * and 55% of the entries) that minimises the summed margins of the two
 * resulting boxes, with their overlap as the tie-breaker.  CREATE INDEX on
 * PostgreSQL 14 and later sorts the leaf keys along a Z-order curve and
 * packs them (sortsupport) instead of inserting them one by one.
 */
#include "segment.h"

#include <float.h>
#include <math.h>

#include "access/gist.h"
#include "access/stratnum.h"
#include "utils/float.h"
#include "utils/sortsupport.h"

#define EC_STRATEGY_CONTAINED	RTContainedByStrategyNumber	/* 8 */
#define EC_STRATEGY_KNN			RTKNNSearchStrategyNumber	/* 15 */
#define EC_STRATEGY_EQUAL		RTEqualStrategyNumber	/* 18 */

#define PICKSPLIT_MIN_FILL	0.45

/* the index key: an Emotion (leaf) or an EmotionSegment (inner) */
#define KEY_LEAF_SIZE	(VARHDRSZ + (int) sizeof(Emotion))
#define KEY_BOX_SIZE	(VARHDRSZ + (int) sizeof(EmotionSegment))
#define KEY_IS_LEAF(k)	(VARSIZE(k) == KEY_LEAF_SIZE)
#define KEY_POINT(k)	((Emotion *) VARDATA(k))
#define KEY_BOX(k)		((EmotionSegment *) VARDATA(k))

static inline struct varlena *
DatumGetKey(Datum d)
{
	struct varlena *k = (struct varlena *) DatumGetPointer(d);

	/* keys are stored with plain storage; unpack defensively all the same */
	if (!VARATT_IS_4B_U(k))
		k = pg_detoast_datum(k);
	return k;
}

static inline void box_from_emotion(EmotionSegment *b, const Emotion *e);

static inline void
key_to_box(const struct varlena *k, EmotionSegment *b)
{
	if (KEY_IS_LEAF(k))
		box_from_emotion(b, KEY_POINT(k));
	else
		memcpy(b, KEY_BOX(k), sizeof(EmotionSegment));
}

static struct varlena *
key_from_box(const EmotionSegment *b)
{
	struct varlena *k = palloc(KEY_BOX_SIZE);

	SET_VARSIZE(k, KEY_BOX_SIZE);
	memcpy(KEY_BOX(k), b, sizeof(EmotionSegment));
	return k;
}

static inline void
box_from_emotion(EmotionSegment *b, const Emotion *e)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
		b->lo[i] = b->hi[i] = emotion_dim(e, i);
}

static inline void
box_extend(EmotionSegment *dst, const EmotionSegment *src)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		if (src->lo[i] < dst->lo[i])
			dst->lo[i] = src->lo[i];
		if (src->hi[i] > dst->hi[i])
			dst->hi[i] = src->hi[i];
	}
}

static inline double
box_margin(const EmotionSegment *b)
{
	double		m = 0.0;
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
		m += (double) b->hi[i] - (double) b->lo[i];
	return m;
}

/* sum over the dimensions of the length of the boxes' common part */
static inline double
box_overlap(const EmotionSegment *a, const EmotionSegment *b)
{
	double		o = 0.0;
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		double		lo = Max(a->lo[i], b->lo[i]);
		double		hi = Min(a->hi[i], b->hi[i]);

		if (hi > lo)
			o += hi - lo;
	}
	return o;
}

static inline bool
box_overlaps(const EmotionSegment *a, const EmotionSegment *b)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
		if (a->lo[i] > b->hi[i] || a->hi[i] < b->lo[i])
			return false;
	return true;
}

static inline bool
box_contained_in(const EmotionSegment *inner, const EmotionSegment *outer)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
		if (inner->lo[i] < outer->lo[i] || inner->hi[i] > outer->hi[i])
			return false;
	return true;
}

PG_FUNCTION_INFO_V1(gist_emotion_compress);
Datum
gist_emotion_compress(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *retval;
	struct varlena *k;

	if (!entry->leafkey)
		PG_RETURN_POINTER(entry);

	k = palloc(KEY_LEAF_SIZE);
	SET_VARSIZE(k, KEY_LEAF_SIZE);
	memcpy(KEY_POINT(k), DatumGetPointer(entry->key), sizeof(Emotion));
	retval = palloc(sizeof(GISTENTRY));
	gistentryinit(*retval, PointerGetDatum(k),
				  entry->rel, entry->page, entry->offset, false);
	PG_RETURN_POINTER(retval);
}

/* index-only scans: a leaf key is the emotion itself */
PG_FUNCTION_INFO_V1(gist_emotion_fetch);
Datum
gist_emotion_fetch(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	struct varlena *k = DatumGetKey(entry->key);
	GISTENTRY  *retval;
	Emotion    *e;

	if (!KEY_IS_LEAF(k))
		elog(ERROR, "emotion GiST fetch called on an inner key");
	e = palloc(sizeof(Emotion));
	memcpy(e, KEY_POINT(k), sizeof(Emotion));
	retval = palloc(sizeof(GISTENTRY));
	gistentryinit(*retval, EmotionPGetDatum(e),
				  entry->rel, entry->page, entry->offset, false);
	PG_RETURN_POINTER(retval);
}

static inline bool
same_dims(const Emotion *a, const Emotion *b)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
		if (emotion_dim(a, i) != emotion_dim(b, i))
			return false;
	return true;
}

PG_FUNCTION_INFO_V1(gist_emotion_consistent);
Datum
gist_emotion_consistent(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	Datum		query = PG_GETARG_DATUM(1);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);
	struct varlena *key = DatumGetKey(entry->key);
	EmotionSegment qbox;

	*recheck = false;
	switch (strategy)
	{
		case EC_STRATEGY_CONTAINED:
			{
				EmotionSegment *seg = DatumGetEmotionSegmentP(query);

				if (KEY_IS_LEAF(key))
					PG_RETURN_BOOL(emotion_in_segment(KEY_POINT(key), seg));
				PG_RETURN_BOOL(box_overlaps(KEY_BOX(key), seg));
			}
		case EC_STRATEGY_EQUAL:
			{
				Emotion    *q = DatumGetEmotionP(query);

				if (KEY_IS_LEAF(key))
				{
					/* the operator itself decides (evidence, -0 vs 0) */
					*recheck = true;
					PG_RETURN_BOOL(same_dims(KEY_POINT(key), q));
				}
				box_from_emotion(&qbox, q);
				PG_RETURN_BOOL(box_contained_in(&qbox, KEY_BOX(key)));
			}
		default:
			elog(ERROR, "unrecognized emotion GiST strategy number: %d", strategy);
	}
	PG_RETURN_BOOL(false);		/* keep compiler quiet */
}

PG_FUNCTION_INFO_V1(gist_emotion_union);
Datum
gist_emotion_union(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	int		   *sizep = (int *) PG_GETARG_POINTER(1);
	EmotionSegment u,
				b;
	int			i;

	key_to_box(DatumGetKey(entryvec->vector[0].key), &u);
	for (i = 1; i < entryvec->n; i++)
	{
		key_to_box(DatumGetKey(entryvec->vector[i].key), &b);
		box_extend(&u, &b);
	}
	*sizep = KEY_BOX_SIZE;
	PG_RETURN_POINTER(key_from_box(&u));
}

PG_FUNCTION_INFO_V1(gist_emotion_penalty);
Datum
gist_emotion_penalty(PG_FUNCTION_ARGS)
{
	GISTENTRY  *origentry = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *newentry = (GISTENTRY *) PG_GETARG_POINTER(1);
	float	   *result = (float *) PG_GETARG_POINTER(2);
	EmotionSegment orig,
				add;
	double		grow = 0.0;
	int			i;

	key_to_box(DatumGetKey(origentry->key), &orig);
	key_to_box(DatumGetKey(newentry->key), &add);
	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		if (add.lo[i] < orig.lo[i])
			grow += (double) orig.lo[i] - (double) add.lo[i];
		if (add.hi[i] > orig.hi[i])
			grow += (double) add.hi[i] - (double) orig.hi[i];
	}
	*result = (float) grow;
	PG_RETURN_POINTER(result);
}

/* sort items for picksplit */
typedef struct SplitItem
{
	int			idx;			/* into the boxes array */
	double		centre;
} SplitItem;

static int
split_item_cmp(const void *a, const void *b)
{
	double		ca = ((const SplitItem *) a)->centre;
	double		cb = ((const SplitItem *) b)->centre;

	if (ca < cb)
		return -1;
	if (ca > cb)
		return 1;
	return ((const SplitItem *) a)->idx - ((const SplitItem *) b)->idx;
}

PG_FUNCTION_INFO_V1(gist_emotion_picksplit);
Datum
gist_emotion_picksplit(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	GIST_SPLITVEC *v = (GIST_SPLITVEC *) PG_GETARG_POINTER(1);
	OffsetNumber maxoff = entryvec->n - 1;
	int			n = maxoff - FirstOffsetNumber + 1;
	EmotionSegment *boxes = palloc(sizeof(EmotionSegment) * n);
	SplitItem  *items = palloc(sizeof(SplitItem) * n);
	SplitItem  *best_items = palloc(sizeof(SplitItem) * n);
	EmotionSegment *prefix = palloc(sizeof(EmotionSegment) * n);
	EmotionSegment *suffix = palloc(sizeof(EmotionSegment) * n);
	EmotionSegment left,
				right;
	int			minfill = Max(1, (int) (n * PICKSPLIT_MIN_FILL));
	int			best_k = -1;
	double		best_cost = DBL_MAX,
				best_overlap = DBL_MAX;
	int			d,
				i,
				k;

	for (i = 0; i < n; i++)
		key_to_box(DatumGetKey(entryvec->vector[FirstOffsetNumber + i].key), &boxes[i]);

	if (minfill > n / 2)
		minfill = n / 2;
	for (d = 0; d < EMOTION_NDIMS; d++)
	{
		bool		improved = false;

		for (i = 0; i < n; i++)
		{
			items[i].idx = i;
			items[i].centre = (double) boxes[i].lo[d] + (double) boxes[i].hi[d];
		}
		qsort(items, n, sizeof(SplitItem), split_item_cmp);

		/* prefix[i] bounds items[0..i], suffix[i] bounds items[i..n-1] */
		prefix[0] = boxes[items[0].idx];
		for (i = 1; i < n; i++)
		{
			prefix[i] = prefix[i - 1];
			box_extend(&prefix[i], &boxes[items[i].idx]);
		}
		suffix[n - 1] = boxes[items[n - 1].idx];
		for (i = n - 2; i >= 0; i--)
		{
			suffix[i] = suffix[i + 1];
			box_extend(&suffix[i], &boxes[items[i].idx]);
		}

		/* left gets items[0..k-1], right items[k..n-1] */
		for (k = minfill; k <= n - minfill; k++)
		{
			double		cost = box_margin(&prefix[k - 1]) + box_margin(&suffix[k]);
			double		overlap;

			if (cost > best_cost)
				continue;
			overlap = box_overlap(&prefix[k - 1], &suffix[k]);
			if (cost < best_cost || overlap < best_overlap)
			{
				best_cost = cost;
				best_overlap = overlap;
				best_k = k;
				improved = true;
			}
		}
		if (improved)
			memcpy(best_items, items, sizeof(SplitItem) * n);
	}

	Assert(best_k > 0 && best_k < n);

	v->spl_left = palloc(sizeof(OffsetNumber) * n);
	v->spl_right = palloc(sizeof(OffsetNumber) * n);
	v->spl_nleft = v->spl_nright = 0;
	left = boxes[best_items[0].idx];
	right = boxes[best_items[n - 1].idx];
	for (i = 0; i < n; i++)
	{
		int			j = best_items[i].idx;

		if (i < best_k)
		{
			v->spl_left[v->spl_nleft++] = FirstOffsetNumber + j;
			box_extend(&left, &boxes[j]);
		}
		else
		{
			v->spl_right[v->spl_nright++] = FirstOffsetNumber + j;
			box_extend(&right, &boxes[j]);
		}
	}
	v->spl_ldatum = PointerGetDatum(key_from_box(&left));
	v->spl_rdatum = PointerGetDatum(key_from_box(&right));

	pfree(boxes);
	pfree(items);
	pfree(best_items);
	pfree(prefix);
	pfree(suffix);
	PG_RETURN_POINTER(v);
}

PG_FUNCTION_INFO_V1(gist_emotion_same);
Datum
gist_emotion_same(PG_FUNCTION_ARGS)
{
	struct varlena *a = DatumGetKey(PG_GETARG_DATUM(0));
	struct varlena *b = DatumGetKey(PG_GETARG_DATUM(1));
	bool	   *result = (bool *) PG_GETARG_POINTER(2);

	*result = VARSIZE(a) == VARSIZE(b) &&
		memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0;
	PG_RETURN_POINTER(result);
}

/*
 * Distance from the query emotion to a key.  On a leaf the result is what
 * <-> returns (computed by the same function), so no recheck is needed; on
 * an inner page it is the Euclidean distance from the query to the nearest
 * point of the box, which no emotion below can undercut.
 */
PG_FUNCTION_INFO_V1(gist_emotion_distance);
Datum
gist_emotion_distance(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	Emotion    *q = PG_GETARG_EMOTION_P(1);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);
	struct varlena *key = DatumGetKey(entry->key);
	EmotionSegment *box;
	double		sum = 0.0;
	int			i;

	if (strategy != EC_STRATEGY_KNN)
		elog(ERROR, "unrecognized emotion GiST strategy number: %d", strategy);
	*recheck = false;

	if (KEY_IS_LEAF(key))
		PG_RETURN_FLOAT8(emotion_distance(q, KEY_POINT(key)));

	box = KEY_BOX(key);
	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		double		v = (double) emotion_dim(q, i);
		double		d = 0.0;

		if (v < (double) box->lo[i])
			d = (double) box->lo[i] - v;
		else if (v > (double) box->hi[i])
			d = v - (double) box->hi[i];
		sum += d * d;
	}
	PG_RETURN_FLOAT8(sqrt(sum));
}

/*
 * Text I/O of the key type, for inspection tools only (e.g. pageinspect's
 * gist_page_items): a leaf prints as the emotion, an inner key as a segment.
 */
extern Datum emotion_out(PG_FUNCTION_ARGS);
extern Datum emotion_segment_out(PG_FUNCTION_ARGS);

PG_FUNCTION_INFO_V1(emotion_gist_key_in);
Datum
emotion_gist_key_in(PG_FUNCTION_ARGS)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("emotion_gist_key is an internal index key type and cannot be entered")));
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(emotion_gist_key_out);
Datum
emotion_gist_key_out(PG_FUNCTION_ARGS)
{
	struct varlena *key = DatumGetKey(PG_GETARG_DATUM(0));

	if (KEY_IS_LEAF(key))
		return DirectFunctionCall1(emotion_out, PointerGetDatum(KEY_POINT(key)));
	if (VARSIZE(key) == KEY_BOX_SIZE)
		return DirectFunctionCall1(emotion_segment_out, PointerGetDatum(KEY_BOX(key)));
	elog(ERROR, "invalid emotion_gist_key of %d bytes", (int) VARSIZE(key));
	PG_RETURN_NULL();
}

/*
 * Sorted index build (GiST support function 11, PostgreSQL 14 and later):
 * the leaf keys are ordered along a Morton (Z-order) curve over the 10
 * dimensions, each quantised to 6 bits, and packed into pages in that order.
 * On the benchmark data this halves the build time and gives a smaller index
 * that answers segment and nearest-neighbour queries with as few page reads
 * as an index built by insertion (see the README, "Indexing").
 */
#define MORTON_BITS 6

static uint64
emotion_morton(const Emotion *e)
{
	uint32		q[EMOTION_NDIMS];
	uint64		code = 0;
	int			i,
				b;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		double		x = ((double) emotion_dim(e, i) - EC_DIM_MIN(i)) /
			((double) EC_DIM_MAX(i) - EC_DIM_MIN(i)) * (1 << MORTON_BITS);

		if (!(x > 0.0))
			x = 0.0;
		if (x > (1 << MORTON_BITS) - 1)
			x = (1 << MORTON_BITS) - 1;
		q[i] = (uint32) x;
	}
	for (b = MORTON_BITS - 1; b >= 0; b--)
		for (i = 0; i < EMOTION_NDIMS; i++)
			code = (code << 1) | ((q[i] >> b) & 1);
	return code;
}

static inline uint64
key_morton(Datum d)
{
	struct varlena *k = DatumGetKey(d);
	EmotionSegment b;
	Emotion		centre;
	int			i;

	if (KEY_IS_LEAF(k))
		return emotion_morton(KEY_POINT(k));
	/* a sorted build only sorts leaf keys; be safe anyway */
	key_to_box(k, &b);
	memset(&centre, 0, sizeof(centre));
	centre.valence = (b.lo[0] + b.hi[0]) / 2;
	centre.arousal = (b.lo[1] + b.hi[1]) / 2;
	for (i = 0; i < EC_NUM_EMOTIONS; i++)
		centre.emo[i] = (b.lo[i + 2] + b.hi[i + 2]) / 2;
	return emotion_morton(&centre);
}

static int
gist_emotion_cmp_full(Datum a, Datum b, SortSupport ssup)
{
	uint64		ca = key_morton(a);
	uint64		cb = key_morton(b);

	return ca < cb ? -1 : (ca > cb ? 1 : 0);
}

#if SIZEOF_DATUM >= 8
static int
gist_emotion_cmp_abbrev(Datum a, Datum b, SortSupport ssup)
{
	uint64		ca = DatumGetUInt64(a);
	uint64		cb = DatumGetUInt64(b);

	return ca < cb ? -1 : (ca > cb ? 1 : 0);
}

static Datum
gist_emotion_abbrev_convert(Datum original, SortSupport ssup)
{
	return UInt64GetDatum(key_morton(original));
}

static bool
gist_emotion_abbrev_abort(int memtupcount, SortSupport ssup)
{
	return false;				/* the code is the whole sort key */
}
#endif

PG_FUNCTION_INFO_V1(gist_emotion_sortsupport);
Datum
gist_emotion_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

#if SIZEOF_DATUM >= 8
	if (ssup->abbreviate)
	{
		ssup->comparator = gist_emotion_cmp_abbrev;
		ssup->abbrev_converter = gist_emotion_abbrev_convert;
		ssup->abbrev_abort = gist_emotion_abbrev_abort;
		ssup->abbrev_full_comparator = gist_emotion_cmp_full;
		PG_RETURN_VOID();
	}
#endif
	ssup->comparator = gist_emotion_cmp_full;
	PG_RETURN_VOID();
}
