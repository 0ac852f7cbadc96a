"""Network figures: growth with milestones, membership on the map, round-table attendance, bags."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.charts.maps import district_borders, plane_layout, town_shapes
from dashboard.geo.boundaries import Layer
from dashboard.i18n import t
from dashboard.vocabulary import NETWORKS

# the four networks in Okabe–Ito colours; their combinations in the rest of the colour-blind-safe
# categories, pairs first (the most frequent), the same colour on every date
NETWORK_COLOURS = dict(zip(NETWORKS, theme.OKABE_ITO, strict=False))
# "White spots" stay nearly white, but visible in the legend
NO_NETWORK_COLOUR = "#f1f3f5"


def _stable_colours() -> dict[str, str]:
    """One colour per possible combination of networks, the same on every date."""
    from itertools import combinations as subsets

    colours = dict(NETWORK_COLOURS)
    extra = ["+".join(c) for size in range(2, len(NETWORKS) + 1) for c in subsets(NETWORKS, size)]
    rest = theme.CATEGORIES[len(NETWORKS) :]
    colours.update({combo: rest[i % len(rest)] for i, combo in enumerate(extra)})
    return colours


COLOURS = _stable_colours()


# Milestones less than this apart share one label; labels closer than MILESTONE_SPACING_DAYS
# to the previous one go one row up, so no label runs into another or into the lines below.
MILESTONE_MERGE_DAYS = 31
MILESTONE_SPACING_DAYS = 900
MILESTONE_ROW = 0.06


def milestone_labels(milestones: list, lang: str) -> list[tuple]:
    """(day, label, row) for each group of milestones: the band above the plot, rows alternating
    where labels would otherwise meet."""
    groups: list[list] = []
    for day, key in sorted(milestones):
        if groups and (day - groups[-1][0][0]).days <= MILESTONE_MERGE_DAYS:
            groups[-1].append((day, key))
        else:
            groups.append([(day, key)])
    labels, previous, row = [], None, 0
    for group in groups:
        day = group[0][0]
        row = (1 - row) if previous is not None and (day - previous).days < MILESTONE_SPACING_DAYS else 0
        labels.append((day, " · ".join(t(f"network.{key}", lang) for _, key in group), row))
        previous = day
    return labels


def growth(table: pd.DataFrame, milestones: list, measure: str, title: str, lang: str) -> go.Figure:
    """Members (or shares) per network over time as steps, milestones as dotted lines."""
    data = [
        {
            "type": "scatter",
            "x": [d.isoformat() for d in rows["date"]],
            "y": rows[measure].tolist(),
            "name": t(f"network.{network}", lang),
            "mode": "lines",
            "line": {"shape": "hv", "width": 3, "color": NETWORK_COLOURS.get(network, theme.NEUTRAL)},
            "hovertemplate": "%{y:.0%}" if measure.startswith("share") else "%{y:,.0f}",
        }
        for network, rows in table.groupby("network", sort=False)
    ]
    shapes = [
        {
            "type": "line",
            "x0": day.isoformat(),
            "x1": day.isoformat(),
            "y0": 0,
            "y1": 1,
            "yref": "paper",
            "line": {"dash": "dot", "color": theme.NEUTRAL, "width": 1},
        }
        for day, _ in milestones
    ]
    labels = milestone_labels(milestones, lang)
    notes = [
        {
            "x": day.isoformat(),
            "y": 1.0 + MILESTONE_ROW * row,
            "yref": "paper",
            "yanchor": "bottom",
            "text": text,
            "showarrow": False,
            "xanchor": "left",
            "font": {"size": 11},
        }
        for day, text, row in labels
    ]
    yaxis = {"tickformat": ".0%"} if measure.startswith("share") else {"tickformat": ",~r"}
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height=420,
            legend_below=True,
            shapes=shapes,
            annotations=notes,
            yaxis=yaxis,
            xaxis={"tickformat": "%Y"},
            margin={"t": 72 + 18 * max((row for *_, row in labels), default=0)},
        ),
    )


def membership_map(combinations: pd.DataFrame, layer: Layer, title: str, lang: str) -> go.Figure:
    """Towns coloured by their combination of networks, one legend entry per combination; towns
    in none stay white (white spots)."""
    frame = layer.towns[["ags", "name", "geometry"]].merge(
        combinations.drop(columns="name", errors="ignore"), on="ags", how="left"
    )
    frame["combination"] = frame["combination"].fillna("kein_netzwerk")
    parts = frame["combination"].str.split("+")
    labels = [" + ".join(t(f"network.{p}", lang) for p in combination) for combination in parts]
    colours = [
        NO_NETWORK_COLOUR if combination == "kein_netzwerk" else COLOURS.get(combination, theme.NEUTRAL)
        for combination in frame["combination"]
    ]
    widths = [2.5 if len(combination) > 1 else 0.6 for combination in parts]
    texts = [f"<b>{name}</b><br>{label}" for name, label in zip(frame["name"], labels, strict=True)]
    # the legend in the combinations' fixed order, whichever town is drawn first
    order = {label: index for index, label in enumerate(sorted(set(labels), key=lambda lb: (lb.count("+"), lb)))}
    shapes = town_shapes(frame, colours, widths, texts, labels)
    for trace in shapes:
        if "legendgroup" in trace:
            trace["legendrank"] = order[trace["legendgroup"]]
    return theme.figure(
        [*shapes, district_borders(layer)],
        plane_layout(layer, title, lang, 680, legend_below=True, margin={"l": 0, "r": 0, "t": 40, "b": 0}),
    )


def attendance(matrix: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Towns × editions: attended (dark) or not (light)."""
    data = [
        {
            "type": "heatmap",
            "z": matrix.to_numpy().tolist(),
            "x": [str(c) for c in matrix.columns],
            "y": matrix.index.tolist(),
            "colorscale": [[0, "#f1f3f5"], [1, theme.INFLOW]],
            "showscale": False,
            "xgap": 1,
            "ygap": 1,
            "hovertemplate": "%{y} · Nr. %{x}<extra></extra>",
        }
    ]
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height=max(400, 16 * len(matrix) + 80),
            hovermode="closest",
            xaxis={"title": {"text": t("network.edition", lang)}, "type": "category"},
            yaxis={"autorange": "reversed", "tickfont": {"size": 10}},
        ),
    )


