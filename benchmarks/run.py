"""The benchmark suite (`python benchmarks/run.py`): every figure measured in this run, most of
them against a baseline measured in the same run. Not part of `pytest` (timings are noisy and the
Germany-scale data takes minutes); `tests/benchmarks` runs it once on tiny data.

  ingest        bulk import (DuckDB loads Parquet/CSV, checks the rows, keeps the yearly rollup)
                vs pandas.read_csv + append, wall time and peak memory (each in a fresh process),
                and the storage floor: a bare DuckDB copy of the Parquet without checks or rollup
  kpi queries   the migration base table for all towns and years in DuckDB vs pandas groupby on
                the full DataFrame
  page data     Zuzug, Überblick and Steckbrief data after a filter change at Germany scale (median/p95 of
                `--runs` selections), and every page's rerun at demo scale (AppTest, server time)
  map payload   bytes of the map figure for the 59 towns, an NRW-sized and a Germany-sized layer,
                by municipality and by district
  concurrency   N sessions (threads) fetching page data at once, N = 1 → 8
  first render  the Zuzug page in headless chromium (if installed) against a bare Streamlit page
                (every page, filter changes and map clicks: benchmarks/browser.py)
  backends      `--backends file,lake` (the default): benchmarks/lake.py's figures too, DuckLake
                beside the file on the same data, printed after the file's table
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.config import PROJECT_ROOT

TARGETS = {
    "ingest_ratio": 5.0,
    "ingest_memory_gb": 4.0,
    "rerun_demo_ms": 150.0,
    "rerun_germany_s": 1.0,
    "map_59_kb": 500.0,
    "map_germany_districts_mb": 5.0,
}


def _median_p95(values: list[float]) -> tuple[float, float]:
    p95 = statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
    return statistics.median(values), p95


# ---------- ingest (each variant in its own process, so peak memory is its own)


def _ingest_child(mode: str, data: Path, db: Path) -> dict:
    import pandas as pd

    from dashboard.ingest.scale import add_towns, init_scale_warehouse
    from dashboard.warehouse.connection import writer
    from dashboard.warehouse.migrate import migrate

    started = time.perf_counter()
    parts = {}
    if mode in ("bulk-parquet", "bulk-csv"):
        result = init_scale_warehouse(db, data, ".parquet" if mode == "bulk-parquet" else ".csv")
        rows = result.rows_added
    elif mode == "storage-floor":  # what writing the rows costs at all: a bare copy, no checks, no rollup
        import duckdb

        files = [str(p) for p in sorted(data.glob("registrations_*.parquet"))]
        con = duckdb.connect(str(db))
        rows = con.execute(
            "create table registration as select * from read_parquet($files)", {"files": files}
        ).fetchall()[0][0]
        con.close()
    else:  # the naive baseline: pandas reads every CSV, DuckDB appends the frames
        rows = 0
        parts = {"read_seconds": 0.0, "append_seconds": 0.0}
        with writer(db) as con:
            migrate(con)
            add_towns(con, data)
            for path in sorted(data.glob("registrations_*.csv")):
                step = time.perf_counter()
                frame = pd.read_csv(path, dtype={"ags": str}, parse_dates=["month"])
                frame["import_id"] = 0
                parts["read_seconds"] += time.perf_counter() - step
                step = time.perf_counter()
                con.append("registration", frame)
                parts["append_seconds"] += time.perf_counter() - step
                rows += len(frame)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_gb": _own_peak_gb(), "rows": rows, **parts}


def _own_peak_gb() -> float:
    """This process's peak resident memory. Linux starts VmHWM afresh at exec, while ru_maxrss keeps
    the size of the parent that forked it (a child of a benchmark holding 5 GB reported 5 GB)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024 / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def ingest(data: Path, folder: Path) -> dict[str, dict]:
    results = {}
    for mode in ("bulk-parquet", "bulk-csv", "storage-floor", "pandas-baseline"):
        db = folder / f"{mode}.duckdb"
        child = subprocess.run(
            [sys.executable, __file__, "--child-ingest", mode, "--data", str(data), "--db", str(db)],
            capture_output=True,
            text=True,
            check=True,
            cwd=PROJECT_ROOT,
        )
        results[mode] = json.loads(child.stdout.strip().splitlines()[-1])
    return results


