"""Official municipal boundaries: a VG250 download from BKG (shapefile zip or folder), a GeoJSON or
a GeoPackage keyed by AGS, reduced to the 59 towns, in WGS84, simplified for the map."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
import shapely.errors

from dashboard.i18n.messages import encode
from dashboard.ingest.errors import ImportRefused, Problem, expect

# A ring whose last point is not its first is an error, not something to close silently.
pyogrio.set_gdal_config_options({"OGR_GEOMETRY_ACCEPT_UNCLOSED_RING": "NO"})

# BKG open data: VG250 with the state of 31 December, all levels as shapefiles (UTM32)
VG250_URL = "https://daten.gdz.bkg.bund.de/produkte/vg/vg250_ebenen_1231/aktuell/vg250_12-31.utm32s.shape.ebenen.zip"
DOWNLOAD_TIMEOUT_S = 20
# Simplification for the map: about 50 m, invisible at the region's scale (the 59 towns then take
# about 300 KB as a figure instead of several MB).
MAP_TOLERANCE_DEG = 0.0005
AGS_COLUMNS = ("ags", "ags_0", "ags_g", "kn", "gkz", "rs", "ars")
LAND = 4  # VG250's Geofaktor for land areas with structure (water areas of lakes are 2)
DEFAULT_ATTRIBUTION = "© GeoBasis-DE / BKG ({year}), dl-de/by-2-0, Daten verändert"


@dataclass(frozen=True)
class Boundaries:
    frame: gpd.GeoDataFrame  # ags, geometry (WGS84, simplified)
    attribution: str
    other_features: int
    missing: list[str]  # AGS of the 59 towns the file lacks

    def summary(self) -> str:
        """What was taken, as text whose words are encoded messages (see i18n.messages)."""
        parts = [encode("boundaries_summary.taken", count=len(self.frame), attribution=self.attribution)]
        if self.other_features:
            parts.append(encode("boundaries_summary.others", count=self.other_features))
        if self.missing:
            parts.append(encode("boundaries_summary.missing", count=len(self.missing), codes=", ".join(self.missing)))
        return "; ".join(parts)


def _source(path: Path) -> str:
    """What geopandas should open: the municipality layer inside a VG250 zip, else the file."""
    if path.suffix.lower() != ".zip":
        if path.is_dir():
            layers = sorted(path.rglob("*.shp"))
            chosen = next((p for p in layers if p.stem.upper().endswith("_GEM")), layers[0] if layers else None)
            if chosen is None:
                raise ImportRefused(path.name, [Problem(None, None, None, expect("geo_folder"))])
            return str(chosen)
        return str(path)
    with zipfile.ZipFile(path) as archive:
        inner = [n for n in archive.namelist() if n.lower().endswith((".shp", ".geojson", ".gpkg", ".json"))]
    if not inner:
        raise ImportRefused(path.name, [Problem(None, None, None, expect("geo_zip"))])
    chosen = next((n for n in inner if Path(n).stem.upper().endswith("_GEM")), inner[0])
    return f"zip://{path}!{chosen}"


def _ags_column(frame: pd.DataFrame, file_name: str) -> pd.Series:
    by_name = {c.lower(): c for c in frame.columns}
    for candidate in AGS_COLUMNS:
        if candidate in by_name:
            codes = frame[by_name[candidate]].astype(str).str.strip()
            return codes.where(codes.str.len() != 12, codes.str[:5] + codes.str[9:])
    raise ImportRefused(
        file_name,
        [
            Problem(
                1,
                None,
                ", ".join(map(str, frame.columns[:8])),
                expect("geo_ags_column"),
            )
        ],
    )


# Where the 59 towns can lie (WGS84, with a margin of about 40 km), and Germany for the hints.
REGION_BOUNDS = (6.9, 50.3, 9.5, 52.1)
GERMANY_BOUNDS = (5.5, 47.0, 15.5, 55.2)
# A town's area from the file against the one in the reference facts: more than this factor apart
# means the geometry is not the town (a wrong unit, a district instead of a town, a cut-off shape).
AREA_FACTOR = 2.0
AREA_RANGE_KM2 = (1.0, 1000.0)  # without a reference area: Südwestfalen's towns lie within this


def _within(bounds: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    minx, miny, maxx, maxy = bounds
    return box[0] <= minx and maxx <= box[2] and box[1] <= miny and maxy <= box[3]


def _geometry_problems(frame: gpd.GeoDataFrame, name: str) -> None:
    """Refuse files whose shapes cannot be the towns' areas, before anything else is judged."""
    present = frame.geometry.map(lambda shape: shape is not None and not shape.is_empty).astype(bool)
    if not present.any():
        raise ImportRefused(
            name,
            [
                Problem(
                    None,
                    "geometry",
                    None,
                    expect("geo_no_geometry"),
                )
            ],
        )
    if not present.all():
        missing = [int(i) + 1 for i in frame.index[~present][:10]]
        raise ImportRefused(
            name,
            [
                Problem(
                    None,
                    "geometry",
                    f"#{number}",
                    expect("geo_empty_shape"),
                )
                for number in missing
            ],
        )
    kinds = frame.geometry[present].geom_type
    wrong = kinds[~kinds.isin(["Polygon", "MultiPolygon"])]
    if not wrong.empty:
        first = int(wrong.index[0])
        raise ImportRefused(
            name,
            [
                Problem(
                    None,
                    "geometry",
                    f"#{first + 1}: {wrong.iloc[0]}",
                    expect("geo_not_areas", count=len(wrong), kinds=", ".join(sorted(set(wrong))), first=first + 1),
                )
            ],
        )


