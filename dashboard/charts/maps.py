"""The regional maps: municipalities as filled outlines on plain axes, district borders on top.

Every map is SVG, on the screen as in every picture (PNG, SVG, PDF, slides): no tile server, no
WebGL, nothing fetched from the web. A new colouring of the Zuzug map is redrawn in 0.15–0.2 s in
headless chromium, where MapLibre took 1.1 s with software WebGL and 2.6–3.1 s for its first draw.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import sample_colorscale

from dashboard.charts import theme
from dashboard.geo.boundaries import Layer
from dashboard.i18n import t
from dashboard.i18n.format import number

HOVER_MEASURES = ["inflow", "outflow", "net", "net_per_1000"]
# Up to this many towns each town is its own trace, named on hover anywhere inside it and
# clickable there. plotly.js spends a few milliseconds on every trace, so larger layers share one
# trace per colour and are named and clicked at their centres.
TRACE_PER_TOWN_MAX = 400
# A colour scale is drawn in this many steps: a larger layer then has at most this many fill
# traces, and no eye tells neighbouring steps apart.
COLOUR_STEPS = 64
NO_VALUE_FILL = "#f1f3f5"
# in every map's layout (`meta`): what finds the maps on a page
MAP_MARK = "wm-map"
# the outlines' corners lie on the layer's 0.001° grid (geo.boundaries.MAP_GRID_DEG)
COORDINATE_DIGITS = 3


def _exteriors(geometries) -> list[np.ndarray]:
    return [
        np.round(np.asarray(polygon.exterior.coords), COORDINATE_DIGITS)
        for geometry in geometries
        for polygon in getattr(geometry, "geoms", [geometry])
    ]


def _rings(geometries) -> tuple[np.ndarray, np.ndarray]:
    """The outer rings of (multi)polygons as x and y arrays, each ring followed by a gap (NaN, sent
    as null; `fill: toself` fills each ring on its own). Arrays, not lists: plotly copies every
    trace when a figure is built, an array at once, a list number by number (45 of the Zuzug map's
    50 ms)."""
    gap = np.array([[np.nan, np.nan]])
    points = np.concatenate([part for ring in _exteriors(geometries) for part in (ring, gap)] or [gap])
    return points[:, 0], points[:, 1]


def _path(geometries) -> str:
    """The outer rings of (multi)polygons as an SVG path in data coordinates (a layout shape)."""
    return "".join("M" + "L".join(f"{x:g},{y:g}" for x, y in ring) + "Z" for ring in _exteriors(geometries))


def border_lines(layer: Layer) -> tuple[np.ndarray, np.ndarray]:
    """The district borders as one line with gaps: (x, y) = (longitude, latitude)."""
    return _rings(layer.districts.geometry)


def line_trace(xs, ys, colour: str, width: float, **extra) -> dict:
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "hoverinfo": "skip",
        "line": {"color": colour, "width": width},
        "showlegend": False,
        **extra,
    }


def district_borders(layer: Layer, colour: str = "#222", width: float = 2) -> dict:
    return line_trace(*border_lines(layer), colour, width)


def centres(layer: Layer) -> tuple[pd.Series, pd.Series]:
    """Each town's label point (inside it, unlike the centroid of a crescent), by AGS."""
    points = layer.towns.set_index("ags").geometry.representative_point()
    return points.x.round(4), points.y.round(4)


def colour_range(z: pd.Series, measure: str) -> tuple[float, float]:
    """Balances diverge around 0; counts and rates start at 0, so a small spread is not shown as
    full contrast (10,250 against 10,550 are nearly the same)."""
    limit = (float(np.nanmax(np.abs(z))) if z.notna().any() else 0.0) or 1.0  # all 0 or none: 0 to 1
    return (-limit, limit) if measure in theme.DIVERGING else (0.0, limit)


def fills(z: pd.Series, measure: str) -> list[str]:
    """Each value's colour on the measure's scale, in COLOUR_STEPS steps; no value: light grey."""
    low, high = colour_range(z, measure)
    steps = ((z.astype(float) - low) / (high - low)).clip(0, 1) * (COLOUR_STEPS - 1)
    palette = sample_colorscale(theme.SCALES[measure], np.linspace(0, 1, COLOUR_STEPS).tolist())
    return [palette[round(s)] if pd.notna(s) else NO_VALUE_FILL for s in steps]


def each_town_a_trace(count: int) -> bool:
    return count <= TRACE_PER_TOWN_MAX