# ---------- KPI queries at scale


def kpi_queries(db: Path, data: Path, years: tuple[int, int]) -> dict[str, float]:
    import pandas as pd

    from dashboard.kpis.migration import aggregate
    from dashboard.queries import fetch
    from dashboard.vocabulary import AGE_GROUPS
    from dashboard.warehouse.connection import reader

    def duckdb_way() -> pd.DataFrame:
        with reader(db) as con:
            base = fetch(
                con,
                "town_year_base",
                year_from=years[0],
                year_to=years[1],
                months=list(range(1, 13)),
                age_groups=list(AGE_GROUPS),
            )
        return aggregate(base, ["ags"])

    frame = pd.concat(pd.read_parquet(p) for p in sorted(data.glob("registrations_*.parquet")))
    population = pd.read_parquet(data / "population.parquet")

    def pandas_way() -> pd.DataFrame:
        flows = (
            frame.assign(year=pd.to_datetime(frame["month"]).dt.year)
            .groupby(["ags", "year", "direction"])["persons"]
            .sum()
            .unstack("direction", fill_value=0)
        )
        joined = flows.join(population.set_index(["ags", "year"])["persons"]).groupby("ags").sum()
        return joined.assign(net_per_1000=(joined["in"] - joined["out"]) / joined["persons"] * 1000)

    timings = {}
    for name, run in (("duckdb", duckdb_way), ("pandas", pandas_way)):
        run()  # warm
        times = []
        for _ in range(3):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        timings[name] = statistics.median(times)
    return timings


# ---------- page data after a filter change


def page_data(db: Path, runs: int) -> dict[str, tuple[float, float]]:
    from dashboard.service.inflow import inflow_data
    from dashboard.service.overview import overview_base, overview_data
    from dashboard.service.profile import profile
    from dashboard.service.reference import load_reference
    from dashboard.service.selection import Selection

    reference = load_reference(db)
    years = reference.years_with_registrations()
    districts = reference.districts
    # spans of 1-3 years ending in the last; every fourth the whole region (the pages' default),
    # the others one to three districts
    selections = [
        Selection(
            years[max(0, len(years) - 1 - i % 3)],
            years[-1],
            districts=() if i % 4 == 0 else tuple(districts[i * 7 % len(districts) :][: 1 + i % 3]),
        )
        for i in range(runs)
    ]
    measured = {}
    started = time.perf_counter()
    base = overview_base(db, reference)  # once per data version in the app (cached), like the reference
    measured["Überblick data, first session (cold)"] = (time.perf_counter() - started, time.perf_counter() - started)
    towns = reference.region
    for name, call in (
        ("Zuzug", lambda s, _: inflow_data(db, reference, s)),
        ("Überblick", lambda s, _: overview_data(db, reference, s.year_from, s.year_to, base)),
        ("Steckbrief", lambda s, i: profile(db, reference, towns[i * 997 % len(towns)], s.year_from, s.year_to)),
    ):
        times = []
        for index, selection in enumerate(selections):
            started = time.perf_counter()
            call(selection, index)
            times.append(time.perf_counter() - started)
        measured[name] = _median_p95(times)
    return measured


DEMO_PAGES = {
    "Überblick": "views/overview.py",
    "Zuzug": "views/inflow.py",
    "Ströme": "views/flows.py",
    "Kampagnen": "views/campaigns.py",
    "Netzwerk": "views/network.py",
    "Steckbrief": "views/profile.py",
}


