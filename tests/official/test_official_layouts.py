"""Official exports in every common layout import cell for cell: migration in the older and the
current Tabellen-CSV and the flat file, population with several reference dates across the columns
(31.12. and 30.06.), the Zensus 2022 database's flat file and the template; markers stay missing;
a layout that is not understood is refused with the real reason and its place."""

from __future__ import annotations

import pytest

from dashboard.cli import main
from dashboard.warehouse.connection import reader
from tests.conftest import OFFICIAL, SECRET_TOWN, SECRET_YEAR, checksums


def _rows(db, sql, **params):
    with reader(db) as con:
        return con.execute(sql, params).fetch_df()


def test_every_migration_cell_equals_the_file(official_master, truth):
    stored = _rows(
        official_master,
        "select ags, year, direction, sex, age_group, persons, marker from registration_year where origin = 'total'",
    )
    bands = stored[(stored["sex"] != "total") & (stored["age_group"] != "total")]
    merged = truth.merge(
        bands, on=["ags", "year", "direction", "sex", "age_group"], how="left", suffixes=("_file", "_stored")
    )
    assert len(merged) == len(truth) and merged["persons_stored"].notna().sum() == len(truth) - 12 - 1
    known = merged.dropna(subset=["persons_stored"])
    assert (known["persons_file"] == known["persons_stored"]).all()
    # the totals of each town-year equal the file's sum as well
    totals = stored[(stored["sex"] == "total") & (stored["age_group"] == "total")].set_index(
        ["ags", "year", "direction"]
    )
    expected = truth.groupby(["ags", "year", "direction"])["persons"].sum()
    both = totals.join(expected.rename("file"), how="inner")
    assert len(both) == 59 * 4 * 2
    assert (both.dropna(subset=["persons"])["persons"] == both.dropna(subset=["persons"])["file"]).all()


def test_markers_stay_missing_with_their_reason(official_master):
    secret = _rows(
        official_master,
        "select count(*) as n, bool_and(persons is null) as unknown, any_value(marker) as m "
        "from registration_year where ags = $a and year = $y and direction = 'out'",
        a=SECRET_TOWN,
        y=SECRET_YEAR,
    ).iloc[0]
    assert secret["n"] == 21 and secret["unknown"] and secret["m"] == "."
    unsure = _rows(
        official_master,
        "select persons, marker from registration_year where ags = '05966028' and "
        "year = 2018 and direction = 'in' and sex = 'm' and age_group = '0-17'",
    ).iloc[0]
    assert unsure["marker"] == "/" and unsure["persons"] is None or str(unsure["persons"]) == "<NA>"


def test_population_over_reference_dates_in_the_columns_and_the_census(official_master, population_truth):
    stored = _rows(
        official_master, "select ags, strftime(reference_date, '%d.%m.%Y') as reference_date, persons from population"
    )
    merged = population_truth.merge(stored, on=["ags", "reference_date"], suffixes=("_file", "_stored"))
    assert len(merged) == len(population_truth) == 59 * 7
    assert (merged["persons_file"] == merged["persons_stored"]).all()
    census = _rows(
        official_master,
        "select count(*) as n, sum(persons) as persons from population where reference_date = '2022-05-15'",
    ).iloc[0]
    assert census["n"] == 59 and census["persons"] == 1_374_515  # the flat file's totals, not its age rows


def test_the_template_takes_a_reference_date(empty_warehouse, tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text(
        "ags,year,reference_date,persons\n05962060,2023,30.06.2023,17801\n05962060,2023,,17790\n", encoding="utf-8"
    )
    assert main(["--db", str(empty_warehouse), "import", "population", str(path)]) == 0
    stored = _rows(
        empty_warehouse,
        "select reference_date::varchar as d, persons from population where ags = '05962060' order by d",
    )
    assert stored.values.tolist() == [["2022-05-15", 17854], ["2023-06-30", 17801], ["2023-12-31", 17790]]


@pytest.mark.parametrize(
    ("text", "where", "why"),
    [
        # the usual multi-year layout without its row of reference dates: no time anywhere
        (
            (
                "Tabelle: 12411-01-01-5\nBevölkerung;;\n;;Insgesamt\n;;Anzahl\nDG;Deutschland;1000\n"
                "05962060;Werdohl;17512\n"
                "__________\n© IT.NRW\n"
            ),
            "Zeile 5, Spalte A: 'DG'",
            "Stichtag",
        ),
        # a classic table of another statistic
        (
            (
                "Tabelle: 22542-06i\nKinder;;\n;;;Betreute Kinder\n;;;Anzahl\n2024;05962060;Werdohl;12\n"
                "__________\n© IT.NRW\n"
            ),
            "Zeile 3",
            "keine davon",
        ),
        # a flat file whose values are neither migration nor population
        (
            (
                "statistics_code;time;1_variable_code;1_variable_attribute_code;value;value_unit;value_variable_code;"
                "value_variable_label\n12211;2024;GEMEIN;05962060;17;1000;ERW041;Erwerbstätige\n"
            ),
            ("Zeile 2, Spalte value_variable_code"),
            "keine davon",
        ),
    ],
)
def test_a_layout_that_is_not_understood_is_refused_with_its_reason_and_place(
    empty_warehouse, tmp_path, capsys, text, where, why
):
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    before = checksums(empty_warehouse)
    assert main(["--db", str(empty_warehouse), "import", "population", str(path)]) == 2
    message = capsys.readouterr().err
    assert where in message and why in message, message
    assert checksums(empty_warehouse) == before


def test_official_files_are_logged_as_official(official_master):
    logged = _rows(
        official_master,
        "select file_name, table_code, is_official, is_demo from import_log where status = 'ok' order by import_id",
    )
    assert logged["is_official"].all() and not logged["is_demo"].any()
    assert set(logged["file_name"]) >= {p.name for p in OFFICIAL.glob("12*.csv")}
