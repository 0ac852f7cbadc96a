"""Kommunen-Steckbrief: one municipality against its district and the region, printable."""

from dataclasses import replace

import streamlit as st

from dashboard.exports import profile as sheet
from dashboard.i18n import t
from dashboard.i18n.format import number, period
from dashboard.service import notes
from dashboard.service.peers import RANK_MEASURES
from dashboard.service.selection import ALL_MONTHS
from dashboard.ui import cache
from dashboard.ui import state as url
from dashboard.ui.components import (
    card_grid,
    chart,
    downloads,
    labelled,
    literal,
    map_source,
    needed,
    notes_caption,
    on_demand_tabs,
    panels,
    require_registrations,
    static_table,
    table,
)
from dashboard.ui.context import current
from dashboard.ui.plot import plotly_chart

PROFILE_LINKS = 5

context = current()
lang, selection, reference = context.lang, context.selection, context.reference
st.title(t("profile.title", lang))

towns = reference.towns.sort_values("name")["ags"].tolist()
default = selection.towns[0] if selection.towns else towns[0]
asked = st.query_params.get("kommune")
ags, bad_town = url.page_param("kommune", default, towns)
ags = st.selectbox(
    t("profile.choose", lang), towns, index=towns.index(ags), format_func=reference.names.get, key="profile_town"
)
st.query_params["kommune"] = ags
if bad_town:
    st.warning(t("profile.unknown_town", lang, value=literal(asked), name=reference.names[ags]))

require_registrations(reference, lang)

with needed(lang):
    profile = cache.profile(context.db, context.version, ags, selection.year_from, selection.year_to)
    layer = cache.layer(context.db, context.version)
    marked = {"demo": bool(profile.population_basis.demo_years), "lang": lang}


def facts_and_cards() -> None:
    st.header(profile.name)
    st.markdown(sheet.facts(profile, lang))
    st.caption(t("profile.period_note", lang, period=period(selection.year_from, selection.year_to, ALL_MONTHS, lang)))
    if not profile.has_data:
        st.warning(t("profile.no_data", lang), icon=":material/search_off:")

    town_row = profile.comparison.iloc[0]
    cards = card_grid(["population", "inflow", "outflow", "net"])
    cards[0].metric(t("kpi.population", lang), number(profile.population, lang), border=True)
    for column, measure in zip(cards[1:], ("inflow", "outflow", "net"), strict=True):
        column.metric(t(f"kpi.{measure}", lang), number(town_row[measure], lang, sign=measure == "net"), border=True)
        column.caption(
            t(
                "kpi.per_1000_caption",
                lang,
                value=number(town_row[f"{measure}_per_1000"], lang, 1, sign=measure == "net"),
            )
        )
    notes_caption(notes.figure_notes(profile.population_basis, reference, lang))
    if sheet.rank_line(profile, lang):
        st.caption(sheet.rank_line(profile, lang))


def comparison() -> None:
    left, right = st.columns([2, 1])
    with left:
        chart(
            sheet.figure(profile, layer, "comparison", lang),
            f"steckbrief-{ags}-vergleich",
            "profile_comparison",
            **marked,
        )
    with right:
        plotly_chart(sheet.figure(profile, layer, "locator", lang), {"displayModeBar": False}, "profile_locator", lang)
        st.caption(t("profile.locator", lang) + ". " + map_source(layer, lang))
    comparison = sheet.comparison_table(profile, lang)
    static_table(comparison)
    st.caption(t("profile.comparison_note", lang))
    downloads(comparison, f"steckbrief-{ags}", lang, "profile_table")


def years_groups_origins() -> None:
    chart(sheet.figure(profile, layer, "yearly", lang), f"steckbrief-{ags}-jahre", "profile_yearly", **marked)
    groups, origins = st.columns(2)
    with groups:
        chart(sheet.figure(profile, layer, "groups", lang), f"steckbrief-{ags}-zielgruppen", "profile_groups", **marked)
    with origins:
        chart(sheet.figure(profile, layer, "origins", lang), f"steckbrief-{ags}-herkunft", "profile_origins", **marked)
    notes_caption(sheet.breakdown_notes(profile, lang))
    notes_caption([line for line in [notes.sources_line(reference, lang, basis=profile.population_basis)] if line])


