"""Files an attacker or a careless user would deliver, for every kind: each exits 2 with the file
and, where there is one, the line and column, one 'refused' row in the log, no traceback, and the
stored data exactly as before; valid but unusual deliveries import."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from openpyxl import Workbook

from dashboard.cli import main
from dashboard.config import TEMPLATES_DIR
from dashboard.ingest.kinds import KINDS
from dashboard.warehouse.connection import reader
from tests.conftest import stored_state, with_template_campaign

OFFICIAL = Path(__file__).parents[1] / "data" / "official"
HALF_YEAR = OFFICIAL / "12411-halbjahr_30-06_2019-2020.csv"
GEO = Path(__file__).parents[1] / "data" / "geo" / "swf_gemeinden.geojson"
TEMPLATE_KINDS = list(KINDS)


def _template(kind: str) -> pd.DataFrame:
    return pd.read_csv(TEMPLATES_DIR / f"{kind}.csv", dtype=str, keep_default_na=False)


def _columns_of(kind: str, *field_kinds: str) -> list[str]:
    return [c for c, f in KINDS[kind].fields.items() if f.kind in field_kinds]


@pytest.fixture(scope="module")
def campaign_master(empty_file_master, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "campaign.duckdb"
    shutil.copy(empty_file_master, path)
    return with_template_campaign(path)


@pytest.fixture
def warehouse(campaign_master, tmp_path) -> Path:
    """A warehouse of the test's own with the template campaign in it."""
    path = tmp_path / "campaign.duckdb"
    shutil.copy(campaign_master, path)
    return path


def _refused(db: Path, kind: str, path: Path, capsys, *fragments: str, extra: tuple[str, ...] = ()) -> str:
    """Import and check the promise: exit 2, file named, fragments present, no traceback, one
    refusal logged, nothing else changed."""
    before = stored_state(db)
    with reader(db) as con:
        logged = con.execute("select count(*) from import_log").fetchall()[0][0]
    capsys.readouterr()
    assert main(["--db", str(db), "import", kind, str(path), *extra]) == 2
    out = capsys.readouterr()
    message = out.err
    assert "Traceback" not in message + out.out
    assert path.name in message, message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert stored_state(db) == before
    with reader(db) as con:
        rows = con.execute("select status from import_log where import_id > $n", {"n": logged}).fetchall()
    assert rows == [("refused",)]
    return message


# ---------- every template kind


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_a_duplicated_header_column(kind, warehouse, tmp_path, capsys):
    text = (TEMPLATES_DIR / f"{kind}.csv").read_text(encoding="utf-8").splitlines()
    first = text[0].split(",")[0]
    lines = [f"{text[0]},{first}", *(f"{line},{line.split(',')[0]}" for line in text[1:])]
    path = tmp_path / f"{kind}-doppelt.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(warehouse, kind, path, capsys, "Zeile 1", f"Spalte {first}", "nur einmal")


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_a_field_over_128_kb(kind, warehouse, tmp_path, capsys):
    frame = _template(kind)
    text_column = frame.columns[0]
    frame.loc[0, text_column] = "x" * 200_000
    path = tmp_path / f"{kind}-riesig.csv"
    frame.to_csv(path, index=False)
    _refused(warehouse, kind, path, capsys, "Zeile 2", "128 KB")


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
@pytest.mark.parametrize("damage", ["not_a_zip", "cut_off"])
def test_a_broken_xlsx(kind, damage, warehouse, tmp_path, capsys):
    path = tmp_path / f"{kind}-{damage}.xlsx"
    if damage == "not_a_zip":
        path.write_text((TEMPLATES_DIR / f"{kind}.csv").read_text(encoding="utf-8"), encoding="utf-8")
    else:
        buffer = io.BytesIO()
        _template(kind).to_excel(buffer, index=False)
        path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    _refused(warehouse, kind, path, capsys, "Excel-Datei")


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_mixed_encodings(kind, warehouse, tmp_path, capsys):
    """UTF-8 umlauts in the first data line, one Windows-1252 byte in the last: refused at that
    byte, never stored as "MÃ¼ller"."""
    frame = _template(kind)
    first = next(iter(KINDS[kind].fields))
    frame.loc[0, first] = frame.loc[0, first] + "ü"
    lines = frame.to_csv(index=False).encode("utf-8").rstrip(b"\n").split(b"\n")
    lines[-1] = lines[-1] + b"\xfc"  # 'ü' in Windows-1252
    path = tmp_path / f"{kind}-gemischt.csv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    _refused(warehouse, kind, path, capsys, f"Zeile {len(lines)}", "0xFC", "einheitliche Kodierung")


