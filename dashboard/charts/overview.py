"""Charts of the Überblick and the round-table slides: Soll/Ist and the notable changes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.i18n import t
from dashboard.i18n.format import number

STATUS_COLOURS = {"reached": "#2a9d8f", "close": "#e9c46a", "missed": "#e07a5f"}


def target_gaps(soll_ist: pd.DataFrame, title: str, lang: str, height: int = 420) -> go.Figure:
    """The distance of each KPI from its goal in per cent of the goal (kpi, status, gap; right of
    the line = better than the goal), coloured by the traffic light."""
    rows = soll_ist.dropna(subset=["gap"])
    labels = [t(f"kpi.{k}", lang) for k in rows["kpi"]]
    data = [{"type": "bar", "orientation": "h", "y": labels, "x": (rows["gap"] * 100).round(1).tolist(),
             "marker": {"color": [STATUS_COLOURS.get(s, theme.NEUTRAL) for s in rows["status"]]},
             "text": [t(f"target_status.{s}", lang) for s in rows["status"]], "textposition": "inside",
             "hovertemplate": "%{x:+.1f} %<extra></extra>", "showlegend": False}]
    return theme.figure(data, theme.layout(
        title, lang, height, hovermode="closest", yaxis={"autorange": "reversed", "gridcolor": "#fff"},
        xaxis={"ticksuffix": " %", "gridcolor": "#eee", "zerolinecolor": "#333", "zerolinewidth": 2}))


def change_bars(highlights: pd.DataFrame, title: str, lang: str, height: int = 420) -> go.Figure:
    """The notable changes as bars of the change (name and measure on the axis)."""
    labels = [f"{row.name}: {t(f'kpi.{row.measure}', lang)}" for row in highlights.itertuples()]
    changes = highlights["change"].to_numpy(dtype=float)
    data = [{"type": "bar", "orientation": "h", "y": labels, "x": changes.round(1).tolist(),
             "marker": {"color": np.where(changes >= 0, theme.INFLOW, theme.OUTFLOW).tolist()},
             "text": [number(v, lang, 1, sign=True) for v in changes], "textposition": "auto",
             "hovertemplate": "%{x:+.1f}<extra></extra>", "showlegend": False}]
    return theme.figure(data, theme.layout(title, lang, height, hovermode="closest",
                                           yaxis={"autorange": "reversed", "gridcolor": "#fff"},
                                           xaxis={"gridcolor": "#eee", "zerolinecolor": "#333"}))
