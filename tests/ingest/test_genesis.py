"""Official GENESIS exports, classic and flat, hand-written after the documented layouts and the
real excerpts in ../shared/formats: the right numbers per town, year, sex and age group, markers
kept as missing, other regions skipped, and the warehouse unchanged whenever a file is refused."""

from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.ingest import genesis
from dashboard.ingest.errors import ImportRefused
from dashboard.ingest.load import import_file
from dashboard.service.inflow import inflow_data
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection
from dashboard.warehouse.connection import reader, writer
from tests.conftest import checksums

FIXTURES = Path(__file__).parents[1] / "data" / "genesis"
CLASSIC_2015 = FIXTURES / "12711-01-03-5_gemeinden_2015_cp1252.csv"
CLASSIC_ARS = FIXTURES / "12711-91-01-5_ars_crlf.csv"
FLAT = FIXTURES / "12711_ffcsv_gemeinden_2021.csv"
POPULATION = FIXTURES / "12411-15i_bevoelkerung_latin1.csv"
ORIGINS = FIXTURES / "12711-73d_herkunft_ldbnrw.csv"


def _rows(db: Path, sql: str, **params):
    with reader(db) as con:
        return con.execute(sql, params).fetchall()


def _official(db, ags, year, direction, age="total", sex="total", origin="total"):
    found = _rows(
        db,
        "select persons, marker from registration_year where ags = $a and year = $y and "
        "direction = $d and age_group = $g and sex = $s and origin = $o",
        a=ags,
        y=year,
        d=direction,
        g=age,
        s=sex,
        o=origin,
    )
    return found[0] if found else None


def _import(db: Path, path: Path, kind: str = "genesis") -> int:
    return main(["--db", str(db), "import", kind, str(path)])


def test_classic_table_by_sex_and_age_groups(demo_warehouse):
    assert _import(demo_warehouse, CLASSIC_2015) == 0
    assert _official(demo_warehouse, "05962060", 2015, "in", "18-24", "m") == (60, None)
    assert _official(demo_warehouse, "05962060", 2015, "in", "18-24", "f") == (55, None)
    assert _official(demo_warehouse, "05962060", 2015, "out", "65+", "total") == (17, None)
    assert _official(demo_warehouse, "05962060", 2015, "in") == (
        40 + 60 + 30 + 70 + 20 + 10 + 38 + 55 + 33 + 64 + 18 + 12,
        None,
    )
    assert _official(demo_warehouse, "05962024", 2015, "in", "0-17") == (1200, None)  # Hemer
    # district, state and Germany rows and a town outside the region are not stored
    assert _rows(demo_warehouse, "select count(distinct ags) from registration_year")[0][0] == 2
    log = _rows(
        demo_warehouse, "select table_code, copyright, message from import_log order by import_id desc limit 1"
    )[0]
    assert log[0] == "12711-01-03-5" and log[1].startswith("© Statistische Ämter des Bundes und der Länder")
    assert "4 Zeilen anderer Gebiete" in log[2]


def test_current_dialect_with_ars_thousands_and_markers(demo_warehouse):
    assert _import(demo_warehouse, CLASSIC_ARS) == 0
    assert _official(demo_warehouse, "05962060", 2022, "in") == (1234, None)  # "1.234", ARS 059620060060
    assert _official(demo_warehouse, "05962060", 2022, "out") == (1101, None)
    assert _official(demo_warehouse, "05962060", 2023, "out") == (None, ".")  # secret: missing, not 0
    assert _official(demo_warehouse, "05958004", 2023, "in") == (0, "-")  # "-" is exactly nothing
    assert _official(demo_warehouse, "05958004", 2023, "out") == (None, "x")
    reference = load_reference(demo_warehouse)
    yearly = inflow_data(demo_warehouse, reference, Selection(2022, 2023, towns=("05962060",))).yearly
    assert yearly.loc[yearly["year"] == 2022, "inflow"].iloc[0] == 1234
    assert yearly.loc[yearly["year"] == 2023, "outflow"].isna().all()  # unknown stays unknown


