"""The municipal layer the map draws: a GeoDataFrame keyed by AGS, whatever its source."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from dashboard.config import GEO_DIR
from dashboard.geo.schematic import schematic_layer

OFFICIAL_FILE = "municipalities.geojson"
# Simplification tolerance for the map (degrees; about 180 m) and the grid its corners are
# snapped to (about 70 × 110 m): the whole region on a screen puts 250 m or more into a pixel and
# an A4 print about 900 m into a millimetre, so neither shows; the map figure, sent with every
# rerun of a page with a map, shrinks from 266 KB to about 75 KB. Neighbours keep shared corners.
MAP_TOLERANCE_DEG = 0.0025
MAP_GRID_DEG = 0.001


@dataclass(frozen=True)
class Layer:
    towns: gpd.GeoDataFrame  # ags, name, district, geometry (WGS84)
    districts: gpd.GeoDataFrame  # district, geometry
    is_official: bool
    attribution: str | None  # shown whenever official borders are drawn


def _official(path: Path) -> tuple[gpd.GeoDataFrame, str | None] | None:
    if not path.is_file():
        return None
    layer = gpd.read_file(path)
    if layer.crs is None or "ags" not in layer.columns:
        return None
    meta = path.with_suffix(".json")
    attribution = json.loads(meta.read_text(encoding="utf-8")).get("attribution") if meta.is_file() else None
    return layer.to_crs("EPSG:4326"), attribution


def official_layer(geometry: gpd.GeoDataFrame, towns: pd.DataFrame, attribution: str | None) -> Layer:
    """A Layer from official boundaries keyed by AGS, joined with the reference towns."""
    geometry = geometry[["ags", "geometry"]].merge(towns[["ags", "name", "district"]], on="ags")
    geometry = gpd.GeoDataFrame(geometry, geometry="geometry", crs="EPSG:4326")
    return _with_districts(geometry, True, attribution)


def _with_districts(layer: gpd.GeoDataFrame, is_official: bool, attribution: str | None) -> Layer:
    layer = layer.copy()
    simplified = shapely.simplify(layer.geometry.values, MAP_TOLERANCE_DEG, preserve_topology=True)
    layer["geometry"] = shapely.make_valid(
        shapely.set_precision(simplified, MAP_GRID_DEG), method="structure", keep_collapsed=False
    )
    districts = layer.dissolve(by="district", as_index=False)[["district", "geometry"]]
    layer = layer.reset_index(drop=True)
    return Layer(layer, districts, is_official, attribution)


def load_layer(
    towns: pd.DataFrame, geo_dir: Path = GEO_DIR, stored: tuple[gpd.GeoDataFrame, str | None] | None = None
) -> Layer:
    """Official boundaries imported into the warehouse (`stored`), else the file in data/geo where
    it holds every town, else the schematic layer."""
    if stored is not None and not stored[0].empty:
        return official_layer(stored[0], towns, stored[1])
    shipped = _official(geo_dir / OFFICIAL_FILE)
    # the region's file beside a warehouse of other towns (another region, the Germany-scale
    # benchmark) would leave the map empty or with holes
    if shipped is not None and set(towns["ags"]) <= set(shipped[0]["ags"]):
        return official_layer(shipped[0], towns, shipped[1])
    return _with_districts(schematic_layer(towns), False, None)


# Above this many municipalities a map of the whole area is drawn by district: 10,800 town
# polygons make a figure of several MB and a slow browser, about 400 districts do not.
MAX_TOWN_POLYGONS = 2_000


def district_level(layer: Layer) -> Layer:
    """The layer's districts as the map's areas (keyed by district name in `ags`)."""
    districts = layer.districts.assign(ags=layer.districts["district"], name=layer.districts["district"])
    districts = gpd.GeoDataFrame(
        districts[["ags", "name", "district", "geometry"]], geometry="geometry", crs=layer.towns.crs
    )
    return Layer(districts, layer.districts, layer.is_official, layer.attribution)


def for_display(layer: Layer) -> Layer:
    """Town polygons where few enough, otherwise districts."""
    return layer if len(layer.towns) <= MAX_TOWN_POLYGONS else district_level(layer)