def _placement_problems(towns: gpd.GeoDataFrame, name: str, given_crs: str | None) -> None:
    """Every town in the region (with a margin), with hints for the usual mix-ups."""
    outside = [row for row in towns.itertuples() if not _within(row.geometry.bounds, REGION_BOUNDS)]
    if not outside:
        return
    minx, miny, maxx, maxy = outside[0].geometry.bounds
    if _within((miny, minx, maxy, maxx), GERMANY_BOUNDS):
        hint = "geo_swapped_axes"
    elif abs(minx) > 180 or abs(miny) > 90:
        hint = "geo_metres_not_crs" if given_crs else "geo_degrees"
    elif not _within((minx, miny, maxx, maxy), GERMANY_BOUNDS):
        hint = "geo_outside_germany"
    else:
        hint = "geo_outside_region"
    raise ImportRefused(
        name,
        [
            Problem(
                None,
                "ags",
                row.ags,
                expect(hint, crs=given_crs, x=round(row.geometry.bounds[0], 1), y=round(row.geometry.bounds[1], 1)),
            )
            for row in outside[:5]
        ],
    )


def _area_problems(towns: gpd.GeoDataFrame, areas: dict[str, float], name: str) -> None:
    measured = towns.to_crs("EPSG:25832").area / 1e6
    problems = []
    for ags, km2 in zip(towns["ags"], measured, strict=True):
        known = areas.get(ags)
        if known:
            plausible = known / AREA_FACTOR <= km2 <= known * AREA_FACTOR
            expected = expect("geo_area_reference", known=round(known), found=round(km2, 1))
        else:
            plausible = AREA_RANGE_KM2[0] <= km2 <= AREA_RANGE_KM2[1]
            expected = expect(
                "geo_area_range", low=round(AREA_RANGE_KM2[0]), high=round(AREA_RANGE_KM2[1]), found=round(km2, 1)
            )
        if not plausible:
            problems.append(Problem(None, "ags", ags, expected))
    if problems:
        raise ImportRefused(name, problems)


def read_boundaries(
    path: Path,
    known_ags: frozenset[str],
    crs: str | None = None,
    attribution: str | None = None,
    areas: dict[str, float] | None = None,
) -> Boundaries:
    """The 59 towns' boundaries from a file; refused (with a reason) when they cannot be used:
    no areas, towns outside the region, areas far from the reference (`areas`, km² by AGS)."""
    name = path.name
    try:
        frame = gpd.read_file(_source(path))
    except ImportRefused:
        raise
    except (RuntimeError, OSError, ValueError, zipfile.BadZipFile, shapely.errors.GEOSException) as error:
        raise ImportRefused(
            name, [Problem(None, None, None, expect("geo_readable", error=f"{type(error).__name__}: {error}"))]
        ) from None
    if frame.empty:
        raise ImportRefused(name, [Problem(None, None, None, expect("geo_at_least_one"))])
    _geometry_problems(frame, name)
    if crs:
        frame = frame.set_crs(crs, allow_override=True)
    elif frame.crs is None or frame.crs.to_epsg() == 4326:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise ImportRefused(
                name,
                [
                    Problem(
                        None,
                        None,
                        f"{minx:.0f}, {miny:.0f}",
                        expect("geo_metric_values"),
                    )
                ],
            )
        if frame.crs is None:
            frame = frame.set_crs("EPSG:4326")
    frame = frame.assign(ags=_ags_column(frame, name))
    by_name = {c.lower(): c for c in frame.columns}
    if "gf" in by_name:  # VG250: keep the land parts, not the water areas of lakes
        frame = frame[pd.to_numeric(frame[by_name["gf"]], errors="coerce") == LAND]
    inside = frame[frame["ags"].isin(known_ags)]
    if inside.empty:
        raise ImportRefused(name, [Problem(None, "ags", None, expect("geo_known_ags"))])
    try:
        towns = inside[["ags", "geometry"]].assign(geometry=shapely.make_valid(inside.geometry.values))
        towns = towns.dissolve(by="ags", as_index=False).to_crs("EPSG:4326")
    except (shapely.errors.GEOSException, ValueError) as error:
        raise ImportRefused(
            name,
            [Problem(None, "geometry", None, expect("geo_valid_shapes", error=str(error)))],
        ) from None
    _placement_problems(towns, name, crs)
    _area_problems(towns, areas or {}, name)
    towns["geometry"] = shapely.make_valid(
        shapely.simplify(towns.geometry.values, MAP_TOLERANCE_DEG, preserve_topology=True)
    )
    year = re.search(r"(19|20)\d\d", path.name)
    text = attribution or DEFAULT_ATTRIBUTION.format(year=year.group(0) if year else "Jahr der Datei")
    return Boundaries(towns, text, int((~frame["ags"].isin(known_ags)).sum()), sorted(known_ags - set(towns["ags"])))


def download_vg250(target: Path) -> Path:
    """Fetch the current VG250 from BKG; raises ImportRefused with a clear note when offline."""
    try:
        with urllib.request.urlopen(VG250_URL, timeout=DOWNLOAD_TIMEOUT_S) as response:
            target.write_bytes(response.read())
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise ImportRefused(
            "VG250-Download",
            [
                Problem(
                    None,
                    None,
                    str(getattr(error, "reason", error))[:80],
                    expect("geo_download", host=VG250_URL.split("/")[2]),
                )
            ],
        ) from None
    return target
