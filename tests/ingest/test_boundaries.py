"""Official boundaries: a VG250-like shapefile zip in UTM 32N and the real GeoJSONs from
../shared/geo import for the 59 towns, reprojected to WGS84, and the map then draws them with
the attribution; unusable files are refused and change nothing."""

import zipfile
from pathlib import Path

import geopandas as gpd
import pytest

from dashboard.cli import main
from dashboard.geo.boundaries import load_layer
from dashboard.service.boundaries import map_layer
from dashboard.service.reference import load_reference
from dashboard.warehouse.connection import reader
from tests.conftest import checksums

ATTRIBUTION = "© GeoBasis-DE / BKG (2013), dl-de/by-2-0, Daten verändert"


def _stored(db: Path) -> int:
    with reader(db) as con:
        return con.execute("select count(*) from boundary").fetchall()[0][0]


def _vg250_zip(samples_dir: Path, tmp_path: Path) -> Path:
    """Shaped like a VG250 download: a folder of shapefiles in UTM 32N, AGS and GF columns, water
    areas (GF 2) beside land (GF 4), and municipalities outside the region."""
    towns = gpd.read_file(samples_dir / "geo" / "swf_gemeinden.geojson").to_crs("EPSG:25832")
    land = towns.rename(columns={"ags": "AGS", "name": "GEN"})[["AGS", "GEN", "geometry"]].assign(GF=4)
    water = land.head(3).assign(GF=2, geometry=land.head(3).geometry.centroid.buffer(200))
    outside = land.head(2).assign(AGS=["05111000", "05113000"], GEN=["Düsseldorf", "Essen"])
    folder = tmp_path / "vg250_01-01.utm32s.shape.ebenen" / "vg250_ebenen_0101"
    folder.mkdir(parents=True)
    layer = gpd.GeoDataFrame(__import__("pandas").concat([land, water, outside]), crs="EPSG:25832")
    layer.to_file(folder / "VG250_GEM.shp")
    land.dissolve(by="GF").to_file(folder / "VG250_LAN.shp")
    archive = tmp_path / "vg250_2024.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for file in folder.parent.rglob("*"):
            if file.is_file():
                bundle.write(file, file.relative_to(tmp_path))
    return archive


def test_vg250_shapefile_zip_in_utm(demo_warehouse, samples_dir, tmp_path, capsys):
    archive = _vg250_zip(samples_dir, tmp_path)
    assert main(["--db", str(demo_warehouse), "import", "boundaries", str(archive)]) == 0
    assert "2 Flächen außerhalb" in capsys.readouterr().out
    assert _stored(demo_warehouse) == 59
    layer = map_layer(demo_warehouse, load_reference(demo_warehouse))
    assert layer.is_official and layer.attribution == "© GeoBasis-DE / BKG (2024), dl-de/by-2-0, Daten verändert"
    minx, miny, maxx, maxy = layer.towns.total_bounds
    assert 7.0 < minx < maxx < 9.5 and 50.5 < miny < maxy < 52.0  # WGS84 degrees, not metres
    area = layer.towns.to_crs("EPSG:25832").area.sum() / 1e6
    assert 6000 < area < 6400  # about 6,192 km²: water patches did not punch or add area


def test_real_geojsons_import_and_replace_the_shipped_map(demo_warehouse, samples_dir):
    reference = load_reference(demo_warehouse)
    shipped = map_layer(demo_warehouse, reference)
    assert shipped.is_official and "(2013)" in shipped.attribution  # the boundaries in data/geo before
    path = samples_dir / "geo" / "swf_gemeinden.geojson"
    assert main(["--db", str(demo_warehouse), "import", "boundaries", str(path), "--attribution", ATTRIBUTION]) == 0
    layer = map_layer(demo_warehouse, load_reference(demo_warehouse))
    assert layer.is_official and layer.attribution == ATTRIBUTION and len(layer.towns) == 59
    before = checksums(demo_warehouse)
    assert main(["--db", str(demo_warehouse), "import", "boundaries", str(path), "--attribution", ATTRIBUTION]) == 0
    assert checksums(demo_warehouse) == before  # the same boundaries twice change nothing
    second = samples_dir / "geo" / "alt_swf_gemeinden_dvg2_nrw_2023.geojson"
    if second.exists():
        assert (
            main(
                [
                    "--db",
                    str(demo_warehouse),
                    "import",
                    "boundaries",
                    str(second),
                    "--attribution",
                    "© GeoBasis NRW (2023), dl-de/by-2-0",
                ]
            )
            == 0
        )
        assert map_layer(demo_warehouse, load_reference(demo_warehouse)).attribution.startswith("© GeoBasis NRW")


@pytest.mark.parametrize("problem", ["metres_without_crs", "no_ags_column", "other_region", "not_geo"])
def test_unusable_boundaries_are_refused(demo_warehouse, samples_dir, tmp_path, capsys, problem):
    towns = gpd.read_file(samples_dir / "geo" / "swf_gemeinden.geojson")
    path = tmp_path / f"{problem}.geojson"
    if problem == "metres_without_crs":
        towns.to_crs("EPSG:25832").set_crs(None, allow_override=True).to_file(path, driver="GeoJSON")
        expected = "--crs EPSG:25832"
    elif problem == "no_ags_column":
        towns.drop(columns="ags").to_file(path, driver="GeoJSON")
        expected = "Gemeindeschlüssel"
    elif problem == "other_region":
        towns.assign(ags="05111000").to_file(path, driver="GeoJSON")
        expected = "59 Kommunen"
    else:
        path.write_text("ags;name\n05962060;Werdohl\n", encoding="utf-8")
        expected = "Geodatei"
    before = checksums(demo_warehouse)
    assert main(["--db", str(demo_warehouse), "import", "boundaries", str(path)]) == 2
    assert expected in capsys.readouterr().err
    assert checksums(demo_warehouse) == before


def test_download_says_clearly_when_offline(demo_warehouse, capsys, monkeypatch):
    import urllib.request

    def offline(*args, **kwargs):
        raise OSError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    assert main(["--db", str(demo_warehouse), "import", "boundaries", "--download"]) == 2
    assert "offline" in capsys.readouterr().err


def test_without_an_import_the_map_draws_the_shipped_boundaries_else_the_schematic_layer(demo_warehouse, tmp_path):
    reference = load_reference(demo_warehouse)
    shipped = load_layer(reference.towns, stored=None)
    assert shipped.is_official and "Daten verändert" in shipped.attribution
    assert not load_layer(reference.towns, tmp_path, stored=None).is_official  # a region without boundaries
