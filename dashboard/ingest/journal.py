"""The import log: one row per import, good or refused, and what an import reports back."""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from dashboard.i18n.messages import encode, render
from dashboard.ingest.errors import ImportRefused
from dashboard.warehouse.recovery import LAST_IMPORT_ID

T = TypeVar("T")


@dataclass(frozen=True)
class ImportResult:
    kind: str
    file_name: str
    status: str  # 'ok' or 'unchanged'
    rows_added: int = 0
    rows_replaced: int = 0
    period: tuple[str, str] | None = None
    towns: int = 0
    import_id: int | None = None
    detail: str | None = None  # what the file held beyond the rows (official table, unused columns)

    def encoded(self) -> str:
        """What was imported, as text whose words are encoded messages (written out by `summary`)."""
        detail = f" {self.detail}." if self.detail else ""
        if self.status == "unchanged":
            return encode("import_problem.unchanged", file=self.file_name) + detail
        parts = [
            encode("import_problem.imported", file=self.file_name, rows=self.rows_added, replaced=self.rows_replaced)
        ]
        if self.period:
            parts.append(encode("import_problem.period", first=self.period[0], last=self.period[1]))
        if self.towns:
            parts.append(encode("import_problem.towns", towns=self.towns))
        return ", ".join(parts) + "." + detail

    def summary(self, lang: str = "de") -> str:
        return render(self.encoded(), lang)


def sha256_of(path: Path) -> str:
    """The content's fingerprint: the same delivery under another name or date is the same file."""
    digest = hashlib.sha256()
    if path.is_dir():  # a shapefile folder: its files in order
        for part in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(part.relative_to(path).as_posix().encode())
            digest.update(bytes.fromhex(sha256_of(part)))
        return digest.hexdigest()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def next_import_id(con: duckdb.DuckDBPyConnection) -> int:
    """The id of the import this transaction writes; taking it updates the one counter row, so two
    writers at once conflict (on DuckLake the later commit fails and is tried again)."""
    con.execute(f"update import_counter set last_import_id = {LAST_IMPORT_ID} + 1")
    return con.execute("select last_import_id from import_counter").fetchall()[0][0]


# Two writers that took the same counter row: the later commit fails with this and is tried again.
CONFLICT_ATTEMPTS = 20


def is_conflict(error: BaseException) -> bool:
    return isinstance(error, duckdb.TransactionException) and "conflict" in str(error).lower()


def retried(attempt: Callable[[], T]) -> T:
    """Run a write transaction again while it loses a commit conflict to another process (with a
    short, growing, jittered pause); any other error, or the last conflict, goes to the caller."""
    for number in range(CONFLICT_ATTEMPTS):
        try:
            return attempt()
        except duckdb.TransactionException as error:
            if not is_conflict(error) or number == CONFLICT_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.05, 0.2) * (1 + number))
    raise AssertionError("unreachable")


def log(
    con,
    import_id,
    kind,
    file_name,
    sha,
    rows,
    status,
    message,
    is_demo,
    note,
    table_code: str | None = None,
    copyright_line: str | None = None,
    is_official: bool | None = None,
) -> None:
    """One row of import_log; a delivery with an official table code counts as official statistics."""
    con.execute(
        "insert into import_log (import_id, kind, file_name, sha256, rows, imported_at, status, message, "
        "message_code, is_demo, source_note, table_code, copyright, is_official) values ($id, $kind, $file, "
        "$sha, $rows, current_timestamp, $status, $message, $code, $demo, $note, $table, $copyright, $official)",
        {
            "id": import_id,
            "kind": kind,
            "file": file_name,
            "sha": sha,
            "rows": rows,
            "status": status,
            "message": render(message, "de"),
            "code": message,
            "demo": is_demo,
            "note": note,
            "table": table_code,
            "copyright": copyright_line,
            "official": bool(table_code) if is_official is None else is_official,
        },
    )


def log_refusal(
    con: duckdb.DuckDBPyConnection, kind_name: str, name: str, sha: str, refusal: ImportRefused, is_demo: bool
) -> None:
    """The refusal in its own small transaction (the import's own was rolled back or never began)."""

    def attempt() -> None:
        con.begin()
        try:
            log(con, next_import_id(con), kind_name, name, sha, 0, "refused", refusal.encoded(), is_demo, None)
            con.commit()
        except Exception:
            rollback_quietly(con)
            raise

    retried(attempt)


def rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.rollback()
    except duckdb.Error:  # a failed commit has ended the transaction already
        pass
