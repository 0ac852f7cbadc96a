"""Colours, fonts and the layout every figure shares."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import diverging, make_colorscale, sequential

from dashboard.i18n.format import d3_separators, month

# The agency's palette: calm blue for arrivals, a warm red for departures, green for the balance.
INFLOW = "#1f6f8b"
OUTFLOW = "#e07a5f"
NET = "#2a9d8f"
NEUTRAL = "#6c757d"
SEQUENCE = ["#1f6f8b", "#e07a5f", "#2a9d8f", "#f2cc8f", "#6d597a", "#81b29a", "#3d405b", "#b56576"]
ORIGIN_COLOURS = {
    "swf": "#2a9d8f",
    "nrw": "#1f6f8b",
    "within_nrw": "#3d7ea6",
    "de": "#81b29a",
    "domestic": "#5e8c6a",
    "abroad": "#f2cc8f",
    "unknown": "#adb5bd",
}
# Explicit colour lists: a scale name would be read by plotly.js in its own orientation once
# figures skip validation. Losses red, gains blue.
_BLUES, _ORANGES, _RED_TO_BLUE = (make_colorscale(c) for c in (sequential.Blues, sequential.Oranges, diverging.RdBu))
SCALES = {
    "inflow": _BLUES,
    "outflow": _ORANGES,
    "net": _RED_TO_BLUE,
    "inflow_per_1000": _BLUES,
    "outflow_per_1000": _ORANGES,
    "net_per_1000": _RED_TO_BLUE,
    "impressions_per_1000": _BLUES,
    "impressions": _BLUES,
}
# Colour-blind-safe categories: Okabe & Ito (2008) first, then Paul Tol's "muted" scheme
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
CATEGORIES = OKABE_ITO + TOL_MUTED
SELECTED_OUTLINE = "#111111"
NOTE_COLOUR = "#8a4b08"
CAMPAIGN_COLOURS = {"touristen-neubuerger": "#2a9d8f", "medizin-pflege": "#1f6f8b", "meet-n-match": "#e07a5f"}
DIVERGING = {"net", "net_per_1000"}
# the app's own font and text colour, so that a chart reads like the page around it
FONT = "Source Sans, Source Sans Pro, Arial, sans-serif"
TEXT = "#31333F"


TRACE_TYPES = ("bar", "scatter", "heatmap", "sankey")  # maps are scatter traces too (charts.maps)
UNUSED_SUBPLOTS = ("geo", "map", "mapbox", "polar", "scene", "ternary")


def _template() -> go.layout.Template:
    """The look every figure carries itself, so that it renders the same wherever it is drawn:
    Streamlit replaces plotly's default template with its own on import, which has no automatic
    margins, so pictures rendered in the app's process lost their tick and category labels."""
    base = pio.templates["plotly_white"].to_plotly_json()
    # only the trace types and subplots the app draws: every figure carries its template, and the
    # rest (3D, polar, ternary, geo, carpet ...) was 4.5 KB of each chart sent to the browser
    base["data"] = {kind: traces for kind, traces in base["data"].items() if kind in TRACE_TYPES}
    base["layout"] = {key: value for key, value in base["layout"].items() if key not in UNUSED_SUBPLOTS}
    axis = {"automargin": True}
    base["layout"] = {
        **base["layout"],
        "xaxis": {**base["layout"].get("xaxis", {}), **axis},
        "yaxis": {**base["layout"].get("yaxis", {}), **axis},
    }
    return go.layout.Template(base)


TEMPLATE = _template()


def right_axis(**extra) -> dict:
    """A second y axis on the right, from zero, with its own round ticks: plotly.js would otherwise
    place its ticks on the left axis's grid lines (values like 9.264, 10.324) in exported pictures."""
    return {
        "overlaying": "y",
        "side": "right",
        "showgrid": False,
        "tickmode": "auto",
        "rangemode": "tozero",
        "tickformat": ",.0f",
        **extra,
    }


