"""Charts of the Überblick and the round-table slides: Soll/Ist and the notable changes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.i18n import t
from dashboard.i18n.format import kpi_value, number
from dashboard.kpis.overview import UNIT

STATUS_COLOURS = {"reached": "#2a9d8f", "close": "#e9c46a", "missed": "#e07a5f"}
NO_TARGET_COLOUR = "#ced4da"


def target_texts(soll_ist: pd.DataFrame, lang: str) -> dict[str, str]:
    """kpi → 'Ist … · Soll …' (or that it has no target), written beside each bar."""
    return {
        row.kpi: t(
            "deck.targets_values",
            lang,
            actual=kpi_value(row.value, UNIT[row.kpi], lang),
            target=kpi_value(row.target, UNIT[row.kpi], lang),
        )
        if pd.notna(row.gap)
        else t("target_status.none", lang)
        for row in soll_ist.itertuples()
    }


def target_attainment(
    soll_ist: pd.DataFrame, value_text: dict[str, str], title: str, lang: str, height: int = 460
) -> go.Figure:
    """Every KPI as a horizontal bar of how much of its goal it reached (100 % = the goal; for
    cost per lead, lower is better; bars end at 200 %, their label gives the true share), its name
    and Ist/Soll on the axis, coloured by the traffic light; a KPI without a goal has no bar.
    soll_ist: kpi, value, target, status, gap; value_text: kpi → 'Ist … · Soll …'."""
    rows = soll_ist.reset_index(drop=True)
    share = 100 * (1 + rows["gap"])
    reached = share.clip(lower=0, upper=200)
    # name and Ist/Soll on the axis, the share beside the bar: nothing long has to fit the bar's
    # length, so every value stays whole and large on a slide and in a narrow PDF column
    labels = [f"<b>{t(f'kpi.{k}', lang)}</b><br>{value_text.get(k, '')}" for k in rows["kpi"]]
    colours = [
        STATUS_COLOURS.get(s, NO_TARGET_COLOUR) if isinstance(s, str) else NO_TARGET_COLOUR for s in rows["status"]
    ]
    texts = ["" if pd.isna(v) else number(v, lang) + " %" for v in share]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": reached.fillna(0).round(1).tolist(),
            "marker": {"color": colours},
            "text": texts,
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{x:.0f} %<extra></extra>",
            "showlegend": False,
        }
    ]
    top = max(130.0, float(reached.max()) + 25 if reached.notna().any() else 130.0)
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height,
            hovermode="closest",
            margin={"l": 10, "r": 30, "t": 50, "b": 40},
            yaxis={"autorange": "reversed", "gridcolor": "#fff"},
            xaxis={
                "ticksuffix": " %",
                "gridcolor": "#eee",
                "range": [0, top],
                "tickformat": ",.0f",
                "title": {"text": t("deck.targets_axis", lang)},
            },
            shapes=[
                {
                    "type": "line",
                    "x0": 100,
                    "x1": 100,
                    "y0": -0.5,
                    "y1": len(rows) - 0.5,
                    "yref": "y",
                    "line": {"color": "#333", "width": 2, "dash": "dot"},
                }
            ],
        ),
    )


def change_bars(
    highlights: pd.DataFrame, title: str, lang: str, height: int = 420, with_measure: bool = True
) -> go.Figure:
    """The notable changes as bars of the change, in the table's order (name, and the measure
    unless the chart shows one measure only, on the axis)."""
    labels = [
        f"{row.name}: {t(f'kpi.{row.measure}', lang)}" if with_measure else row.name for row in highlights.itertuples()
    ]
    changes = highlights["change"].to_numpy(dtype=float)
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": changes.round(1).tolist(),
            "marker": {"color": np.where(changes >= 0, theme.INFLOW, theme.OUTFLOW).tolist()},
            "text": [number(v, lang, 1, sign=True) for v in changes],
            "textposition": "auto",
            "cliponaxis": False,
            "hovertemplate": "%{x:+.1f}<extra></extra>",
            "showlegend": False,
        }
    ]
    # room beyond the longest bars for a label that does not fit inside a short bar
    low, high = min(float(np.nanmin(changes, initial=0)), 0.0), max(float(np.nanmax(changes, initial=0)), 0.0)
    room = (high - low) * 0.14 or 1.0
    span = [low - room if low < 0 else low, high + room if high > 0 else high]
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height,
            hovermode="closest",
            yaxis={"autorange": "reversed", "gridcolor": "#fff"},
            xaxis={"gridcolor": "#eee", "zerolinecolor": "#333", "range": span},
        ),
    )
