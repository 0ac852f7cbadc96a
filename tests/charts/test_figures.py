"""Figures carry the KPI layer's numbers, validate as plotly figures, and use the UI language."""

import base64
import json
import re
import shutil

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.charts import maps, theme, trends
from dashboard.geo.boundaries import OFFICIAL_FILE, load_layer, official_layer
from dashboard.service.inflow import inflow_data
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection


@pytest.fixture(scope="module")
def page(demo_warehouse_master):
    reference = load_reference(demo_warehouse_master)
    data = inflow_data(demo_warehouse_master, reference, Selection(2022, 2024), ("05962060",))
    return reference, data


def _shown(figure) -> dict:
    """AGS → value of a map, from the trace that carries its values and colour bar."""
    trace = figure.data[0]
    assert trace.meta["map_values"]
    return {row[0]: value for row, value in zip(trace.customdata, trace.marker.color, strict=True)}


def _town_shapes(figure) -> list:
    return [trace for trace in figure.data if trace.fill == "toself"]


def _figures(page, lang):
    reference, data = page
    layer = load_layer(reference.towns)
    return [
        maps.choropleth(data.town_table, layer, "net_per_1000", "Karte", lang),
        trends.flows_over_time(data.monthly, "month", "Monat", lang),
        trends.flows_over_time(data.yearly, "year", "Jahr", lang),
        trends.comparison_lines(data.comparison, "net_per_1000", "Vergleich", lang),
        trends.stacked_by(data.target_groups, "target_group", {}, theme.SEQUENCE, "Gruppen", lang, "net"),
        trends.stacked_by(data.origins, "origin", {}, theme.SEQUENCE, "Herkunft", lang),
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_figure_passes_plotlys_validation(page, lang):
    for figure in _figures(page, lang):
        validated = go.Figure(figure.to_dict())  # raises on any invalid property
        assert validated.layout.separators == (",." if lang == "de" else ".,")


def test_map_values_equal_the_kpi_layer(page):
    reference, data = page
    layer = load_layer(reference.towns)
    figure = maps.choropleth(data.town_table, layer, "net_per_1000", "Karte", "de")
    shown = _shown(figure)
    expected = data.town_table.set_index("ags")["net_per_1000"]
    assert set(shown) == set(expected.index) and len(shown) == 59
    for ags, value in shown.items():
        assert value == pytest.approx(expected[ags], abs=5e-4)  # the colour value is sent to 3 decimals
    hover = {row[0]: row for row in figure.data[0].customdata}
    werdohl = data.town_table.set_index("ags").loc["05962060"]
    assert hover["05962060"][1] == "Werdohl"
    assert hover["05962060"][2] == f"{werdohl['inflow']:,}".replace(",", ".")


def test_the_shipped_boundaries_draw_only_the_towns_they_hold_else_the_schematic_map(page):
    """data/geo holds the 59 towns' official boundaries: a warehouse of other towns (another
    region, the Germany-scale data) gets the schematic map of its own towns, not an empty one."""
    reference, _ = page
    assert load_layer(reference.towns).is_official
    others = pd.DataFrame(
        {
            "ags": ["01000001", "01000002", "05962060"],
            "name": ["Gemeinde A", "Gemeinde B", "Werdohl"],
            "district": ["Kreis 01", "Kreis 01", "Märkischer Kreis"],
            "lat": [54.1, 54.2, 51.26],
            "lon": [9.1, 9.3, 7.76],
        }
    )
    layer = load_layer(others)
    assert not layer.is_official and sorted(layer.towns["ags"]) == sorted(others["ags"])
    figure = maps.choropleth(
        others[["ags"]].assign(net_per_1000=1.0, inflow=0, outflow=0, net=0), layer, "net_per_1000", "Karte", "de"
    )
    assert len(_shown(figure)) == 3 and len(_town_shapes(figure)) == 3


def test_diverging_scale_is_centred_on_zero_with_losses_red(page):
    reference, data = page
    figure = maps.choropleth(data.town_table, load_layer(reference.towns), "net", "Karte", "de")
    marker = figure.data[0].marker
    assert marker.cmid == 0 and marker.cmin == -marker.cmax
    lowest, highest = marker.colorscale[0][1], marker.colorscale[-1][1]
    assert (lowest, highest) == ("rgb(103,0,31)", "rgb(5,48,97)")  # dark red loss, dark blue gain


def test_a_fresh_start_draws_the_shipped_official_boundaries(page):
    reference, _ = page
    layer = load_layer(reference.towns)
    assert layer.is_official and "© GeoBasis-DE / BKG (2013)" in layer.attribution
    assert "Daten verändert" in layer.attribution
    assert sorted(layer.towns["ags"]) == sorted(reference.region)


def test_schematic_layer_covers_every_town_once(page, tmp_path):
    reference, _ = page
    layer = load_layer(reference.towns, geo_dir=tmp_path)  # a region without boundaries
    assert not layer.is_official and layer.attribution is None
    assert sorted(layer.towns["ags"]) == sorted(reference.region)
    assert layer.towns.geometry.is_valid.all()
    assert len(layer.districts) == 5
    # cells do not overlap: the union's area equals the sum of the cells' areas
    metric = layer.towns.to_crs("EPSG:25832")
    assert metric.union_all().area == pytest.approx(metric.area.sum(), rel=1e-3)


def test_real_official_boundaries_are_drawn_with_attribution(page, samples_dir, tmp_path):
    reference, data = page
    geo_dir = tmp_path / "geo"
    geo_dir.mkdir()
    shutil.copy(samples_dir / "geo" / "swf_gemeinden.geojson", geo_dir / OFFICIAL_FILE)
    attribution = "© GeoBasis-DE / BKG (2013), dl-de/by-2-0"
    (geo_dir / OFFICIAL_FILE).with_suffix(".json").write_text(json.dumps({"attribution": attribution}))
    layer = load_layer(reference.towns, geo_dir)
    assert layer.is_official and layer.attribution == attribution
    assert len(layer.towns) == 59 and len(layer.districts) == 5
    areas = layer.districts.to_crs("EPSG:25832").set_index("district").area / 1e6
    assert areas["Hochsauerlandkreis"] == pytest.approx(1958.4, rel=0.01)
    figure = maps.choropleth(data.town_table, layer, "inflow", "Karte", "de")
    assert len(json.dumps(figure.to_plotly_json(), default=str)) < 500_000  # the map payload stays small
    z = _shown(figure)
    assert z["05962060"] == data.town_table.set_index("ags").loc["05962060", "inflow"]


def test_official_layer_keeps_only_the_region(page, samples_dir):
    reference, _ = page
    boundaries = gpd.read_file(samples_dir / "geo" / "swf_gemeinden.geojson")
    outside = boundaries.iloc[[0]].assign(ags="05111000")  # Düsseldorf is not in Südwestfalen
    layer = official_layer(
        gpd.GeoDataFrame(
            np.concatenate([boundaries.values, outside.values]),
            columns=boundaries.columns,
            geometry="geometry",
            crs=boundaries.crs,
        ),
        reference.towns,
        None,
    )
    assert len(layer.towns) == 59


def test_charts_export_as_svg(page):
    from pathlib import Path

    from dashboard.exports.images import svg

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no Debian chromium at /usr/bin/chromium for kaleido's static export")
    _, data = page
    image = svg(trends.flows_over_time(data.yearly, "year", "Je Jahr", "de"))
    assert image.startswith(b"<svg") and b"Je Jahr" in image


def test_many_towns_are_drawn_by_district(tmp_path):
    from dashboard.demo.scale import towns as synthetic_towns
    from dashboard.geo.boundaries import MAX_TOWN_POLYGONS, for_display

    rng = __import__("numpy").random.default_rng(2)
    many = synthetic_towns(MAX_TOWN_POLYGONS + 500, rng)
    layer = load_layer(many)
    shown = for_display(layer)
    assert len(shown.towns) == len(layer.districts) < MAX_TOWN_POLYGONS
    assert set(shown.towns["ags"]) == set(layer.districts["district"])
    few = load_layer(many.head(100))
    assert for_display(few) is few


def test_milestones_close_in_time_share_a_label_and_near_ones_take_turns_in_two_rows():
    import datetime as dt

    import pandas as pd

    from dashboard.charts.network import growth, milestone_labels

    milestones = [
        (dt.date(2019, 9, 1), "milestone_pioneers"),
        (dt.date(2021, 5, 18), "milestone_network_15"),
        (dt.date(2021, 5, 19), "milestone_round_table_15"),
        (dt.date(2026, 1, 1), "milestone_pioneers"),
    ]
    labels = milestone_labels(milestones, "de")
    assert [text for _, text, _ in labels] == [
        "5 Smart-City-Pioniere",
        "15 Netzwerk-Kommunen · 15. Runder Tisch",
        "5 Smart-City-Pioniere",
    ]
    assert [row for *_, row in labels] == [0, 1, 0]  # two years apart: one row up; then far enough
    figure = growth(pd.DataFrame(columns=["network", "date", "members"]), milestones, "members", "W", "de")
    # above the plot, where no line runs
    assert all(note.y >= 1.0 and note.yanchor == "bottom" for note in figure.layout.annotations)


def _decoded(spec):
    """plotly's JSON with its typed arrays ({dtype, bdata}, as plotly.js decodes them) as lists,
    gaps (NaN) as null: what the screen gets for the same figure."""
    if isinstance(spec, dict) and set(spec) == {"dtype", "bdata"}:
        values = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
        return [None if np.isnan(v) else v.item() for v in values.astype(float)]
    if isinstance(spec, dict):
        return {key: _decoded(value) for key, value in spec.items()}
    if isinstance(spec, list):
        return [_decoded(value) for value in spec]
    return spec


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_screen_gets_the_json_plotly_writes_with_the_note_added_to_a_copy(page, lang):
    import plotly.io as pio

    from dashboard.ui.plot import figure_json

    for figure in _figures(page, lang):
        before = pio.to_json(figure, validate=False)
        assert json.loads(figure_json(figure)) == _decoded(json.loads(before))
        noted = json.loads(figure_json(figure, "Demodaten"))
        assert noted == _decoded(json.loads(pio.to_json(theme.with_note(figure, "Demodaten"), validate=False)))
        assert "Demodaten" in json.dumps(noted["layout"])
        assert pio.to_json(figure, validate=False) == before  # the figure itself stays as it was


def test_the_template_styles_every_trace_type_the_charts_draw():
    """The template keeps only the trace types in theme.TRACE_TYPES; a chart of another type would
    lose the app's look without an error, so every trace type named in the chart builders counts."""
    from pathlib import Path

    from plotly.basedatatypes import BaseTraceType

    classes = (getattr(go, name) for name in dir(go))  # go loads its classes lazily: no vars()
    known = {kind.__name__.lower() for kind in classes if isinstance(kind, type) and issubclass(kind, BaseTraceType)}
    charts = Path(theme.__file__).parent
    named = {
        kind
        for source in charts.glob("*.py")
        for kind in re.findall(r'"type": "([a-z]+)"', source.read_text(encoding="utf-8"))
        if kind in known
    }
    assert {"bar", "scatter", "heatmap", "sankey"} <= named
    assert named <= set(theme.TRACE_TYPES)
    assert set(theme.TEMPLATE.data.to_plotly_json()) <= set(theme.TRACE_TYPES)


def test_a_large_layer_shares_a_trace_per_colour_and_names_its_towns_at_their_centres():
    """Up to maps.TRACE_PER_TOWN_MAX towns each is its own trace (hover and click anywhere inside
    it); beyond, plotly.js would spend seconds on thousands of traces, so the towns share one trace
    per colour step and the values' points name them and report a click."""
    count = maps.TRACE_PER_TOWN_MAX + 50
    towns = pd.DataFrame(
        {
            "ags": [f"01{i:06d}" for i in range(count)],
            "name": [f"Gemeinde {i}" for i in range(count)],
            "district": [f"Kreis {i % 7}" for i in range(count)],
            "lat": [50 + (i // 25) * 0.05 for i in range(count)],
            "lon": [7 + (i % 25) * 0.08 for i in range(count)],
        }
    )
    values = towns[["ags"]].assign(inflow=np.arange(count), outflow=0, net=np.arange(count))
    values["net_per_1000"] = values["net"] / 10.0
    layer = load_layer(towns)
    figure = maps.choropleth(values, layer, "net_per_1000", "Karte", "de", (towns["ags"][3],))
    shapes = _town_shapes(figure)
    assert len(shapes) <= maps.COLOUR_STEPS and all(trace.hoverinfo == "skip" for trace in shapes)
    points = figure.data[0]
    assert points.hovertemplate and len(points.customdata) == count
    assert _shown(figure)[towns["ags"][count - 1]] == pytest.approx((count - 1) / 10.0)
    go.Figure(figure.to_dict())  # valid for plotly

    small = maps.choropleth(values.head(3), load_layer(towns.head(3)), "net_per_1000", "Karte", "de")
    assert [trace.meta["customdata"] for trace in _town_shapes(small)] and small.data[0].hoverinfo == "skip"
    assert {trace.meta["customdata"][0] for trace in _town_shapes(small)} == set(towns["ags"].head(3))
