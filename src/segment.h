/*
 * segment.h -- the SQL type emotion_segment: a box in the 10-dimensional
 * emotion space (valence, arousal and the eight Plutchik emotions, in the
 * order of emotion_dim()).  Shared by segment.c (the type), emotion_gist.c
 * (the GiST opclass, whose keys are segments) and emotion_selfuncs.c.
 */
#ifndef EC_SEGMENT_H
#define EC_SEGMENT_H

#include "emotion_crm.h"

#include "core/literal.h"

/*
 * Fixed length (80 bytes), 4-byte aligned, passed by reference: the core's
 * EcSegment (core/literal.h).  A bound left open is stored as -Infinity (lo)
 * or +Infinity (hi); every other bound lies in the range of its dimension
 * and lo[i] <= hi[i].
 */
typedef EcSegment EmotionSegment;

#define EMOTION_SEGMENT_SIZE	((int) sizeof(EmotionSegment))

#define DatumGetEmotionSegmentP(X)	((EmotionSegment *) DatumGetPointer(X))
#define EmotionSegmentPGetDatum(X)	PointerGetDatum(X)
#define PG_GETARG_EMOTION_SEGMENT_P(n) DatumGetEmotionSegmentP(PG_GETARG_DATUM(n))
#define PG_RETURN_EMOTION_SEGMENT_P(x) return EmotionSegmentPGetDatum(x)

/* valid range of dimension i: valence [-1, 1], everything else [0, 1] */
#define EC_DIM_MIN(i)	((i) == 0 ? -1.0f : 0.0f)
#define EC_DIM_MAX(i)	(1.0f)

/* is emotion e inside segment s (bounds inclusive)? */
static inline bool
emotion_in_segment(const Emotion *e, const EmotionSegment *s)
{
	int			i;

	for (i = 0; i < EMOTION_NDIMS; i++)
	{
		float		v = emotion_dim(e, i);

		if (v < s->lo[i] || v > s->hi[i])
			return false;
	}
	return true;
}

/* share of the whole emotion space the segment covers, in [0, 1] */
extern double emotion_segment_volume_internal(const EmotionSegment *s);

#endif							/* EC_SEGMENT_H */