def test_flat_file_with_codes_and_a_bom(demo_warehouse):
    assert _import(demo_warehouse, FLAT) == 0
    assert _official(demo_warehouse, "05974040", 2021, "in") == (3100, None)
    assert _official(demo_warehouse, "05974040", 2021, "in", "18-24", "f") == (210, None)
    assert _official(demo_warehouse, "05974040", 2021, "in", "0-17", "m") == (None, "/")
    assert _official(demo_warehouse, "05966024", 2021, "out") == (1410, None)


def test_origins_that_nest_are_kept_and_the_others_reported(demo_warehouse, capsys):
    assert _import(demo_warehouse, ORIGINS) == 0
    assert _official(demo_warehouse, "05970040", 2024, "in") == (6400, None)  # Siegen
    assert _official(demo_warehouse, "05970040", 2024, "in", origin="de") == (1800, None)
    assert _official(demo_warehouse, "05970040", 2024, "out", origin="abroad") == (700, None)
    assert (
        _rows(demo_warehouse, "select count(*) from registration_year where origin not in ('total', 'de', 'abroad')")[
            0
        ][0]
        == 0
    )
    assert "Kreisgrenzen" in capsys.readouterr().out  # named as not taken
    yearly = inflow_data(
        demo_warehouse, load_reference(demo_warehouse), Selection(2024, 2024, towns=("05970040",))
    ).yearly
    assert yearly["inflow"].iloc[0] == 6400  # the total, not total + origins


def test_population_table_through_the_population_kind(demo_warehouse):
    assert _import(demo_warehouse, POPULATION, "population") == 0
    persons = _rows(
        demo_warehouse, "select persons, is_estimate from population where ags = '05962060' and year = 2024"
    )
    assert persons == [(17512, False)]  # the density column beside it is not taken


def test_official_figures_replace_the_demo_months_of_their_town_years(demo_warehouse):
    count = "select count(*) from registration where ags = $a and year(month) = $y"
    assert _rows(demo_warehouse, count, a="05962060", y=2015)[0][0] > 0
    assert _import(demo_warehouse, CLASSIC_2015) == 0
    assert _rows(demo_warehouse, count, a="05962060", y=2015)[0][0] == 0
    assert _rows(demo_warehouse, count, a="05962060", y=2016)[0][0] > 0  # other years stay
    reference = load_reference(demo_warehouse)
    assert "registration_year" in reference.official_data_sets()
    summary = inflow_data(demo_warehouse, reference, Selection(2015, 2015, towns=("05962060",))).summary
    assert summary.inflow == _official(demo_warehouse, "05962060", 2015, "in")[0]


def test_the_same_delivery_twice_adds_nothing(demo_warehouse):
    assert _import(demo_warehouse, CLASSIC_2015) == 0
    before = checksums(demo_warehouse)
    assert _import(demo_warehouse, CLASSIC_2015) == 0
    assert checksums(demo_warehouse) == before