def town_shapes(
    towns: pd.DataFrame,
    colours: list[str],
    widths: list[float],
    texts: list[str] | None = None,
    groups: list[str] | None = None,
) -> list[dict]:
    """The towns (ags, geometry) filled in `colours` with outlines `widths` wide. With `texts`
    (and at most TRACE_PER_TOWN_MAX towns) each town is one trace that shows its text on hover
    anywhere inside it and reports its AGS when clicked (`meta.customdata`, see ui.plot); else one
    trace per colour and width. `groups` name the towns' legend entries (one entry per group).
    The largest towns are drawn first, so a town enclosed by another is drawn over it."""
    # only the order matters, so degrees² serve as area
    frame = towns.assign(colour=colours, width=widths, area=shapely.area(np.asarray(towns.geometry)))
    frame["text"] = texts if texts is not None else ""
    frame["group"] = groups if groups is not None else ""
    frame = frame.sort_values("area", ascending=False, kind="stable")
    legend: set[str] = set()

    def entry(group: str) -> dict:
        if not group:
            return {"showlegend": False}
        first = group not in legend
        legend.add(group)
        return {"name": group, "legendgroup": group, "showlegend": first}

    def shape(xs: np.ndarray, ys: np.ndarray, colour: str, width: float) -> dict:
        return {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "fill": "toself",
            "fillcolor": colour,
            "mode": "lines",
            "line": {"color": "#333", "width": width},
        }

    if texts is not None and each_town_a_trace(len(frame)):
        data = []
        for row in frame.itertuples():
            xs, ys = _rings([row.geometry])
            data.append(
                {
                    **shape(xs, ys, row.colour, row.width),
                    "hoveron": "fills",
                    "hoverinfo": "text",
                    "text": row.text,
                    "meta": {"customdata": [row.ags]},
                    **entry(row.group),
                }
            )
        return data
    merged = frame.groupby(["colour", "width", "group"], sort=False)["geometry"]
    return [
        {**shape(*_rings(geometries), colour, width), "hoverinfo": "skip", **entry(group)}
        for (colour, width, group), geometries in merged
    ]


def plane_layout(layer: Layer, title: str, lang: str, height: int, **extra) -> dict:
    """Plain hidden axes at the region's true proportions (a degree of longitude is cos(latitude)
    of a degree of latitude); a click is an event only: the page marks the chosen town itself,
    plotly's own selection would dim every other town until the new figure arrives."""
    centre_lat = float(np.mean(layer.towns.total_bounds[[1, 3]]))
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    settings = {
        "meta": MAP_MARK,
        "hovermode": "closest",
        "clickmode": "event",
        "margin": {"l": 0, "r": 0, "t": 40 if title else 0, "b": 0},
        "xaxis": hidden,
        "yaxis": {**hidden, "scaleanchor": "x", "scaleratio": 1 / np.cos(np.radians(centre_lat))},
        **extra,
    }
    return theme.layout(title, lang, height, **settings)


def selected_overlay(layer: Layer, selected: tuple[str, ...]) -> tuple[list[dict], list[dict]]:
    """(shapes, annotations) of the layout: the chosen towns outlined in a heavy dark line and named
    on a light label that stays legible over any colour (all towns are named on hover). In the
    layout, not as traces: a click that only chooses another town then leaves every trace as it
    was, and plotly.js redraws the outline and label alone."""
    chosen = layer.towns[layer.towns["ags"].isin(selected)]
    if chosen.empty:
        return [], []
    outline = {
        "type": "path",
        "path": _path(chosen.geometry),
        "xref": "x",
        "yref": "y",
        "line": {"color": theme.SELECTED_OUTLINE, "width": 4},
        "layer": "above",
    }
    points = chosen.geometry.representative_point()
    labels = [
        {
            "x": round(x, 4),
            "y": round(y, 4),
            "text": name,
            "showarrow": False,
            "font": {"size": 13, "color": theme.SELECTED_OUTLINE},
            "bgcolor": "rgba(255,255,255,0.85)",
            "borderpad": 2,
        }
        for x, y, name in zip(points.x, points.y, chosen["name"], strict=True)
    ]
    return [outline], labels


