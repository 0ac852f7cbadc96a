"""Kampagnen: reach, funnel, cost, outcome and budget of the attraction campaigns."""

import streamlit as st

from dashboard.charts import campaigns as charts
from dashboard.charts import maps
from dashboard.i18n import label_or_code, t
from dashboard.i18n.format import compact, money, number, percent, period
from dashboard.service.campaigns import campaign_matches, target_groups_of
from dashboard.ui import cache
from dashboard.ui import state as url
from dashboard.ui.components import (
    card_grid,
    chart,
    downloads,
    drawer,
    invalid_link_value,
    labelled,
    map_source,
    multiselect,
    needed,
    on_demand_tabs,
    panels,
    table,
)
from dashboard.ui.context import current

context = current()
lang, selection, reference = context.lang, context.selection, context.reference
st.title(t("campaigns.title", lang))
listed = cache.campaign_list(context.db, context.version)
if listed.empty:
    st.info(t("campaigns.none", lang), icon=":material/info:")
    st.stop()

with needed(lang):
    names = dict(zip(listed["campaign_id"], listed["name"], strict=True))
    asked = st.query_params.get("kampagnen", "")
    wanted, unknown = url.page_list("kampagnen", list(names))
    st.session_state.setdefault("campaign_ids", wanted)
    chosen = multiselect(
        t("campaigns.picker", lang),
        list(names),
        key="campaign_ids",
        format_func=names.get,
        help=t("campaigns.picker_help", lang),
        placeholder=t("filters.all", lang),
    )
    if chosen:
        st.query_params["kampagnen"] = ",".join(chosen)
    elif "kampagnen" in st.query_params:
        del st.query_params["kampagnen"]
    if unknown:
        invalid_link_value("kampagnen", ",".join(v for v in asked.split(",") if v and v not in names), lang)
    data = cache.campaign_data(context.db, context.version, selection, tuple(chosen))
    marked = {"demo": bool(data.campaigns["is_demo"].any()), "lang": lang}
    st.caption(
        t(
            "campaigns.intro",
            lang,
            period=period(selection.year_from, selection.year_to, selection.months, lang),
            scope=", ".join(data.campaigns["name"]),
        )
    )
    if data.campaigns["is_demo"].any():
        st.caption(":material/science: " + t("campaigns.demo", lang))
    if data.totals.empty:
        st.warning(t("campaigns.no_activity", lang), icon=":material/search_off:")
        st.stop()


# the columns of the per-campaign and per-channel tables
columns = {
    "campaign_id": "column.campaign",
    "impressions": "campaigns.impressions",
    "clicks": "campaigns.clicks",
    "click_rate": "campaigns.click_rate",
    "leads": "campaigns.leads",
    "spend_eur": "column.spend_eur",
    "cost_per_click_eur": "column.cost_per_click_eur",
    "cost_per_lead_eur": "column.cost_per_lead_eur",
}
decimals = {
    t(columns[c], lang): d
    for c, d in {
        "impressions": 0,
        "clicks": 0,
        "leads": 0,
        "spend_eur": 0,
        "cost_per_click_eur": 2,
        "cost_per_lead_eur": 2,
    }.items()
}


def totals() -> None:
    total = data.overall
    cards = card_grid(["impressions", "clicks", "leads", "spend", "cost_per_lead"])
    cards[0].metric(
        t("campaigns.impressions", lang),
        compact(total["impressions"], lang),
        border=True,
        help=number(total["impressions"], lang),
    )
    cards[1].metric(
        t("campaigns.clicks", lang),
        number(total["clicks"], lang),
        border=True,
        help=f"{t('campaigns.click_rate', lang)}: {percent(total['click_rate'], lang, 2)}",
    )
    cards[2].metric(t("campaigns.leads", lang), number(total["leads"], lang), border=True)
    cards[3].metric(t("campaigns.spend", lang), money(total["spend_eur"], lang), border=True)
    cards[4].metric(t("campaigns.cost_per_lead", lang), money(total["cost_per_lead_eur"], lang), border=True)


def per_campaign_table() -> None:
    per_campaign = labelled(data.totals.assign(campaign_id=data.totals["campaign_id"].map(names)), columns, lang)
    table(per_campaign, decimals, lang, percents={t("campaigns.click_rate", lang): 2})
    downloads(per_campaign, "kampagnen", lang, "campaign_totals")


def over_time() -> None:
    st.subheader(t("campaigns.reach_title", lang), help=t("campaigns.reach_help", lang))
    span = (f"{selection.year_from}-01-01", f"{selection.year_to}-12-31")
    chart(
        charts.reach_over_time(data.by_month, data.campaigns, t("campaigns.reach_title", lang), lang, span),
        "reichweite",
        "reach_time",
        **marked,
    )
    drawer(t("campaigns.channel_title", lang), "campaigns_channel_drawer", by_channel)


def by_channel() -> None:
    channels = data.by_channel.assign(
        campaign_id=data.by_channel["campaign_id"].map(names),
        channel=data.by_channel["channel"].map(lambda c: label_or_code("channel", c, lang)),
    )
    shown = labelled(channels, {**columns, "channel": "campaigns.channel_title"}, lang)
    table(shown, decimals, lang)
    downloads(shown, "kampagnen-kanaele", lang, "campaign_channels")


