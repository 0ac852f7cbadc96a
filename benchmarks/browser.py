"""Where the user waits: every page in headless chromium against a bare Streamlit page (one
st.metric, one small plotly line, one slider) served by this machine in the same run.

    python benchmarks/browser.py [--runs 3] [--pages zuzug,…] [--json out.json]

For every page it prints, each with its ratio to the bare page:
  cold      first visit in a fresh browser context (no HTTP cache, new session), until settled
  warm      a further visit in the same context (browser cache warm), median of --runs
  filter    year slider, district and target group changed in the sidebar, until settled
  map click a town clicked on the Zuzug map, until settled
  ws bytes  websocket bytes the server sent for each of these reruns

"Settled" is the time of the last change to the page's content once no run is in progress
(no status widget, no stale element, no skeleton, every plotly chart drawn) and nothing changed
for QUIET_MS: the page's last element, not its first chart. Absolute seconds vary by ±20 % on
these machines; the ratios are what the goals are about (README, Scale and speed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.charts.maps import MAP_MARK
from dashboard.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--no-first-run"]
QUIET_MS = 700
PAGES = ["", "zuzug", "stroeme", "kampagnen", "netzwerk", "steckbrief", "explorer", "glossar", "daten", "praesentation"]
GOALS = {"warm": 1.5, "warm_main": 1.3, "filter": 1.5, "map": 1.5, "cold": 1.3}
MAIN_PAGES = {"", "zuzug"}

BARE_PAGE = """
import plotly.graph_objects as go
import streamlit as st

st.title("Bare page")
year = st.slider("Jahr", 2015, 2025, 2025)
st.metric("Zuzüge", f"{year * 3:,}")
st.plotly_chart(go.Figure(go.Scatter(x=list(range(2015, 2026)), y=[v * year % 97 for v in range(11)])))
"""

# Records when the page's content last changed; "settled" reads it.
OBSERVER = """
window.__lastChange = performance.now();
new MutationObserver(() => { window.__lastChange = performance.now(); })
  .observe(document, {subtree: true, childList: true, characterData: true,
                      attributes: true, attributeFilter: ['data-stale', 'data-testid']});
"""

BUSY = """() => {
  if (document.querySelector('[data-testid="stStatusWidget"]')) return true;
  if (document.querySelector('[data-stale="true"]')) return true;
  if (document.querySelector('[data-testid="stSkeleton"]')) return true;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return true;
  return [...document.querySelectorAll('.js-plotly-plot')].some(p => !p.querySelector('.main-svg'));
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(script: Path, env: dict) -> tuple[str, subprocess.Popen]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return url, process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"{script}: streamlit did not answer within 90 s")