def _hover(frame: pd.DataFrame, lang: str, measures: list[str]) -> tuple[np.ndarray, list[str], str]:
    """(customdata: ags, name and the formatted measures; the same as one text per town; the
    hovertemplate that shows the customdata)."""
    decimals = {"net_per_1000": 1}
    columns = [frame["name"].fillna("").to_numpy()]
    for m in measures:
        columns.append(
            np.array(
                [number(v, lang, decimals.get(m, 0), sign=m.startswith("net")) for v in frame[m].to_numpy(dtype=float)]
            )
        )
    labels = [t(f"kpi.{m}", lang) for m in measures]
    texts = [
        f"<b>{name}</b><br>" + "<br>".join(f"{label}: {value}" for label, value in zip(labels, values, strict=True))
        for name, *values in zip(*columns, strict=True)
    ]
    template = (
        "<b>%{customdata[1]}</b><br>"
        + "<br>".join(f"{label}: %{{customdata[{i + 2}]}}" for i, label in enumerate(labels))
        + "<extra></extra>"
    )
    return np.column_stack([frame["ags"].to_numpy(), *columns]), texts, template


def values_trace(
    layer: Layer,
    frame: pd.DataFrame,
    z: pd.Series,
    measure: str,
    lang: str,
    customdata: np.ndarray,
    template: str | None,
) -> dict:
    """The map's values, one invisible point per town at its centre: it carries the colour bar, the
    figure's data for its text alternative (charts.summary) and, where the towns' shapes do not
    (`template` given), the hover and the click."""
    x, y = centres(layer)
    low, high = colour_range(z, measure)
    return {
        "type": "scatter",
        "x": x.reindex(frame["ags"]).tolist(),
        "y": y.reindex(frame["ags"]).tolist(),
        "mode": "markers",
        "meta": {"map_values": measure},
        "customdata": customdata.tolist(),
        **({"hovertemplate": template} if template else {"hoverinfo": "skip"}),
        "showlegend": False,
        "marker": {
            "size": 14,
            "opacity": 0,
            "color": z.tolist(),
            "colorscale": theme.SCALES[measure],
            "cmin": low,
            "cmax": high,
            **({"cmid": 0} if measure in theme.DIVERGING else {}),
            "showscale": True,
            "colorbar": {
                "title": {"text": t(f"kpi.{measure}", lang), "side": "right"},
                "thickness": 14,
                "tickformat": ",.0f"
                if not measure.endswith("per_1000") or measure.startswith("impressions")
                else ",.1f",
            },
        },
    }


def choropleth(
    values: pd.DataFrame,
    layer: Layer,
    measure: str,
    title: str,
    lang: str,
    selected: tuple[str, ...] = (),
    height: int = 560,
    hover: list[str] | None = None,
) -> go.Figure:
    """values: one row per town with ags and the measures; `measure` colours the map, `hover`
    (default: the migration measures) are shown with the town's name."""
    frame = layer.towns[["ags", "name", "geometry"]].merge(
        values.drop(columns=["name", "geometry"], errors="ignore"), on="ags", how="left"
    )
    customdata, texts, template = _hover(frame, lang, hover or HOVER_MEASURES)
    z = frame[measure].astype(float).round(3)  # colours only: more digits would only cost bytes
    named_by_shapes = each_town_a_trace(len(frame))
    outline, labels = selected_overlay(layer, selected)
    data = [
        values_trace(layer, frame, z, measure, lang, customdata, None if named_by_shapes else template),
        *town_shapes(frame, fills(z, measure), [0.6] * len(frame), texts),
        district_borders(layer),
    ]
    return theme.figure(data, plane_layout(layer, title, lang, height, shapes=outline, annotations=labels))


def print_map(
    values: pd.DataFrame | None,
    layer: Layer,
    measure: str | None,
    title: str,
    lang: str,
    highlight: tuple[str, ...] = (),
    height: int = 520,
) -> go.Figure:
    """The map for pictures (PNG, SVG, PDF, slides) and the Steckbrief's locator: one trace per
    colour and outline width, no hover. `measure` None draws a locator: towns grey, `highlight` in
    colour."""
    frame = layer.towns[["ags", "name", "geometry"]]
    data = []
    if measure:
        frame = frame.merge(values.drop(columns=["name", "geometry"], errors="ignore"), on="ags", how="left")
        z = frame[measure].astype(float)
        colours = fills(z, measure)
        customdata = frame[["ags", "name"]].to_numpy()
        data.append(values_trace(layer, frame, z.round(3), measure, lang, customdata, None))
    else:
        colours = [theme.INFLOW if a in highlight else "#e9ecef" for a in frame["ags"]]
    widths = [2.2 if a in highlight else 0.5 for a in frame["ags"]]
    data += [*town_shapes(frame, colours, widths), district_borders(layer, width=1.5)]
    return theme.figure(data, plane_layout(layer, title, lang, height))
