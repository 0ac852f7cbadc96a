"""Figures of the moves between places: ranked origins and destinations, the flow map of the
strongest links, the districts' exchange as a Sankey, who moves between cities and small towns,
and the region's exchange with the outside."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.charts import theme
from dashboard.charts.maps import centres, district_borders, line_trace, plane_layout
from dashboard.geo.boundaries import Layer
from dashboard.i18n import t
from dashboard.i18n.format import number, percent
from dashboard.vocabulary import AGE_GROUPS, SIZE_CLASSES

# Line widths of the flow map: the links fall into these classes by their number of moves.
WIDTHS = (1.5, 3.5, 6.0, 9.0)
HIGHLIGHT = "#D55E00"  # Okabe–Ito vermilion: the chosen town's links
LINK = "#0072B2"
SIZE_COLOURS = dict(zip(SIZE_CLASSES, ("#0072B2", "#E69F00", "#009E73"), strict=True))


def place_bars(
    table: pd.DataFrame, label: Callable[[str], str], measure: str, title: str, lang: str, colour: str, top: int = 10
) -> object:
    """The `top` places of a ranked table (origins or destinations) as horizontal bars, largest on
    top; measure 'persons' or 'per_1000_of_place'."""
    shown = table.dropna(subset=[measure]).sort_values(measure, ascending=False).head(top).iloc[::-1]
    names = [label(c) for c in shown["code"]]
    decimals = 0 if measure == "persons" else 1
    text = [number(v, lang, decimals) for v in shown[measure]]
    persons, share = t("flows.persons", lang), t("flows.share", lang)
    hover = [
        f"<b>{n}</b><br>{persons}: {number(p, lang)}<br>{share}: {percent(s, lang, 1)}"
        for n, p, s in zip(names, shown["persons"], shown["share"], strict=True)
    ]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "x": shown[measure].round(decimals + 1).tolist(),
            "y": names,
            "text": text,
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {"color": colour},
            "hovertext": hover,
            "hoverinfo": "text",
            "name": t(f"flows.measure_{measure}", lang),
            "showlegend": False,
        }
    ]
    height = 120 + 28 * max(len(shown), 1)
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height,
            hovermode="closest",
            xaxis={"title": {"text": t(f"flows.measure_{measure}", lang)}, "tickformat": ",~r"},
            yaxis={"tickformat": None, "automargin": True},
            margin={"l": 10, "r": 40, "t": 50, "b": 10},
        ),
    )


def _width_class(totals: pd.Series) -> np.ndarray:
    """0–3 by the link's share of the strongest one (quarters), so a few traces carry every line."""
    if totals.empty:
        return np.array([], dtype=int)
    share = totals / totals.max()
    return np.minimum((share * len(WIDTHS)).astype(int), len(WIDTHS) - 1).to_numpy()


def flow_map(
    links: pd.DataFrame,
    layer: Layer,
    names: dict[str, str],
    chosen: str,
    title: str,
    lang: str,
    height: int = 560,
) -> object:
    """The strongest links between the towns as lines between their centres (wider for more moves),
    the chosen town's in orange; its centre and every town's centre clickable, named on hover."""
    lon, lat = centres(layer)
    shown = links[links["a"].isin(lon.index) & links["b"].isin(lon.index)]
    classes = _width_class(shown["total"])
    own = ((shown["a"] == chosen) | (shown["b"] == chosen)).to_numpy()
    data: list[dict] = [district_borders(layer, "#999", 1)]
    for highlighted in (False, True):
        for index, width in enumerate(WIDTHS):
            rows = shown[(classes == index) & (own == highlighted)]
            if rows.empty:
                continue
            xs, ys = [], []
            for a, b in zip(rows["a"], rows["b"], strict=True):
                xs += [lon[a], lon[b], None]
                ys += [lat[a], lat[b], None]
            colour = HIGHLIGHT if highlighted else LINK
            data.append(line_trace(xs, ys, colour, width, opacity=0.9 if highlighted else 0.55))
    # hover on the middle of each line: both directions in words
    middle_text = [
        f"<b>{names.get(a, a)} ↔ {names.get(b, b)}</b><br>"
        f"{names.get(a, a)} → {names.get(b, b)}: {number(ab, lang)}<br>"
        f"{names.get(b, b)} → {names.get(a, a)}: {number(ba, lang)}"
        for a, b, ab, ba in zip(shown["a"], shown["b"], shown["a_to_b"], shown["b_to_a"], strict=True)
    ]
    data.append(
        {
            "type": "scatter",
            "x": ((lon[shown["a"]].to_numpy() + lon[shown["b"]].to_numpy()) / 2).round(4).tolist(),
            "y": ((lat[shown["a"]].to_numpy() + lat[shown["b"]].to_numpy()) / 2).round(4).tolist(),
            "mode": "markers",
            "marker": {"size": 7, "color": "rgba(0,0,0,0.01)"},
            "hovertext": middle_text,
            "hoverinfo": "text",
            "showlegend": False,
            "name": t("flows.link", lang),
        }
    )
    towns = list(lon.index)
    data.append(
        {
            "type": "scatter",
            "x": lon.tolist(),
            "y": lat.tolist(),
            "mode": "markers",
            "marker": {"size": 8, "color": "#555"},
            "customdata": [[a] for a in towns],
            "hovertext": [names.get(a, a) for a in towns],
            "hoverinfo": "text",
            "showlegend": False,
            "name": t("flows.towns", lang),
        }
    )
    if chosen in lon.index:
        data.append(
            {
                "type": "scatter",
                "x": [lon[chosen]],
                "y": [lat[chosen]],
                "mode": "markers+text",
                "marker": {"size": 15, "color": "#111"},
                "text": [names.get(chosen, chosen)],
                "textposition": "top center",
                "textfont": {"size": 14, "color": "#111"},
                "customdata": [[chosen]],
                "hovertext": [names.get(chosen, chosen)],
                "hoverinfo": "text",
                "showlegend": False,
            }
        )
    return theme.figure(data, plane_layout(layer, title, lang, height))


