"""Messages in the reader's language, months in words, numbers from the Explorer as numbers, the
kind of a file from its header, and the sparkline's text alternative."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.charts import sparkline
from dashboard.charts.theme import month_axis
from dashboard.i18n.format import period_label
from dashboard.ingest.errors import ImportRefused, Problem, Text
from dashboard.ingest.journal import ImportResult
from dashboard.service.data_care import fits, looks_like
from dashboard.service.explorer import display_decimals, run_query
from dashboard.warehouse.sandbox import plain_numbers

TEMPLATES = Path(__file__).parents[1] / "data" / "templates"
GENESIS_FIXTURE = Path(__file__).parent / "data" / "genesis" / "12711-91-01-5_ars_crlf.csv"


def test_a_refusal_counts_in_words_and_groups_by_column():
    problems = [
        Problem(3, "persons", "x", "eine ganze Zahl"),
        Problem(2, "month", "2024-13", "ein Monat"),
        Problem(4, "persons", "-1", Text("import_problem.towns", {"towns": 2})),
        Problem(2, "persons", "y", "eine ganze Zahl"),
    ]
    refusal = ImportRefused("f.csv", problems)
    german = refusal.message("de").splitlines()
    assert german[0] == "Import abgelehnt (4 Probleme); der Datenbestand ist unverändert."
    # grouped by column, each group in line order
    assert [line.split(":")[0] for line in german[1:]] == [
        "f.csv, Zeile 2, Spalte month",
        "f.csv, Zeile 2, Spalte persons",
        "f.csv, Zeile 3, Spalte persons",
        "f.csv, Zeile 4, Spalte persons",
    ]
    english = refusal.message("en").splitlines()
    assert english[0] == "Import refused (4 problems); the stored data are unchanged."
    assert english[1].startswith("f.csv, line 2, column month: '2024-13' – expected")
    assert english[-1].endswith("expected 2 municipalities")  # a keyed message follows the language
    one = ImportRefused("f.csv", problems[:1]).message("de")
    assert one.startswith("Import abgelehnt (1 Problem);") and "Problem(e)" not in one


def test_an_import_summary_writes_months_in_words_in_either_language():
    result = ImportResult("registrations", "r.csv", "ok", 12345, 6, ("2024-03", "2025-12"), 59)
    assert (
        result.summary("de")
        == "r.csv: 12.345 Zeilen importiert (6 ersetzt), Zeitraum März 2024 bis Dez. 2025, 59 Kommunen."
    )
    assert (
        result.summary("en")
        == "r.csv: 12,345 rows imported (6 replaced), period Mar 2024 to Dec 2025, 59 municipalities."
    )


@pytest.mark.parametrize(
    ("stored", "german", "english"),
    [("2024", "2024", "2024"), ("2025-12", "Dez. 2025", "Dec 2025"), ("2024-03-05", "05.03.2024", "05 Mar 2024")],
)
def test_a_stored_period_as_people_read_it(stored, german, english):
    assert period_label(stored, "de") == german and period_label(stored, "en") == english


def test_a_month_axis_is_labelled_in_words_with_at_most_eight_ticks():
    eight_years = [d.strftime("%Y-%m-%d") for d in pd.date_range("2018-01-01", "2025-12-01", freq="MS")]
    axis = month_axis(eight_years, "de")
    assert axis["ticktext"][:2] == ["Jan. 2018", "Jan. 2019"] and len(axis["ticktext"]) <= 8
    one_year = [d.strftime("%Y-%m-%d") for d in pd.date_range("2023-04-01", "2024-03-01", freq="MS")]
    assert month_axis(one_year, "de")["ticktext"] == ["Apr. 2023", "Juli 2023", "Okt. 2023", "Jan. 2024"]
    assert month_axis(one_year, "en")["ticktext"][1] == "Jul 2023"
    assert axis["tickvals"][0] == "2018-01-01" and axis["type"] == "date"


def test_explorer_sums_are_numbers_and_shown_with_the_decimals_they_need(demo_warehouse):
    result = run_query(
        demo_warehouse,
        "select sum(persons) as persons, avg(persons) as mean, "
        "1.25::decimal(10, 2) as share, 'x' as text from registration",
    )
    frame = result.frame
    assert pd.api.types.is_integer_dtype(frame["persons"]) and frame["persons"].iloc[0] > 0
    assert frame["share"].dtype == "float64" and frame["share"].iloc[0] == 1.25
    assert display_decimals(frame) == {"persons": 0, "mean": 4, "share": 2}
    assert result.all_rows()["persons"].dtype == frame["persons"].dtype


def test_plain_numbers_keeps_gaps_and_leaves_text_alone():
    import decimal

    frame = pd.DataFrame({"a": [decimal.Decimal(3), None], "b": ["x", "y"], "c": [decimal.Decimal("0.5"), None]})
    plain = plain_numbers(frame)
    assert plain["a"].dtype == "Int64" and pd.isna(plain["a"].iloc[1])
    assert plain["b"].tolist() == ["x", "y"] and plain["c"].dtype == "float64"


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.csv")))
def test_every_template_is_recognised_from_its_header(template):
    assert looks_like((TEMPLATES / template).read_bytes(), template) == template.removesuffix(".csv")


def test_official_tables_boundaries_and_strangers_are_told_apart():
    assert looks_like(GENESIS_FIXTURE.read_bytes(), GENESIS_FIXTURE.name) == "genesis"
    assert looks_like(b"{}", "grenzen.geojson") == "boundaries"
    assert looks_like("Name;Straße;Ort\nA;B;C\n".encode("cp1252"), "adressen.csv") is None
    assert looks_like(b"\x00\x01garbage", "kaputt.xlsx") is None
    assert fits("boundaries", "g.gpkg") and not fits("genesis", "g.gpkg") and fits("registrations", "r.parquet")


def test_a_sparkline_says_what_it_shows():
    picture = sparkline.svg([1.0, float("nan"), 3.0, 2.0], "Verlauf je Jahr, 2023: 1 · 2025: 3 <&>")
    assert picture.startswith('<svg role="img" aria-label="Verlauf je Jahr, 2023: 1 · 2025: 3 &lt;&amp;&gt;"')
    assert "<title>" in picture and picture.count("<polyline") == 2  # the gap stays a gap
    assert sparkline.svg([1.0], "x") == ""


def test_sandbox_refusals_follow_the_language_and_name_what_was_written(demo_warehouse):
    from dashboard.service.explorer import SandboxRefused

    with pytest.raises(SandboxRefused) as install:
        run_query(demo_warehouse, "INSTALL httpfs")
    assert install.value.message("en").startswith("INSTALL statements are not allowed in the Explorer.")
    assert str(install.value).startswith("INSTALL-Anweisungen sind im Explorer nicht erlaubt.")  # CLI: German
    with pytest.raises(SandboxRefused) as unknown:
        run_query(demo_warehouse, "select {'a': 1} as x from nowhere")
    english = unknown.value.message("en")
    assert english.startswith("DuckDB reports an error in the query (its own message): Catalog Error")
    assert "msg:" not in english and "msg:" not in unknown.value.message("de")


def test_an_encoded_message_survives_braces_and_stays_plain_text_elsewhere():
    from dashboard.i18n.messages import encode, render

    text = encode("sandbox.unreadable", error="syntax error at or near '{'") + " Rest"
    assert render(text, "en") == "SQL not readable: syntax error at or near '{' Rest"
    assert render("msg: no key here", "de") == "msg: no key here"


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "shown"),
    [
        (0, 0, "de", "±0"),
        (-0.04, 1, "de", "±0,0"),
        (0.05, 1, "de", "+0,1"),
        (-1234.5, 1, "de", "−1.234,5"),
        (1234, 0, "en", "+1,234"),
        (0.0, 2, "en", "±0.00"),
    ],
)
def test_a_signed_number_says_gain_or_loss_and_zero_is_neither(value, decimals, lang, shown):
    from dashboard.i18n.format import number

    assert number(value, lang, decimals, sign=True) == shown