def top_links() -> None:
    """The town's top origins and destinations (moves from place to place), with the way to the Ströme page."""
    st.subheader(t("profile.links_title", lang))
    flows = cache.flows_data(context.db, context.version, selection, ags)
    if not flows.has_flows:
        st.info(t("profile.links_none", lang), icon=":material/info:")
        return
    columns = {
        "rank": "flows.column_rank",
        "place": "flows.column_place",
        "persons": "flows.persons",
        "share": "flows.share",
    }
    left, right = st.columns(2)
    for column, ranked, key in ((left, flows.origins, "origins"), (right, flows.destinations, "destinations")):
        with column:
            st.markdown(f"**{t(f'flows.{key}_title', lang)}**")
            shown = labelled(flows.named(ranked.head(PROFILE_LINKS), lang), columns, lang)
            table(
                shown,
                {t("flows.column_rank", lang): 0, t("flows.persons", lang): 0},
                lang,
                percents={t("flows.share", lang): 1},
            )
    st.caption(
        t("profile.links_note", lang, count=PROFILE_LINKS) + (f" {t('badge.demo', lang)}." if flows.is_demo else "")
    )
    st.page_link(
        "views/flows.py",
        label=t("profile.links_more", lang),
        icon=":material/swap_calls:",
        query_params={"kommune": ags},
    )


def comparable_towns() -> None:
    """Towns like this one by the stored rule, the reason for each, and the town's rank among them."""
    st.subheader(t("peers.title", lang), help=t("peers.help", lang))
    peers = cache.peers(context.db, context.version, ags)
    if not peers.towns:
        st.info(t("peers.none", lang), icon=":material/info:")
        return
    whole_region = replace(selection, districts=(), towns=())
    towns_period = cache.inflow_data(context.db, context.version, whole_region, ()).town_table
    ranks = [peers.ranked(towns_period, measure) for measure in RANK_MEASURES]
    lines = [
        t("peers.rank", lang, rank=rank, of=of, measure=t(f"kpi.{measure}", lang))
        for measure, found in zip(RANK_MEASURES, ranks, strict=True)
        if found
        for rank, of in [found]
    ]
    st.markdown(f"**{profile.name}**: " + "; ".join(lines) if lines else t("peers.no_rank", lang))
    group = peers.group(towns_period, reference.names, lang)
    # six rows whose reasons are sentences: HTML wraps them on a phone, where a grid cut them off
    static_table(
        labelled(
            group,
            {
                "name": "column.name",
                "why": "peers.column_why",
                "net_per_1000": "kpi.net_per_1000",
                "inflow_per_1000": "kpi.inflow_per_1000",
            },
            lang,
        ),
        {t("kpi.net_per_1000", lang): 1, t("kpi.inflow_per_1000", lang): 1},
        lang,
    )
    st.caption(
        t("peers.note", lang, years=peers.years or "–") + (f" {t('badge.demo', lang)}." if marked["demo"] else "")
    )


def campaigns_and_networks() -> None:
    st.subheader(t("profile.campaigns_title", lang))
    if profile.campaigns.empty:
        st.info(t("profile.no_campaigns", lang), icon=":material/info:")
    else:
        table(sheet.campaign_table(profile, lang), {}, lang)
    st.subheader(t("profile.networks_title", lang))
    st.markdown("\n".join(f"- {line}" for line in sheet.network_lines(profile, lang)))


def pdf() -> None:
    st.divider()
    st.download_button(
        t("profile.pdf", lang),
        lambda: sheet.profile_pdf(profile, layer, lang, reference),
        f"steckbrief-{profile.name.lower().replace(' ', '-')}.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        key="profile_pdf",
        type="primary",
    )
    st.caption(t("profile.print_hint", lang))


panels(lang, facts_and_cards)
# below the facts one panel at a time; the PDF holds the whole sheet
on_demand_tabs(
    lang,
    {
        "vergleich": (t("profile.tab_comparison", lang), comparison),
        "aehnliche": (t("profile.tab_peers", lang), comparable_towns),
        "entwicklung": (t("profile.tab_years", lang), years_groups_origins),
        "verbindungen": (t("profile.tab_links", lang), top_links),
        "kampagnen": (t("profile.tab_campaigns", lang), campaigns_and_networks),
    },
)
panels(lang, pdf)
