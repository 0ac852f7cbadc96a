"""The sandbox for ad-hoc SQL (Explorer page and `python -m dashboard query`).

Each query runs in a worker process, on a read-only connection with external access disabled and
the configuration locked, so no file on the server can be read or written, nothing installed or
attached, and no setting changed. Exactly one reading statement per run (SELECT, WITH … SELECT,
DESCRIBE, SHOW, SUMMARIZE, EXPLAIN of one of these); functions that would show the server's paths
are refused. The worker checks the statement itself, under its limits: DuckDB's memory limit and
the operating system's limit on the process's address space, so neither a huge string nor a huge
statement can take the server's memory. After the time limit the worker is stopped and the user
told. Workers are started ahead and wait with their libraries loaded, so the time limit measures
the query, not a process start; the app stays responsive for every other session meanwhile.
"""

from __future__ import annotations

import atexit
import decimal
import io
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.i18n.messages import encode, render

ALLOWED_TYPES = {"StatementType.SELECT", "StatementType.EXPLAIN"}
MEMORY_LIMIT = "1GB"
MEMORY_LIMIT_BYTES = 1 << 30
# Beyond DuckDB's own limit the worker's whole address space is capped: its libraries, DuckDB's
# buffers up to MEMORY_LIMIT, and this much for what DuckDB does not count (strings being built,
# the parser, Arrow batches).
PROCESS_HEADROOM_BYTES = 512 << 20
# Longer statements are refused before anything parses them (a hand-written query is a few KB).
MAX_STATEMENT_CHARS = 100_000
DOWNLOAD_ROW_LIMIT = 1_000_000
WORKER_START_TIMEOUT_S = 60
IDLE_WORKERS = 2
# refusals travel from the worker as encoded messages (i18n.messages), written in the reader's
# language where they are shown
ALLOWED_TEXT = encode("sandbox.allowed")
# What would show where the server keeps its files (databases, settings, extensions, secrets).
HIDDEN_FUNCTIONS = frozenset(
    {
        "duckdb_databases",
        "pragma_database_list",
        "duckdb_settings",
        "current_setting",
        "duckdb_extensions",
        "duckdb_temporary_files",
        "duckdb_secrets",
        "which_secret",
        "duckdb_logs",
        "duckdb_log_contexts",
        "pragma_user_agent",
        "duckdb_external_file_cache",
        "pragma_metadata_info",
    }
)
# A statement as a string would run past every check on this one.
STRING_STATEMENTS = frozenset({"query", "query_table"})
_EXPLAIN = re.compile(r"^\s*explain\s+(?:analy[sz]e\s+|\([^)]*\)\s*)?", re.IGNORECASE)
_SANDBOX_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": MEMORY_LIMIT,
    "threads": 2,
    "lock_configuration": True,
}


class SandboxRefused(Exception):
    """The statement is not allowed here; the message says what is (`message(lang)`)."""

    def message(self, lang: str = "de") -> str:
        return render(self.encoded, lang)

    def __str__(self) -> str:
        return render(super().__str__(), "de")

    @property
    def encoded(self) -> str:
        return super().__str__()


@dataclass(frozen=True)
class QueryResult:
    sql: str
    frame: pd.DataFrame  # at most `row_cap` rows
    rows: int  # all rows of the result (up to DOWNLOAD_ROW_LIMIT)
    seconds: float  # the query's time in the worker, from the moment it was handed over
    parquet: bytes  # the whole result (up to DOWNLOAD_ROW_LIMIT rows) for downloads

    @property
    def truncated(self) -> bool:
        return self.rows > len(self.frame)

    def all_rows(self) -> pd.DataFrame:
        """The whole result (read from the Parquet only when asked for, e.g. by a download)."""
        return plain_numbers(pd.read_parquet(io.BytesIO(self.parquet))) if self.truncated else self.frame


def plain_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """DuckDB's HUGEINT (every sum of integers) and DECIMAL arrive as Python Decimals in an object
    column; as numbers they sort, chart and download like any other: whole ones as integers
    (nullable), others as floats."""
    converted = {}
    for column in frame.columns:
        values = frame[column]
        known = values.dropna()
        if values.dtype != object or known.empty or not all(isinstance(v, decimal.Decimal) for v in known):
            continue
        if all(v == v.to_integral_value() and abs(v) < 2**63 for v in known):
            converted[column] = values.map(lambda v: None if v is None or pd.isna(v) else int(v)).astype("Int64")
        else:
            converted[column] = values.astype("float64")
    return frame.assign(**converted) if converted else frame


