"""Zuzug: KPI cards, the regional map, trends, target groups, origin and the town ranking."""

import streamlit as st

from dashboard.charts import maps, theme, trends
from dashboard.i18n import t
from dashboard.i18n.format import number, period
from dashboard.service import notes
from dashboard.ui import cache
from dashboard.ui import state as url
from dashboard.ui.components import (
    card_grid,
    chart,
    clicked_towns,
    downloads,
    drawer,
    invalid_link_value,
    kpi_card,
    labelled,
    map_source,
    multiselect,
    needed,
    notes_caption,
    on_demand_tabs,
    panels,
    require_registrations,
    table,
    unusual_years_table,
)
from dashboard.ui.context import current
from dashboard.vocabulary import ORIGIN_ORDER, TARGET_GROUPS

MAP_MEASURES = ["net_per_1000", "inflow_per_1000", "outflow_per_1000", "net", "inflow", "outflow"]
WHOLE_PERIOD = "all"

context = current()
lang, selection, reference = context.lang, context.selection, context.reference
st.title(t("inflow.title", lang))

require_registrations(reference, lang)

comparison = tuple(st.session_state.get("comparison_towns", []))
with needed(lang):
    data = cache.inflow_data(context.db, context.version, selection, comparison)
group = len(data.towns) > 1
marked = {"demo": bool(data.summary.basis.demo_years), "lang": lang}
names = reference.names


def intro_and_cards() -> None:
    scope = (
        t("inflow.scope_region", lang)
        if data.whole_region
        else t("inflow.scope_town", lang, name=names[data.towns[0]])
        if len(data.towns) == 1
        else t("inflow.scope_towns", lang, count=len(data.towns))
    )
    period_text = period(selection.year_from, selection.year_to, selection.months, lang)
    st.caption(t("inflow.intro", lang, period=period_text, scope=scope))
    if not data.summary.has_data:
        st.warning(t("inflow.no_data", lang), icon=":material/search_off:")
    # a change against the previous period only where both periods leave out the same towns
    comparable = {a for a, _ in data.previous.basis.missing_net} == {a for a, _ in data.summary.basis.missing_net}
    previous = data.previous if data.previous.has_data and comparable else None
    prev = selection.previous()
    st.caption(
        t("kpi.vs_previous", lang, period=period(prev.year_from, prev.year_to, prev.months, lang))
        if previous
        else t("kpi.no_previous", lang)
    )
    cards = card_grid(["inflow", "outflow", "net"])
    for column, measure in zip(cards, ["inflow", "outflow", "net"], strict=True):
        with column:
            kpi_card(
                t(f"kpi.{measure}", lang),
                getattr(data.summary, measure),
                getattr(previous, measure) if previous else None,
                lang,
                sign=measure == "net",
                lower_is_better=measure == "outflow",
                show_relative=measure != "net",
                caption=t(
                    "kpi.per_1000_caption",
                    lang,
                    value=number(getattr(data.summary, f"{measure}_per_1000"), lang, 1, sign=measure == "net"),
                ),
            )
    notes_caption(notes.figure_notes(data.summary.basis, reference, lang, data.whole_region, group))
    # the sources of the figures, and the attribution of official ones, beside the first figures
    notes_caption([line for line in [notes.sources_line(reference, lang, basis=data.summary.basis)] if line])


def towns_clicked() -> None:
    """A click on the map selects the town for the whole page, in the run the click starts; a
    click on the town already chosen alone gives the whole region back."""
    clicked = clicked_towns("inflow_map")
    if clicked:
        url.ask(towns=[] if tuple(clicked) == selection.towns else clicked, districts=[])


