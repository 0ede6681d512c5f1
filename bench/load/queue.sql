-- the escalation queue view (open, charged cases, most urgent first)
SELECT channel, id, customer, priority, segment, action
FROM emotion_crm.escalation_queue
LIMIT 10;
