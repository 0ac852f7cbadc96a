"""Charts of the Kommunen-Steckbrief: a town against its district and the region, and its
flows by category."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.i18n import t

RATES = {"inflow_per_1000": theme.INFLOW, "outflow_per_1000": theme.OUTFLOW, "net_per_1000": theme.NET}


def comparison_bars(comparison: pd.DataFrame, title: str, lang: str, height: int = 340) -> go.Figure:
    """Grouped bars: in-, out- and net migration per 1,000 for the town, its district, the region."""
    data = [
        {
            "type": "bar",
            "x": comparison["label"].tolist(),
            "y": comparison[measure].tolist(),
            "name": t(f"kpi.{measure}", lang),
            "marker": {"color": colour},
            "hovertemplate": "%{y:,.1f}",
            "texttemplate": "%{y:+,.1f}" if measure.startswith("net") else "%{y:,.1f}",
            "textposition": "outside",
            "cliponaxis": False,
        }
        for measure, colour in RATES.items()
    ]
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height,
            legend_below=True,
            barmode="group",
            hovermode="closest",
            yaxis={"tickformat": ",.0f"},
            legend={"y": -0.2},
            title_size=14,
        ),
    )


def category_bars(
    table: pd.DataFrame,
    category: str,
    labels: dict[str, str],
    title: str,
    lang: str,
    measures: tuple[str, ...] = ("net",),
    height: int = 320,
) -> go.Figure:
    """Horizontal bars of one or more flow measures per category (target group, origin)."""
    colours = {"inflow": theme.INFLOW, "outflow": theme.OUTFLOW, "net": theme.NET}
    names = [labels.get(c, c) for c in table[category]]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": names,
            "x": table[measure].tolist(),
            "name": t(f"direction.{measure}", lang),
            "marker": {"color": colours[measure]},
            "hovertemplate": "%{x:,.0f}",
        }
        for measure in measures
    ]
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height,
            legend_below=True,
            barmode="group",
            hovermode="closest",
            showlegend=len(measures) > 1,
            legend={"y": -0.2},
            title_size=14,
            yaxis={"autorange": "reversed", "gridcolor": "#fff"},
            xaxis={"gridcolor": "#eee", "zerolinecolor": "#999", "tickangle": 0, "nticks": 6, "tickformat": ",~r"},
        ),
    )
