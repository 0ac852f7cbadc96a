"""The shared read-only instance: reused while in use, released for writers and when idle."""

import subprocess
import sys
import time

from dashboard.warehouse import connection
from dashboard.warehouse.connection import reader, writer


def test_a_writer_in_the_same_process_releases_the_shared_reader(demo_warehouse):
    with reader(demo_warehouse) as con:
        before = con.execute("select count(*) from municipality").fetchall()[0][0]
    with writer(demo_warehouse) as con:  # would fail with "different configuration" otherwise
        con.execute("update municipality set name = name")
    with reader(demo_warehouse) as con:
        assert con.execute("select count(*) from municipality").fetchall()[0][0] == before


def test_idle_reader_lets_another_process_write(demo_warehouse, monkeypatch, tmp_path):
    monkeypatch.setattr(connection, "READER_IDLE_SECONDS", 0.5)
    with reader(demo_warehouse) as con:
        con.execute("select 1").fetchall()
    bags = tmp_path / "bags.csv"
    bags.write_text("ags,month,handed_out\n05962060,2024-01-01,12\n", encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "--db", str(demo_warehouse), "import", "welcome-bags", str(bags)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < connection.LOCK_WAIT_SECONDS
    with reader(demo_warehouse) as con:
        assert con.execute(
            "select handed_out from welcome_bag where ags = '05962060' and month = '2024-01-01'"
        ).fetchall() == [(12,)]
