"""Campaign figures: reach over time with campaign bands, funnel, budget against spend."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.i18n import t


def _colour(campaign_id: str, index: int) -> str:
    return theme.CAMPAIGN_COLOURS.get(campaign_id, theme.SEQUENCE[index % len(theme.SEQUENCE)])


def campaign_bands(campaigns: pd.DataFrame, data_end: str) -> list[dict]:
    """Shaded bands for the campaigns' run times (for any time axis)."""
    return [{"type": "rect", "xref": "x", "yref": "paper", "x0": str(row.start_date),
             "x1": str(row.end_date) if pd.notna(row.end_date) else data_end, "y0": 0, "y1": 1,
             "fillcolor": _colour(row.campaign_id, i), "opacity": 0.08, "line": {"width": 0},
             "layer": "below"} for i, row in enumerate(campaigns.itertuples())]


def reach_over_time(by_month: pd.DataFrame, campaigns: pd.DataFrame, title: str, lang: str,
                    span: tuple[str, str] | None = None) -> go.Figure:
    """Leads per month (bars) and clicks (line, right axis), campaign run times shaded."""
    months = pd.to_datetime(by_month["month"]).dt.strftime("%Y-%m-%d").tolist()
    data = [
        {"type": "bar", "x": months, "y": by_month["leads"].tolist(), "name": t("campaigns.leads", lang),
         "marker": {"color": theme.NET}, "hovertemplate": "%{y:,.0f}"},
        {"type": "scatter", "x": months, "y": by_month["clicks"].tolist(), "name": t("campaigns.clicks", lang),
         "yaxis": "y2", "mode": "lines", "line": {"color": theme.INFLOW, "width": 2}, "hovertemplate": "%{y:,.0f}"},
    ]
    end = months[-1] if months else None
    # one line per campaign, so names of campaigns that start close together do not overlap
    annotations = [{"x": str(row.start_date), "y": 0.98 - 0.07 * i, "xref": "x", "yref": "paper", "text": row.name,
                    "showarrow": False, "xanchor": "left", "yanchor": "top", "bgcolor": "rgba(255,255,255,0.7)", "font": {"size": 11, "color": _colour(row.campaign_id, i)}}
                   for i, row in enumerate(campaigns.itertuples())]
    return theme.figure(data, theme.layout(
        title, lang, height=380, shapes=campaign_bands(campaigns, end), annotations=annotations,
        xaxis=theme.month_axis(months, lang, **({"range": list(span)} if span else {})),
        yaxis2=theme.right_axis(),
        margin={"l": 10, "r": 10, "t": 70, "b": 10}))


def funnel(stages: pd.DataFrame, name: str, lang: str) -> go.Figure:
    """One campaign's funnel: impressions → clicks → leads (→ participants → matches)."""
    labels = [t(f"campaigns.{stage}", lang) for stage in stages["stage"]]
    data = [{"type": "funnel", "y": labels, "x": stages["value"].tolist(),
             "texttemplate": "%{value:,.0f}<br>%{percentPrevious:.1%}",
             "marker": {"color": theme.SEQUENCE[: len(labels)]}, "hovertemplate": "%{x:,.0f}<extra></extra>"}]
    return theme.figure(data, theme.layout(name, lang, height=330, hovermode="closest",
                                           margin={"l": 10, "r": 10, "t": 50, "b": 10}))


def budget(table: pd.DataFrame, names: dict[str, str], title: str, lang: str) -> go.Figure:
    """Planned budget (outline) against spend (filled) per campaign and year."""
    data = []
    for i, (campaign, rows) in enumerate(table.groupby("campaign_id", sort=False)):
        colour = _colour(campaign, i)
        x = [f"{y} · {names.get(campaign, campaign)}" for y in rows["year"]]
        data.append({"type": "bar", "x": x, "y": rows["planned_eur"].tolist(), "name": t("campaigns.planned", lang),
                     "marker": {"color": "rgba(0,0,0,0)", "line": {"color": colour, "width": 2}},
                     "legendgroup": "planned", "showlegend": i == 0, "hovertemplate": "%{y:,.0f} €"})
        data.append({"type": "bar", "x": x, "y": rows["spend_eur"].tolist(), "name": t("campaigns.spend", lang),
                     "marker": {"color": colour}, "legendgroup": "spend", "showlegend": i == 0,
                     "hovertemplate": "%{y:,.0f} €"})
    return theme.figure(data, theme.layout(title, lang, height=380, barmode="group",
                                           yaxis={"tickformat": ",~r", "ticksuffix": " €"}))
