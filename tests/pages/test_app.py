"""Every page runs for the default view, for a link with filters and in English, and shows the
KPI layer's figures."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n.format import number
from dashboard.service.inflow import inflow_data
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection
from tests.pages.conftest import APP, PAGES, open_tab, tab_codes, visit_every_tab

TIMEOUT = 120


def run(path: str = APP, **params) -> AppTest:
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def zuzug(**params) -> AppTest:
    """The app opened on the Zuzug page (the start page is the Überblick)."""
    at = run(**params)
    at.switch_page("views/inflow.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected(db: Path, selection: Selection, lang: str = "de") -> dict[str, str]:
    data = inflow_data(db, load_reference(db), selection)
    return {
        "inflow": number(data.summary.inflow, lang),
        "outflow": number(data.summary.outflow, lang),
        "net": number(data.summary.net, lang, sign=True),
    }


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).stem)
def test_every_page_runs_on_its_own(page):
    run(page)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).stem)
def test_every_page_runs_in_english_with_filters(page):
    run(page, lang="en", jahre="2019-2021", kreise="05966")


@pytest.mark.parametrize("page", [p for p in PAGES if tab_codes(p)], ids=lambda p: Path(p).stem)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_tab_of_every_page_opens_without_an_error(page, lang):
    at = run(lang=lang)
    at.switch_page(page).run()
    assert visit_every_tab(at, page)


def test_default_view_shows_the_kpi_layers_figures_and_the_demo_badge(warehouse_for_app):
    at = zuzug()
    shown = metrics(at)
    want = expected(warehouse_for_app, Selection(2023, 2025))
    assert shown == {"Zuzüge": want["inflow"], "Fortzüge": want["outflow"], "Wanderungssaldo": want["net"]}
    texts = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "Demodaten – synthetisch" in texts
    assert "Zu- und Fortzüge" in texts and "Einwohner" in texts  # names the demo data sets


def test_link_with_filters_reproduces_the_view(warehouse_for_app):
    at = zuzug(jahre="2019-2021", kreise="05966", zielgruppen="familien")
    want = expected(warehouse_for_app, Selection(2019, 2021, districts=("Kreis Olpe",), target_groups=("familien",)))
    assert metrics(at)["Zuzüge"] == want["inflow"]
    assert at.query_params["jahre"] == "2019-2021" and at.query_params["kreise"] == "05966"
    assert at.slider(key="years").value == (2019, 2021)
    assert at.multiselect(key="districts").value == ["Kreis Olpe"]


def test_changing_a_filter_updates_cards_and_url(warehouse_for_app):
    at = zuzug()
    before = metrics(at)["Zuzüge"]
    at.multiselect(key="towns").set_value(["05962060"]).run()
    assert not at.exception
    assert at.query_params["kommunen"] == "05962060"
    want = expected(warehouse_for_app, Selection(2023, 2025, towns=("05962060",)))
    assert metrics(at)["Zuzüge"] == want["inflow"] != before


def test_english_changes_labels_and_number_format(warehouse_for_app):
    at = zuzug(lang="en", jahre="2015-2025")
    want = expected(warehouse_for_app, Selection(2015, 2025), "en")
    assert metrics(at) == {
        "In-migration": want["inflow"],
        "Out-migration": want["outflow"],
        "Net migration": want["net"],
    }
    assert "," in want["inflow"]
    assert at.title[0].value == "In-migration"


def test_invalid_link_values_fall_back_with_a_note():
    at = run(jahre="20x5", kommunen="99999999", zielgruppen="astronauten", lang="fr")
    warnings = " ".join(w.value for w in at.warning)
    for name in ("jahre", "kommunen", "zielgruppen", "lang"):
        assert name in warnings
    assert at.slider(key="years").value == (2023, 2025)
    at = zuzug(ansicht="karte", karte="nonsense")
    assert "karte" in " ".join(w.value for w in at.warning)
    assert at.selectbox(key="map_measure").value == "net_per_1000"
    at = run(ansicht="nirgends")  # an unknown tab: the first one, with a note
    assert "ansicht" in " ".join(w.value for w in at.warning)
    assert "ansicht" not in at.query_params
    assert at.tabs[0].label == "Auffälligkeiten"


def test_filters_survive_a_page_switch():
    at = run(jahre="2018-2020")
    at.switch_page("views/glossary.py").run()
    assert not at.exception
    assert at.query_params["jahre"] == "2018-2020"
    assert at.slider(key="years").value == (2018, 2020)


def test_months_selection_and_previous_period_caption():
    at = zuzug(jahre="2024-2024", monate="9,10")
    captions = " ".join(c.value for c in at.caption)
    assert "Sept.–Okt. 2024" in captions and "Vorzeitraum Sept.–Okt. 2023" in captions


def test_ranking_lists_the_selected_towns_sorted_by_net_per_1000():
    at = open_tab(zuzug(kreise="05966"), "ranking")
    table = at.dataframe[0].value
    assert len(table) == 7
    values = table["Saldo je 1.000 Einw."].tolist()
    assert values == sorted(values, reverse=True)


def test_glossary_shows_every_definition():
    from dashboard.kpis.glossary import GLOSSARY

    at = run(PAGES[[Path(p).stem for p in PAGES].index("glossary")])
    texts = " ".join(m.value for m in at.markdown)
    for term in GLOSSARY.values():
        assert term.definition["de"] in texts


def test_data_status_names_demo_rows():
    at = run(PAGES[[Path(p).stem for p in PAGES].index("data")])
    table = at.dataframe[0].value.set_index("Datensatz")
    others = table.drop(index="Einwohner")
    assert (others["davon Demo"] == others["Zeilen"]).all()
    # the population holds the official Zensus 2022 figures beside the demo years
    assert table.loc["Einwohner", "Zeilen"] - table.loc["Einwohner", "davon Demo"] == 59
