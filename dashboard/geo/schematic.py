"""A schematic municipal layer from the town centres (Voronoi cells clipped to the region's
outline), used when no official boundaries are loaded. It is labelled as schematic wherever shown."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

# Metric CRS for Germany (UTM 32N): buffers and hulls in metres, not degrees.
METRIC_CRS = "EPSG:25832"
# How far the outline reaches beyond the outermost town centres, and how concave it may be.
OUTLINE_BUFFER_M = 9000
OUTLINE_CONCAVITY = 0.45


def schematic_layer(towns: pd.DataFrame) -> gpd.GeoDataFrame:
    """One polygon per town (ags, name, district) around its centre (lat, lon)."""
    points = gpd.GeoDataFrame(
        towns[["ags", "name", "district"]].copy(),
        geometry=gpd.points_from_xy(towns["lon"], towns["lat"]),
        crs="EPSG:4326",
    )
    metric = points.to_crs(METRIC_CRS)
    centres = shapely.MultiPoint(list(metric.geometry))
    outline = shapely.concave_hull(centres, ratio=OUTLINE_CONCAVITY).buffer(OUTLINE_BUFFER_M)
    # `ordered` keeps the cells in the order of the towns (linear time; matching each cell to its
    # town by containment was quadratic and took minutes for 10,000 towns)
    cells = shapely.get_parts(shapely.voronoi_polygons(centres, extend_to=outline, ordered=True))
    metric = metric.set_geometry(shapely.intersection(cells, outline))
    return metric.to_crs("EPSG:4326")