def _names(node: object, key: str) -> set[str]:
    """Every value of `key` anywhere in a parsed statement (JSON from json_serialize_sql)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get(key)
            if isinstance(value, str):
                found.add(value.lower())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _one_statement(text: str) -> duckdb.Statement:
    try:
        statements = duckdb.extract_statements(text)
    except duckdb.Error as error:
        raise SandboxRefused(encode("sandbox.unreadable", error=str(error).splitlines()[0])) from None
    if len(statements) != 1:
        raise SandboxRefused(encode("sandbox.statements", count=len(statements)) + " " + ALLOWED_TEXT)
    return statements[0]


def check(sql: str) -> str:
    """The one allowed statement, or SandboxRefused with the reason and what is allowed. Runs in
    the worker (parsing a statement can take time and memory), its length is capped first."""
    text = sql.strip()
    if not text:
        raise SandboxRefused(encode("sandbox.none") + " " + ALLOWED_TEXT)
    if len(text) > MAX_STATEMENT_CHARS:
        raise SandboxRefused(encode("sandbox.too_long", chars=MAX_STATEMENT_CHARS) + " " + ALLOWED_TEXT)
    statement = _one_statement(text)
    kind = str(statement.type)
    if kind == "StatementType.EXPLAIN":
        # EXPLAIN ANALYZE runs its statement: only what would be allowed on its own
        inner = _EXPLAIN.sub("", text, count=1)
        if inner == text or str(_one_statement(inner).type) != "StatementType.SELECT":
            raise SandboxRefused(encode("sandbox.explain") + " " + ALLOWED_TEXT)
        _no_hidden(inner)
        return text
    if kind not in ALLOWED_TYPES:
        # DuckDB files INSTALL under LOAD: name the statement as it was written
        written = text.split(None, 1)[0].upper()
        named = "INSTALL" if written in ("INSTALL", "FORCE") else kind.split(".")[-1]
        raise SandboxRefused(encode("sandbox.kind", kind=named) + " " + ALLOWED_TEXT)
    _no_hidden(text)
    return text


def _no_hidden(text: str) -> None:
    parsed = json.loads(duckdb.execute("select json_serialize_sql($sql)", {"sql": text}).fetchall()[0][0])
    if parsed.get("error"):  # PIVOT and the like do not serialise: every word of the text counts
        used = set(re.findall(r"[a-z_][a-z0-9_]*", text.lower()))
    else:
        used = _names(parsed, "function_name") | _names(parsed, "table_name")
    if hidden := sorted(used & HIDDEN_FUNCTIONS):
        raise SandboxRefused(encode("sandbox.hidden", names=", ".join(hidden)) + " " + ALLOWED_TEXT)
    if strings := sorted(used & STRING_STATEMENTS):
        raise SandboxRefused(encode("sandbox.string_statement", names=", ".join(strings)) + " " + ALLOWED_TEXT)


def _explain(error: duckdb.Error) -> str:
    text = str(error).splitlines()[0]
    if "Permission Error" in text or "disabled by configuration" in text or "external access" in text.lower():
        return encode("sandbox.locked") + " " + ALLOWED_TEXT
    if "Out of Memory" in text or "bad allocation" in text:
        return encode("sandbox.memory", limit=MEMORY_LIMIT)
    # DuckDB's own message in English, after the reader's words for what kind of error it is
    return encode("sandbox.duckdb") + " " + re.sub(r"(/[\w.\-]+){2,}", "…", text)  # no server path


# ---------- the worker side


def _limit_memory() -> None:
    """Cap the worker's address space: what it has mapped now plus DuckDB's limit and headroom."""
    import resource

    with open("/proc/self/status", encoding="ascii") as status:
        mapped = int(status.read().split("VmSize:")[1].split()[0]) * 1024
    cap = mapped + MEMORY_LIMIT_BYTES + PROCESS_HEADROOM_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


# A worker's attached lakes: attaching one (extensions, catalog) takes 0.2 s, more than most
# queries, and a read-only lake connection holds no lock (each statement reads the latest snapshot).
# A file is opened per statement instead: an open read-only file would keep imports out.
_lakes: dict[str, duckdb.DuckDBPyConnection] = {}


def _connection(db: str) -> duckdb.DuckDBPyConnection:
    from dashboard.warehouse.connection import is_lake, open_connection

    if not is_lake(db):
        return open_connection(Path(db), read_only=True, config=_SANDBOX_CONFIG)  # waits while an import writes
    if db not in _lakes:
        _lakes[db] = open_connection(Path(db), read_only=True, config=_SANDBOX_CONFIG)
    return _lakes[db]


def _done_with(db: str, con: duckdb.DuckDBPyConnection, failed: bool) -> None:
    if _lakes.get(db) is con and not failed:
        return
    _lakes.pop(db, None)  # after an error the connection is not trusted again
    con.close()


def _work(db: str, out: str, sql: str) -> dict:
    """One statement, read-only, no external access, configuration locked."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dashboard.warehouse.connection import WarehouseBusy

    try:
        statement = check(sql)
        con = _connection(db)
        failed = True
        try:
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
                pq.write_table(pa.Table.from_batches([], schema=reader.schema), out)
            else:
                writer.close()
            failed = False
        finally:
            _done_with(db, con, failed)
        return {"ok": True, "rows": rows}
    except SandboxRefused as refusal:
        return {"ok": False, "error": refusal.encoded}
    except duckdb.Error as error:
        return {"ok": False, "error": _explain(error)}
    except WarehouseBusy:
        return {
            "ok": False,
            "error": encode("sandbox.busy"),
        }
    except MemoryError:
        return {"ok": False, "error": encode("sandbox.memory", limit=MEMORY_LIMIT)}


