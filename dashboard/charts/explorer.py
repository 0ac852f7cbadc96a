"""The Explorer's chart builder: bars, lines or points from any query result."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme


def result_chart(frame: pd.DataFrame, kind: str, x: str, y: str, colour: str | None, lang: str) -> go.Figure:
    """kind: 'bar', 'line' or 'scatter'; one trace per value of `colour` (if given)."""
    groups = frame.groupby(colour, sort=False, dropna=False) if colour else [(y, frame)]
    data = []
    for number, (name, rows) in enumerate(groups):
        trace = {
            "type": "bar" if kind == "bar" else "scatter",
            "x": rows[x].astype(str).tolist() if rows[x].dtype == object else rows[x].tolist(),
            "y": rows[y].tolist(),
            "name": str(name),
            "marker": {"color": theme.SEQUENCE[number % len(theme.SEQUENCE)]},
        }
        if kind != "bar":
            trace["mode"] = "lines+markers" if kind == "line" else "markers"
        data.append(trace)
    return theme.figure(
        data,
        theme.layout(
            f"{y} nach {x}" if lang == "de" else f"{y} by {x}",
            lang,
            420,
            hovermode="closest",
            barmode="group",
            showlegend=bool(colour),
            xaxis={"title": {"text": x}},
            yaxis={"title": {"text": y}},
        ),
    )