# the map stands in its own tab: its controls and a click rerun the cards and the map only
def map_panel() -> None:
    st.subheader(t("inflow.map_title", lang))
    asked = {name: st.query_params.get(name) for name in ("karte", "kartenjahr")}
    measure, bad_measure = url.page_param("karte", "net_per_1000", MAP_MEASURES)
    years = [WHOLE_PERIOD, *map(str, selection.years)]
    map_year, bad_year = url.page_param("kartenjahr", WHOLE_PERIOD, years)
    left, right = st.columns([1, 2])
    measure = left.selectbox(
        t("inflow.map_kpi", lang),
        MAP_MEASURES,
        index=MAP_MEASURES.index(measure),
        format_func=lambda m: t(f"kpi.{m}", lang),
        key="map_measure",
    )
    if len(years) > 2:
        map_year = right.select_slider(
            t("inflow.map_year", lang),
            years,
            value=map_year,
            format_func=lambda y: t("inflow.map_whole_period", lang) if y == WHOLE_PERIOD else y,
            key="map_year",
        )
    st.query_params["karte"], st.query_params["kartenjahr"] = measure, map_year
    for name, bad in (("karte", bad_measure), ("kartenjahr", bad_year)):
        if bad:
            invalid_link_value(name, asked[name], lang)
    values = (
        data.town_table
        if map_year == WHOLE_PERIOD
        else data.town_year_table[data.town_year_table["year"] == int(map_year)]
    )
    layer = cache.layer(context.db, context.version)
    title = (
        f"{t(f'kpi.{measure}', lang)} · {t('inflow.map_whole_period', lang) if map_year == WHOLE_PERIOD else map_year}"
    )
    figure = maps.choropleth(values, layer, measure, title, lang, tuple(data.towns) if not data.whole_region else ())
    chart(figure, "karte", "inflow_map", on_click=towns_clicked, **marked)
    st.caption(t("inflow.map_click", lang) + " " + map_source(layer, lang))


def trends_panel() -> None:
    st.subheader(t("inflow.trends_title", lang))
    views = {"monat": "inflow.monthly", "jahr": "inflow.yearly", "vergleich": "inflow.comparison"}
    # official annual figures have no months: then the yearly view comes first
    asked = st.query_params.get("verlauf")
    view, bad_view = url.page_param("verlauf", "jahr" if data.monthly.empty else "monat", list(views))
    view = (
        st.segmented_control(
            t("inflow.trends_title", lang),
            list(views),
            default=view,
            format_func=lambda v: t(views[v], lang),
            key="trend_view",
            label_visibility="collapsed",
        )
        or view
    )
    st.query_params["verlauf"] = view
    if bad_view:
        invalid_link_value("verlauf", asked, lang)
    if view == "monat":
        if data.monthly.empty:
            st.info(t("inflow.no_months", lang), icon=":material/calendar_month:")
        else:
            chart(
                trends.flows_over_time(data.monthly, "month", t("inflow.monthly", lang), lang),
                "je-monat",
                "monthly",
                **marked,
            )
        notes_caption([line for line in [notes.annual_only_note(data.annual_only, lang)] if line])
    elif view == "jahr":
        chart(
            trends.flows_over_time(data.yearly, "year", t("inflow.yearly", lang), lang), "je-jahr", "yearly", **marked
        )
    else:
        if len(data.towns) == 1:  # one click: the towns like the chosen one
            town = names.get(data.towns[0], data.towns[0])
            peers = cache.peers(context.db, context.version, data.towns[0])
            if peers.towns and st.button(
                t("peers.compare", lang, town=town),
                help=t("peers.compare_help", lang, town=town),
                icon=":material/group_work:",
                key="comparison_peers",
            ):
                url.request(comparison_towns=peers.towns)
        multiselect(
            t("inflow.comparison_towns", lang),
            reference.towns["ags"].tolist(),
            key="comparison_towns",
            format_func=names.get,
            max_selections=6,
            placeholder=t("filters.choose", lang),
        )
        chart(
            trends.comparison_lines(data.comparison, "net_per_1000", t("inflow.comparison_help", lang), lang),
            "vergleich",
            "comparison",
            **marked,
        )


