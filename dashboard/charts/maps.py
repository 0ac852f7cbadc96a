"""The regional choropleth: municipalities coloured by a KPI, district borders on top.

Drawn with MapLibre on a white background, so it needs no tile server and works offline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.charts import theme
from dashboard.geo.boundaries import Layer
from dashboard.i18n import t
from dashboard.i18n.format import number

HOVER_MEASURES = ["inflow", "outflow", "net", "net_per_1000"]


def border_lines(layer: Layer) -> tuple[list, list]:
    lons, lats = [], []
    for geometry in layer.districts.geometry:
        for polygon in getattr(geometry, "geoms", [geometry]):
            xs, ys = polygon.exterior.coords.xy
            lons += [*xs, None]
            lats += [*ys, None]
    return lons, lats


def selected_overlay(layer: Layer, selected: tuple[str, ...]) -> list[dict]:
    """The chosen towns outlined in a heavy dark line and named on the map (all towns are named
    on hover)."""
    chosen = layer.towns[layer.towns["ags"].isin(selected)]
    if chosen.empty:
        return []
    lons, lats = [], []
    for geometry in chosen.geometry:
        xs, ys = _outlines(geometry)
        lons += xs
        lats += ys
    points = chosen.geometry.representative_point()
    return [
        {
            "type": "scattermap",
            "lon": lons,
            "lat": lats,
            "mode": "lines",
            "hoverinfo": "skip",
            "line": {"color": theme.SELECTED_OUTLINE, "width": 4},
            "showlegend": False,
        },
        {
            "type": "scattermap",
            "lon": points.x.round(5).tolist(),
            "lat": points.y.round(5).tolist(),
            "mode": "text",
            "text": chosen["name"].tolist(),
            "hoverinfo": "skip",
            "showlegend": False,
            "textfont": {"size": 13, "color": theme.SELECTED_OUTLINE},
            "textposition": "middle center",
        },
    ]


def view(layer: Layer, height: int = 560) -> tuple[dict, float]:
    """Centre and zoom that show the whole region in a map `height` px high (title included) and
    at least about as wide: MapLibre's world is 512 px wide at zoom 0, latitudes stretched by Mercator."""
    minx, miny, maxx, maxy = layer.towns.total_bounds
    centre = {"lon": (minx + maxx) / 2, "lat": (miny + maxy) / 2}
    mercator = lambda lat: np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))
    plot = max(height - 40, 120) * 0.92
    pixels_per_degree = 512 / 360
    tall = plot / ((mercator(maxy) - mercator(miny)) * pixels_per_degree)
    wide = plot * 1.1 / ((maxx - minx) * pixels_per_degree)
    return centre, float(np.log2(min(tall, wide)))


def clickable_map_layout(layer: Layer, title: str, lang: str, height: int) -> dict:
    """The layout of a map that fits the whole region in its frame and reports clicked towns."""
    centre, zoom = view(layer, height)
    return theme.layout(
        title,
        lang,
        height,
        hovermode="closest",
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        map={"style": "white-bg", "center": centre, "zoom": zoom},
        # a click is an event only: the page marks the chosen town itself, plotly's own selection
        # would dim every other town until the new figure arrives
        clickmode="event",
    )


def _hover(frame: pd.DataFrame, lang: str, measures: list[str]) -> tuple[np.ndarray, str]:
    decimals = {"net_per_1000": 1}
    columns = [frame["name"].fillna("").to_numpy()]
    for m in measures:
        columns.append(
            np.array(
                [number(v, lang, decimals.get(m, 0), sign=m.startswith("net")) for v in frame[m].to_numpy(dtype=float)]
            )
        )
    labels = [t(f"kpi.{m}", lang) for m in measures]
    template = (
        "<b>%{customdata[1]}</b><br>"
        + "<br>".join(f"{label}: %{{customdata[{i + 2}]}}" for i, label in enumerate(labels))
        + "<extra></extra>"
    )
    return np.column_stack([frame["ags"].to_numpy(), *columns]), template


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
    frame = layer.towns[["ags", "name"]].merge(values.drop(columns="name", errors="ignore"), on="ags", how="left")
    customdata, template = _hover(frame, lang, hover or HOVER_MEASURES)
    z = frame[measure].astype(float).round(3)  # colours only: more digits would only cost bytes
    limit = float(np.nanmax(np.abs(z))) if z.notna().any() else 1.0
    # balances diverge around 0; counts and rates start at 0, so a small spread is not shown as
    # full contrast (10,250 against 10,550 are nearly the same)
    scale = {"zmin": -limit, "zmax": limit, "zmid": 0} if measure in theme.DIVERGING else {"zmin": 0, "zmax": limit}
    lons, lats = border_lines(layer)
    data = [
        {
            "type": "choroplethmap",
            "geojson": layer.geojson,
            "featureidkey": "properties.ags",
            "locations": frame["ags"].tolist(),
            "z": z.tolist(),
            "customdata": customdata.tolist(),
            "hovertemplate": template,
            "colorscale": theme.SCALES[measure],
            **scale,
            "marker": {"line": {"width": 0.6, "color": "#333"}, "opacity": 0.85},
            "colorbar": {
                "title": {"text": t(f"kpi.{measure}", lang), "side": "right"},
                "thickness": 14,
                "tickformat": ",.0f"
                if not measure.endswith("per_1000") or measure.startswith("impressions")
                else ",.1f",
            },
        },
        {
            "type": "scattermap",
            "lon": lons,
            "lat": lats,
            "mode": "lines",
            "hoverinfo": "skip",
            "line": {"color": "#222", "width": 2},
            "showlegend": False,
        },
        *selected_overlay(layer, selected),
    ]
    return theme.figure(data, clickable_map_layout(layer, title, lang, height))


