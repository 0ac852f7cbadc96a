"""The SQL sandbox: reading works (window functions, CTEs, joins, aggregates); everything that
would read or write files, attach, install, change settings, run several statements or run
forever is refused or stopped, and neither the warehouse nor any file changes."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.config import PROJECT_ROOT
from dashboard.service.explorer import SandboxRefused, examples, run_query
from tests.conftest import checksums

SECRET = "sandbox-canary-do-not-read"
RUNAWAY = "select count(*) from range(1000000000000) t where hash(t.range) % 97 = 3"


@pytest.fixture
def canary(tmp_path) -> Path:
    path = tmp_path / "canary.csv"
    path.write_text(f"secret\n{SECRET}\n", encoding="utf-8")
    return path


def attempts(canary: Path, tmp_path: Path) -> list[str]:
    target = tmp_path / "written.csv"
    return [
        f"select * from read_csv('{canary}')",
        f"select * from read_csv_auto('{canary}')",
        f"select * from '{canary}'",
        f"select * from read_text('{canary}')",
        f"select * from read_blob('{canary}')",
        f"select * from read_parquet('{canary}')",
        f"select * from read_json('{canary}')",
        f"select * from glob('{canary.parent}/*')",
        f"select * from sniff_csv('{canary}')",
        f"copy municipality to '{target}'",
        f"copy (select 1) to '{target}' (format csv)",
        f"export database '{tmp_path / 'dump'}'",
        f"attach '{tmp_path / 'other.duckdb'}' as other",
        "install httpfs",
        "load httpfs",
        "select * from read_csv('https://example.org/data.csv')",
        "set enable_external_access = true",
        "set memory_limit = '100GB'",
        "reset lock_configuration",
        "pragma enable_profiling",
        "select 1; select 2",
        "select 1; drop table municipality",
        "create table stolen as select * from municipality",
        "insert into municipality select * from municipality",
        "update population set persons = 0",
        "delete from registration",
        "drop table registration",
        "alter table municipality add column x int",
        "create macro evil() as 1",
        "checkpoint",
        "call pragma_version()",
        "detach main",
        "use memory",
        "begin transaction",
        "select getenv('HOME')",
        "",
    ]


def test_every_attempt_is_refused_and_nothing_changes(demo_warehouse, canary, tmp_path):
    before = checksums(demo_warehouse)
    tries = attempts(canary, tmp_path)
    assert len(tries) >= 25
    for sql in tries:
        with pytest.raises(SandboxRefused) as refusal:
            run_query(demo_warehouse, sql, time_limit_s=20)
        message = str(refusal.value)
        assert SECRET not in message
        assert message, sql
    assert checksums(demo_warehouse) == before
    assert not (tmp_path / "written.csv").exists() and not (tmp_path / "dump").exists()
    assert not (tmp_path / "other.duckdb").exists()


def test_refusals_say_what_is_allowed(demo_warehouse, canary):
    for sql in ("drop table municipality", f"select * from read_csv('{canary}')", "select 1; select 2"):
        with pytest.raises(SandboxRefused, match="Erlaubt ist genau eine lesende Anweisung"):
            run_query(demo_warehouse, sql, time_limit_s=20)


@pytest.mark.parametrize(
    "sql",
    [
        "select district, count(*) as towns from municipality group by all order by towns desc",
        (
            "with yearly as (select ags, year(month) as year, sum(persons) as persons from registration group by all) "
            "select ags, year, persons, persons - lag(persons) over (partition by ags order by year) as change "
            "from yearly order by ags, year"
        ),
        (
            "select m.name, p.persons from municipality m join population p using (ags) "
            "where p.year = 2024 order by 2 desc"
        ),
        "describe registration",
        "show tables",
        "summarize population",
        "explain select * from municipality",
        "from campaign",
        "values (1, 'a'), (2, 'b')",
    ],
)
def test_analytical_queries_work(demo_warehouse, sql):
    result = run_query(demo_warehouse, sql, time_limit_s=30)
    assert result.rows >= 1 and not result.frame.empty


def test_the_display_is_capped_but_downloads_hold_everything(demo_warehouse):
    result = run_query(demo_warehouse, "select * from registration limit 2500", row_cap=100, time_limit_s=30)
    assert len(result.frame) == 100 and result.rows == 2500 and result.truncated
    import io

    import pandas as pd

    assert len(pd.read_parquet(io.BytesIO(result.parquet))) == 2500


def test_saved_examples_run(demo_warehouse):
    titles = {e.title["de"] for e in examples()}
    assert {"Zuzüge nach Zielgruppe 2024", "Kampagnenkosten je Lead"} <= titles
    for example in examples():
        assert run_query(demo_warehouse, example.sql, time_limit_s=30).rows > 0, example.key


def test_a_runaway_query_is_stopped_while_another_session_reruns(demo_warehouse, monkeypatch):
    """The CLI runs a query that would take minutes; the app meanwhile reruns a page quickly."""
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import APP

    env = {**os.environ, "DASHBOARD_SQL_TIME_LIMIT_MS": "10000"}
    started = time.monotonic()
    runaway = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--db", str(demo_warehouse), "query", RUNAWAY],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse))
    time.sleep(1.5)  # the query is running now
    at = AppTest.from_file(APP, default_timeout=60)
    rerun_started = time.monotonic()
    at.run()
    at.switch_page("views/glossary.py").run()
    rerun_took = time.monotonic() - rerun_started
    assert not at.exception
    _, err = runaway.communicate(timeout=60)
    took = time.monotonic() - started
    assert runaway.returncode == 2 and "Abgebrochen nach 10 s" in err
    assert 9.5 < took < 25  # stopped at the limit, not after minutes
    assert rerun_took < 8  # the other session was not blocked by the running query


def test_the_time_limit_also_holds_in_process(demo_warehouse):
    started = time.monotonic()
    with pytest.raises(SandboxRefused, match="Abgebrochen nach 2 s"):
        run_query(demo_warehouse, RUNAWAY, time_limit_s=2)
    assert time.monotonic() - started < 6


def _children_rss_mb() -> float:
    """The largest resident size among this process's children (the sandbox workers), from /proc."""
    me, largest = os.getpid(), 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == me:
                largest = max(largest, int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20)
        except (OSError, IndexError, ValueError):
            continue
    return largest


