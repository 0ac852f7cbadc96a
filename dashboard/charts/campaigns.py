"""Campaign figures: reach over time with campaign bands, funnel, budget against spend."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.i18n import t
from dashboard.i18n.format import number, percent


def _colour(campaign_id: str, index: int) -> str:
    return theme.CAMPAIGN_COLOURS.get(campaign_id, theme.SEQUENCE[index % len(theme.SEQUENCE)])


def campaign_bands(campaigns: pd.DataFrame, data_end: str) -> list[dict]:
    """Shaded bands for the campaigns' run times (for any time axis)."""
    return [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": str(row.start_date),
            "x1": str(row.end_date) if pd.notna(row.end_date) else data_end,
            "y0": 0,
            "y1": 1,
            "fillcolor": _colour(row.campaign_id, i),
            "opacity": 0.08,
            "line": {"width": 0},
            "layer": "below",
        }
        for i, row in enumerate(campaigns.itertuples())
    ]


def reach_over_time(
    by_month: pd.DataFrame, campaigns: pd.DataFrame, title: str, lang: str, span: tuple[str, str] | None = None
) -> go.Figure:
    """Leads per month (bars) and clicks (line, right axis), campaign run times shaded."""
    months = pd.to_datetime(by_month["month"]).dt.strftime("%Y-%m-%d").tolist()
    data = [
        {
            "type": "bar",
            "x": months,
            "y": by_month["leads"].tolist(),
            "name": t("campaigns.leads", lang),
            "marker": {"color": theme.NET},
            "hovertemplate": "%{y:,.0f}",
        },
        {
            "type": "scatter",
            "x": months,
            "y": by_month["clicks"].tolist(),
            "name": t("campaigns.clicks", lang),
            "yaxis": "y2",
            "mode": "lines",
            "line": {"color": theme.INFLOW, "width": 2},
            "hovertemplate": "%{y:,.0f}",
        },
    ]
    end = months[-1] if months else None
    # the shaded run times in the legend: a square of each campaign's colour
    data += [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "hoverinfo": "skip",
            "marker": {"symbol": "square", "size": 14, "color": _colour(row.campaign_id, i), "opacity": 0.3},
            "name": t("campaigns.run_time", lang, name=row.name),
        }
        for i, row in enumerate(campaigns.itertuples())
    ]
    # one line per campaign, so names of campaigns that start close together do not overlap
    annotations = [
        {
            "x": str(row.start_date),
            "y": 0.98 - 0.07 * i,
            "xref": "x",
            "yref": "paper",
            "text": row.name,
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.7)",
            "font": {"size": 11, "color": _colour(row.campaign_id, i)},
        }
        for i, row in enumerate(campaigns.itertuples())
    ]
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height=440,
            legend_below=True,
            shapes=campaign_bands(campaigns, end),
            annotations=annotations,
            xaxis=theme.month_axis(months, lang, **({"range": list(span)} if span else {})),
            yaxis2=theme.right_axis(),
            margin={"l": 10, "r": 10, "t": 70, "b": 10},
        ),
    )


def funnel(stages: pd.DataFrame, name: str, lang: str) -> go.Figure:
    """One campaign's funnel: impressions → clicks → leads (→ participants → matches) as bars on a
    log scale, so later stages stay visible beside millions of impressions; each bar writes its
    count and its share of the stage before."""
    labels = [t(f"campaigns.{stage}", lang) for stage in stages["stage"]]
    values = stages["value"].astype(float).tolist()
    texts = [
        number(v, lang) + ("" if i == 0 or not values[i - 1] else f" ({percent(v / values[i - 1], lang, 1)})")
        for i, v in enumerate(values)
    ]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": t("campaigns.funnel_count", lang),
            "y": labels,
            "x": [max(v, 1) for v in values],
            "text": texts,
            "textposition": "auto",
            "insidetextanchor": "end",
            "cliponaxis": False,
            "customdata": texts,
            "marker": {"color": theme.SEQUENCE[: len(labels)]},
            "hovertemplate": "%{customdata}<extra></extra>",
        }
    ]
    top = max(values) if values else 1
    return theme.figure(
        data,
        theme.layout(
            name,
            lang,
            height=330,
            hovermode="closest",
            showlegend=False,
            margin={"l": 10, "r": 10, "t": 50, "b": 10},
            yaxis={"autorange": "reversed", "automargin": True},
            xaxis={
                "type": "log",
                "range": [0, math.log10(top * 30)],
                "tickformat": ",.0f",
                "dtick": 2,
                "title": {"text": t("campaigns.funnel_axis", lang)},
            },
        ),
    )


