"""The Kampagnen page shows the KPI layer's figures for all, one and several campaigns."""

from dashboard.i18n.format import compact, money, number
from dashboard.service.campaigns import campaign_data
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection
from tests.pages.conftest import open_app, open_tab

PAGE = "views/campaigns.py"


def open_page(tab: str | None = None, **params):
    at = open_app(PAGE, **params)
    return open_tab(at, tab) if tab else at


def cards(at):
    return {m.label: m.value for m in at.metric}


def expected(db, selection, ids, lang="de"):
    data = campaign_data(db, load_reference(db), selection, ids)
    total = data.totals[["impressions", "clicks", "leads", "spend_eur"]].sum()
    return data, {
        "impressions": compact(total["impressions"], lang),
        "leads": number(total["leads"], lang),
        "spend": money(total["spend_eur"], lang),
    }


def test_default_shows_all_campaigns_with_kpi_layer_totals(warehouse_for_app):
    at = open_page("tabelle")
    data, want = expected(warehouse_for_app, Selection(2023, 2025), ())
    shown = cards(at)
    assert shown["Impressionen"] == want["impressions"]
    assert shown["Leads"] == want["leads"] and shown["Ausgaben"] == want["spend"]
    table = at.dataframe[0].value
    names = dict(zip(data.campaigns["campaign_id"], data.campaigns["name"], strict=True))
    assert sorted(table["Kampagne"]) == sorted(data.totals["campaign_id"].map(names))
    assert "Touristen zum Neubürger gewinnen" not in set(table["Kampagne"])  # ended 2021
    assert table["Leads"].sum() == data.totals["leads"].sum()


def test_a_single_campaign_from_the_link(warehouse_for_app):
    at = open_page("wirkung", jahre="2019-2025", kampagnen="medizin-pflege")
    _, want = expected(warehouse_for_app, Selection(2019, 2025), ("medizin-pflege",))
    assert cards(at)["Impressionen"] == want["impressions"]
    assert at.multiselect(key="campaign_ids").value == ["medizin-pflege"]
    texts = " ".join(m.value for m in at.markdown)
    assert "Personen je Jahr" in texts and "kein Beweis" in texts
    assert at.query_params["kampagnen"] == "medizin-pflege"


def test_english(warehouse_for_app):
    at = open_page("wirkung", lang="en", jahre="2021-2025", kampagnen="meet-n-match")
    _, want = expected(warehouse_for_app, Selection(2021, 2025), ("meet-n-match",), "en")
    assert cards(at)["Impressions"] == want["impressions"]
    assert at.title[0].value == "Campaigns"
    assert any("Not estimable" in c.value for c in at.caption)  # region-wide: no comparison towns


def test_period_without_activity_says_so():
    at = open_page(jahre="2015-2017")
    assert any("keine Kampagnenaktivität" in w.value for w in at.warning)


def test_unknown_campaign_in_the_link_is_reported():
    at = open_page(kampagnen="gibt-es-nicht")
    assert any("kampagnen" in w.value for w in at.warning)


def test_cost_per_lead_card_equals_the_kpi_layer(warehouse_for_app):
    at = open_page(jahre="2019-2025")
    data, _ = expected(warehouse_for_app, Selection(2019, 2025), ())
    overall = data.overall
    assert overall["cost_per_lead_eur"] == overall["spend_eur"] / overall["leads"]
    assert cards(at)["Kosten je Lead"] == money(overall["cost_per_lead_eur"], "de")
