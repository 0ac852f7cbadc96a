-- purpose: every import, good or refused, newest first (the Daten page's history)
-- grain: one row per import
-- params: none
select import_id, imported_at, kind, file_name, table_code, status, rows, is_demo, message, message_code, copyright,
       source_note
from import_log
order by import_id desc