def budget(table: pd.DataFrame, names: dict[str, str], title: str, lang: str) -> go.Figure:
    """Planned budget (outline) against spend (filled) per campaign and year: one pair of bars per
    campaign-year, coloured by campaign (one trace each for plan and spend, so no empty slots)."""
    ids = list(dict.fromkeys(table["campaign_id"]))
    colours = [_colour(c, ids.index(c)) for c in table["campaign_id"]]
    x = [f"{y} · {names.get(c, c)}" for y, c in zip(table["year"], table["campaign_id"], strict=True)]
    data = [
        {
            "type": "bar",
            "x": x,
            "y": table["planned_eur"].tolist(),
            "name": t("campaigns.planned", lang),
            "marker": {"color": "rgba(0,0,0,0)", "line": {"color": colours, "width": 2}},
            "hovertemplate": "%{y:,.0f} €",
        },
        {
            "type": "bar",
            "x": x,
            "y": table["spend_eur"].tolist(),
            "name": t("campaigns.spend", lang),
            "marker": {"color": colours},
            "hovertemplate": "%{y:,.0f} €",
        },
    ]
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height=380,
            barmode="group",
            bargap=0.25,
            bargroupgap=0.05,
            yaxis={"tickformat": ",~r", "ticksuffix": " €"},
        ),
    )


def event_study(study: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """The yearly difference between campaign and comparison towns (each against its own baseline)
    with its 90 % interval: the baseline years should scatter around zero (parallel trends), the
    campaign years show the outcome. Campaign years shaded."""
    colours = {"pre": theme.NEUTRAL, "between": theme.NEUTRAL, "during": theme.INFLOW}
    data = []
    for phase in ("pre", "between", "during"):
        rows = study[study["phase"] == phase]
        if rows.empty:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": rows["year"].astype(int).tolist(),
                "y": rows["difference"].round(3).tolist(),
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": (rows["high"] - rows["difference"]).round(3).tolist(),
                    "arrayminus": (rows["difference"] - rows["low"]).round(3).tolist(),
                    "color": colours[phase],
                    "thickness": 2,
                    "width": 6,
                },
                "marker": {"size": 10, "color": colours[phase], "symbol": "circle" if phase == "during" else "diamond"},
                "name": t(f"campaigns.event_{phase}", lang),
                "hovertemplate": "%{x}: %{y:+.2f}<extra>%{fullData.name}</extra>",
            }
        )
    during = study[study["phase"] == "during"]["year"].astype(int).tolist()
    shapes = (
        [
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": during[0],
                "x1": during[-1],
                "y0": 0,
                "y1": 1,
                "fillcolor": "rgba(31,111,139,0.08)",
                "line": {"width": 0},
                "layer": "below",
            }
        ]
        if during
        else []
    )
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            340,
            legend_below=True,
            hovermode="closest",
            shapes=shapes,
            # a numeric axis with a tick per year: rectangles on a category axis shift its categories
            xaxis={
                "tickmode": "array",
                "tickvals": study["year"].astype(int).tolist(),
                "tickformat": "d",
            },
            yaxis={"title": {"text": t("campaigns.event_axis", lang)}, "tickformat": "+.1f", "zeroline": True},
        ),
    )
