"""A real `streamlit run` server on a free localhost port and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.charts.maps import MAP_MARK
from dashboard.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path):
    """`streamlit run dashboard/app.py` on a free port for the warehouse `db`; (url, process)."""
    port = _free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard/app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_healthy(url, process, "streamlit", 60)
    return url, process


def wait_until_healthy(url: str, process, name: str, seconds: float) -> None:
    """Until Streamlit's health endpoint at `url` (the app, or a proxy in front of it) answers; a
    failure with the process's output when it ends or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail(f"{name} did not answer within {seconds:.0f} s:\n" + process.stdout.read().decode()[-2000:])


def stop_server(process) -> None:
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def server_warehouse(demo_file_master, tmp_path_factory):
    """The demo server's own warehouse: journeys change it (a target typed in the editor), so a test
    comparing with the CLI reads this file, not the master."""
    db = tmp_path_factory.mktemp("browser") / "warehouse.duckdb"
    shutil.copy(demo_file_master, db)
    return db


@pytest.fixture(scope="session")
def server(server_warehouse):
    if not CHROMIUM.exists():
        pytest.skip("no Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    url, process = start_server(server_warehouse)
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def official_server(official_master, tmp_path_factory):
    """The app on a warehouse of official tables only (init --no-demo plus GENESIS exports)."""
    if not CHROMIUM.exists():
        pytest.skip("no Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    db = tmp_path_factory.mktemp("browser_official") / "warehouse.duckdb"
    shutil.copy(official_master, db)
    url, process = start_server(db)
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect

    # two test workers share two cores with their servers and browsers: a page can take longer
    # than Playwright's 5 s default to show what a step waits for
    expect.set_options(timeout=30_000)
    if not CHROMIUM.exists():
        pytest.skip("no Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# plotly.js reads an axis of a plot that Streamlit has just replaced by the next run's chart (a
# race inside plotly when reruns follow each other fast, as a slider moved by keyboard does); the
# new chart draws completely, nothing the user sees is affected
PLOTLY_REPLACED_DURING_DRAW = "reading '_rangeSliderData'"


def page_errors(errors: list[str]) -> list[str]:
    return [error for error in errors if PLOTLY_REPLACED_DURING_DRAW not in error]


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not page_errors(errors), errors


def wait_until_idle(page, timeout: int = 60_000, settle: int = 600) -> None:
    """The script run has finished (Streamlit's running indicator is gone) and charts have settled."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=timeout)
    # elements of the previous run stay faded until the new one has replaced them
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=timeout)
    page.wait_for_timeout(settle)


# the app's maps: SVG plots on plain axes whose layout carries MAP_MARK (charts.maps.plane_layout)
_MAPS = f"[...document.querySelectorAll('.js-plotly-plot')].filter(p => p.layout && p.layout.meta === '{MAP_MARK}' \
&& p.querySelector('.main-svg'))"
# where a town's centre is on the page: the point of the trace that names it in its customdata
# (the map's values, the flow map's towns), through the plot's axes
_TOWN_ON_MAP = f"""([ags, index]) => {{
  const plot = ({_MAPS})[index];
  if (!plot) return null;
  const full = plot._fullLayout, box = plot.getBoundingClientRect();
  for (const trace of plot.data) {{
    const at = (trace.customdata || []).findIndex(row => row && row[0] === ags);
    if (at >= 0 && trace.x) {{
      return {{x: box.left + full.xaxis._offset + full.xaxis.l2p(trace.x[at]),
               y: box.top + full.yaxis._offset + full.yaxis.l2p(trace.y[at])}};
    }}
  }}
  return null;
}}"""


def the_map(page, index: int = 0, timeout: int = 60_000):
    """The page's `index`-th map, once drawn, as an element handle."""
    page.wait_for_function(f"() => ({_MAPS}).length > {index}", timeout=timeout)
    return page.evaluate_handle(f"() => ({_MAPS})[{index}]").as_element()


def maps_drawn(page) -> int:
    return page.evaluate(f"() => ({_MAPS}).length")


def click_town_on_map(page, ags: str, index: int = 0) -> None:
    """A click at the town's centre on the page's `index`-th map, as a user clicks it."""
    the_map(page, index).scroll_into_view_if_needed()
    wait_until_idle(page, settle=300)
    point = page.evaluate(_TOWN_ON_MAP, [ags, index])
    assert point, f"{ags} is on the map"
    page.mouse.move(point["x"], point["y"])  # plotly finds what is under the pointer on its move
    page.mouse.click(point["x"], point["y"])


def full_page_screenshot(page, name: str, height: int) -> None:
    """Resize only when idle: resizing while charts re-render can trip plotly.js."""
    wait_until_idle(page)
    page.set_viewport_size({"width": 1400, "height": height})
    page.wait_for_timeout(1000)
    wait_until_idle(page)
    page.screenshot(path=ARTIFACTS / f"{name}.png")
    page.set_viewport_size({"width": 1400, "height": 1000})
    wait_until_idle(page)
