"""The map layer for a warehouse: its imported official boundaries, else the schematic layer."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from dashboard.geo.boundaries import Layer, load_layer
from dashboard.queries import fetch
from dashboard.service.reference import Reference
from dashboard.warehouse.connection import reader


def stored_boundaries(db: Path) -> tuple[gpd.GeoDataFrame, str | None] | None:
    with reader(db) as con:
        rows = fetch(con, "boundaries")
    if rows.empty:
        return None
    frame = gpd.GeoDataFrame(
        {"ags": rows["ags"]}, geometry=gpd.GeoSeries.from_wkb([bytes(g) for g in rows["geometry"]]), crs="EPSG:4326"
    )
    return frame, rows["attribution"].dropna().iloc[-1] if rows["attribution"].notna().any() else None


def map_layer(db: Path, reference: Reference) -> Layer:
    return load_layer(reference.towns, stored=stored_boundaries(db))
