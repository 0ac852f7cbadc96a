"""The README's set-up for several processes, in a real browser: two `streamlit run` processes on one
lake, an import by a third process (the CLI) shows in both on their next run without a restart, and
the README's nginx configuration in front of them serves a working session (its websocket included)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.config import PROJECT_ROOT
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    _free_port,
    start_server,
    stop_server,
    wait_until_healthy,
)

pytestmark = [pytest.mark.lake, pytest.mark.browser, pytest.mark.slow]
TIMEOUT = 60_000
GENESIS_FIXTURE = Path(__file__).parents[1] / "data" / "genesis" / "12711-91-01-5_ars_crlf.csv"
ALL_DEMO, PARTLY_DEMO = "Demodaten – synthetisch", "Teils Demodaten – synthetisch"


@pytest.fixture(scope="module")
def in_a_browser():
    """Runs a step with a chromium of its own, in a thread of its own: the browser journeys' session
    browser may be running in this worker, and Playwright's sync API allows one per thread."""
    if not CHROMIUM.exists():
        pytest.skip("no Debian chromium at /usr/bin/chromium (apt-get install chromium)")

    def run(step):
        def inside():
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                try:
                    return step(browser)
                finally:
                    browser.close()

        with ThreadPoolExecutor(1) as thread:
            return thread.submit(inside).result()

    return run


@pytest.fixture(scope="module")
def two_processes(postgres, lake_master, tmp_path_factory):
    """Two app processes on a demo lake of this module's own (the test imports into it)."""
    data = tmp_path_factory.mktemp("two-processes") / "lake-data"
    lake = postgres.copy_lake(lake_master[2], data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_LAKE_DATA", str(data))
        servers = [start_server(lake) for _ in range(2)]
    yield lake, [url for url, _ in servers]
    for _, process in servers:
        stop_server(process)


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(url + "/zuzug")
    expect(page.get_by_role("heading", name="Zuzug")).to_be_visible(timeout=TIMEOUT)
    return page


def _badge(page, text: str):
    """The data badge above the page (`ui/components.demo_badge`): all demo, or partly."""
    return page.get_by_text(text).filter(visible=True).first  # after the badge's icon


def test_an_import_beside_both_app_processes_shows_in_each_without_a_restart(two_processes, in_a_browser):
    in_a_browser(lambda browser: _import_seen_by_both(browser, *two_processes))


def _import_seen_by_both(browser, lake: Path, urls: list[str]) -> None:
    pages = [_open(browser, url) for url in urls]
    for page in pages:
        expect(_badge(page, ALL_DEMO)).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text(PARTLY_DEMO)).to_have_count(0)
        expect(page.get_by_text("Zu- und Fortzüge: Demo (synthetisch) 2015–2025").first).to_be_attached()

    imported = subprocess.run(
        [sys.executable, "-m", "dashboard", "--db", str(lake), "import", "genesis", str(GENESIS_FIXTURE)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr

    for page in pages:  # a new run of the same process: its caches ask the catalog for the data version
        page.reload()
        expect(page.get_by_role("heading", name="Zuzug")).to_be_visible(timeout=TIMEOUT)
        expect(_badge(page, PARTLY_DEMO)).to_be_visible(timeout=TIMEOUT)
        # the data note names the imported table's years as official
        expect(page.get_by_text(re.compile("Zu- und Fortzüge: amtlich 2022–2023")).first).to_be_attached()
        page.context.close()


def _readme_nginx_block() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```nginx\n(.*?)```", readme, re.DOTALL).group(1)


@pytest.fixture
def nginx(two_processes):
    """The README's nginx block, its ports swapped for the two processes' and a free one, run by
    nginx in a folder of its own."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        pytest.skip("no nginx (apt-get install nginx): the proxy in front of the two processes is not tried")
    _, urls = two_processes
    first, second = (url.rsplit(":", 1)[1] for url in urls)
    port = _free_port()
    block = (
        _readme_nginx_block()
        .replace("127.0.0.1:8501", f"127.0.0.1:{first}")
        .replace("127.0.0.1:8502", f"127.0.0.1:{second}")
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
    )
    assert f"127.0.0.1:{first}" in block and f"listen 127.0.0.1:{port};" in block, block
    folder = Path(tempfile.mkdtemp(prefix="willkommensmonitor-nginx-"))
    temp = "\n".join(
        f"  {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
        + "events {}\n"
        + f"http {{\n  access_log off;\n{temp}\n{block}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_healthy(url, process, "nginx", 30)
    yield url
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(folder, ignore_errors=True)


def test_the_readmes_nginx_in_front_of_both_serves_a_whole_session(nginx, in_a_browser):
    in_a_browser(lambda browser: _whole_session(browser, nginx))


def _whole_session(browser, nginx: str) -> None:
    page = _open(browser, nginx)  # the page is drawn over the websocket: the proxy's upgrade works
    expect(page.get_by_text(re.compile(ALL_DEMO)).first).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_role(
        "link", name=re.compile(r"Daten$")
    ).click()  # the same session, a new run
    expect(page.get_by_role("heading", name="Daten", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.context.close()
