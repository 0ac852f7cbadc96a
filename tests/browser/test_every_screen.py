"""Every page at 1400×900, 1024×768 (beamer, older laptop) and 390×844 (phone), in German and
English: no value is cut, nothing scrolls sideways, the German UI writes no '.'-decimal and no
English leftovers (nor the English UI German ones), and axe-core finds no WCAG 2.1 A/AA violation
beyond the README's accessibility statement. The screenshots stay in tests/artifacts/browser/screens."""

from __future__ import annotations

import re
from pathlib import Path

import axe_playwright_python
import pytest

from tests.browser.conftest import ARTIFACTS, page_errors, wait_until_idle

pytestmark = pytest.mark.browser

PAGES = ["", "zuzug", "stroeme", "kampagnen", "netzwerk", "steckbrief", "praesentation", "explorer", "glossar", "daten"]
UNWRITTEN = re.compile(r"msg:[\w.]+")
SIZES = {"wide": (1400, 900), "beamer": (1024, 768), "phone": (390, 844)}
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The README's accessibility statement lists what the framework draws and the app cannot change:
# (axe rule, the Streamlit element it is reported on).
FRAMEWORK_EXCEPTIONS = {("scrollable-region-focusable", 'data-testid="stSidebarContent"')}

# an element wider than the screen that is not inside a frame scrolling on its own (a wide table)
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  for (const element of main.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let parent = element.parentElement, framed = false;
    while (parent && parent !== main) {
      const overflow = getComputedStyle(parent).overflowX;
      const inside = parent.getBoundingClientRect().right <= width + 1;
      if (['auto', 'scroll', 'hidden', 'clip'].includes(overflow) && inside) {
        framed = true; break;
      }
      parent = parent.parentElement;
    }
    const name = element.getAttribute('data-testid') || element.tagName;
    if (!framed) found.push(name + ' right=' + Math.round(box.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, found: found.slice(0, 5)};
}"""
# a metric whose value, label or change is cut with an ellipsis
CUT_METRICS = """() => {
  const cut = [];
  const parts = ['stMetricValue', 'stMetricLabel', 'stMetricDelta'].map(id => `[data-testid="${id}"]`).join(', ');
  for (const part of document.querySelectorAll(parts)) {
    for (const element of [part, ...part.querySelectorAll('*')]) {
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).textOverflow === 'ellipsis') {
        cut.push(part.getAttribute('data-testid') + ': ' + part.innerText); break;
      }
    }
  }
  return cut;
}"""
# a word of a title or heading broken across two lines ("Wanderungsström|e" on a phone); a break at a
# hyphen ("Kommunen-|Steckbrief") is where a reader expects one
BROKEN_WORDS = """() => {
  const broken = [];
  for (const heading of document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, word = /[^\\s-]+/g;
      let found;
      while ((found = word.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, found.index);
        range.setEnd(node, found.index + found[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(found[0]);
      }
    }
  }
  return broken;
}"""
# German: 1.234,5 – a dot before one, two or four and more digits is an English decimal point
# (dates like 01.12.2025 and versions like 1.5.5 have a dot or digit on both sides)
ENGLISH_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*\.(?:\d{1,2}|\d{4,})(?![\d.])")
ENGLISH_IN_GERMAN = re.compile(
    r"\b(None|nan|NaN|Select all|Problem\(e\)|cost_per_lead|inflow|outflow|"
    r"region_total|true|false)\b"
)
OFFICIAL_ATTRIBUTION = re.compile(r"©[^|]*")
GERMAN_IN_ENGLISH = re.compile(r"\b(Zuzüge|Fortzüge|Einwohner|Kommunen|Zeitraum|nicht|und|oder|Jahre)\b")


def _settled(page, timeout_s: float = 60) -> None:
    """The page's last run is drawn: no running indicator, the app's style sheet in place, and
    nothing on the page changed for a second (a first visit runs the script twice, and the
    indicator shows only after a moment)."""
    import time

    deadline, before = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        wait_until_idle(page, settle=200)
        now = page.evaluate(
            "() => [document.querySelector('[data-testid=stMain]').innerHTML.length,"
            " document.querySelectorAll('.app-style-marker').length]"
        )
        if now == before and now[1]:
            return
        before = now
        page.wait_for_timeout(500)
    raise AssertionError("the page did not settle")


# every visible text node on its own (a chart's label lines are separate nodes that innerText runs
# together); style sheets and the data grid's off-screen copy for screen readers are not on screen
TEXT_NODES = """testids => testids.flatMap(id => {
  const root = document.querySelector(`[data-testid="${id}"]`);
  if (!root) return [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), parts = [];
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (!parent || ['STYLE', 'SCRIPT'].includes(parent.tagName)) continue;
    const box = parent.getBoundingClientRect();
    if (!parent.checkVisibility() || box.width < 2 || box.height < 2 || box.right < 0 || box.bottom < 0) continue;
    parts.push(walker.currentNode.textContent);
  }
  return parts;
}).join(' | ')"""


def _visible_text(page, path: str) -> str:
    return page.evaluate(TEXT_NODES, ["stMain"] if path == "praesentation" else ["stMain", "stSidebar"])


def _around(text: str, match: re.Match) -> str:
    return repr(text[max(0, match.start() - 60) : match.end() + 30])


def _axe_violations(page) -> list[str]:
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    found = []
    for violation in result["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(violation["id"] == rule and marker in node["html"] for rule, marker in FRAMEWORK_EXCEPTIONS)
        ]
        if nodes:
            found.append(f"{violation['id']} ({len(nodes)}×): {nodes[0]['html'][:120]}")
    return found


@pytest.mark.slow
def test_every_page_on_every_screen_in_german(server, browser):
    every_page_on_every_screen(server, browser, "de")


def every_page_on_every_screen(server, browser, lang: str) -> None:
    """The checks above for every page at every size in one language (English: the file beside
    this one, so that the two languages run on two test workers at once)."""
    folder = ARTIFACTS / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    problems: list[str] = []
    for path in PAGES:
        name = path or "ueberblick"
        # a fresh visitor per page: the sidebar open as at 1400 px (a collapsed one is remembered)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="de-DE")
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server}/{path}?lang={lang}")
        page.get_by_test_id("stMain").wait_for(timeout=60_000)
        _settled(page)
        problems += [f"{name} {lang}: axe {v}" for v in _axe_violations(page)]
        text = _visible_text(page, path)
        # a message key that was not written out in words ("msg:expect.…{…}")
        problems += [f"{name} {lang}: unwritten message {_around(text, m)}" for m in UNWRITTEN.finditer(text)]
        if lang == "de":
            problems += [f"{name}: '.'-decimal {_around(text, m)}" for m in ENGLISH_DECIMAL.finditer(text)]
            problems += [f"{name}: English word {_around(text, m)}" for m in ENGLISH_IN_GERMAN.finditer(text)]
        else:  # official attributions keep their German wording ("© Statistische Ämter des Bundes und der Länder")
            english = OFFICIAL_ATTRIBUTION.sub("", text)
            problems += [f"{name}: German word {_around(english, m)}" for m in GERMAN_IN_ENGLISH.finditer(english)]
        for size, (width, height) in SIZES.items():
            if page.viewport_size != {"width": width, "height": height}:  # the page opened at 1400×900
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(400)
                wait_until_idle(page, settle=200)
            wide = page.evaluate(WIDER_THAN_SCREEN)
            if wide["scrollWidth"] > wide["width"] or wide["found"]:
                problems.append(f"{name} {lang} {size}: wider than the screen {wide}")
            problems += [f"{name} {lang} {size}: cut {cut}" for cut in page.evaluate(CUT_METRICS)]
            problems += [f"{name} {lang} {size}: word broken {w!r}" for w in page.evaluate(BROKEN_WORDS)]
            page.screenshot(path=folder / f"{name}-{lang}-{size}.png")
        context.close()
    assert not page_errors(errors), errors
    assert not problems, "\n".join(problems)
