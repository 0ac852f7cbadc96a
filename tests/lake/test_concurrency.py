"""Several processes on one lake at once: two importers and two readers; the final state holds
every import exactly once, readers only ever see whole imports, and a kill -9 of an importer in
the middle of its transaction leaves the lake whole (before or after, never between)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.vocabulary import AGE_GROUPS
from dashboard.warehouse.connection import reader
from tests.conftest import checksums, new_lake

pytestmark = [pytest.mark.lake, pytest.mark.slow]
PROJECT = Path(__file__).parents[2]
ROWS_PER_FILE = 12 * 2 * len(AGE_GROUPS)


def _delivery(folder: Path, ags: str, year: int) -> Path:
    rows = [
        (ags, f"{year}-{month:02d}-01", direction, age, "f", "de", 1 + month)
        for month in range(1, 13)
        for direction in ("in", "out")
        for age in AGE_GROUPS
    ]
    path = folder / f"meldungen-{ags}-{year}.csv"
    pd.DataFrame(rows, columns=["ags", "month", "direction", "age_group", "sex", "origin", "persons"]).to_csv(
        path, index=False
    )
    return path


def _python(code: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


IMPORTER = """
import sys
from dashboard.cli import main
codes = [main(["--db", {db!r}, "import", "registrations", f]) for f in {files!r}]
sys.exit(max(codes))
"""

READER = """
import json, sys, time
from pathlib import Path
from dashboard.warehouse.connection import reader
seen, torn, deadline = set(), [], time.monotonic() + {seconds}
while time.monotonic() < deadline:
    with reader(Path({db!r})) as con:
        counts = con.execute("select import_id, count(*) from registration group by 1").fetchall()
    for import_id, rows in counts:
        seen.add(import_id)
        if rows != {rows}:
            torn.append((import_id, rows))
    time.sleep(0.05)
print(json.dumps({{"seen": len(seen), "torn": torn}}))
"""


def test_two_importers_and_two_readers_at_once(postgres, tmp_path, monkeypatch):
    from dashboard.ingest.init import init_warehouse

    lake = new_lake(postgres, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", env["DASHBOARD_LAKE_DATA"])
    init_warehouse(lake, demo=False)
    towns = ["05962060", "05966024", "05958004", "05970040", "05974040", "05962016", "05966004", "05970024"]
    files = [str(_delivery(tmp_path, ags, 2024)) for ags in towns]
    readers = [_python(READER.format(db=str(lake), seconds=25, rows=ROWS_PER_FILE), env) for _ in range(2)]
    importers = [
        _python(IMPORTER.format(db=str(lake), files=files[:4]), env),
        _python(IMPORTER.format(db=str(lake), files=files[4:]), env),
    ]
    for importer in importers:
        assert importer.wait(timeout=240) == 0, importer.stderr.read()[-2000:]
    reports = []
    for process in readers:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-2000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))
    assert all(report["torn"] == [] for report in reports), reports  # only whole imports were ever seen
    with reader(lake) as con:
        per_import = con.execute("select import_id, count(*) from registration group by 1").fetchall()
        logged = con.execute("select import_id, file_name from import_log where status = 'ok'").fetchall()
        towns_stored = con.execute("select count(distinct ags) from registration").fetchall()[0][0]
    registrations = [row for row in logged if row[1].startswith("meldungen-")]
    assert sorted(name for _, name in registrations) == sorted(Path(f).name for f in files)  # each once
    assert len({import_id for import_id, _ in logged}) == len(logged)  # no id twice
    assert sorted(rows for _, rows in per_import) == [ROWS_PER_FILE] * len(files) and towns_stored == len(towns)


KILLABLE = """
import sys
from pathlib import Path
from dashboard.ingest import load
from dashboard.warehouse.connection import writer
with writer(Path({db!r})) as con:
    # a pause inside the transaction, before its commit: the moment to be killed
    real_refresh = load.peers.refresh
    def refresh_then_wait(connection):
        real_refresh(connection)
        print("in transaction", flush=True)
        import time; time.sleep(30)
    load.peers.refresh = refresh_then_wait
    load.import_file(con, Path({file!r}), "registrations")
"""


def test_a_killed_importer_leaves_the_lake_whole(postgres, tmp_path, monkeypatch):
    from dashboard.ingest.init import init_warehouse

    lake = new_lake(postgres, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", env["DASHBOARD_LAKE_DATA"])
    init_warehouse(lake, demo=False)
    delivery = _delivery(tmp_path, "05962060", 2024)
    before = checksums(lake)
    process = _python(KILLABLE.format(db=str(lake), file=str(delivery)), env)
    deadline = time.monotonic() + 120
    while process.stdout.readline().strip() != "in transaction":
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()[-2000:]
    os.kill(process.pid, signal.SIGKILL)  # inside the transaction: rows written, not committed
    process.wait(timeout=30)
    assert checksums(lake) == before
    with reader(lake) as con:
        assert con.execute("select count(*) from import_log where file_name = $f", {"f": delivery.name}).fetchall() == [
            (0,)
        ]
    from dashboard.cli import main

    assert main(["--db", str(lake), "import", "registrations", str(delivery)]) == 0  # the lake takes it again
    with reader(lake) as con:
        assert con.execute("select count(*) from registration").fetchall()[0][0] == ROWS_PER_FILE