def bags_per_month(table: pd.DataFrame, title: str, lang: str) -> go.Figure:
    months = pd.to_datetime(table["month"]).dt.strftime("%Y-%m-%d").tolist()
    data = [
        {
            "type": "bar",
            "x": months,
            "y": table["handed_out"].tolist(),
            "name": t("network.bags", lang),
            "marker": {"color": theme.NET},
            "hovertemplate": "%{y:,.0f}",
        },
        {
            "type": "scatter",
            "x": months,
            "y": (table["coverage"] * 100).round(1).tolist(),
            "yaxis": "y2",
            "name": t("network.bag_coverage", lang),
            "mode": "lines",
            "line": {"color": theme.OUTFLOW},
            "hovertemplate": "%{y:.1f} %",
        },
    ]
    return theme.figure(
        data,
        theme.layout(
            title, lang, height=360, xaxis=theme.month_axis(months, lang), yaxis2=theme.right_axis(ticksuffix=" %")
        ),
    )


def inflow_comparison(table: pd.DataFrame, title: str, lang: str) -> go.Figure:
    data = [
        {
            "type": "scatter",
            "x": rows["year"].tolist(),
            "y": rows["inflow_per_1000"].round(2).tolist(),
            "name": t(f"network.group_{group}", lang),
            "mode": "lines+markers",
            "line": {"color": theme.INFLOW if group == "member" else theme.NEUTRAL, "width": 3},
        }
        for group, rows in table.groupby("group")
    ]
    return theme.figure(
        data, theme.layout(title, lang, height=340, xaxis={"dtick": 1, "tickformat": "d"}, yaxis={"tickformat": ",.1f"})
    )
