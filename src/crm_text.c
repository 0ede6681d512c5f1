/*
 * crm_text.c -- preprocessing of CRM texts before scoring:
 * emotion_crm.customer_text(text), emotion_crm.agent_text(text) and
 * emotion_crm.effort_cues(text).
 *
 * customer_text keeps the words the customer wrote:
 *   - transcripts: when any line starts with a speaker label ("Customer:",
 *     "Agent:", optionally after a "[10:02]" time stamp and with a name in
 *     parentheses, "Agent (Sam):"), only the customer's turns are kept,
 *     without their labels; text before the first label is dropped;
 *   - otherwise (e-mails, tickets, reviews): lines quoted with ">" are
 *     dropped, and everything from a reply header ("On ... wrote:", also
 *     split over two lines, "-----Original Message-----", "Begin forwarded
 *     message:", an Outlook "From:" + "Sent:"/"Date:" pair), a signature
 *     delimiter ("--" or "-- " alone on a line) or "Sent from my ..." to the
 *     end is dropped; finally a closing sign-off line ("Thanks,", "Best
 *     regards," ...) followed by at most three short lines (name, title) is
 *     dropped with them.
 * agent_text keeps only the agent's turns of a transcript ('' when there are
 * no speaker labels).
 * effort_cues counts the customer-effort cues the scorer finds (phrases of
 * the lexicon marked as customer-service cues, with negative valence:
 * "still waiting", "third time", ...).
 */
#include "emotion_crm.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

typedef struct Line
{
	const char *s;				/* start of the line */
	int			len;			/* length without the line break (and \r) */
} Line;

typedef enum Speaker
{
	SPEAKER_NONE = 0,
	SPEAKER_CUSTOMER,
	SPEAKER_AGENT
} Speaker;

static const char *const customer_labels[] = {
	"customer", "client", "caller", "user", "visitor", NULL
};
static const char *const agent_labels[] = {
	"agent", "support", "rep", "representative", "operator", "advisor",
	"assistant", "bot", "staff", "csr", NULL
};
static const char *const signoffs[] = {
	"thanks", "thank you", "thanks again", "many thanks", "thx", "regards",
	"best regards", "kind regards", "warm regards", "best wishes", "best",
	"cheers", "sincerely", "yours sincerely", "yours truly", "all the best",
	"respectfully", NULL
};

static Line *
split_lines(const char *s, int len, int *nlines)
{
	int			n = 1;
	int			i;
	Line	   *lines;
	int			k = 0;
	const char *start = s;

	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			n++;
	/* 16 bytes a line: a text of nothing but newlines may need over 1 GB */
	lines = palloc_extended(sizeof(Line) * (Size) n, MCXT_ALLOC_HUGE);
	for (i = 0; i <= len; i++)
	{
		if (i == len || s[i] == '\n')
		{
			int			l = (int) (s + i - start);

			CHECK_FOR_INTERRUPTS();

			if (l > 0 && start[l - 1] == '\r')
				l--;
			lines[k].s = start;
			lines[k].len = l;
			k++;
			start = s + i + 1;
		}
	}
	*nlines = k;
	return lines;
}

static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

/* skip leading blanks; returns the offset of the first non-blank byte */
static int
skip_blanks(const Line *l, int i)
{
	while (i < l->len && is_space(l->s[i]))
		i++;
	return i;
}

static bool
line_is_blank(const Line *l)
{
	return skip_blanks(l, 0) == l->len;
}

/* the line, trimmed, equals word (ASCII case-insensitive) */
static bool
trimmed_equals(const Line *l, const char *word)
{
	int			b = skip_blanks(l, 0);
	int			e = l->len;
	int			wl = (int) strlen(word);

	while (e > b && is_space(l->s[e - 1]))
		e--;
	return e - b == wl && pg_strncasecmp(l->s + b, word, wl) == 0;
}

static bool
starts_with_ci(const Line *l, int off, const char *prefix)
{
	int			pl = (int) strlen(prefix);

	return l->len - off >= pl && pg_strncasecmp(l->s + off, prefix, pl) == 0;
}

static bool
ends_with_ci(const Line *l, const char *suffix)
{
	int			e = l->len;
	int			sl = (int) strlen(suffix);

	while (e > 0 && is_space(l->s[e - 1]))
		e--;
	return e >= sl && pg_strncasecmp(l->s + e - sl, suffix, sl) == 0;
}

