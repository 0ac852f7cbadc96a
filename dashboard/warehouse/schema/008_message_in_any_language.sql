-- 008: the import log keeps each message also as key and values (message_code), so the Daten
-- page can show a summary or a refusal in the reader's language; message stays the German text
alter table import_log add column message_code varchar;
