"""A warehouse of official tables only (`init --no-demo` plus GENESIS exports): every page shows
the file's figures (no '–' where the file has a number), the target-group saldos of the region
and of a district equal the file, captions state the official definition and the missing town,
no demo wording appears, and the exports carry the same figures. A mixed warehouse (official
migration, demo population) marks every rate as resting on demo population, in the app and in
the exports."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.exports import deck, workbook
from dashboard.i18n.format import number
from dashboard.service.reference import load_reference
from tests.conftest import SECRET_TOWN, SECRET_YEAR
from tests.pages.conftest import APP, PAGES, figures, open_tab

PERIOD = (2016, 2018)  # the default: the latest three years of data
MK = "05962"  # Märkischer Kreis, where Altena's out-migration of 2016 is secret


def _open(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")
        for e in getattr(at, kind)
    ]
    return " ".join(str(p) for p in parts) + " " + " ".join(f"{m.label} {m.value}" for m in at.metric)


def _known(truth: pd.DataFrame, years: tuple[int, int], towns: set[str] | None = None) -> pd.DataFrame:
    """In, out and net per town-year of the file; out (and net) unknown for the secret town-year."""
    rows = truth[truth["year"].between(*years)]
    if towns is not None:
        rows = rows[rows["ags"].isin(towns)]
    table = rows.pivot_table(index=["ags", "year"], columns="direction", values="persons", aggfunc="sum")
    if (SECRET_TOWN, SECRET_YEAR) in table.index:
        table.loc[(SECRET_TOWN, SECRET_YEAR), "out"] = float("nan")
    return table


def _group_net(truth: pd.DataFrame, ages: list[str], years, towns=None) -> dict[int, int]:
    rows = truth[truth["age_group"].isin(ages)]
    table = _known(rows, years, towns).dropna()
    return {int(y): int(v) for y, v in (table["in"] - table["out"]).groupby(level="year").sum().items()}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).stem)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_runs_without_any_demo_wording(official_warehouse, page, lang):
    at = _open(page, lang=lang)
    texts = _texts(at).lower()
    for word in ("demo", "synthet"):
        assert word not in texts, (page, word)


def test_zuzug_shows_the_files_figures_with_the_official_definition(official_warehouse, truth):
    at = _open("views/inflow.py")
    table = _known(truth, PERIOD)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Zuzüge"] == number(table["in"].sum())
    assert shown["Fortzüge"] == number(table["out"].sum())  # the known part, without Altena 2016
    assert shown["Wanderungssaldo"] == number((table["in"] - table["out"]).dropna().sum(), sign=True)
    captions = _texts(at)
    assert "Ohne Altena (Fortzüge: Wert geheim)" in captions
    assert "2016–2018: amtliche Jahreswerte einschließlich Umzügen zwischen den Kommunen der Auswahl" in captions
    monthly = _texts(_open("views/inflow.py", verlauf="monat"))
    assert "keine Monatswerte" in monthly  # an empty state, not an empty chart
    assert "Monatsansicht: 2016–2018 liegen für 59 Kommunen nur als amtliche Jahreswerte vor" in monthly
    assert "© Statistische Ämter des Bundes und der Länder" in captions
    at = open_tab(at, "ranking")
    ranking = at.dataframe[0].value
    assert len(ranking) == 58 and "Altena" not in set(ranking.iloc[:, 0])  # listed apart
    assert "Nicht im Ranking, weil ihr Wert fehlt: Altena (Wert geheim)" in _texts(at)


def _traces(at: AppTest, title: str) -> dict[str, dict]:
    for spec in figures(at):
        if spec.get("layout", {}).get("title", {}).get("text", "") == title:
            return {trace.get("name", ""): trace for trace in spec["data"]}
    raise AssertionError(f"no chart titled {title}")


@pytest.mark.parametrize("districts", [None, MK])
def test_target_group_saldos_of_the_region_and_a_district_equal_the_file(official_warehouse, truth, districts):
    params = {"kreise": districts} if districts else {}
    at = open_tab(_open("views/inflow.py", **params), "gruppen")
    towns = {a for a in truth["ags"].unique() if a.startswith(districts)} if districts else None
    traces = _traces(at, "Saldo")
    labels = {
        "0-17": "Familienwanderer (unter 18)",
        "18-24": "Bildungswanderer (18–24)",
        "65+": "Ruhestandswanderer (65+)",
    }
    for age, label in labels.items():
        expected = _group_net(truth, [age], PERIOD, towns)
        assert dict(zip(traces[label]["x"], traces[label]["y"], strict=True)) == expected, label


def test_overview_cards_show_the_files_target_groups_and_no_bare_dash(official_warehouse, truth):
    at = _open()
    shown = {m.label: m.value for m in at.metric}
    families = sum(_group_net(truth, ["0-17"], PERIOD).values())
    education = sum(_group_net(truth, ["18-24"], PERIOD).values())
    assert shown["Saldo Familienwanderer"] == number(families, sign=True)
    assert shown["Saldo Bildungswanderer"] == number(education, sign=True)
    assert shown["Zuzüge"] == number(_known(truth, PERIOD)["in"].sum())
    texts = _texts(at)
    assert "Ohne Altena (Saldo: Wert geheim)" in texts
    # the cards without data say which import fills them instead of a bare dash
    assert "campaign-activity" in texts and "welcome-bags" in texts


def test_profile_shows_official_population_and_target_groups(official_warehouse, truth, population_truth):
    at = _open("views/profile.py", kommune="05962060")
    shown = {m.label: m.value for m in at.metric}
    werdohl = population_truth[
        (population_truth["ags"] == "05962060") & (population_truth["reference_date"] == "31.12.2018")
    ]["persons"].iloc[0]
    assert shown["Einwohner"] == number(werdohl)
    texts = _texts(at)
    assert "(31.12.2018, amtlich)" in texts
    traces = _traces(open_tab(at, "entwicklung"), "Saldo nach Zielgruppe")
    net = traces[next(iter(traces))]
    expected = {age: _group_net(truth, [age], PERIOD, {"05962060"}) for age in ["0-17", "18-24"]}
    values = dict(zip(net["y"], net["x"], strict=True))
    assert values["Familienwanderer (unter 18)"] == sum(expected["0-17"].values())
    assert values["Bildungswanderer (18–24)"] == sum(expected["18-24"].values())


def test_exports_carry_the_same_figures(official_warehouse, truth):
    reference = load_reference(official_warehouse)
    data = deck.deck_data(official_warehouse, reference, *PERIOD)
    book = pd.read_excel(io.BytesIO(workbook.xlsx_bytes(data, "de")), sheet_name=None, dtype={"AGS": str})
    groups = book["Zielgruppe"]
    families = groups[groups["Zielgruppe"] == "Familienwanderer (unter 18)"].set_index("Jahr")["Wanderungssaldo"]
    assert families.to_dict() == _group_net(truth, ["0-17"], PERIOD)
    towns = book["Kommune"].set_index("AGS")
    werdohl = _known(truth, PERIOD, {"05962060"})
    assert towns.loc["05962060", "Zuzüge"] == werdohl["in"].sum()
    assert towns.loc[SECRET_TOWN, "Hinweis"] == "Fortzüge: Wert geheim"
    notes_text = " ".join(book["Hinweise"].iloc[:, 0].astype(str))
    assert "amtlich" in notes_text and "demo" not in notes_text.lower()
    slides = deck.slides(data, "de")
    assert all("demo" not in slide.notes.lower() for slide in slides)
    assert any("Ohne Altena" in slide.notes for slide in slides)


def test_a_mixed_warehouse_marks_every_rate_as_resting_on_demo_population(mixed_warehouse):
    at = _open("views/inflow.py", jahre="2016-2017")
    assert "Raten je 1.000 Einwohner beruhen auf synthetischen Demo-Einwohnerzahlen" in _texts(at)
    assert "Teils Demodaten" in _texts(at)
    profile = _open("views/profile.py", jahre="2016-2017", kommune="05962060")
    assert "synthetische Demozahl" in _texts(profile)  # the population itself
    assert "Demo-Einwohnerzahlen" in _texts(profile)
    reference = load_reference(mixed_warehouse)
    data = deck.deck_data(mixed_warehouse, reference, 2016, 2017)
    book = pd.read_excel(io.BytesIO(workbook.xlsx_bytes(data, "de")), sheet_name="Hinweise")
    assert "Demo-Einwohnerzahlen" in " ".join(book.iloc[:, 0].astype(str))
    assert all("Demo-Einwohnerzahlen" in slide.notes for slide in deck.slides(data, "de"))