@pytest.mark.parametrize("damage", ["cut_in_the_middle", "utf16", "not_genesis", "bad_number"])
def test_a_damaged_file_is_refused_and_changes_nothing(demo_warehouse, tmp_path, capsys, damage):
    data = CLASSIC_2015.read_bytes()
    broken = {
        "cut_in_the_middle": data[: len(data) // 2],
        "utf16": CLASSIC_2015.read_text(encoding="cp1252").encode("utf-16"),
        "not_genesis": b"ags;jahr;zuzuege\n05962060;2015;12\n",
        "bad_number": data.replace(b"05962060;        Werdohl;78;", b"05962060;        Werdohl;7x8;"),
    }[damage]
    path = tmp_path / f"{damage}.csv"
    path.write_bytes(broken)
    before = checksums(demo_warehouse)
    assert _import(demo_warehouse, path) == 2
    message = capsys.readouterr().err
    assert path.name in message and "unverändert" in message
    if damage == "bad_number":
        assert "Zeile 16" in message and "'7x8'" in message
    assert checksums(demo_warehouse) == before


def test_an_import_that_fails_inside_the_transaction_leaves_everything_as_it_was(demo_warehouse, monkeypatch):
    from dashboard.ingest import load

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash after the first table was written")

    monkeypatch.setattr(load, "_clear_demo_months", crash)
    before = checksums(demo_warehouse)
    with writer(demo_warehouse) as con, pytest.raises(ImportRefused):
        import_file(con, CLASSIC_2015, "genesis")
    assert checksums(demo_warehouse) == before


def test_real_excerpts_import_or_are_refused_with_the_real_reason(samples_dir, demo_warehouse):
    """Every real export excerpt either imports (population tables with a town of the region) or
    is refused with why: no town of the region, or a statistic that is neither migration nor
    population (Mikrozensus, child care, social security)."""
    excerpts = sorted((samples_dir / "formats").glob("*.csv"))
    assert len(excerpts) >= 10
    known = frozenset(a for (a,) in _rows(demo_warehouse, "select ags from municipality"))
    outcomes = {}
    for path in excerpts:
        before = checksums(demo_warehouse)
        kind = "population" if "12411" in path.name or "1000A" in path.name else "genesis"
        try:
            table = genesis.parse(path.read_bytes(), path.name, known)
            assert table.table_code and table.layout in ("classic", "ffcsv")
            with writer(demo_warehouse) as con:
                result = import_file(con, path, kind)
            outcomes[path.name] = result.towns
        except ImportRefused as refusal:
            message = refusal.message()
            assert "59 Kommunen" in message or "keine davon" in message, message
            if "keine davon" in message:
                assert any(p.line for p in refusal.problems), message  # the header line that says so
            outcomes[path.name] = "refused"
            assert checksums(demo_warehouse) == before
    assert outcomes["ldbnrw_classic_12411-15i.csv"] == 0 or outcomes["ldbnrw_classic_12411-15i.csv"] == "refused"
    assert outcomes["genesis_ffcsv_12211-0001_de.csv"] == "refused"  # Mikrozensus: not a population count


def test_real_excerpt_values_are_read_as_published(samples_dir):
    path = samples_dir / "formats" / "ldbnrw_classic_12411-15i.csv"
    table = genesis.parse(path.read_bytes(), path.name, frozenset({"05154004"}))
    assert table.table_code == "12411-15i" and table.copyright.startswith("© IT.NRW")
    assert table.population.set_index("ags").loc["05154004", "persons"] == 13599
    assert str(table.population["reference_date"].iloc[0]) == "2024-12-31"
    markers = samples_dir / "formats" / "ldbnrw_classic_22542-06i_markers_x.csv"
    with pytest.raises(ImportRefused, match="keine davon"):  # child care, not migration or population
        genesis.parse(markers.read_bytes(), markers.name, frozenset())
    census = samples_dir / "formats" / "zensus_ffcsv_1000A-2022_de_quality_on.csv"
    parsed = genesis.parse(census.read_bytes(), census.name, frozenset())  # only Germany and states
    assert parsed.population.empty and parsed.other_regions > 0


def test_region_codes_and_values():
    assert genesis.ags_of("059620060060") == "05962060"
    assert genesis.ags_of("05962060") == "05962060"
    assert genesis.ags_of("05962") is None and genesis.ags_of("DG") is None
    assert genesis.value_of("1.234") == (1234.0, None)
    assert genesis.value_of("34112,44") == (34112.44, None)
    assert genesis.value_of("-") == (0.0, "-")
    assert genesis.value_of("...") == (None, "...")
    with pytest.raises(ValueError):
        genesis.value_of("abc")
