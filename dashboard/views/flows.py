"""Ströme: where a town's newcomers come from and where its leavers go, the strongest links
between the towns on a map, the districts' exchange, who moves between cities and small towns,
and the region's exchange with the outside."""

import pandas as pd
import streamlit as st

from dashboard.charts import flows as charts
from dashboard.charts import theme
from dashboard.i18n import t
from dashboard.i18n.format import number, period
from dashboard.service import notes
from dashboard.service.flows import default_town
from dashboard.ui import cache
from dashboard.ui import state as url
from dashboard.ui.components import (
    card_grid,
    chart,
    clicked_towns,
    downloads,
    drawer,
    labelled,
    literal,
    map_source,
    needed,
    on_demand_tabs,
    panels,
    require_registrations,
    table,
)
from dashboard.ui.context import current

TOWN_KEY = "flows_town"
LINKS_ON_MAP = 40

context = current()
lang, selection, reference = context.lang, context.selection, context.reference
st.title(t("flows.title", lang))
st.caption(t("flows.intro", lang))
require_registrations(reference, lang)

towns = reference.towns.sort_values("name")["ags"].tolist()
asked = st.query_params.get("kommune")
ags, bad_town = url.page_param("kommune", lambda: default_town(reference, selection), towns)
if TOWN_KEY not in st.session_state:
    st.session_state[TOWN_KEY] = ags
ags = st.selectbox(t("flows.choose", lang), towns, format_func=reference.names.get, key=TOWN_KEY)
st.query_params["kommune"] = ags
if bad_town:
    st.warning(t("profile.unknown_town", lang, value=literal(asked), name=reference.names[ags]))

with needed(lang):
    data = cache.flows_data(context.db, context.version, selection, ags)
    name = reference.names[ags]
    span = period(selection.year_from, selection.year_to, selection.months, lang)
    marked = {"demo": data.is_demo, "lang": lang}
    footer = notes.download_footer(selection, reference, lang, demo=data.is_demo)
if not data.has_flows:
    st.info(t("flows.none", lang), icon=":material/info:")
    st.code("python -m dashboard import flows data/templates/flows.csv", language="bash")
    st.stop()


def cards() -> None:
    st.caption(t("flows.period", lang, period=span))
    figures = card_grid(["inflow", "outflow", "net", "share"])
    balance = data.balance
    figures[0].metric(t("flows.card_inflow", lang, town=name), number(balance["inflow"], lang), border=True)
    figures[1].metric(t("flows.card_outflow", lang, town=name), number(balance["outflow"], lang), border=True)
    figures[2].metric(t("flows.card_net", lang), number(balance["net"], lang, sign=True), border=True)
    top = data.top_regional_origin()
    figures[3].metric(t("flows.card_top_origin", lang), data.place(top, lang) if top else "–", border=True)


def origins_and_destinations() -> None:
    st.subheader(t("flows.ranking_title", lang, town=name))
    measure = (
        st.segmented_control(
            t("flows.measure", lang),
            ["persons", "per_1000_of_place"],
            default="persons",
            format_func=lambda m: t(f"flows.measure_{m}", lang),
            key="flows_measure",
        )
        or "persons"
    )
    label = lambda code: data.place(code, lang)
    left, right = st.columns(2)
    for column, ranked, key, colour in (
        (left, data.origins, "origins", theme.INFLOW),
        (right, data.destinations, "destinations", theme.OUTFLOW),
    ):
        with column:
            title = t(f"flows.{key}_title", lang, town=name)
            if ranked.empty:
                st.info(t("flows.no_moves", lang), icon=":material/info:")
                continue
            chart(
                charts.place_bars(ranked, label, measure, title, lang, colour),
                f"stroeme-{ags}-{key}",
                f"flows_{key}",
                **marked,
            )
            drawer(
                t("flows.all_places", lang, count=number(len(ranked), lang)),
                f"flows_{key}_drawer",
                lambda ranked=ranked, key=key: ranked_table(ranked, key),
            )
    if measure == "per_1000_of_place":
        st.caption(t("flows.per_1000_note", lang))


