-- 007: every report and goal alert mailed by `python -m dashboard report` / `alerts`, so a monthly
-- run sends nothing twice for the same period (or the same KPI and year) to the same address
create table mail_log (
    mail_id     integer primary key,
    kind        varchar not null check (kind in ('report', 'alert')),
    subject_key varchar not null,   -- the period of a report, 'kpi:year' of an alert
    recipient   varchar not null,
    subject     varchar not null,
    sent_at     timestamp not null
);