def test_a_huge_string_stays_within_the_memory_limit_measured_from_outside(demo_warehouse):
    import threading

    peak, done = [0.0], threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _children_rss_mb())
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with pytest.raises(SandboxRefused, match="Arbeitsspeicher"):
            run_query(demo_warehouse, "select length(repeat('x', 2000000000))", time_limit_s=30)
    finally:
        done.set()
        watcher.join()
    assert peak[0] < 1800, peak[0]  # 1 GB for DuckDB, 0.5 GB headroom, the libraries (4 GB before)
    assert run_query(demo_warehouse, "select 42 as answer", time_limit_s=10).frame["answer"][0] == 42


def test_a_huge_statement_is_refused_before_it_is_parsed(demo_warehouse):
    huge = "select * from municipality where ags in (" + ",".join(f"'{n:08d}'" for n in range(700_000)) + ")"
    assert len(huge) > 6_000_000
    started = time.monotonic()
    with pytest.raises(SandboxRefused, match="länger als 100.000 Zeichen"):
        run_query(demo_warehouse, huge, time_limit_s=30)
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    "sql",
    [
        "explain analyze checkpoint",
        "EXPLAIN ANALYZE drop table municipality",
        "explain analyze copy municipality to 'x.csv'",
        "explain (format json) checkpoint",
        "explain analyze attach 'x.duckdb'",
    ],
)
def test_explain_analyze_runs_only_what_is_allowed(demo_warehouse, sql):
    before = checksums(demo_warehouse)
    with pytest.raises(SandboxRefused, match="EXPLAIN nur für lesende|nicht lesbar"):
        run_query(demo_warehouse, sql, time_limit_s=20)
    assert checksums(demo_warehouse) == before
    assert run_query(demo_warehouse, "explain analyze select count(*) from registration", time_limit_s=20).rows >= 1


# statements that would list the server's databases, files or settings
PATH_PROBES = [
    "select * from duckdb_databases()",
    "select path from duckdb_databases",
    "select * from pragma_database_list",
    "select current_setting('temp_directory')",
    "select * from duckdb_settings()",
    "select * from query('select * from duckdb_databases()')",
    "summarize select * from duckdb_databases()",
    "with d as (select * from duckdb_databases()) select * from d",
    "select * from duckdb_extensions()",
]


@pytest.mark.parametrize("sql", PATH_PROBES)
def test_server_paths_stay_hidden(demo_warehouse, sql):
    with pytest.raises(SandboxRefused) as refusal:
        run_query(demo_warehouse, sql, time_limit_s=20)
    assert str(demo_warehouse.parent) not in str(refusal.value)


def test_the_time_limit_measures_the_query_not_a_process_start(demo_warehouse):
    run_query(demo_warehouse, "select 1", time_limit_s=30)  # the pool is warm from here on
    for _ in range(3):  # a cold worker (Python, pandas, pyarrow, DuckDB) needs about a second
        result = run_query(demo_warehouse, "select count(*) as n from municipality", time_limit_s=0.5)
        assert result.frame["n"][0] == 59
    shown = run_query(demo_warehouse, "select * from duckdb_tables()", time_limit_s=20).frame
    assert str(demo_warehouse.parent) not in shown.to_csv()


def test_a_warm_worker_sees_an_import_made_after_its_last_query(demo_warehouse):
    """A worker keeps its lake attached between queries (the file it opens per query): the next
    query still reads the latest import."""
    from dashboard.cli import main
    from dashboard.config import TEMPLATES_DIR

    imports = "select count(*) as n from import_log"
    before = run_query(demo_warehouse, imports, time_limit_s=30).frame["n"][0]
    template = TEMPLATES_DIR / "welcome-bags.csv"
    assert main(["--db", str(demo_warehouse), "import", "welcome-bags", str(template)]) == 0
    assert run_query(demo_warehouse, imports, time_limit_s=30).frame["n"][0] == before + 1