def map_and_funnel() -> None:
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("campaigns.map_title", lang))
        layer = cache.layer(context.db, context.version)
        figure = maps.choropleth(
            data.town_reach,
            layer,
            "impressions_per_1000",
            t("campaigns.map_title", lang),
            lang,
            height=480,
            hover=["impressions", "impressions_per_1000"],
        )
        chart(figure, "reichweite-karte", "campaign_map", **marked)
        st.caption(map_source(layer, lang))
        region = data.region_wide.iloc[0] if not data.region_wide.empty else None
        st.caption(
            t(
                "campaigns.map_caption",
                lang,
                year=selection.year_to,
                impressions=number(region["impressions"] if region is not None else 0, lang),
                leads=number(region["leads"] if region is not None else 0, lang),
                spend=money(region["spend_eur"] if region is not None else 0, lang),
            )
        )
    with right:
        st.subheader(t("campaigns.funnel_title", lang))
        for campaign_id, stages in data.funnel.groupby("campaign_id", sort=False):
            chart(
                charts.funnel(stages, names[campaign_id], lang),
                f"trichter-{campaign_id}",
                f"funnel_{campaign_id}",
                **marked,
            )


def outcome() -> None:
    st.subheader(t("campaigns.outcome_title", lang), help=t("campaigns.outcome_help", lang))
    for campaign in data.campaigns.itertuples():
        with st.container(border=True):
            st.markdown(f"**{campaign.name}**")
            estimate = cache.campaign_outcome(context.db, context.version, campaign.campaign_id)
            groups = ", ".join(t(f"target_group.{g}", lang) for g in target_groups_of(campaign.target_group))
            if estimate is None:
                st.caption(t("campaigns.outcome_none", lang) + f" ({groups})")
                continue
            st.markdown(
                t(
                    "campaigns.outcome_reading",
                    lang,
                    sign="+" if estimate.effect_persons >= 0 else "",
                    persons=number(estimate.effect_persons, lang),
                    towns=len(estimate.treated),
                    per_1000=number(estimate.effect_per_1000, lang, 2, sign=True),
                    low=number(estimate.low_persons, lang, sign=True),
                    high=number(estimate.high_persons, lang, sign=True),
                )
            )
            weighted = estimate.population_weighted
            st.markdown(
                t(
                    "campaigns.outcome_weighted",
                    lang,
                    per_1000=number(weighted.estimate, lang, 2, sign=True),
                    low=number(weighted.low, lang, 2, sign=True),
                    high=number(weighted.high, lang, 2, sign=True),
                )
            )
            verdict = (
                "campaigns.outcome_zero"
                if estimate.covers_zero
                else "campaigns.outcome_positive"
                if estimate.low_per_1000 > 0
                else "campaigns.outcome_negative"
            )
            st.caption(
                t(verdict, lang)
                + " "
                + t(
                    "campaigns.outcome_periods",
                    lang,
                    pre=", ".join(map(str, estimate.pre_years)),
                    post=", ".join(map(str, estimate.post_years)),
                    groups=groups,
                )
            )
            chart(
                charts.event_study(estimate.event_study, t("campaigns.event_title", lang), lang),
                f"wirkung-{campaign.campaign_id}",
                f"event_study_{campaign.campaign_id}",
                **marked,
            )
            st.caption(t("campaigns.event_note", lang))
            with st.expander(t("campaigns.comparison_towns", lang, count=len(estimate.comparison))):
                st.caption(t("campaigns.matched_on", lang, matches=len(next(iter(estimate.matches.values())))))
                table(
                    labelled(
                        campaign_matches(estimate, reference.name_of),
                        {"campaign_town": "campaigns.campaign_towns", "matched": "campaigns.matched_towns"},
                        lang,
                    ),
                    {},
                    lang,
                    column_config={t("campaigns.matched_towns", lang): st.column_config.TextColumn(width="large")},
                )


def budget() -> None:
    st.subheader(t("campaigns.budget_title", lang), help=t("campaigns.budget_help", lang))
    chart(charts.budget(data.budget, names, t("campaigns.budget_title", lang), lang), "budget", "budget", **marked)
    budget = labelled(
        data.budget.assign(campaign_id=data.budget["campaign_id"].map(names)),
        {
            "campaign_id": "column.campaign",
            "year": "column.year",
            "planned_eur": "column.planned_eur",
            "spend_eur": "column.spend_eur",
            "spend_share": "column.spend_share",
        },
        lang,
    )
    table(
        budget,
        {t("column.planned_eur", lang): 0, t("column.spend_eur", lang): 0},
        lang,
        percents={t("column.spend_share", lang): 1},
    )
    downloads(budget, "budget", lang, "budget_table")


panels(lang, totals)
# below the cards one panel at a time: a filter change redraws the cards and the open tab only
on_demand_tabs(
    lang,
    {
        "reichweite": (t("campaigns.tab_reach", lang), over_time),
        "tabelle": (t("campaigns.tab_table", lang), per_campaign_table),
        "karte": (t("campaigns.tab_map", lang), map_and_funnel),
        "wirkung": (t("campaigns.tab_outcome", lang), outcome),
        "budget": (t("campaigns.tab_budget", lang), budget),
    },
)
