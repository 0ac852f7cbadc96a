"""Time series and compositions: inflow/outflow/net over time, target groups, origins."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.i18n import t

YEAR_AXIS = {"dtick": 1, "tickformat": "d"}


def flows_over_time(table: pd.DataFrame, period: str, title: str, lang: str) -> go.Figure:
    """Bars for inflow and outflow (outflow below zero), a line for the balance."""
    x = table[period].tolist() if period == "year" else pd.to_datetime(table[period]).dt.strftime("%Y-%m-%d").tolist()
    data = [
        {
            "type": "bar",
            "x": x,
            "y": table["inflow"].tolist(),
            "name": t("direction.inflow", lang),
            "marker": {"color": theme.INFLOW},
            "hovertemplate": "%{y:,.0f}",
        },
        {
            "type": "bar",
            "x": x,
            "y": (-table["outflow"]).tolist(),
            "name": t("direction.outflow", lang),
            "marker": {"color": theme.OUTFLOW},
            "customdata": table["outflow"].tolist(),
            "hovertemplate": "%{customdata:,.0f}",
        },
        {
            "type": "scatter",
            "x": x,
            "y": table["net"].tolist(),
            "name": t("direction.net", lang),
            "mode": "lines+markers",
            "line": {"color": theme.NET, "width": 3},
            "hovertemplate": "%{y:+,.0f}",
        },
    ]
    xaxis = YEAR_AXIS if period == "year" else theme.month_axis(x, lang)
    return theme.figure(data, theme.layout(title, lang, barmode="relative", bargap=0.15, xaxis=xaxis))


def comparison_lines(table: pd.DataFrame, measure: str, title: str, lang: str) -> go.Figure:
    """One line per town (or the selection) of a yearly measure per 1,000."""
    data = []
    for number, (ags, rows) in enumerate(table.groupby("ags", sort=False)):
        is_selection = ags == "selection"
        data.append(
            {
                "type": "scatter",
                "x": rows["year"].tolist(),
                "y": rows[measure].tolist(),
                "name": t("inflow.selection", lang) if is_selection else rows["name"].iloc[0],
                "mode": "lines+markers",
                "hovertemplate": "%{y:,.1f}",
                "line": {
                    "width": 4 if is_selection else 2,
                    "dash": "solid" if is_selection else "dot",
                    "color": theme.NET if is_selection else theme.SEQUENCE[(number + 1) % 8],
                },
            }
        )
    return theme.figure(data, theme.layout(title, lang, xaxis=YEAR_AXIS, yaxis={"tickformat": ",.1f"}))


def stacked_by(
    table: pd.DataFrame,
    category: str,
    labels: dict[str, str],
    colours: list[str],
    title: str,
    lang: str,
    measure: str = "inflow",
) -> go.Figure:
    """Stacked bars per year of a category (target group, origin)."""
    data = [
        {
            "type": "bar",
            "x": rows["year"].tolist(),
            "y": rows[measure].tolist(),
            "name": labels.get(key, key),
            "marker": {"color": colours[number % len(colours)]},
            "hovertemplate": "%{y:,.0f}",
        }
        for number, (key, rows) in enumerate(table.groupby(category, sort=False))
    ]
    if measure == "net":  # gains above, losses below the zero line, and the year's balance as a mark
        totals = table.groupby("year", sort=True)[measure].sum()
        data.append(
            {
                "type": "scatter",
                "x": totals.index.tolist(),
                "y": totals.tolist(),
                "mode": "markers",
                "name": t("direction.net", lang),
                "hovertemplate": "%{y:+,.0f}",
                "marker": {"symbol": "diamond", "size": 11, "color": "#111", "line": {"color": "#fff", "width": 1}},
            }
        )
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height=420,
            legend_below=True,
            xaxis=YEAR_AXIS,
            barmode="relative" if measure == "net" else "stack",
            yaxis={"zerolinecolor": "#333", "zerolinewidth": 2},
        ),
    )
