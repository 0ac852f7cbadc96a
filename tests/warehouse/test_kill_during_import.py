"""kill -9 while an import runs – while it reads, inserts, and while it commits: the warehouse
opens afterwards and holds either everything it held before or everything plus the whole
import, never a part; a second run of the same import then lands cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from itertools import product
from pathlib import Path

import pandas as pd
import pytest

from dashboard.config import PROJECT_ROOT
from dashboard.vocabulary import AGE_GROUPS, DIRECTIONS, ORIGINS, SEXES
from dashboard.warehouse.connection import reader, writer
from dashboard.warehouse.recovery import recover
from tests.conftest import checksums


def _delivery(db: Path, path: Path) -> Path:
    """Every key of every town for five years before the demo data (about 510,000 rows)."""
    with reader(db) as con:
        towns = [row[0] for row in con.execute("select ags from municipality").fetchall()]
    months = [m.date() for m in pd.date_range("2010-01-01", "2014-12-01", freq="MS")]
    frame = pd.DataFrame(
        list(product(towns, months, DIRECTIONS, AGE_GROUPS, SEXES, ORIGINS)),
        columns=["ags", "month", "direction", "age_group", "sex", "origin"],
    ).assign(persons=1)
    frame.to_parquet(path, index=False)
    return path


def _import(db: Path, delivery: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--db", str(db), "import", "registrations", str(delivery)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _kill_when(process: subprocess.Popen, db: Path, moment: str | float) -> None:
    """SIGKILL after a delay, or as soon as the commit starts writing (the WAL appears or grows)."""
    wal = db.with_name(db.name + ".wal")
    start, size = time.monotonic(), wal.stat().st_size if wal.exists() else 0
    while process.poll() is None and time.monotonic() - start < 30:
        if isinstance(moment, float) and time.monotonic() - start >= moment:
            break
        if moment == "commit" and wal.exists() and wal.stat().st_size > size:
            break
        time.sleep(0.002)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.slow
def test_kill_9_at_any_moment_leaves_the_warehouse_whole(demo_warehouse, tmp_path):
    delivery = _delivery(demo_warehouse, tmp_path / "meldungen-2010-2014.parquet")
    before = checksums(demo_warehouse)
    clean = tmp_path / "clean.duckdb"
    shutil.copy(demo_warehouse, clean)
    process = _import(clean, delivery)
    assert process.wait(timeout=120) == 0
    after = checksums(clean)
    assert after != before
    outcomes = set()
    for moment in ("commit", 0.6, 0.9, 1.2, 1.5):
        db = tmp_path / f"killed-{moment}.duckdb"
        shutil.copy(demo_warehouse, db)
        _kill_when(_import(db, delivery), db, moment)
        # opens, replays or drops the WAL; then what the app's first run and every import do first
        recover(db)
        state = checksums(db)
        assert state in (before, after), moment
        with reader(db) as con:
            logged = con.execute(
                "select status, rows from import_log where file_name = $f", {"f": delivery.name}
            ).fetchall()
        assert logged == ([] if state == before else [("ok", 509_760)]), (moment, logged)
        outcomes.add("before" if state == before else "after")
        rerun = _import(db, delivery)
        assert rerun.wait(timeout=120) == 0, rerun.stderr.read()
        assert checksums(db) == after
    assert "before" in outcomes  # at least one kill landed inside the import


LEFTOVER = "insert into welcome_bag (ags, month, handed_out, import_id) values ('05962060', '2009-01-01', 5, $id)"


def test_rows_of_an_import_that_never_committed_are_removed_and_never_adopted(demo_warehouse, tmp_path):
    """What DuckDB 1.5 can leave after a kill -9 in the commit of a large append (duckdb/duckdb#25931):
    the appended rows without their log row. They go, and the next import does not take their id."""
    before = checksums(demo_warehouse)
    with writer(demo_warehouse) as con:
        orphan = con.execute("select last_import_id + 1 from import_counter").fetchall()[0][0]
        con.execute(LEFTOVER, {"id": orphan})
    assert checksums(demo_warehouse) != before
    assert recover(demo_warehouse) == 1
    assert checksums(demo_warehouse) == before
    assert recover(demo_warehouse) == 0  # nothing written when there is nothing to remove
    with writer(demo_warehouse) as con:  # leftovers again, then an ordinary import
        con.execute(LEFTOVER, {"id": orphan})
    bags = tmp_path / "taschen.csv"
    bags.write_text("ags,month,handed_out\n05962060,2024-01,31\n", encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "dashboard", "--db", str(demo_warehouse), "import", "welcome-bags", str(bags)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    with reader(demo_warehouse) as con:
        assert con.execute("select count(*) from welcome_bag where month = date '2009-01-01'").fetchall() == [(0,)]