class Probe:
    """One browser tab with the content observer and a websocket byte counter."""

    def __init__(self, context):
        self.page = context.new_page()
        self.received = 0
        self.page.on("websocket", self._watch)

    def _watch(self, socket_) -> None:
        def count(payload) -> None:
            self.received += len(payload)

        socket_.on("framereceived", count)

    def settled_at(self, since: float, timeout_s: float = 90) -> float:
        """Page time (ms) of the last content change, once the page has been quiet and idle."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            now, last, busy = self.page.evaluate(f"() => [performance.now(), window.__lastChange, ({BUSY})()]")
            if not busy and last >= since and now - last >= QUIET_MS:
                return last
            self.page.wait_for_timeout(50)
        busy = self.page.evaluate(f"({BUSY})()")
        raise TimeoutError(f"{self.page.url} did not settle (busy: {busy})")

    def visit(self, url: str) -> tuple[float, int]:
        """Seconds from navigation start until settled, and the websocket bytes received."""
        self.received = 0
        self.page.goto(url)
        last = self.settled_at(0)
        return last / 1000, self.received

    def change(self, act) -> tuple[float, int]:
        """Seconds from a user action until the page has settled again, and the bytes it cost. An
        action with a `prepare` step (typing into a box) is timed from its last step (Enter)."""
        prepare = getattr(act, "prepare", None)
        if prepare:
            prepare(self.page)
            self.page.wait_for_timeout(QUIET_MS)
        self.received = 0
        started = self.page.evaluate("performance.now()")
        act(self.page)
        self.page.wait_for_function("(t) => window.__lastChange > t", arg=started, timeout=30_000)
        return (self.settled_at(started) - started) / 1000, self.received


def slider_left(page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    thumb = (sidebar if sidebar.count() else page).get_by_role("slider").first
    thumb.focus()
    page.keyboard.press("ArrowLeft")


def pick(label: str, typed: str):
    """Choose an option of a sidebar multiselect by typing, as a keyboard user would."""

    def prepare(page) -> None:
        box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text=label).first
        box.scroll_into_view_if_needed()
        box.locator("input").first.click()
        page.keyboard.type(typed)

    def act(page) -> None:
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")

    act.prepare = prepare  # the typing is not part of the filter change's time
    return act


# points of the Zuzug map (shares of its width and height) inside different towns
MAP_POINTS = [(0.5, 0.55), (0.35, 0.4), (0.45, 0.3), (0.4, 0.7), (0.55, 0.4)]


def map_click(index: int):
    def act(page) -> None:
        plot = page.evaluate_handle(
            "() => [...document.querySelectorAll('.js-plotly-plot')]"
            f".find(p => p.layout && p.layout.meta === '{MAP_MARK}')"
        ).as_element()
        plot.scroll_into_view_if_needed()
        box = plot.bounding_box()
        x, y = MAP_POINTS[index % len(MAP_POINTS)]
        page.mouse.move(box["x"] + box["width"] * x, box["y"] + box["height"] * y)
        page.mouse.click(box["x"] + box["width"] * x, box["y"] + box["height"] * y)

    return act


FILTERED_PAGES = ("", "zuzug", "stroeme", "kampagnen", "netzwerk", "steckbrief")
# typed into the sidebar's multiselects, one more for each repetition (each a new selection)
DISTRICTS = ["Olpe", "Soest", "Hochsauer", "Siegen", "Märk"]
TARGET_GROUPS = ["Fam", "Bildung", "Berufs", "Erwerb", "Ruhe"]


def median_change(samples: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(s[0] for s in samples), int(statistics.median(s[1] for s in samples))


def filter_changes(probe: Probe, path: str, runs: int) -> dict:
    """Each filter changed `runs` times, as a user changes it; the median time and bytes."""
    sidebar = probe.page.get_by_test_id("stSidebar")
    boxes = {
        "district": ("Kreise", DISTRICTS),
        "target group": ("Zielgruppen", TARGET_GROUPS),
    }
    changes = {"year": median_change([probe.change(slider_left) for _ in range(runs)])}
    for name, (label, typed) in boxes.items():
        if name == "target group" and path not in ("", "zuzug"):
            continue
        if not sidebar.get_by_test_id("stMultiSelect").filter(has_text=label).count():
            continue  # the page has no such filter
        try:
            changes[name] = median_change([probe.change(pick(label, typed[i % len(typed)])) for i in range(runs)])
        except Exception as error:  # noqa: BLE001 (a control a page does not have)
            changes[name] = (float("nan"), 0)
            print(f"  {path or 'start'}: {name} not measured ({type(error).__name__})")
    return changes


def measure(runs: int, pages: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    from dashboard.ingest.init import init_warehouse

    results: dict = {"bare": {}, "pages": {}}
    with tempfile.TemporaryDirectory() as folder:
        bare_script = Path(folder) / "bare.py"
        bare_script.write_text(BARE_PAGE, encoding="utf-8")
        db = Path(folder) / "warehouse.duckdb"
        master = os.environ.get("DASHBOARD_BENCH_DB")
        if master:
            shutil.copy(master, db)
        else:
            init_warehouse(db, demo=True)
        bare_url, bare = serve(bare_script, dict(os.environ))
        app_url, app = serve(PROJECT_ROOT / "dashboard" / "app.py", {**os.environ, "DASHBOARD_DB": str(db)})
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

                def new_context():
                    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="de-DE")
                    context.add_init_script(OBSERVER)
                    return context

                # the bare page: cold, warm, a widget change
                context = new_context()
                cold, cold_bytes = Probe(context).visit(bare_url)
                warm = [Probe(context).visit(bare_url)[0] for _ in range(runs)]
                probe = Probe(context)
                probe.visit(bare_url)
                reruns = [probe.change(slider_left) for _ in range(runs)]
                context.close()
                results["bare"] = {
                    "cold": cold,
                    "warm": statistics.median(warm),
                    "rerun": statistics.median(r[0] for r in reruns),
                    "rerun_bytes": statistics.median(r[1] for r in reruns),
                    "cold_bytes": cold_bytes,
                }
                for path in pages:
                    url = f"{app_url}/{path}"
                    context = new_context()
                    cold, cold_bytes = Probe(context).visit(url)
                    warm = [Probe(context).visit(url)[0] for _ in range(runs)]
                    figures = {"cold": cold, "cold_bytes": cold_bytes, "warm": statistics.median(warm)}
                    if path in FILTERED_PAGES:
                        probe = Probe(context)
                        probe.visit(url)
                        figures["filter"] = filter_changes(probe, path, runs)
                    if path == "zuzug":  # the map is the page's second tab
                        probe = Probe(context)
                        probe.visit(f"{url}?ansicht=karte")
                        figures["map"] = median_change([probe.change(map_click(i)) for i in range(runs)])
                    context.close()
                    results["pages"][path or "start"] = figures
                browser.close()
        finally:
            for process in (bare, app):
                process.terminate()
                process.wait(timeout=20)
    return results


def report(results: dict) -> list[tuple[str, bool]]:
    bare = results["bare"]
    print(
        f"bare page: cold {bare['cold']:.2f} s, warm {bare['warm']:.2f} s, rerun after a widget change "
        f"{bare['rerun']:.2f} s ({bare['rerun_bytes'] / 1024:.1f} KB over the websocket)"
    )
    print(f"{'page':<14}{'cold':>16}{'warm':>16}  filter changes (s, ratio to the bare rerun, KB)")
    checks = []
    for name, figures in results["pages"].items():
        cold, warm = figures["cold"] / bare["cold"], figures["warm"] / bare["warm"]
        line = f"{name:<14}{figures['cold']:>7.2f} s {cold:>4.1f}×{figures['warm']:>7.2f} s {warm:>4.1f}×"
        changes = dict(figures.get("filter", {}))
        if "map" in figures:
            changes["map click"] = figures["map"]
        for change, (seconds, received) in changes.items():
            line += f"  {change} {seconds:.2f} s {seconds / bare['rerun']:.1f}× {received / 1024:.0f} KB"
        print(line)
        main = name in ("start", "zuzug")
        checks.append(
            (
                f"{name}: warm ≤ {GOALS['warm_main' if main else 'warm']}× bare",
                warm <= GOALS["warm_main" if main else "warm"],
            )
        )
        checks.append((f"{name}: cold ≤ {GOALS['cold']}× bare", cold <= GOALS["cold"]))
        for change, (seconds, _) in changes.items():
            goal = GOALS["map" if change == "map click" else "filter"]
            checks.append((f"{name}: {change} ≤ {goal}× the bare rerun", seconds / bare["rerun"] <= goal))
    print("-" * 96)
    for label, ok in checks:
        print(f"{'met ' if ok else 'MISSED'}  {label}")
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default=",".join(p or "start" for p in PAGES))
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print("no Debian chromium at /usr/bin/chromium: nothing measured")
        return 0
    pages = ["" if p == "start" else p for p in args.pages.split(",")]
    results = measure(args.runs, pages)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