def _count_cases() -> list[tuple[str, str, str]]:
    return [
        (kind, column, value)
        for kind in TEMPLATE_KINDS
        for column in _columns_of(kind, "count")[:1]
        for value in ("1e308", "99999999999999999999")
    ]


@pytest.mark.parametrize(("kind", "column", "value"), _count_cases())
def test_counts_beyond_any_plausible_size(kind, column, value, warehouse, tmp_path, capsys):
    frame = _template(kind)
    frame.loc[0, column] = value
    path = tmp_path / f"{kind}-zahl.csv"
    frame.to_csv(path, index=False)
    _refused(warehouse, kind, path, capsys, "Zeile 2", f"Spalte {column}", "höchstens")


def _date_cases() -> list[tuple[str, str, str]]:
    cases = []
    for kind in TEMPLATE_KINDS:
        for column in _columns_of(kind, "date", "month"):
            for value in ("1800-01-01", "0001-01-01"):
                cases.append((kind, column, value))
    return cases


@pytest.mark.parametrize(("kind", "column", "value"), _date_cases())
def test_dates_before_1990(kind, column, value, warehouse, tmp_path, capsys):
    frame = _template(kind)
    frame[column] = value  # every row, so cross-field rules (end after start) hold or fail alike
    path = tmp_path / f"{kind}-{column}.csv"
    frame.to_csv(path, index=False)
    _refused(warehouse, kind, path, capsys, "Zeile 2", f"Spalte {column}")


@pytest.mark.parametrize(
    ("kind", "column", "value", "fragment"),
    [
        ("campaign-activity", "impressions", "3000000000", "höchstens 100.000.000"),
        ("targets", "value", "1e308", "Zahl zwischen"),
        ("targets", "value", "5000000", "erreichbaren Zielwert"),
        ("campaigns", "budget_eur", "inf", "höchstens"),
        ("campaigns", "budget_eur", "1e12", "höchstens 100.000.000 €"),
        ("campaign-activity", "spend_eur", "nan", "einen Wert"),
    ],
)
def test_implausible_values(kind, column, value, fragment, warehouse, tmp_path, capsys):
    frame = _template(kind)
    frame.loc[0, column] = value
    path = tmp_path / f"{kind}-{column}.csv"
    frame.to_csv(path, index=False)
    _refused(warehouse, kind, path, capsys, "Zeile 2", f"Spalte {column}", fragment)


def test_a_formula_without_a_saved_value(warehouse, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["campaign_id", "name", "target_group", "start_date", "end_date", "budget_eur"])
    sheet.append(["formel", "Mit Formel", "familien", dt.date(2024, 3, 1), "=D2+300", 1000])
    path = tmp_path / "kampagnen-formel.xlsx"
    book.save(path)  # openpyxl saves formulas without a cached result, as a generator would
    _refused(warehouse, "campaigns", path, capsys, "Zeile 2", "Spalte E", "Formel")


@pytest.mark.parametrize(
    ("kind", "header", "row", "column"),
    [
        (
            "campaign-events",
            "campaign_id,event_date,Gemeindeschlüssel,companies,participants,matches",
            "vorlage-kampagne,2024-05-15,05970040,5,31,6",
            "ags",
        ),
        ("network", "ags,network,joined_on,left_on;", "05962060,willkommenstasche,2017-04-01,2020-01-01", "left_on"),
        (
            "campaign-activity",
            "campaign_id,date,channel,AGS-Nr,impressions,clicks,leads,spend_eur",
            "vorlage-kampagne,2024-03-01,social,05962060,1000,10,1,50",
            "ags",
        ),
        (
            "campaigns",
            "campaign_id,name,target_group,start_date,Ende,budget_eur",
            "k1,K,familien,2024-03-01,2024-06-30,100",
            "end_date",
        ),
    ],
)
def test_a_misnamed_optional_column_is_refused_with_the_right_name(
    kind, header, row, column, warehouse, tmp_path, capsys
):
    path = tmp_path / f"{kind}-falsch.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    _refused(warehouse, kind, path, capsys, "Zeile 1", f"„{column}“")


