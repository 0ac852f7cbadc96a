"""DuckLake beside the file (`python benchmarks/lake.py`): both backends measured in one run on a
PostgreSQL cluster started here, each figure with its ratio to the file.

At demo scale:
  build         the demo warehouse from data/ (init: every import kind, rollup, peers)
  page data     Zuzug data after a filter change (median of --runs random selections)
  data version  the check every rerun makes (file: a stat; lake: the catalog's latest snapshot)
  sessions/s    page-data requests served per second by 1 app process on the file, and by 1 and
                2 processes on the lake (4 sessions each, --seconds long)
At Germany scale (`demo --scale germany`'s synthetic data, --towns municipalities; --skip-germany leaves it out):
  ingest        the bulk import of the Parquet files (benchmarks/run.py's, in a process of its own
                for its peak memory): loaded, checked, yearly rollup built
  page data     Zuzug, Überblick and Steckbrief data after a filter change (benchmarks/run.py's selections)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import postgres as pg
from dashboard.config import PROJECT_ROOT

SESSIONS_PER_PROCESS = 4

_SERVE = """
import json, random, threading, time
from pathlib import Path
from dashboard.service.inflow import inflow_data
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection
db = Path({db!r})
reference = load_reference(db)
towns = reference.region
inflow_data(db, reference, Selection(2023, 2025), ())  # warm: connections and caches open
served, stop = [0], time.monotonic() + {seconds}
def session(seed):
    rng = random.Random(seed)
    while time.monotonic() < stop:
        first = rng.randint(2015, 2024)
        inflow_data(db, reference, Selection(first, min(first + 2, 2025), towns=(rng.choice(towns),)), ())
        served[0] += 1