def _outlines(geometry) -> tuple[list, list]:
    xs_all, ys_all = [], []
    for polygon in getattr(geometry, "geoms", [geometry]):
        xs, ys = polygon.exterior.coords.xy
        xs_all += [*xs, None]
        ys_all += [*ys, None]
    return xs_all, ys_all


def print_map(
    values: pd.DataFrame | None,
    layer: Layer,
    measure: str | None,
    title: str,
    lang: str,
    highlight: tuple[str, ...] = (),
    height: int = 520,
) -> go.Figure:
    """The choropleth as filled outlines on plain axes: vector graphics that static export
    (PNG, SVG, PDF, slides) renders offline, where MapLibre needs WebGL and plotly's `geo` fetches
    a world map from the web. `measure` None draws a locator: towns grey, `highlight` in colour."""
    frame = layer.towns[["ags", "name", "geometry"]]
    if measure:
        frame = frame.merge(values.drop(columns=["name", "geometry"], errors="ignore"), on="ags", how="left")
        z = frame[measure].astype(float)
        limit = float(np.nanmax(np.abs(z))) if z.notna().any() else 1.0
        low, high = (-limit, limit) if measure in theme.DIVERGING else (0.0, limit)  # as on the screen map
        positions = ((z - low) / ((high - low) or 1.0)).clip(0, 1)
        fills = [sample_colorscale(theme.SCALES[measure], [p])[0] if pd.notna(p) else "#f1f3f5" for p in positions]
    else:
        fills = [theme.INFLOW if a in highlight else "#e9ecef" for a in frame["ags"]]
    # one trace per fill and line width, the towns' outlines separated by gaps ("toself" fills each
    # part on its own): a locator map is then two traces instead of one per town
    shapes: dict[tuple[str, float], tuple[list, list, list]] = {}
    for row, fill in zip(frame.itertuples(), fills, strict=True):
        xs, ys = _outlines(row.geometry)
        label = row.name if not measure else f"{row.name}: {number(getattr(row, measure), lang, 1)}"
        all_xs, all_ys, labels = shapes.setdefault((fill, 2.2 if row.ags in highlight else 0.5), ([], [], []))
        all_xs += xs
        all_ys += ys
        labels += [label] * len(xs)
    data = [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "fill": "toself",
            "fillcolor": fill,
            "mode": "lines",
            "line": {"color": "#333", "width": width},
            "hoverinfo": "text",
            "text": labels,
            "showlegend": False,
        }
        for (fill, width), (xs, ys, labels) in shapes.items()
    ]
    lons, lats = border_lines(layer)
    data.append(
        {
            "type": "scatter",
            "x": lons,
            "y": lats,
            "mode": "lines",
            "hoverinfo": "skip",
            "line": {"color": "#222", "width": 1.5},
            "showlegend": False,
        }
    )
    if measure:  # an invisible marker carries the colour bar
        data.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "showlegend": False,
                "hoverinfo": "skip",
                "marker": {
                    "colorscale": theme.SCALES[measure],
                    "cmin": low,
                    "cmax": high,
                    "color": [low],
                    "showscale": True,
                    "colorbar": {"title": {"text": t(f"kpi.{measure}", lang), "side": "right"}, "thickness": 14},
                },
            }
        )
    centre_lat = float(np.mean(layer.towns.total_bounds[[1, 3]]))
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    return theme.figure(
        data,
        theme.layout(
            title,
            lang,
            height,
            hovermode="closest",
            margin={"l": 0, "r": 0, "t": 40 if title else 0, "b": 0},
            xaxis=hidden,
            yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1 / np.cos(np.radians(centre_lat))},
        ),
    )