def demo_reruns(runs: int, demo_db: Path) -> dict[str, tuple[float, float]]:
    """Each page's rerun after a filter change at demo scale (AppTest, server time of the script)."""
    from benchmarks import rerun

    results = {}
    for name, page in DEMO_PAGES.items():
        command = [sys.executable, rerun.__file__, "--runs", str(runs), "--page", page]
        if demo_db.exists():
            command += ["--db", str(demo_db)]
        output = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, check=True).stdout
        line = next((ln for ln in output.splitlines() if ln.startswith("new selection")), None)
        if line:
            parts = line.split()
            results[name] = (float(parts[parts.index("median") + 1]), float(parts[parts.index("p95") + 1]))
    return results


# ---------- map payload


def map_payloads(data: Path, demo_db: Path) -> dict[str, float]:
    import geopandas as gpd
    import pandas as pd

    from dashboard.charts import maps
    from dashboard.geo.boundaries import district_level, load_layer, official_layer
    from dashboard.service.reference import load_reference

    def size(layer, values) -> float:
        figure = maps.choropleth(values, layer, "net_per_1000", "Karte", "de")
        return len(json.dumps(figure.to_plotly_json(), default=str)) / 1024

    results = {}
    towns = pd.read_csv(data / "towns.csv", dtype={"ags": str})
    if demo_db.exists():
        reference = load_reference(demo_db)
        values = reference.towns[["ags"]].assign(net_per_1000=0.0, inflow=0, outflow=0, net=0)
        # the data folder holds no boundaries: the schematic layer, where data/geo's are official
        results["59 towns, schematic"] = size(load_layer(reference.towns, geo_dir=data), values)
        shared = PROJECT_ROOT.parent / "shared" / "geo" / "swf_gemeinden.geojson"
        if shared.exists():
            results["59 towns, VG250"] = size(official_layer(gpd.read_file(shared), reference.towns, "©"), values)
    sizes = [("NRW size (396 towns)", min(396, len(towns)))]
    if len(towns) > 396:
        sizes.append((f"Germany size ({len(towns):,} towns)", len(towns)))
    for label, count in sizes:
        subset = towns.head(count)
        layer = load_layer(subset)
        values = subset[["ags"]].assign(net_per_1000=0.0, inflow=0, outflow=0, net=0)
        results[label] = size(layer, values)
        districts = district_level(layer)
        results[label.replace("towns)", "towns) by district")] = size(
            districts, districts.towns[["ags"]].assign(net_per_1000=0.0, inflow=0, outflow=0, net=0)
        )
    return results


# ---------- concurrency


def concurrency(db: Path, calls_per_session: int = 4) -> dict[int, tuple[float, float]]:
    from dashboard.service.inflow import inflow_data
    from dashboard.service.reference import load_reference
    from dashboard.service.selection import Selection

    reference = load_reference(db)
    years = reference.years_with_registrations()
    results = {}
    for sessions in (1, 2, 4, 8):
        latencies, lock = [], threading.Lock()

        def session(number: int, latencies: list[float] = latencies, lock: threading.Lock = lock) -> None:
            for call in range(calls_per_session):
                selection = Selection(
                    years[max(0, len(years) - 1 - (number + call) % 4)],
                    years[-1],
                    districts=(reference.districts[(number + call) % len(reference.districts)],),
                )
                started = time.perf_counter()
                inflow_data(db, reference, selection)
                with lock:
                    latencies.append(time.perf_counter() - started)

        threads = [threading.Thread(target=session, args=(n,)) for n in range(sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results[sessions] = _median_p95(latencies)
    return results


# ---------- first render in chromium

BARE_PAGE = (
    "import streamlit as st\nimport plotly.graph_objects as go\nst.title('T')\nst.metric('A', '1')\n"
    "st.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))\n"
)


def first_render(runs: int = 3) -> dict[str, float] | None:
    if not Path("/usr/bin/chromium").exists():
        return None
    from playwright.sync_api import sync_playwright

    def serve(script: Path, port: int, env: dict) -> subprocess.Popen:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(6)
        return process

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE_PAGE, encoding="utf-8")
        servers = [
            ("bare page (one chart)", serve(bare, 8655, dict(os.environ)), "/"),
            ("Zuzug page", serve(PROJECT_ROOT / "dashboard" / "app.py", 8656, dict(os.environ)), "/zuzug"),
        ]
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
                )
                for label, _, path in servers:
                    port = 8655 if label.startswith("bare") else 8656
                    times = []
                    for _ in range(runs):
                        context = browser.new_context(viewport={"width": 1400, "height": 1000})
                        page = context.new_page()
                        started = time.perf_counter()
                        page.goto(f"http://localhost:{port}{path}")
                        page.wait_for_selector("[data-testid=stMetric]", timeout=60_000)
                        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
                        times.append(time.perf_counter() - started)
                        context.close()
                    results[label] = statistics.median(times)
                browser.close()
        finally:
            for _, process, _ in servers:
                process.terminate()
    return results


