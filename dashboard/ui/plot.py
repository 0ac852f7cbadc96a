"""A plotly chart that stays in the page and is redrawn in place.

Streamlit 1.67 keys every `st.plotly_chart` by a hash of its figure, so a chart whose figure changed
is unmounted and drawn anew: a full first draw on every filter change (for the maps, then drawn
with MapLibre, a new WebGL context on every click). This
component keeps one plotly.js plot per key and hands each new figure to `Plotly.react`, which
updates only what changed. plotly.js is the copy that ships with the plotly package, served once
per browser from the app's static folder (`server.enableStaticServing`)."""

from __future__ import annotations

import filecmp
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import plotly
import plotly.io as pio
import streamlit as st

from dashboard.charts.theme import noted_layout
from dashboard.i18n import t

STATIC = Path(__file__).resolve().parents[1] / "static"
# the file name carries the version, so a browser never keeps an older plotly.js from its cache
SCRIPT = f"plotly-{plotly.__version__}.min.js"
_BUNDLED = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

_HTML = '<div class="wm-plot"></div>'
# Each run: the newest figure wins (a figure that arrives while plotly.js is still loading is
# drawn once it has), a resize of the column redraws at the new width, a click on a point reports
# its customdata (on a filled shape: its trace's `meta.customdata`) as the trigger "click" (one
# rerun with the clicked points), and a plotly.js that cannot be loaded leaves a sentence, not an
# empty frame.
_JS = """
const loading = {};
function plotlyFrom(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading[src]) {
    loading[src] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => { delete loading[src]; reject(new Error("plotly.js: " + src)); };
      document.head.appendChild(script);
    });
  }
  return loading[src];
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const plot = parentElement.querySelector(".wm-plot");
  const figure = JSON.parse(data.figure);
  plot.style.minHeight = (figure.layout && figure.layout.height ? figure.layout.height : 450) + "px";
  const wanted = (plot.wmWanted || 0) + 1;
  plot.wmWanted = wanted;
  plotlyFrom(data.src).catch(() => {
    plot.textContent = data.unavailable;
    plot.style.minHeight = "";
  }).then((Plotly) => {
    if (!Plotly) return;
    if (plot.wmWanted !== wanted || !plot.isConnected) return;
    const sent = data.figure + JSON.stringify(data.config);
    if (plot.wmSent === sent && plot.wmBound) {  // the same figure again: nothing to redraw
      plot.wmReport = (points) => setTriggerValue("click", points);
      return;
    }
    plot.wmSent = sent;
    // a trace equal to the one drawn keeps its object: plotly.js takes a new array as new data and
    // redraws the trace, so a click that only moves the map's outline would redraw every town
    const texts = figure.data.map((trace) => JSON.stringify(trace));
    const drawn = plot.wmDrawn || { texts: [], traces: [] };
    const traces = figure.data.map((trace, i) => (texts[i] === drawn.texts[i] ? drawn.traces[i] : trace));
    plot.wmDrawn = { texts, traces };
    return Plotly.react(plot, traces, figure.layout, data.config).then(() => {
      plot.wmReport = (points) => setTriggerValue("click", points);  // this run's instance
      if (plot.wmBound) return;
      plot.wmBound = true;
      plot.on("plotly_click", (event) => {
        // a point reports its customdata; a filled shape (a town on the map) its trace's meta
        const custom = (p) => p.customdata !== undefined ? p.customdata : ((p.data && p.data.meta) || {}).customdata;
        const points = (event.points || []).filter((p) => custom(p) !== undefined);
        if (points.length) plot.wmReport(points.map((p) => ({ customdata: custom(p) })));
      });
      plot.wmResize = new ResizeObserver(() => { if (plot.isConnected) Plotly.Plots.resize(plot); });
      plot.wmResize.observe(parentElement);
    });
  });
  return () => {
    if (plot.wmResize) plot.wmResize.disconnect();
    if (window.Plotly) window.Plotly.purge(plot);
    plot.wmSent = plot.wmDrawn = plot.wmBound = undefined;  // a purged plot is drawn anew
  };
}
"""

_PLOT = st.components.v2.component("wm_plot", html=_HTML, js=_JS, isolate_styles=False)


@st.cache_resource(show_spinner=False)
def script_in_place() -> None:
    """`ensure_script` once per server process, not on every run (a folder that cannot be written
    is then logged once)."""
    ensure_script()


def ensure_script() -> None:
    """The app's static folder holds the installed plotly's plotly.js (copied on start, not kept in
    git). Where the folder cannot be written, the app still starts and each chart says in its place
    that it cannot be shown, and the log says why."""
    target = STATIC / SCRIPT
    if target.exists() and filecmp.cmp(_BUNDLED, target, shallow=True):  # same size and time: kept
        return
    partial = target.with_suffix(".part")
    try:
        STATIC.mkdir(exist_ok=True)
        shutil.copy2(_BUNDLED, partial)
        partial.replace(target)
    except OSError as error:
        logging.getLogger(__name__).error("plotly.js could not be copied to %s: %s", STATIC, error)


def script_url() -> str:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(part for part in (base, "app", "static", SCRIPT) if part)


def plotly_chart(
    figure, config: dict, key: str, lang: str, on_click: Callable[[], None] | None = None, note: str | None = None
):
    """The figure drawn in place under `key`, with `note` under its title (theme.noted_layout);
    with `on_click`, a click on a point with customdata calls it (read the points with
    `clicked_points(key)`)."""
    data = {
        "figure": figure_json(figure, note),
        "config": config,
        "src": script_url(),
        "unavailable": t("chart.unavailable", lang),
    }
    return _PLOT(key=key, data=data, on_click_change=on_click or (lambda: None))


def figure_json(figure, note: str | None = None) -> str:
    """The figure as plotly.js reads it. plotly's own `to_json` deep-copies every trace and the
    layout first (2–3 ms a chart, far more for a map with its outlines); the figure is only read
    here, so its properties are encoded as they are, by plotly's orjson engine (the same JSON as
    its standard one: the Zuzug map in 1.3 ms instead of 15–19 ms, whose outlines are arrays)."""
    layout = figure._layout  # plotly keeps a figure's properties as plain dicts: read, never changed
    figure_dict = {"data": figure._data, "layout": noted_layout(layout, note) if note else layout}
    return pio.json.to_json_plotly(figure_dict, engine="orjson")


def clicked_points(key: str) -> list[dict]:
    """The points of the click that started this run on chart `key` (in its callback)."""
    return list(getattr(st.session_state.get(key), "click", None) or [])