threads = [threading.Thread(target=session, args=(seed,)) for seed in range({sessions})]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(json.dumps({{"served": served[0]}}))
"""


def _selections(runs: int, towns: list[str]) -> list:
    from dashboard.service.selection import Selection

    rng = random.Random(7)
    chosen = []
    for _ in range(runs):
        first = rng.randint(2015, 2024)
        chosen.append(Selection(first, min(first + 2, 2025), towns=(rng.choice(towns),)))
    return chosen


def page_data(db: Path, runs: int) -> float:
    from dashboard.service.inflow import inflow_data
    from dashboard.service.reference import load_reference

    reference = load_reference(db)
    inflow_data(db, reference, _selections(1, reference.region)[0], ())
    times = []
    for selection in _selections(runs, reference.region):
        started = time.perf_counter()
        inflow_data(db, reference, selection, ())
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def version_check(db: Path, runs: int = 50) -> float:
    from dashboard.warehouse.connection import data_version

    data_version(db)
    started = time.perf_counter()
    for _ in range(runs):
        data_version(db)
    return (time.perf_counter() - started) / runs


def sessions_per_second(db: Path, processes: int, seconds: float, env: dict) -> float:
    code = textwrap.dedent(_SERVE.format(db=str(db), seconds=seconds, sessions=SESSIONS_PER_PROCESS))
    started = [
        subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    served = sum(json.loads(p.communicate()[0].strip().splitlines()[-1])["served"] for p in started)
    return served / seconds


def germany(cluster: pg.Cluster, folder: Path, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """Ingest and page data on synthetic Germany-scale data, on a new file and a new lake."""
    from benchmarks import run
    from dashboard.demo import scale

    first, _, last = args.years.partition("-")
    data = args.data or folder / "germany"
    if not (data / "MANIFEST.json").exists():
        manifest = scale.generate(data, args.towns, (int(first), int(last or first)), csv=False)
        print(f"generated {manifest['registration_rows']:,} rows for {args.towns:,} towns", flush=True)
    rows = json.loads((data / "MANIFEST.json").read_text(encoding="utf-8"))["registration_rows"]
    os.environ["DASHBOARD_LAKE_DATA"] = str(folder / "germany-lake-data")
    backends = {"file": folder / "germany.duckdb", "lake": cluster.new_lake(folder / "germany-lake-data")}
    loads = {}
    for name, db in backends.items():
        child = subprocess.run(
            [sys.executable, run.__file__, "--child-ingest", "bulk-parquet", "--data", str(data), "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
            cwd=PROJECT_ROOT,
        )
        if child.returncode != 0:  # the import's own message (a refusal, out of memory), not a traceback
            print(f"{name}: the Germany-scale import failed:\n{child.stderr.strip().splitlines()[-1]}")
            return {}
        loads[name] = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"{name}: {loads[name]['rows']:,} rows imported in {loads[name]['seconds']:.1f} s", flush=True)
    figures = {
        f"ingest {rows / 1e6:.1f} M rows (Parquet), s": {n: loads[n]["seconds"] for n in backends} | {"unit": "s"},
        "  its peak memory, GB": {n: loads[n]["peak_gb"] for n in backends} | {"unit": " "},
    }
    pages = {name: run.page_data(db, args.runs) for name, db in backends.items()}
    for page in ("Zuzug", "Überblick", "Steckbrief"):
        figures[f"{page} page data, Germany scale, median"] = {n: pages[n][page][0] for n in backends} | {"unit": "s"}
    return figures


def report(figures: dict[str, dict[str, float]]) -> str:
    """The figures of both backends side by side, each with its ratio to the file."""
    lines = [f"{'':46} {'file':>10} {'lake':>10} {'lake/file':>10}"]
    for name, values in figures.items():
        file, lake = values.get("file"), values.get("lake")
        ratio = f"{lake / file:.2f}×" if file and lake else "–"
        unit = values.get("unit", "")
        lines.append(f"{name:46} {file:>9.3f}{unit or ' '} {lake:>9.3f}{unit or ' '} {ratio:>10}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--towns", type=int, default=10_800, help="municipalities at Germany scale (10,800)")
    parser.add_argument("--years", default="2015-2024", help="the Germany-scale data's years")
    parser.add_argument("--data", type=Path, help="a folder with data from `demo --scale germany` (else generated)")
    parser.add_argument("--skip-germany", action="store_true")
    args = parser.parse_args(argv)
    if reason := pg.unavailable():
        print(f"skipped: {reason}")
        return 0
    from dashboard.ingest.init import init_warehouse

    folder = Path(tempfile.mkdtemp(prefix="lake-benchmark-"))
    try:
        with pg.cluster() as cluster:
            os.environ["DASHBOARD_LAKE_DATA"] = str(folder / "lake-data")
            lake = cluster.new_lake(folder / "lake-data")
            file = folder / "demo.duckdb"
            figures: dict[str, dict[str, float]] = {"build the demo warehouse": {"unit": "s"}}
            for name, db in (("file", file), ("lake", lake)):
                started = time.perf_counter()
                init_warehouse(db, demo=True)
                figures["build the demo warehouse"][name] = time.perf_counter() - started
            figures["Zuzug page data, median"] = {
                "unit": "s",
                **{n: page_data(d, args.runs) for n, d in (("file", file), ("lake", lake))},
            }
            figures["data-version check"] = {
                "unit": "s",
                **{n: version_check(d) for n, d in (("file", file), ("lake", lake))},
            }
            env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
            served_file = sessions_per_second(file, 1, args.seconds, env)
            served_lake_one = sessions_per_second(lake, 1, args.seconds, env)
            served_lake_two = sessions_per_second(lake, 2, args.seconds, env)
            figures["requests/s, 1 process each"] = {"unit": "", "file": served_file, "lake": served_lake_one}
            figures["requests/s, lake 2 processes vs file 1"] = {
                "unit": "",
                "file": served_file,
                "lake": served_lake_two,
            }
            scaled = {} if args.skip_germany else germany(cluster, folder, args)
            print(f"DuckLake against the file, {time.strftime('%d.%m.%Y')} ({os.cpu_count()} cores)")
            print("demo scale (59 towns)")
            print(report(figures))
            if scaled:
                print(f"Germany scale ({args.towns:,} synthetic towns, {args.years})")
                print(report(scaled))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
