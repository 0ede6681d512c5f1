-- bench/load/setup.sql -- schema for the load test (run by bench/load/run.sh)
--
-- A tickets-like table tracked by emotion_crm, 40 project-written customer
-- sentences to build texts from, a back-filled history and a GiST index on
-- the score side table.  Variables: customers, rows (initial tickets).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS emotion_crm;

-- a previous run's leftovers
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM emotion_crm.sources WHERE source = to_regclass('emotion_crm_load.tickets')) THEN
		PERFORM emotion_crm.untrack('emotion_crm_load.tickets');
	END IF;
END $$;
DROP SCHEMA IF EXISTS emotion_crm_load CASCADE;
CREATE SCHEMA emotion_crm_load;

CREATE TABLE emotion_crm_load.texts (k int PRIMARY KEY, body text NOT NULL);
INSERT INTO emotion_crm_load.texts (k, body) VALUES
 (1,  'Thank you so much, the agent solved it in five minutes!'),
 (2,  'I am still waiting for my refund. This is the third time I write.'),
 (3,  'The invoice for October shows the wrong VAT number, can you fix it?'),
 (4,  'Absolutely furious. Nobody answers the phone and my shop is offline!!!'),
 (5,  'Great update, the new dashboard is really fast 😀'),
 (6,  'I am worried my card was charged twice for the same order.'),
 (7,  'Not happy at all with how this was handled.'),
 (8,  'Could you please send me the export as CSV?'),
 (9,  'THIS IS UNACCEPTABLE. I WANT TO SPEAK TO A MANAGER.'),
 (10, 'Everything works again, thanks for the quick help :)'),
 (11, 'The app crashes every time I open the report, very frustrating.'),
 (12, 'I love the product but the support was slow this week.'),
 (13, 'Why was my account locked? Nobody told me anything.'),
 (14, 'Delivery arrived on Tuesday, all good.'),
 (15, 'I am disappointed, the feature you promised is still missing.'),
 (16, 'Wonderful service, I will recommend you to my colleagues.'),
 (17, 'If this is not fixed by Friday we will cancel our subscription.'),
 (18, 'Hmm, not sure I understand the new pricing, can someone explain?'),
 (19, 'The sync is broken again 😡 second time this month.'),
 (20, 'Thanks, that answers my question.'),
 (21, E'Customer: my order is late\nAgent: sorry to hear that, checking now\nCustomer: still nothing, terrible'),
 (22, E'The export fails every time.\n\nBest regards,\nJane Doe\nCTO, Acme'),
 (23, E'Please call me back.\n\nOn Mon, 3 Nov 2026 at 10:00, Support wrote:\n> Great news, all fixed!'),
 (24, 'Honestly the best onboarding we have ever had, kudos to Sam!'),
 (25, 'I am scared we will lose the data from last week.'),
 (26, 'No one has replied to my ticket for four days. Pathetic.'),
 (27, 'The parcel was damaged and the replacement never came.'),
 (28, 'Your team is amazing, problem solved within the hour 🙏'),
 (29, 'I do not hate it, but I do not love it either.'),
 (30, 'Is there an API limit? We get errors after 1000 calls.'),
 (31, 'Really annoying that I have to log in again every hour.'),
 (32, 'Nice work on the mobile app, much better than before.'),
 (33, 'The password reset mail never arrives, I tried five times!'),
 (34, 'We are happy customers for six years now, keep it up.'),
 (35, 'Surprised to see a price increase without any notice.'),
 (36, 'Your chatbot is useless, I need a human.'),
 (37, 'Order 4711 shipped on Thursday, tracking works.'),
 (38, 'Thank you for your patience, the fix is live. — not what I expected, but OK'),
 (39, 'I am so relieved, the missing payment showed up today.'),
 (40, 'Terrible experience, never again. Cancel my account now.');

CREATE TABLE emotion_crm_load.tickets (
	id			bigserial PRIMARY KEY,
	customer_id	integer NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now(),
	body		text,
	status		text NOT NULL DEFAULT 'open');

-- history: :rows tickets over the last 60 days, two sentences each
INSERT INTO emotion_crm_load.tickets (customer_id, created_at, body, status)
SELECT 1 + (g * 7919) % :customers,
	   now() - ((g * 104729) % (60 * 24 * 60)) * interval '1 minute',
	   a.body || ' ' || b.body,
	   CASE WHEN g % 3 = 0 THEN 'open' ELSE 'closed' END
FROM generate_series(1, :rows) g
JOIN emotion_crm_load.texts a ON a.k = 1 + g % 40
JOIN emotion_crm_load.texts b ON b.k = 1 + (g / 40) % 40;

SELECT emotion_crm.track('emotion_crm_load.tickets', text_column => 'body',
	customer_column => 'customer_id', at_column => 'created_at',
	channel => 'ticket', open_column => 'status', batch_size => 10000)::text AS side \gset
CALL emotion_crm.backfill('emotion_crm_load.tickets');
CREATE INDEX tickets_scores_e ON :side USING gist (e);
VACUUM ANALYZE emotion_crm_load.tickets;
VACUUM ANALYZE :side;