def test_unknown_columns_are_named_in_the_report(warehouse, tmp_path, capsys):
    path = tmp_path / "taschen.csv"
    path.write_text("ags,month,handed_out,bemerkung\n05962060,2024-01-01,3,Stand Januar\n", encoding="utf-8")
    assert main(["--db", str(warehouse), "import", "welcome-bags", str(path)]) == 0
    assert "Nicht verwendete Spalte(n): bemerkung" in capsys.readouterr().out


# ---------- official tables


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (";      Arnsberg;75687;", ";      Arnsberg;75687,5;", "ganze Zahl"),
        (";      Arnsberg;75687;", ";      Arnsberg;-75687;", "ganze Zahl"),
        (";      Arnsberg;75687;", ";      Arnsberg;99999999999;", "zwischen 0 und 2.000.000"),
        (";;30.06.2019;30.06.2019;30.06.2019;", ";;30.06.1800;30.06.1800;30.06.1800;", "Jahr zwischen 1950"),
        (";;30.06.2019;30.06.2019;30.06.2019;", ";;30.06.2999;30.06.2999;30.06.2999;", "Jahr zwischen 1950"),
    ],
)
@pytest.mark.parametrize("kind", ["genesis", "population"])
def test_implausible_official_figures_are_refused_with_their_cell(
    kind, old, new, fragment, warehouse, tmp_path, capsys
):
    text = HALF_YEAR.read_bytes().decode("cp1252")
    assert old in text
    path = tmp_path / "12411-kaputt.csv"
    path.write_bytes(text.replace(old, new).encode("cp1252"))
    message = _refused(warehouse, kind, path, capsys, fragment)
    assert "Zeile " in message and "Spalte " in message


# ---------- boundaries


def _towns() -> gpd.GeoDataFrame:
    return gpd.read_file(GEO)


def _write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    frame.to_file(path, driver="GeoJSON")
    return path


@pytest.mark.parametrize(
    ("problem", "fragment", "extra"),
    [
        ("points", "Flächen (Polygon oder MultiPolygon)", ()),
        ("swapped", "vertauscht", ()),
        ("south_america", "Flächen in Deutschland", ()),
        ("metres_as_degrees", "EPSG:25832", ("--crs", "EPSG:4326")),
        ("no_geometry", "alle Geometrien leer", ()),
        ("town_as_district", "Fläche von etwa", ()),
    ],
)
def test_boundaries_that_cannot_be_right(problem, fragment, extra, warehouse, tmp_path, capsys):
    towns = _towns()
    if problem == "points":
        towns = towns.assign(geometry=towns.geometry.representative_point())
    elif problem == "swapped":
        towns = towns.assign(geometry=shapely.transform(towns.geometry.values, lambda xy: xy[:, ::-1]))
    elif problem == "south_america":
        towns = towns.assign(geometry=towns.geometry.translate(-66, -66))
    elif problem == "metres_as_degrees":
        towns = towns.to_crs("EPSG:25832").set_crs(None, allow_override=True)
    elif problem == "no_geometry":
        towns = towns.assign(geometry=None)
    elif problem == "town_as_district":
        towns = towns.assign(geometry=towns.geometry.scale(4, 4))  # a town drawn four times its size
    path = _write_geojson(gpd.GeoDataFrame(towns, geometry="geometry"), tmp_path / f"grenzen-{problem}.geojson")
    _refused(warehouse, "boundaries", path, capsys, fragment, extra=extra)


def test_a_ring_that_is_not_closed(warehouse, tmp_path, capsys):
    path = tmp_path / "offen.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"ags": "05962060"}, "geometry": {"type": "Polygon", "coordinates": '
        "[[[7.6, 51.2], [7.7, 51.2], [7.7, 51.3], [7.6, 51.3]]]}}]}",
        encoding="utf-8",
    )
    _refused(warehouse, "boundaries", path, capsys, "nicht geschlossene Ringe")


def test_an_unreadable_zip_of_boundaries(warehouse, tmp_path, capsys):
    path = tmp_path / "vg250.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("liesmich.txt", "keine Geodaten")
    _refused(warehouse, "boundaries", path, capsys, "ZIP mit Shapefile")
