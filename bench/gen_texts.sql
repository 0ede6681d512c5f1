-- gen_texts.sql -- fill bench_texts with :rows realistic customer-service
-- texts (tickets, chats, e-mails, reviews) of 60..400 bytes, assembled from
-- varied fragments with a fixed random seed (same texts on every run).
-- psql variables: :rows.

DROP TABLE IF EXISTS bench_texts;
CREATE TABLE bench_texts (id int PRIMARY KEY, body text NOT NULL);

SELECT setseed(0.42);

CREATE TEMP TABLE frag (kind text, n int, txt text);

INSERT INTO frag (kind, txt)
SELECT 'greet', unnest(ARRAY[
	'Hi,', 'Hello,', 'Hello team,', 'Dear Sir or Madam,', 'Hi there,', 'Good morning,',
	'Hey,', 'Dear support,', 'Hi {name},', 'To whom it may concern,', '', '', '', ''])
UNION ALL
SELECT 'neg', unnest(ARRAY[
	'I have been on hold for two hours and nobody picked up.',
	'this is the third time I am contacting you about order {num}.',
	'I am still waiting for my refund, it has been three weeks.',
	'please cancel my subscription, I am done with this service.',
	'the app crashes every time I open the invoices page.',
	'my parcel arrived damaged and the box was soaking wet.',
	'I was charged twice for the same order and nobody is helping me.',
	'the technician never showed up and nobody called to let me know.',
	'your chatbot keeps sending me in circles, I want to talk to a human!',
	'the new update logged me out and deleted my saved addresses. Thanks for nothing.',
	'I am really disappointed with the quality, it broke after two days.',
	'my internet has been down since Tuesday and the support line just plays music.',
	'I want a refund, the product does not work as advertised.',
	'I need to speak to a manager, the agent hung up on me.',
	'the invoice is wrong AGAIN and I am tired of chasing you.',
	'the delivery was supposed to arrive on Monday, it is Friday and still nothing.',
	'I am not happy at all with how my case #{num} was handled.',
	'nobody has answered my ticket in five days. Is anyone there?',
	'the battery dies after an hour, total waste of money.',
	'you closed my ticket without fixing anything, the error is still there.',
	'the driver was rude and threw the box over the fence 😡',
	'my account is locked again and I cannot pay my bill.',
	'the so-called express shipping took longer than standard.',
	'the price went up and the service got worse. Not acceptable.'])
UNION ALL
SELECT 'pos', unnest(ARRAY[
	'thank you so much, the issue is resolved!',
	'the agent was super helpful and fixed my problem in five minutes.',
	'great service, fast delivery and the product works perfectly.',
	'I love the new dashboard, it is so much easier to use.',
	'thanks for the quick refund, I really appreciate it.',
	'{name} from support went above and beyond to help me.',
	'the parcel arrived a day early and well packaged. Very happy!',
	'the technician was friendly, on time and very professional.',
	'best customer service I have had in years 👍',
	'everything works now, thank you for your patience.',
	'I am really impressed with how quickly you sorted this out.',
	'the replacement arrived and it is perfect :)',
	'not bad at all, actually better than I expected.',
	'the new release is noticeably faster, great job.',
	'I was ready to cancel but the agent found a better plan for me. Thank you!',
	'smooth checkout, clear tracking, happy customer.'])
UNION ALL
SELECT 'neu', unnest(ARRAY[
	'how do I reset my password?',
	'can you tell me when order {num} will ship?',
	'I would like to update the billing address on my account.',
	'please send me a copy of my last invoice.',
	'is it possible to change the delivery date to next Tuesday?',
	'do you ship to Canada?',
	'how can I add a second user to our business account?',
	'what is the difference between the Basic and Pro plans?',
	'I would like to book a service appointment for next week.',
	'could you resend the verification code to {email}?',
	'how do I export my data to CSV?',
	'please update my phone number to 0612 {num}.',
	'I want to switch from monthly to annual billing.',
	'where do I enter a discount code?',
	'could you check the status of ticket {num}?',
	'how do I cancel my subscription?',
	'can I pick up the order in the store on Main Street instead?',
	'does the price include VAT?'])
UNION ALL
SELECT 'detail', unnest(ARRAY[
	'My customer number is {num}.',
	'The order was placed on the 3rd via the website.',
	'I attached a screenshot of the error message.',
	'I already restarted the router and cleared the browser cache.',
	'This concerns the contract for our office in Leeds.',
	'The same thing happened last month as well.',
	'You can reach me at {email} or on my mobile.',
	'I am using the Android app, version 5.2.1.',
	'The invoice amount was EUR {num}.',
	'My colleague {name} has the same problem.',
	'See https://example.com/orders/{num} for the details.',
	'The serial number is SN-{num}.',
	'', '', '', ''])