def ranked_table(ranked: pd.DataFrame, key: str) -> None:
    """Every place of a ranking (origins or destinations) with its name, as a table to download."""
    shown = labelled(
        data.named(ranked, lang),
        {
            "rank": "flows.column_rank",
            "place": "flows.column_place",
            "code": "flows.column_code",
            "persons": "flows.persons",
            "share": "flows.share",
            "per_1000_of_place": "flows.measure_per_1000_of_place",
        },
        lang,
    )
    table(
        shown,
        {
            t("flows.column_rank", lang): 0,
            t("flows.persons", lang): 0,
            t("flows.measure_per_1000_of_place", lang): 1,
        },
        lang,
        percents={t("flows.share", lang): 1},
        # half a page wide: the key stays in the download, so the rate is not cut off at 1400 px
        column_order=[c for c in shown.columns if c != t("flows.column_code", lang)],
        column_config={t("flows.column_rank", lang): st.column_config.Column(width=48)},
    )
    # rounded as shown: the share to a tenth of a percent, the rate to one decimal
    rounded = {t("flows.share", lang): 3, t("flows.measure_per_1000_of_place", lang): 1}
    downloads(shown, f"stroeme-{ags}-{key}", lang, f"flows_{key}_table", decimals=rounded, footer=footer)


def town_clicked() -> None:
    """A click on a town of the map makes it the page's town, in the run the click starts."""
    clicked = clicked_towns("flows_map")
    if clicked and clicked[0] != ags and clicked[0] in towns:
        url.ask(**{TOWN_KEY: clicked[0]})


def flow_map() -> None:
    st.subheader(t("flows.map_title", lang))
    layer = cache.layer(context.db, context.version)
    figure = charts.flow_map(
        data.top_links(LINKS_ON_MAP), layer, reference.names, ags, t("flows.map_chart", lang, count=LINKS_ON_MAP), lang
    )
    chart(figure, "stroeme-karte", "flows_map", on_click=town_clicked, **marked)
    st.caption(t("flows.map_click", lang) + " " + map_source(layer, lang))
    drawer(t("flows.links_table", lang, count=LINKS_ON_MAP), "flows_links_drawer", links_table)


def links_table() -> None:
    links = labelled(
        data.named_links(data.links.head(LINKS_ON_MAP), lang),
        {
            "a_name": "flows.column_a",
            "b_name": "flows.column_b",
            "a_to_b": "flows.column_a_to_b",
            "b_to_a": "flows.column_b_to_a",
            "total": "flows.column_total",
        },
        lang,
    )
    table(links, {c: 0 for c in links.columns[2:]}, lang)
    downloads(links, "stroeme-verbindungen", lang, "flows_links_table", footer=footer)


def districts() -> None:
    st.subheader(t("flows.districts_title", lang))
    chart(
        charts.district_sankey(data.districts_matrix, t("flows.districts_chart", lang), lang),
        "stroeme-kreise",
        "flows_sankey",
        **marked,
    )
    matrix = data.district_table().rename(columns={"from_district": t("flows.column_from_district", lang)})
    st.caption(t("flows.districts_note", lang))
    table(matrix, {c: 0 for c in matrix.columns[1:]}, lang)
    downloads(matrix, "stroeme-kreise", lang, "flows_districts_table", footer=footer)


def cities_and_small_towns() -> None:
    st.subheader(t("flows.sizes_title", lang))
    st.markdown(data.families_sentence(lang))
    chart(
        charts.size_class_chart(data.size_classes, t("flows.sizes_chart", lang), lang),
        "stroeme-stadt-land",
        "flows_sizes",
        **marked,
    )
    st.caption(t("flows.sizes_note", lang))


def outside() -> None:
    st.subheader(t("flows.outside_title", lang))
    if data.outside.empty:
        st.info(t("flows.outside_none", lang), icon=":material/info:")
        return
    chart(
        charts.outside_chart(data.outside, t("flows.outside_chart", lang), lang),
        "stroeme-aussen",
        "flows_outside",
        demo=data.outside_is_demo,
        lang=lang,
    )
    drawer(t("flows.outside_table", lang), "flows_outside_drawer", outside_table)


def outside_table() -> None:
    shown = labelled(
        data.outside.assign(
            origin=data.outside["origin"].map(lambda o: t(f"origin.{o}", lang)),
            age_group=data.outside["age_group"].map(lambda a: t(f"age_group.{a}", lang)),
        ),
        {
            "origin": "flows.column_origin_class",
            "age_group": "flows.column_age",
            "inflow": "kpi.inflow",
            "outflow": "kpi.outflow",
            "net": "kpi.net",
        },
        lang,
    )
    table(shown, {c: 0 for c in shown.columns[2:]}, lang)
    downloads(shown, "stroeme-aussen", lang, "flows_outside_table", footer=footer)


panels(lang, cards)
# below the cards one panel at a time: a change of town or years redraws the cards and the open tab
on_demand_tabs(
    lang,
    {
        "woher-wohin": (t("flows.tab_ranking", lang), origins_and_destinations),
        "karte": (t("flows.tab_map", lang), flow_map),
        "kreise": (t("flows.tab_districts", lang), districts),
        "groessen": (t("flows.tab_sizes", lang), cities_and_small_towns),
        "aussen": (t("flows.tab_outside", lang), outside),
    },
)
