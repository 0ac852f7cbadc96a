"""Colours, fonts and the layout every figure shares."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.i18n.format import d3_separators

# The agency's palette: green for gain, a warm red for loss, calm blues for volumes.
INFLOW = "#1f6f8b"
OUTFLOW = "#e07a5f"
NET = "#2a9d8f"
NEUTRAL = "#6c757d"
SEQUENCE = ["#1f6f8b", "#e07a5f", "#2a9d8f", "#f2cc8f", "#6d597a", "#81b29a", "#3d405b", "#b56576"]
ORIGIN_COLOURS = {"swf": "#2a9d8f", "nrw": "#1f6f8b", "de": "#81b29a", "abroad": "#f2cc8f"}
SCALES = {
    "inflow": "Blues", "outflow": "Oranges", "net": "RdBu",
    "inflow_per_1000": "Blues", "outflow_per_1000": "Oranges", "net_per_1000": "RdBu",
}
DIVERGING = {"net", "net_per_1000"}
FONT = "Source Sans Pro, Arial, sans-serif"


def base_layout(figure: go.Figure, title: str, lang: str, height: int = 360) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        separators=d3_separators(lang), font={"family": FONT, "size": 13},
        height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right",
                "title": None},
        hovermode="x unified", plot_bgcolor="white", paper_bgcolor="white",
    )
    figure.update_xaxes(showgrid=False, linecolor="#ccc")
    figure.update_yaxes(gridcolor="#eee", zerolinecolor="#999")
    return figure


def download_config(file_name: str) -> dict:
    """plotly's camera button saves a PNG named after the chart, at print resolution."""
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": file_name,
                                                           "scale": 2},
            "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