UNION ALL
SELECT 'story', unnest(ARRAY[
	'I ordered a dining table on the 3rd and was told it would be delivered within ten days. It is now the 28th, the tracking has not changed and your phone line says to try again later.',
	'Last week I called twice and each time I had to explain the whole problem from the start because nobody had written anything down in my file.',
	'We have been customers for eight years and have always recommended you to friends, which is why the way this was handled surprised us so much.',
	'Your colleague on the phone yesterday was patient and kind, explained every line of the bill and even called back to check that the correction had gone through.',
	'The installation crew arrived on time, protected the floor, finished in two hours and cleaned up afterwards, which I honestly did not expect.',
	'Our accounting team needs the invoices for the third quarter with the purchase order number on each of them, otherwise they cannot be paid.',
	'After the update on Monday the sync stopped working on two of our five laptops, while the other three are fine, and reinstalling did not change anything.',
	'I moved to a new flat at the start of the month and would like the contract, the invoices and the deliveries to go to the new address from now on.',
	'', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''])
UNION ALL
SELECT 'close', unnest(ARRAY[
	'Thanks.', 'Regards, {name}', 'Kind regards,', 'Please reply as soon as possible.',
	'Thank you in advance.', 'Cheers', 'Best wishes, {name}', 'Let me know.',
	'I look forward to your reply.', 'Sent from my phone', '', '', '', '']);

UPDATE frag f SET n = x.n
FROM (SELECT ctid, row_number() OVER (PARTITION BY kind ORDER BY ctid) AS n FROM frag) x
WHERE x.ctid = f.ctid;

CREATE TEMP TABLE frag_count AS SELECT kind, count(*)::int AS c FROM frag GROUP BY kind;

-- pick fragments by random index; 45% complaints, 25% praise, 30% requests,
-- a fifth of them with a second opinion sentence (mixed texts)
CREATE TEMP TABLE picks AS
SELECT g AS id,
	random() AS r_kind, random() AS r_greet, random() AS r_main, random() AS r_second,
	random() AS r_second_kind, random() AS r_second_idx, random() AS r_detail, random() AS r_story, random() AS r_close, random() AS r_num,
	random() AS r_name, random() AS r_caps
FROM generate_series(1, :rows) g;

CREATE TEMP TABLE pick_idx AS
SELECT p.id,
	CASE WHEN r_kind < 0.45 THEN 'neg' WHEN r_kind < 0.70 THEN 'pos' ELSE 'neu' END AS k1,
	CASE WHEN r_second < 0.2 THEN (CASE WHEN r_second_kind < 0.5 THEN 'neg' ELSE 'pos' END) END AS k2,
	r_greet, r_main, r_second_idx, r_detail, r_story, r_close, r_num, r_name, r_caps
FROM picks p;

INSERT INTO bench_texts (id, body)
SELECT id, body FROM (
	SELECT i.id,
		replace(replace(replace(
			concat_ws(' ',
				nullif(g.txt, ''),
				CASE WHEN g.txt = '' THEN initcap(left(m.txt, 1)) || substr(m.txt, 2) ELSE m.txt END,
				initcap(left(s.txt, 1)) || substr(s.txt, 2),
				nullif(st.txt, ''),
				nullif(d.txt, ''),
				nullif(c.txt, '')),
			'{num}', (10000 + floor(i.r_num * 89999))::int::text),
			'{name}', (ARRAY['Anna', 'Tom', 'Maria', 'Jean', 'Priya', 'Lukas', 'Sofia', 'Omar'])[1 + floor(i.r_name * 8)::int]),
			'{email}', 'customer' || (floor(i.r_num * 9999))::int || '@example.com') AS body
	FROM pick_idx i
	JOIN frag_count gc ON gc.kind = 'greet'
	JOIN frag g ON g.kind = 'greet' AND g.n = 1 + floor(i.r_greet * gc.c)::int
	JOIN frag_count mc ON mc.kind = i.k1
	JOIN frag m ON m.kind = i.k1 AND m.n = 1 + floor(i.r_main * mc.c)::int
	LEFT JOIN frag_count sc ON sc.kind = i.k2
	LEFT JOIN frag s ON s.kind = i.k2 AND s.n = 1 + floor(i.r_second_idx * sc.c)::int
	JOIN frag_count dc ON dc.kind = 'detail'
	JOIN frag d ON d.kind = 'detail' AND d.n = 1 + floor(i.r_detail * dc.c)::int
	JOIN frag_count stc ON stc.kind = 'story'
	JOIN frag st ON st.kind = 'story' AND st.n = 1 + floor(i.r_story * stc.c)::int
	JOIN frag_count cc ON cc.kind = 'close'
	JOIN frag c ON c.kind = 'close' AND c.n = 1 + floor(i.r_close * cc.c)::int
) t;

-- some customers shout; keep lengths in 60..400 bytes
UPDATE bench_texts SET body = upper(body) WHERE id % 37 = 0;
UPDATE bench_texts SET body = body || ' Please help, this is urgent.' WHERE octet_length(body) < 60;
UPDATE bench_texts SET body = body || ' I have been a customer for many years.' WHERE octet_length(body) < 60;
-- cut at a word boundary; characters beyond one byte are counted so the cut
-- text is at most 400 bytes
UPDATE bench_texts
SET body = regexp_replace(left(body, 400 - (octet_length(body) - length(body))), '\s+\S*$', '')
WHERE octet_length(body) > 400;

VACUUM ANALYZE bench_texts;
