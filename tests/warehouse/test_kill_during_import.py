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
from dashboard.warehouse.connection import reader
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
        state = checksums(db)  # opens, replays or drops the WAL
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