def _translucent(colour: str, alpha: float = 0.4) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def district_sankey(matrix: pd.DataFrame, title: str, lang: str, height: int = 460) -> object:
    """Moves between the districts: old address on the left, new on the right (within a district
    too); plotly's Sankey reports no selection, so the page's table and map drive the choice."""
    districts = sorted(set(matrix["from_district"]) | set(matrix["to_district"]))
    flows = matrix[matrix["persons"] > 0]
    index = {d: i for i, d in enumerate(districts)}
    colours = [theme.OKABE_ITO[i % len(theme.OKABE_ITO)] for i in range(len(districts))]
    data = [
        {
            "type": "sankey",
            "arrangement": "fixed",
            "valueformat": ",d",
            "node": {
                "label": districts + districts,
                "color": colours + colours,
                "pad": 14,
                "thickness": 16,
                "line": {"color": "#333", "width": 0.5},
                "hovertemplate": "%{label}: %{value:,d}<extra></extra>",
            },
            "link": {
                "source": [index[d] for d in flows["from_district"]],
                "target": [len(districts) + index[d] for d in flows["to_district"]],
                "value": flows["persons"].astype(int).tolist(),
                "color": [_translucent(colours[index[d]]) for d in flows["from_district"]],
                "hovertemplate": "%{source.label} → %{target.label}: %{value:,d}<extra></extra>",
            },
        }
    ]
    data[0]["textfont"] = {"size": 13, "color": "#111", "shadow": "none"}
    return theme.figure(data, theme.layout(title, lang, height, hovermode="closest"))


def _net_by_age(
    table: pd.DataFrame,
    column: str,
    groups: list[str],
    label: Callable[[str], str],
    colour: Callable[[int, str], str],
    title: str,
    lang: str,
) -> object:
    """Net moves per age band, one bar per group side by side (either side of zero, never stacked)."""
    ages = [a for a in AGE_GROUPS if a in set(table["age_group"])]
    data = []
    for position, group in enumerate(groups):
        rows = table[table[column] == group].set_index("age_group").reindex(ages)
        data.append(
            {
                "type": "bar",
                "x": [t(f"age_group.{a}", lang) for a in ages],
                "y": rows["net"].fillna(0).astype(int).tolist(),
                "name": label(group),
                "marker": {"color": colour(position, group)},
                "hovertemplate": "%{fullData.name}: %{y:+,d}<extra></extra>",
            }
        )
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            380,
            legend_below=True,
            barmode="group",
            yaxis={"title": {"text": t("flows.net_moves", lang)}, "tickformat": "+,d", "zeroline": True},
        ),
    )


def size_class_chart(table: pd.DataFrame, title: str, lang: str) -> object:
    """Net moves per age band for each size class of town."""
    return _net_by_age(
        table,
        "size_class",
        list(SIZE_CLASSES),
        lambda size: t(f"size_class.{size}", lang),
        lambda _, size: SIZE_COLOURS[size],
        title,
        lang,
    )


def outside_chart(table: pd.DataFrame, title: str, lang: str) -> object:
    """The region's balance with the outside per age band, one bar per origin class."""
    return _net_by_age(
        table,
        "origin",
        list(dict.fromkeys(table["origin"])),
        lambda origin: t(f"origin.{origin}", lang),
        lambda position, origin: theme.ORIGIN_COLOURS.get(origin, theme.CATEGORIES[position]),
        title,
        lang,
    )