MONTH_TICK_STEPS = (1, 3, 6, 12, 24, 36, 60)
MOST_MONTH_TICKS = 8


def month_axis(months: list[str], lang: str, **extra) -> dict:
    """A month axis labelled in words ("Dez 2025", never a date like 01.12.2025), in the UI language
    in the browser and in exported pictures alike: ticks on every 1st, 3rd, ... month so that at most
    eight fit; from a year's step on, on January."""
    days = sorted({dt.date.fromisoformat(m[:10]) for m in months})
    if not days:
        return {"type": "date", **extra}
    first = days[0].year * 12 + days[0].month - 1  # months since year 0
    last = days[-1].year * 12 + days[-1].month - 1
    step = next((s for s in MONTH_TICK_STEPS if (last - first + 1) / s <= MOST_MONTH_TICKS), MONTH_TICK_STEPS[-1])
    start = first if step < 12 else -(-first // 12) * 12  # from a year's step on: the first January
    ticks = [dt.date(index // 12, index % 12 + 1, 1) for index in range(start, last + 1, step)]
    return {
        "type": "date",
        "tickvals": [d.isoformat() for d in ticks],
        "ticktext": [month(d, lang) for d in ticks],
        **extra,
    }


def layout(title: str, lang: str, height: int = 360, legend_below: bool = False, title_size: int = 16, **extra) -> dict:
    """The shared layout as one dict: figures are built once (plotly validates every update)."""
    legend = (
        {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "xanchor": "left"}
        if legend_below
        else {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"}
    )
    base = {
        "template": TEMPLATE,
        "title": {"text": title, "x": 0, "xanchor": "left", "pad": {"l": 8}, "font": {"size": title_size}},
        "separators": d3_separators(lang),
        "font": {"family": FONT, "size": 13, "color": TEXT},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "legend": {**legend, "title": {"text": ""}},
        "hovermode": "x unified",
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "xaxis": {"showgrid": False, "linecolor": "#ccc", "automargin": True},
        "yaxis": {"gridcolor": "#eee", "zerolinecolor": "#999", "tickformat": ",~r", "automargin": True},
    }
    for key, value in extra.items():
        base[key] = {**base[key], **value} if isinstance(value, dict) and key in base else value
    return base


def figure(data: list[dict], layout_dict: dict) -> go.Figure:
    # plotly validates every property on construction (~50 ms for the map on each rerun); the
    # specs come from this package only, and tests/charts rebuild each one with validation on
    return go.Figure({"data": data, "layout": layout_dict}, _validate=False)


def download_config(file_name: str) -> dict:
    """plotly's camera button saves a PNG named after the chart, at print resolution."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def with_note(figure: go.Figure, text: str) -> go.Figure:
    """The figure with a small note (e.g. that it rests on demo data) under its title (see
    `noted_layout`), for pictures; the screen adds it to the figure's layout as it is sent."""
    spec = figure.to_plotly_json()
    spec["layout"] = noted_layout(spec.get("layout", {}), text)
    return go.Figure(spec, _validate=False)


def noted_layout(layout: dict, text: str) -> dict:
    """A copy of a figure's layout with a small note under its title, so the note travels with a
    downloaded picture too and no legend runs into it; without a title, in the top right corner.
    The layout given is left as it is."""
    layout = dict(layout)
    title = layout.get("title", {}).get("text") if isinstance(layout.get("title"), dict) else None
    if title:
        layout["title"] = {
            **layout["title"],
            "text": f"{title}<br><span style='font-size:11px;color:{NOTE_COLOUR}'>{text}</span>",
        }
        margin = dict(layout.get("margin", {}))
        margin["t"] = margin.get("t", 50) + 16
        layout["margin"] = margin
        return layout
    note = {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": 1,
        "y": 1,
        "xanchor": "right",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 11, "color": NOTE_COLOUR},
        "bgcolor": "rgba(255,255,255,0.85)",
    }
    layout["annotations"] = [*layout.get("annotations", []), note]
    return layout