/*
 * If the line starts with a speaker label, return the speaker and set
 * *content to the offset after the colon (and blanks).
 */
static Speaker
speaker_label(const Line *l, int *content)
{
	int			i = skip_blanks(l, 0);
	int			wstart;
	int			wlen;
	int			k;
	Speaker		who = SPEAKER_NONE;

	/* optional time stamp in brackets: "[10:02]" */
	if (i < l->len && l->s[i] == '[')
	{
		int			j = i + 1;

		while (j < l->len && j - i < 32 && l->s[j] != ']')
			j++;
		if (j < l->len && l->s[j] == ']')
			i = skip_blanks(l, j + 1);
	}
	wstart = i;
	while (i < l->len && ((l->s[i] >= 'a' && l->s[i] <= 'z') ||
						  (l->s[i] >= 'A' && l->s[i] <= 'Z')))
		i++;
	wlen = i - wstart;
	if (wlen == 0)
		return SPEAKER_NONE;
	for (k = 0; customer_labels[k] != NULL && who == SPEAKER_NONE; k++)
		if ((int) strlen(customer_labels[k]) == wlen &&
			pg_strncasecmp(l->s + wstart, customer_labels[k], wlen) == 0)
			who = SPEAKER_CUSTOMER;
	for (k = 0; agent_labels[k] != NULL && who == SPEAKER_NONE; k++)
		if ((int) strlen(agent_labels[k]) == wlen &&
			pg_strncasecmp(l->s + wstart, agent_labels[k], wlen) == 0)
			who = SPEAKER_AGENT;
	if (who == SPEAKER_NONE)
		return SPEAKER_NONE;
	i = skip_blanks(l, i);
	/* optional name: "Agent (Sam):" */
	if (i < l->len && l->s[i] == '(')
	{
		int			j = i + 1;

		while (j < l->len && j - i < 48 && l->s[j] != ')')
			j++;
		if (j >= l->len || l->s[j] != ')')
			return SPEAKER_NONE;
		i = skip_blanks(l, j + 1);
	}
	if (i >= l->len || l->s[i] != ':')
		return SPEAKER_NONE;
	*content = skip_blanks(l, i + 1);
	return who;
}

static void
append_piece(StringInfo buf, const char *s, int len)
{
	if (buf->len > 0)
		appendStringInfoChar(buf, '\n');
	appendBinaryStringInfo(buf, s, len);
}

/* the turns of one speaker; false if the text has no speaker labels */
static bool
transcript_turns(Line *lines, int n, Speaker want, StringInfo out)
{
	Speaker		cur = SPEAKER_NONE;
	bool		labelled = false;
	int			i;

	for (i = 0; i < n; i++)
	{
		int			content;
		Speaker		who;

		CHECK_FOR_INTERRUPTS();
		who = speaker_label(&lines[i], &content);

		if (who != SPEAKER_NONE)
		{
			labelled = true;
			cur = who;
			if (cur == want && content < lines[i].len)
				append_piece(out, lines[i].s + content, lines[i].len - content);
		}
		else if (cur == want && !line_is_blank(&lines[i]))
			append_piece(out, lines[i].s, lines[i].len);
	}
	return labelled;
}

/* a line that starts the quoted earlier message or the signature */
static bool
starts_tail(Line *lines, int n, int i)
{
	const Line *l = &lines[i];
	int			b = skip_blanks(l, 0);

	if (trimmed_equals(l, "--") || (l->len == 3 && memcmp(l->s, "-- ", 3) == 0))
		return true;
	if (starts_with_ci(l, b, "on ") &&
		(ends_with_ci(l, "wrote:") ||
		 (i + 1 < n && ends_with_ci(&lines[i + 1], "wrote:"))))
		return true;
	if (starts_with_ci(l, b, "-----original message") ||
		starts_with_ci(l, b, "----- original message") ||
		starts_with_ci(l, b, "begin forwarded message") ||
		starts_with_ci(l, b, "---------- forwarded message") ||
		starts_with_ci(l, b, "sent from my "))
		return true;
	if (starts_with_ci(l, b, "from:") && i + 1 < n &&
		(starts_with_ci(&lines[i + 1], skip_blanks(&lines[i + 1], 0), "sent:") ||
		 starts_with_ci(&lines[i + 1], skip_blanks(&lines[i + 1], 0), "date:")))
		return true;
	return false;
}