def serve() -> None:
    """The worker's loop: load the libraries, cap memory, say 'ready', answer one request per line."""
    import pyarrow.parquet  # noqa: F401 (loaded before the clock of the first query starts)

    _limit_memory()
    print("ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        print(json.dumps(_work(request["db"], request["out"], request["sql"])), flush=True)


# ---------- the server side


class Worker:
    """One sandbox process, started ahead; `ask` hands it a query and waits at most the limit."""

    def __init__(self) -> None:
        # few malloc arenas: each thread's arena reserves address space, and the worker's memory cap
        # is on address space (a DuckLake attach with glibc's default took 1.1 GB more, not 0.2 GB)
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "MALLOC_ARENA_MAX": "2"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dashboard.warehouse.sandbox"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            bufsize=1,
        )
        self.ready = False

    def _line(self, timeout_s: float) -> str | None:
        readable, _, _ = select.select([self.process.stdout], [], [], max(timeout_s, 0))
        return self.process.stdout.readline() if readable else None

    def wait_ready(self) -> None:
        if not self.ready:
            line = self._line(WORKER_START_TIMEOUT_S)
            if line is None or line.strip() != "ready":
                self.stop()
                reason = ((self.process.stderr.read() or "?").strip().splitlines() or ["?"])[-1]
                raise SandboxRefused(encode("sandbox.no_start", reason=reason))
            self.ready = True

    def ask(self, request: dict, timeout_s: float) -> dict | None:
        """The worker's answer, or None when the time limit passed (the worker is then stopped)."""
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self._line(timeout_s)
        if line is None:
            self.stop()
            return None
        if not line:
            self.stop()
            raise SandboxRefused(encode("sandbox.crashed"))
        return json.loads(line)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait(timeout=10)


class Pool:
    """Warm workers shared by all sessions of a process: a query takes one and gives it back
    after; `warm` starts one ahead (the Explorer page does when it opens)."""

    def __init__(self, idle: int = IDLE_WORKERS) -> None:
        self.idle_target = idle
        self.idle: list[Worker] = []
        self.lock = threading.Lock()
        atexit.register(self.close)

    def take(self) -> Worker:
        with self.lock:
            while self.idle and not self.idle[0].alive():
                self.idle.pop(0)
            worker = self.idle.pop(0) if self.idle else Worker()
        worker.wait_ready()
        return worker

    def warm(self) -> None:
        """One worker loading its libraries in the background, unless one waits already."""
        with self.lock:
            self.idle = [w for w in self.idle if w.alive()]
            if not self.idle:
                self.idle.append(Worker())

    def give_back(self, worker: Worker) -> None:
        with self.lock:
            if worker.alive() and len(self.idle) < self.idle_target:
                self.idle.append(worker)
                return
        worker.stop()

    def close(self) -> None:
        with self.lock:
            workers, self.idle = self.idle, []
        for worker in workers:
            worker.stop()


POOL = Pool()


def run(db: Path, sql: str, row_cap: int, time_limit_s: float) -> QueryResult:
    """Run one statement in a warm worker; SandboxRefused for refusals, errors and queries stopped
    at the time limit. The statement is checked in the worker; here only its length."""
    if not sql.strip():
        raise SandboxRefused(encode("sandbox.none") + " " + ALLOWED_TEXT)
    if len(sql) > MAX_STATEMENT_CHARS:
        raise SandboxRefused(encode("sandbox.too_long", chars=MAX_STATEMENT_CHARS) + " " + ALLOWED_TEXT)
    worker = POOL.take()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.parquet"
        started = time.perf_counter()
        report = worker.ask({"db": str(db), "out": str(out), "sql": sql}, time_limit_s)
        seconds = time.perf_counter() - started
        if report is None:
            raise SandboxRefused(encode("sandbox.time_limit", seconds=time_limit_s))
        POOL.give_back(worker)
        if not report["ok"]:
            raise SandboxRefused(report["error"])
        parquet = out.read_bytes()
    frame = plain_numbers(pd.read_parquet(io.BytesIO(parquet)).head(row_cap))
    return QueryResult(sql.strip(), frame.reset_index(drop=True), report["rows"], seconds, parquet)


if __name__ == "__main__":
    serve()
