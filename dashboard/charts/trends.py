"""Time series and compositions: inflow/outflow/net over time, target groups, origins."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.i18n import t


def flows_over_time(table: pd.DataFrame, period: str, title: str, lang: str) -> go.Figure:
    """Bars for inflow and outflow (outflow below zero), a line for the balance."""
    figure = go.Figure()
    x = table[period] if period == "year" else pd.to_datetime(table[period])
    figure.add_bar(x=x, y=table["inflow"], name=t("direction.inflow", lang), marker_color=theme.INFLOW,
                   hovertemplate="%{y:,.0f}")
    figure.add_bar(x=x, y=-table["outflow"], name=t("direction.outflow", lang),
                   marker_color=theme.OUTFLOW, customdata=table["outflow"], hovertemplate="%{customdata:,.0f}")
    figure.add_scatter(x=x, y=table["net"], name=t("direction.net", lang), mode="lines+markers",
                       line={"color": theme.NET, "width": 3}, hovertemplate="%{y:+,.0f}")
    figure.update_layout(barmode="relative", bargap=0.15)
    if period == "year":
        figure.update_xaxes(dtick=1, tickformat="d")
    else:
        figure.update_xaxes(tickformat="%m.%Y" if lang == "de" else "%b %Y")
    return theme.base_layout(figure, title, lang)


def comparison_lines(table: pd.DataFrame, measure: str, title: str, lang: str) -> go.Figure:
    """One line per town (or the selection) of a yearly measure per 1,000."""
    figure = go.Figure()
    for number, (ags, rows) in enumerate(table.groupby("ags", sort=False)):
        is_selection = ags == "selection"
        name = t("inflow.selection", lang) if is_selection else rows["name"].iloc[0]
        figure.add_scatter(x=rows["year"], y=rows[measure], name=name, mode="lines+markers",
                           line={"width": 4 if is_selection else 2,
                                 "color": theme.NET if is_selection else theme.SEQUENCE[(number + 1) % 8],
                                 "dash": None if is_selection else "dot"},
                           hovertemplate="%{y:,.1f}")
    figure.update_xaxes(dtick=1, tickformat="d")
    return theme.base_layout(figure, title, lang)


def stacked_by(table: pd.DataFrame, category: str, labels: dict[str, str], colours: list[str],
               title: str, lang: str, measure: str = "inflow") -> go.Figure:
    """Stacked bars per year of a category (target group, origin)."""
    figure = go.Figure()
    for number, (key, rows) in enumerate(table.groupby(category, sort=False)):
        figure.add_bar(x=rows["year"], y=rows[measure], name=labels.get(key, key),
                       marker_color=colours[number % len(colours)], hovertemplate="%{y:,.0f}")
    figure.update_layout(barmode="relative" if measure == "net" else "stack")
    figure.update_xaxes(dtick=1, tickformat="d")
    return theme.base_layout(figure, title, lang)