static bool
is_signoff(const Line *l)
{
	int			b = skip_blanks(l, 0);
	int			e = l->len;
	int			k;

	while (e > b && (is_space(l->s[e - 1]) || l->s[e - 1] == ',' ||
					 l->s[e - 1] == '!' || l->s[e - 1] == '.'))
		e--;
	for (k = 0; signoffs[k] != NULL; k++)
		if ((int) strlen(signoffs[k]) == e - b &&
			pg_strncasecmp(l->s + b, signoffs[k], e - b) == 0)
			return true;
	return false;
}

static void
email_body(Line *lines, int n, StringInfo out)
{
	int			end = n;
	int			i;
	int			first = -1;
	int			last = -1;

	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (starts_tail(lines, n, i))
		{
			end = i;
			break;
		}
	}

	/*
	 * a sign-off followed by at most three short non-blank lines, after some
	 * text of the customer's own (a lone "Thanks!" is kept)
	 */
	for (i = end - 1; i > 0; i--)
	{
		int			after = 0;
		bool		short_lines = true;
		int			j;

		CHECK_FOR_INTERRUPTS();
		if (!is_signoff(&lines[i]))
			continue;
		for (j = i + 1; j < end; j++)
			if (!line_is_blank(&lines[j]))
			{
				after++;
				if (lines[j].len > 60)
					short_lines = false;
			}
		if (after <= 3 && short_lines)
		{
			bool		content_before = false;

			for (j = 0; j < i && !content_before; j++)
			{
				int			b = skip_blanks(&lines[j], 0);

				content_before = b < lines[j].len && lines[j].s[b] != '>';
			}
			if (content_before)
				end = i;
		}
		break;
	}

	for (i = 0; i < end; i++)
	{
		int			b = skip_blanks(&lines[i], 0);

		CHECK_FOR_INTERRUPTS();
		if (b < lines[i].len && lines[i].s[b] == '>')
			continue;
		if (first < 0 && line_is_blank(&lines[i]))
			continue;
		if (first < 0)
			first = i;
		last = i;
	}
	if (first < 0)
		return;
	/* keep the kept lines (blank ones inside too) without trailing blanks */
	while (last > first && line_is_blank(&lines[last]))
		last--;
	for (i = first; i <= last; i++)
	{
		int			b = skip_blanks(&lines[i], 0);

		CHECK_FOR_INTERRUPTS();
		if (b < lines[i].len && lines[i].s[b] == '>')
			continue;
		if (i > first)
			appendStringInfoChar(out, '\n');
		appendBinaryStringInfo(out, lines[i].s, lines[i].len);
	}
}

PG_FUNCTION_INFO_V1(emotion_customer_text);
Datum
emotion_customer_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			n;
	Line	   *lines = split_lines(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &n);
	StringInfoData out;

	initStringInfo(&out);
	if (!transcript_turns(lines, n, SPEAKER_CUSTOMER, &out))
	{
		resetStringInfo(&out);
		email_body(lines, n, &out);
	}
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

PG_FUNCTION_INFO_V1(emotion_agent_text);
Datum
emotion_agent_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			n;
	Line	   *lines = split_lines(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &n);
	StringInfoData out;

	initStringInfo(&out);
	if (!transcript_turns(lines, n, SPEAKER_AGENT, &out))
		resetStringInfo(&out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

/* ---------------------------------------------------------------------
 * effort_cues: one scoring pass, counting negative customer-service cues
 * ---------------------------------------------------------------------
 */
typedef struct CueCount
{
	int			n;
} CueCount;

static void
count_cue(void *arg, const EcContribution *c)
{
	if ((c->rules & EC_RULE_CUE) && c->valence < 0)
		((CueCount *) arg)->n++;
}

PG_FUNCTION_INFO_V1(emotion_effort_cues);
Datum
emotion_effort_cues(PG_FUNCTION_ARGS)
{
	EcScore		score;
	CueCount	count = {0};

	ec_score_text(PG_GETARG_TEXT_PP(0), NULL, &score, count_cue, &count);
	PG_RETURN_INT32(count.n);
}
