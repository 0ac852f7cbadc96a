"""Server time of a page's rerun after a filter change (`python benchmarks/rerun.py [--page …]`).

Runs the real app under Streamlit's AppTest against a warehouse built from data/ and reads the
script's own run time (app.py records it), so AppTest's harness overhead is not counted.
- "new selection": 20 filter changes to selections not seen before (page data computed).
- "seen selection": the same 20 again (page data from the cache, charts rebuilt).
Target (issue 3): median ≤ 150 ms for a new selection on the demo data.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from dashboard.config import PROJECT_ROOT
from dashboard.ingest.init import init_warehouse

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
DISTRICTS = [[], ["Kreis Olpe"], ["Hochsauerlandkreis"], ["Märkischer Kreis", "Kreis Soest"]]


def selections(count: int, years: list[int]) -> list[dict]:
    """Distinct filter states: year spans × districts × target groups."""
    out = []
    for index in range(count):
        last = years[-1 - index % (len(years) - 1)]
        out.append(
            {
                "years": (last - (index // 5) % 3, last),
                "districts": DISTRICTS[index % len(DISTRICTS)],
                "target_groups": [] if index % 2 else ["bildung"],
            }
        )
    return out


def measure(at: AppTest, states: list[dict]) -> list[float]:
    times = []
    for state in states:
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        times.append(at.session_state["_run_ms"])
    return times


def report(label: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return f"{label:<28} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   n={len(times)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, help="an existing warehouse (default: build one from data/)")
    parser.add_argument("--page", default="views/inflow.py", help="the page script (default: the Zuzug page)")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    # the same runner option as .streamlit/config.toml (AppTest does not read that file)
    st_config.set_option("runner.magicEnabled", False)
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "bench.duckdb"
        if not args.db:
            started = time.perf_counter()
            init_warehouse(db)
            print(f"warehouse built from data/ in {time.perf_counter() - started:.1f} s")
        os.environ["DASHBOARD_DB"] = str(db)
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        at.switch_page(args.page).run()
        first = at.session_state["_run_ms"]
        states = selections(args.runs, list(range(2015, 2026)))
        new = measure(at, states)
        seen = measure(at, states)
    print(f"page: {args.page}")
    print(f"first run (cold caches)      {first:7.1f} ms")
    print(report("new selection", new))
    print(report("seen selection", seen))
    print(f"seen ÷ new (caching gain)    {statistics.median(seen) / statistics.median(new):7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