def groups_and_origin() -> None:
    groups, origins = st.columns(2)
    with groups:
        st.subheader(t("inflow.target_groups_title", lang), help=t("inflow.target_groups_help", lang))
        labels = {g: t(f"target_group.{g}", lang) for g in TARGET_GROUPS}
        chart(
            trends.stacked_by(
                data.target_groups,
                "target_group",
                labels,
                theme.SEQUENCE,
                t("direction.net", lang),
                lang,
                measure="net",
            ),
            "zielgruppen",
            "groups",
            **marked,
        )
        notes_caption(notes.breakdown_notes(data.target_groups, reference, lang, group))
    with origins:
        st.subheader(t("inflow.origin_title", lang))
        labels = {o: t(f"origin.{o}", lang) for o in ORIGIN_ORDER}
        colours = [theme.ORIGIN_COLOURS[o] for o in ORIGIN_ORDER if o in set(data.origins["origin"])]
        chart(
            trends.stacked_by(data.origins, "origin", labels, colours, t("direction.inflow", lang), lang),
            "herkunft",
            "origins",
            **marked,
        )
        notes_caption(
            notes.breakdown_notes(data.origins, reference, lang, group)
            + ([t("inflow.origin_unknown", lang)] if "unknown" in set(data.origins["origin"]) else [])
        )


def ranking_panel() -> None:
    st.subheader(t("inflow.ranking_title", lang), help=t("inflow.ranking_help", lang))
    ranking = data.ranking
    ranking = ranking.assign(data_kinds=ranking["data_kinds"].map(lambda kinds: notes.kinds_label(kinds, lang)))
    columns = {
        "ags": "column.ags",
        "name": "column.name",
        "district": "column.district",
        "inflow": "kpi.inflow",
        "outflow": "kpi.outflow",
        "net": "kpi.net",
        "net_per_1000": "kpi.net_per_1000",
        "inflow_per_1000": "kpi.inflow_per_1000",
        "unusual_years": "inflow.unusual_column",
        "data_kinds": "column.data_kind",
        "trend": "inflow.trend",
    }
    shown = labelled(ranking, columns, lang)
    decimals = {
        t(f"kpi.{k}", lang): d
        for k, d in {"inflow": 0, "outflow": 0, "net": 0, "net_per_1000": 1, "inflow_per_1000": 1}.items()
    }
    table(
        shown,
        decimals,
        lang,
        column_config={t("inflow.trend", lang): st.column_config.LineChartColumn(t("inflow.trend", lang))},
    )
    downloads(
        shown.drop(columns=[t("inflow.trend", lang)]),
        "kommunen-ranking",
        lang,
        "ranking",
        decimals=decimals,
        footer=notes.download_footer(selection, reference, lang, data.summary.basis, bool(marked.get("demo"))),
    )
    left_out = data.ranking_missing
    if not left_out.empty:
        st.caption(
            t(
                "notes.ranking_missing",
                lang,
                towns=", ".join(f"{row.name} ({notes.reason(row.reason, lang)})" for row in left_out.itertuples()),
            )
        )

    drawer(t("inflow.unusual_title", lang), "inflow_unusual_drawer", unusual_years)


def unusual_years() -> None:
    """The region's unusual town-years among the chosen towns (data quality, all years)."""
    st.caption(t("inflow.unusual_help", lang))
    unusual = cache.unusual_years(context.db, context.version)
    unusual = unusual[unusual["ags"].isin(data.towns)]
    if unusual.empty:
        st.write(t("inflow.unusual_none", lang))
    else:
        unusual_years_table(unusual, lang)


panels(lang, intro_and_cards)
on_demand_tabs(
    lang,
    {
        "verlauf": (t("inflow.trends_title", lang), trends_panel),
        "karte": (t("inflow.map_title", lang), map_panel),
        "gruppen": (t("inflow.groups_tab", lang), groups_and_origin),
        "ranking": (t("inflow.ranking_title", lang), ranking_panel),
    },
)