# ---------- the report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--towns", type=int, default=10_800, help="municipalities of the synthetic data (Germany: 10,800)"
    )
    parser.add_argument("--years", default="2015-2024")
    parser.add_argument("--runs", type=int, default=20, help="selections per page-data measurement")
    parser.add_argument("--data", type=Path, help="a folder with data from `demo --scale germany` (else generated)")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-demo-rerun", action="store_true")
    parser.add_argument(
        "--demo-db",
        type=Path,
        default=PROJECT_ROOT / "data" / "warehouse.duckdb",
        help="the demo warehouse for the 59-town map and the concurrency run",
    )
    parser.add_argument(
        "--backends",
        default="file,lake",
        help="file: the figures above on the warehouse file; lake: benchmarks/lake.py's figures in this run "
        "as well, DuckLake beside the file on the same Germany-scale data (needs PostgreSQL's binaries)",
    )
    parser.add_argument("--child-ingest")
    parser.add_argument("--db", type=Path)
    args = parser.parse_args(argv)
    if args.child_ingest:
        print(json.dumps(_ingest_child(args.child_ingest, args.data, args.db)))
        return 0
    first, _, last = args.years.partition("-")
    years = (int(first), int(last or first))
    from dashboard.demo import scale

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        data = args.data or folder / "data"
        if not (data / "MANIFEST.json").exists():
            started = time.perf_counter()
            manifest = scale.generate(data, args.towns, years)
            print(
                f"generated {manifest['registration_rows']:,} registration rows for {args.towns:,} towns, "
                f"{years[0]}–{years[1]}, in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
        manifest = json.loads((data / "MANIFEST.json").read_text(encoding="utf-8"))
        rows = manifest["registration_rows"]
        csv_mb = sum(p.stat().st_size for p in data.glob("registrations_*.csv")) / 1e6
        parquet_mb = sum(p.stat().st_size for p in data.glob("registrations_*.parquet")) / 1e6
        print(f"files: CSV {csv_mb:,.0f} MB, Parquet {parquet_mb:,.0f} MB", flush=True)

        loads = ingest(data, folder)
        db = folder / "bulk-parquet.duckdb"
        queries = kpi_queries(db, data, (manifest["years"][0], manifest["years"][1]))
        pages = page_data(db, args.runs)
        maps = map_payloads(data, args.demo_db)
        sessions = concurrency(args.demo_db) if args.demo_db.exists() else {}
        demo = {} if args.skip_demo_rerun else demo_reruns(args.runs, args.demo_db)
        render = None if args.skip_browser else first_render()
        beside = lake_beside_file(data, args) if "lake" in args.backends.split(",") else ""

    baseline = loads["pandas-baseline"]
    print()
    print(f"Benchmark · {rows:,} registration rows · {manifest['towns']:,} towns · {os.cpu_count()} cores")
    print("=" * 96)
    print(f"{'measure':<52} {'value':>16} {'baseline / ratio':>26}")
    print("-" * 96)
    for mode in ("bulk-parquet", "bulk-csv", "storage-floor"):
        result = loads[mode]
        label = "storage floor (bare copy of the Parquet)" if mode == "storage-floor" else "ingest " + mode
        pandas = f"pandas {baseline['seconds']:.1f} s, {baseline['peak_gb']:.1f} GB"
        print(
            f"{label + ' (s, peak GB)':<52} {result['seconds']:>9.1f} s {result['peak_gb']:>4.1f} GB "
            f"{pandas:>20} {baseline['seconds'] / result['seconds']:>4.1f}×"
        )
    print(
        f"{'  pandas baseline: read_csv / append to DuckDB':<52} {baseline['read_seconds']:>9.1f} s "
        f"{'append ' + format(baseline['append_seconds'], '.1f') + ' s':>25}"
    )
    print(
        f"{'KPI base table, all towns and years (DuckDB)':<52} {queries['duckdb']:>14.2f} s "
        f"{'pandas ' + format(queries['pandas'], '.2f') + ' s':>20} {queries['pandas'] / queries['duckdb']:>4.1f}×"
    )
    for name, (median, p95) in pages.items():
        label = name if "cold" in name else name + " data after a filter change, Germany scale"
        print(f"{label:<52} {median:>9.2f} s med {'p95 ' + format(p95, '.2f') + ' s':>20}")
    for name, (median, p95) in demo.items():
        print(
            f"{name + ' rerun, demo scale (server time)':<52} {median:>8.0f} ms med "
            f"{'p95 ' + format(p95, '.0f') + ' ms':>20}"
        )
    for label, kb in maps.items():
        print(f"{'map figure: ' + label:<52} {kb:>13,.0f} KB")
    for count, (median, p95) in sessions.items():
        print(
            f"{f'{count} concurrent session(s), Zuzug data (demo)':<52} {median * 1000:>8.0f} ms med "
            f"{'p95 ' + format(p95 * 1000, '.0f') + ' ms':>20}"
        )
    if render:
        bare = render.get("bare page (one chart)")
        for label, seconds in render.items():
            ratio = f"{seconds / bare:>4.1f}× bare" if bare else ""
            print(f"{'first render in chromium: ' + label:<52} {seconds:>14.2f} s {ratio:>26}")
    print("-" * 96)
    checks = [
        (
            "ingest ≥ 5× the pandas baseline",
            baseline["seconds"] / loads["bulk-parquet"]["seconds"] >= TARGETS["ingest_ratio"],
        ),
        ("ingest peak memory ≤ 4 GB", loads["bulk-parquet"]["peak_gb"] <= TARGETS["ingest_memory_gb"]),
        (
            "Germany-scale page data ≤ 1 s median",
            all(m <= TARGETS["rerun_germany_s"] for name, (m, _) in pages.items() if "cold" not in name),
        ),
        (
            "every page's rerun at demo scale ≤ 150 ms median",
            all(median <= TARGETS["rerun_demo_ms"] for median, _ in demo.values()) if demo else None,
        ),
        (
            "map ≤ 500 KB for the 59 towns",
            all(kb <= TARGETS["map_59_kb"] for label, kb in maps.items() if "59" in label),
        ),
        (
            "map ≤ 5 MB for Germany by district",
            all(
                kb <= TARGETS["map_germany_districts_mb"] * 1024
                for label, kb in maps.items()
                if "Germany" in label and "district" in label
            ),
        ),
    ]
    for label, met in checks:
        print(f"target {label:<60} {'not measured' if met is None else 'met' if met else 'MISSED'}")
    if beside:
        print()
        print(beside, end="")
    return 0


def lake_beside_file(data: Path, args: argparse.Namespace) -> str:
    """benchmarks/lake.py's table (both backends side by side, demo and Germany scale) on this
    run's data, printed after the file's table."""
    import contextlib
    import io

    from benchmarks import lake

    print("DuckLake beside the file (benchmarks/lake.py) …", flush=True)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        lake.main(["--runs", str(args.runs), "--towns", str(args.towns), "--years", args.years, "--data", str(data)])
    return printed.getvalue()


if __name__ == "__main__":
    raise SystemExit(main())
