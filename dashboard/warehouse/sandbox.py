"""The sandbox for ad-hoc SQL (Explorer page and `python -m dashboard query`).

Each query runs in a worker process of its own, on a read-only connection with external access
disabled and the configuration locked, so no file on the server can be read or written, nothing
can be installed or attached, and no setting changed. Exactly one reading statement per run
(SELECT, WITH … SELECT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN). A memory limit holds; after the time
limit the worker is stopped and the user told. Because the work happens in another process, the
app stays responsive for every other session while a long query runs.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.warehouse.connection import WarehouseBusy, open_connection

ALLOWED_TYPES = {"StatementType.SELECT", "StatementType.EXPLAIN"}
MEMORY_LIMIT = "1GB"
DOWNLOAD_ROW_LIMIT = 1_000_000
ALLOWED_TEXT = ("Erlaubt ist genau eine lesende Anweisung: SELECT (auch WITH … SELECT, FROM …, VALUES), "
                "DESCRIBE, SHOW, SUMMARIZE oder EXPLAIN – auf die Tabellen des Warehouse.")
_SANDBOX_CONFIG = {
    "enable_external_access": False, "autoinstall_known_extensions": False, "autoload_known_extensions": False,
    "allow_community_extensions": False, "memory_limit": MEMORY_LIMIT, "threads": 2, "lock_configuration": True,
}


class SandboxRefused(Exception):
    """The statement is not allowed here; the message says what is."""


@dataclass(frozen=True)
class QueryResult:
    sql: str
    frame: pd.DataFrame  # at most `row_cap` rows
    rows: int  # all rows of the result (up to DOWNLOAD_ROW_LIMIT)
    seconds: float
    parquet: bytes  # the whole result (up to DOWNLOAD_ROW_LIMIT rows) for downloads

    @property
    def truncated(self) -> bool:
        return self.rows > len(self.frame)

    def all_rows(self) -> pd.DataFrame:
        """The whole result (read from the Parquet only when asked for, e.g. by a download)."""
        return pd.read_parquet(io.BytesIO(self.parquet)) if self.truncated else self.frame


def check(sql: str) -> str:
    """The one allowed statement, or SandboxRefused with the reason and what is allowed."""
    text = sql.strip()
    if not text:
        raise SandboxRefused("Keine Anweisung. " + ALLOWED_TEXT)
    try:
        statements = duckdb.extract_statements(text)
    except duckdb.Error as error:
        raise SandboxRefused(f"SQL nicht lesbar: {str(error).splitlines()[0]}") from None
    if len(statements) != 1:
        raise SandboxRefused(f"{len(statements)} Anweisungen gefunden. " + ALLOWED_TEXT)
    kind = str(statements[0].type)
    if kind not in ALLOWED_TYPES:
        raise SandboxRefused(f"{kind.split('.')[-1]}-Anweisungen sind im Explorer nicht erlaubt. " + ALLOWED_TEXT)
    return text


def _explain(error: duckdb.Error) -> str:
    text = str(error).splitlines()[0]
    if "Permission Error" in text or "disabled by configuration" in text or "external access" in text.lower():
        return "Zugriff auf Dateien, Netzwerk oder Erweiterungen ist im Explorer gesperrt. " + ALLOWED_TEXT
    if "Out of Memory" in text:
        return f"Die Abfrage braucht mehr als {MEMORY_LIMIT} Arbeitsspeicher; bitte eingrenzen (WHERE, LIMIT)."
    return text


def run(db: Path, sql: str, row_cap: int, time_limit_s: float) -> QueryResult:
    """Run one checked statement in a worker process; SandboxRefused for refusals, errors and
    queries stopped at the time limit."""
    statement = check(sql)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.parquet"
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        try:
            finished = subprocess.run([sys.executable, "-m", "dashboard.warehouse.sandbox", str(db), str(out)],
                                      input=statement, capture_output=True, text=True, timeout=time_limit_s,
                                      env=env, check=False)
        except subprocess.TimeoutExpired:
            raise SandboxRefused(f"Abgebrochen nach {time_limit_s:g} s (Zeitlimit). Bitte die Abfrage eingrenzen "
                                 "oder vorab aggregieren.") from None
        seconds = time.perf_counter() - started
        lines = finished.stdout.strip().splitlines()
        try:
            report = json.loads(lines[-1])
        except (IndexError, json.JSONDecodeError):
            raise SandboxRefused("Die Abfrage ist abgestürzt: " + (finished.stderr.strip().splitlines() or ["?"])[-1]) from None
        if not report["ok"]:
            raise SandboxRefused(report["error"])
        parquet = out.read_bytes()
    frame = pd.read_parquet(io.BytesIO(parquet))
    return QueryResult(statement, frame.head(row_cap).reset_index(drop=True), report["rows"], seconds, parquet)


def _work(db: str, out: str) -> dict:
    """Inside the worker: one statement, read-only, no external access, configuration locked."""
    import pyarrow.parquet as pq

    sql = sys.stdin.read()
    try:
        statement = check(sql)
        con = open_connection(Path(db), read_only=True, config=_SANDBOX_CONFIG)  # waits while an import writes
        reader = con.execute(statement).to_arrow_reader(50_000)
        rows, writer = 0, None
        for batch in reader:
            if rows >= DOWNLOAD_ROW_LIMIT:
                break
            batch = batch.slice(0, DOWNLOAD_ROW_LIMIT - rows)
            writer = writer or pq.ParquetWriter(out, batch.schema)
            writer.write_batch(batch)
            rows += batch.num_rows
        if writer is None:
            import pyarrow as pa

            pq.write_table(pa.Table.from_batches([], schema=reader.schema), out)
        else:
            writer.close()
        return {"ok": True, "rows": rows}
    except SandboxRefused as refusal:
        return {"ok": False, "error": str(refusal)}
    except duckdb.Error as error:
        return {"ok": False, "error": _explain(error)}
    except WarehouseBusy as busy:
        return {"ok": False, "error": str(busy)}


if __name__ == "__main__":
    print(json.dumps(_work(sys.argv[1], sys.argv[2])))
