"""The benchmark suite runs end to end on tiny data and prints its table (the real run is
`python benchmarks/run.py`, minutes long, outside pytest)."""

import subprocess
import sys

from dashboard.config import PROJECT_ROOT


def test_benchmark_script_on_tiny_data(demo_warehouse_master):
    finished = subprocess.run(
        [
            sys.executable,
            "benchmarks/run.py",
            "--towns",
            "120",
            "--years",
            "2024-2024",
            "--runs",
            "3",
            "--skip-browser",
            "--skip-demo-rerun",
            "--backends",
            "file",
            "--demo-db",
            str(demo_warehouse_master),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    out = finished.stdout
    for line in (
        "ingest bulk-parquet",
        "storage floor",
        "pandas baseline: read_csv",
        "KPI base table",
        "Zuzug data after a filter change",
        "Überblick data",
        "map figure: 59 towns",
        "8 concurrent session(s)",
        "target ingest ≥ 5× the pandas baseline",
    ):
        assert line in out, line
