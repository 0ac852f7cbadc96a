"""Which reports and alerts were mailed (table mail_log), so nothing is sent twice."""

from __future__ import annotations

from pathlib import Path

from dashboard.queries import fetch
from dashboard.warehouse.checksum import content_digest
from dashboard.warehouse.connection import reader, writer
from dashboard.warehouse.migrate import migrate


def data_stand(db: Path) -> str:
    """Which data a report rests on: a monthly run mails again only after an import changed them."""
    with reader(db) as con:
        return content_digest(con)


def was_sent(db: Path, kind: str, key: str, recipient: str) -> bool:
    with reader(db) as con:
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        if "mail_log" not in tables:
            return False
        return not fetch(con, "mail_sent", kind=kind, subject_key=key, recipient=recipient).empty


def record_sent(db: Path, kind: str, key: str, recipient: str, subject: str) -> None:
    with writer(db) as con:
        migrate(con)
        con.execute(
            "insert into mail_log select coalesce(max(mail_id), 0) + 1, $kind, $key, $to, $subject, "
            "current_timestamp from mail_log",
            {"kind": kind, "key": key, "to": recipient, "subject": subject},
        )
