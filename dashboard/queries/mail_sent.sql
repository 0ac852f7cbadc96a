-- purpose: whether a report or an alert was already mailed to an address (nothing is sent twice)
-- grain: one row per earlier mail of that kind, key and recipient
-- params: $kind, $subject_key, $recipient
select mail_id, subject, sent_at
from mail_log
where kind = $kind and subject_key = $subject_key and lower(recipient) = lower($recipient)
order by sent_at
