"""Kommunen-Steckbrief and Präsentation in AppTest: default view, link values, English, stepping."""

from dashboard.exports.deck import SLIDE_KEYS, deck_data, slides
from dashboard.i18n.format import number
from dashboard.service.profile import profile
from dashboard.service.reference import load_reference
from tests.pages.conftest import open_app

PROFILE, PRESENTATION = "views/profile.py", "views/presentation.py"


def test_profile_for_werdohl_from_a_link(warehouse_for_app):
    at = open_app(PROFILE, kommune="05962060", jahre="2021-2023")
    assert at.selectbox(key="profile_town").value == "05962060"
    expected = profile(warehouse_for_app, load_reference(warehouse_for_app), "05962060", 2021, 2023)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Zuzüge"] == number(expected.comparison.iloc[0]["inflow"])
    assert shown["Einwohner"] == number(expected.population)
    assert any("Märkischer Kreis" in m.value for m in at.markdown)
    assert at.query_params["kommune"] == "05962060"
    # town, district and region side by side as a static table (no data grid to load or print)
    compared = at.table[0].value
    assert len(compared) == 3 and compared.index[0] == "Werdohl"
    assert compared.iloc[0]["Zuzüge"] == number(expected.comparison.iloc[0]["inflow"])


def test_profile_switches_town_and_language():
    at = open_app(PROFILE, lang="en")
    at.selectbox(key="profile_town").set_value("05974040").run()  # Soest
    assert not at.exception
    assert at.query_params["kommune"] == "05974040"
    assert at.title[0].value == "Municipality profile" and at.header[0].value == "Soest"


def test_profile_with_an_unknown_town_falls_back_with_a_note():
    at = open_app(PROFILE, kommune="99999999")
    assert any("99999999" in w.value for w in at.warning)


def test_presentation_steps_through_every_slide(warehouse_for_app):
    at = open_app(PRESENTATION)
    planned = slides(deck_data(warehouse_for_app, load_reference(warehouse_for_app), 2023, 2025), "de")
    seen = []
    for number_ in range(1, len(planned) + 1):
        assert at.query_params["folie"] == str(number_)
        seen.append(next(m.value for m in at.markdown if "slide-title" in m.value))
        if number_ < len(planned):
            at.button(key="slide_next").click().run()
            assert not at.exception
    assert [s.title for s in planned] == [v.split('slide-title">')[1].split("<")[0] for v in seen]
    assert at.button(key="slide_next").disabled
    at.button(key="slide_back").click().run()
    assert at.query_params["folie"] == str(len(planned) - 1)


def test_presentation_link_with_chosen_slides_in_english():
    at = open_app(PRESENTATION, lang="en", folien="map,campaigns", folie="2")
    assert not at.exception
    titles = [m.value for m in at.markdown if "slide-title" in m.value]
    assert "Campaigns" in titles[0]
    assert at.button(key="slide_next").disabled and SLIDE_KEYS
