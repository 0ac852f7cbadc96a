"""Netzwerk: growth of the round table, Smart Cities and welcome offers, over time and on the map."""

import datetime as dt

import streamlit as st

from dashboard.charts import network as charts
from dashboard.i18n import t
from dashboard.i18n.format import date as format_date
from dashboard.i18n.format import percent
from dashboard.service import network as network_service
from dashboard.service.data_care import TEMPLATE_KINDS, ImportRefused
from dashboard.service.network import add_round_table_edition
from dashboard.ui import access, cache
from dashboard.ui.components import (
    card_grid,
    chart,
    downloads,
    drawer,
    labelled,
    link_to_page,
    map_source,
    multiselect,
    needed,
    on_demand_tabs,
    own_reruns,
    panels,
    refusal_box,
    table,
)
from dashboard.ui.context import current
from dashboard.vocabulary import NETWORKS, NO_NETWORK

SAVED = "_network_editor_message"


def maintain_section() -> None:
    """How the network data are kept up to date: imports, and the round-table editor."""
    link_to_page("views/data.py", "daten", t("nav.data", lang), ":material/database:")
    st.caption(t("network.maintain_intro", lang))
    st.code(
        "\n".join(
            f"python -m dashboard import {k} data/templates/{k}.csv"
            for k in ("network", "round-table", "welcome-bags")
            if k in TEMPLATE_KINDS
        ),
        language="bash",
        wrap_lines=True,
    )
    if SAVED in st.session_state:
        st.success(st.session_state.pop(SAVED), icon=":material/check_circle:")
    with st.expander(t("network.editor_title", lang)):
        if access.editor_gate(lang, "round_table"):
            round_table_form()


def round_table_form() -> None:
    """The editor's form; stored through the round-table import (validated and logged)."""
    with st.form("round_table_editor"):
        st.caption(t("network.editor_intro", lang))
        names = reference.names
        left, middle, right = st.columns(3)
        when = left.date_input(t("network.date", lang), value=dt.date.today(), format="DD.MM.YYYY", key="editor_date")
        host = middle.selectbox(
            t("network.host", lang), [None, *names], format_func=lambda a: names.get(a, "–"), key="editor_host"
        )
        fmt = right.selectbox(
            t("network.format", lang),
            ["praesenz", "digital", "hybrid"],
            key="editor_format",
            format_func=lambda f: t(f"round_table_format.{f}", lang),
        )
        participants = st.number_input(t("network.participants", lang), value=0, step=1, key="editor_participants")
        attending = multiselect(
            t("network.towns", lang),
            list(names),
            format_func=names.get,
            key="editor_towns",
            placeholder=t("filters.choose", lang),
        )
        if st.form_submit_button(t("network.editor_save", lang), type="primary"):
            try:
                result = add_round_table_edition(cache.warehouse_path(), when, host, fmt, int(participants), attending)
            except ImportRefused as refusal:
                # the form's own field names, not the line and column of the file it is stored through
                fields = {
                    "date": "network.date",
                    "host_ags": "network.host",
                    "format": "network.format",
                    "participants": "network.participants",
                    "ags": "network.towns",
                }
                refusal_box(
                    t("network.editor_refused", lang),
                    "\n".join(
                        f"- {t(fields[p.column], lang) if p.column in fields else p.column or ''}: "
                        f"{p.value if p.value is not None else ''} – {p.expectation(lang)}"
                        for p in refusal.problems
                    ),
                )
            else:
                edition = result.file_name.rsplit(" ", 1)[-1]
                st.session_state[SAVED] = t("network.editor_saved", lang, edition=edition, summary=result.summary(lang))
                st.rerun()


context = current()
lang, reference = context.lang, context.reference
st.title(t("network.title", lang))
st.caption(t("network.intro", lang))
data = cache.network_data(context.db, context.version)
if data.membership.empty and data.editions.empty:
    st.info(t("network.none", lang), icon=":material/info:")
    maintain_section()
    st.stop()
if data.editions["is_demo"].any():
    st.caption(":material/science: " + t("network.demo", lang))

with needed(lang):
    try:
        wanted = dt.date.fromisoformat(st.query_params.get("stichtag", ""))
    except ValueError:
        wanted = data.last_day
    wanted = min(max(wanted, data.first_day), data.last_day)
    day = st.slider(
        t("network.day", lang),
        min_value=data.first_day,
        max_value=data.last_day,
        value=wanted,
        step=dt.timedelta(days=1),
        format="DD.MM.YYYY",
        key="network_day",
    )
    st.query_params["stichtag"] = day.isoformat()
    today = cache.network_on(context.db, context.version, day)
    marked = {
        "demo": bool(data.editions["is_demo"].any())
        or reference.kinds_by_year("network_membership").get("demo") is not None,
        "lang": lang,
    }


def cards() -> None:
    coverage = today.coverage.set_index("network")
    for column, network in zip(card_grid(list(NETWORKS)), NETWORKS, strict=True):
        members = int(coverage.loc[network, "members"]) if network in coverage.index else 0
        column.metric(t(f"network.{network}", lang), members, border=True)
        if members:
            column.caption(
                t(
                    "network.members_caption",
                    lang,
                    towns=percent(coverage.loc[network, "share_of_towns"], lang, 0),
                    population=percent(coverage.loc[network, "share_of_population"], lang, 0),
                )
            )


@own_reruns(lang)
def growth() -> None:
    st.subheader(t("network.growth_title", lang))
    measures = ["members", "share_of_towns", "share_of_population"]
    measure = (
        st.segmented_control(
            t("network.growth_measure", lang),
            measures,
            default="members",
            format_func=lambda m: t(f"network.{m}", lang),
            key="growth_measure",
        )
        or "members"
    )
    chart(
        charts.growth(data.growth, data.milestones, measure, t("network.growth_title", lang), lang),
        "netzwerk-wachstum",
        "growth",
        **marked,
    )


def network_map() -> None:
    st.subheader(t("network.map_title", lang))
    layer = cache.layer(context.db, context.version)
    chart(
        charts.membership_map(
            today.combinations, layer, f"{t('network.map_title', lang)} · {format_date(today.day, lang)}", lang
        ),
        "netzwerk-karte",
        "network_map",
        **marked,
    )
    st.caption(map_source(layer, lang))
    spots = today.combinations[today.combinations["combination"] == NO_NETWORK]["name"].tolist()
    st.caption(
        t("network.white_spots", lang, day=format_date(today.day, lang), towns=", ".join(spots))
        if spots
        else t("network.no_white_spots", lang, day=format_date(today.day, lang))
    )


@own_reruns(lang)
def round_table() -> None:
    st.subheader(t("network.round_table_title", lang))
    editions = labelled(
        data.editions.assign(
            date=data.editions["date"].map(lambda d: format_date(d, lang)),
            format=data.editions["format"].map(lambda f: t(f"round_table_format.{f}", lang)),
        ),
        {
            "edition": "network.edition",
            "date": "network.date",
            "host": "network.host",
            "format": "network.format",
            "participants": "network.participants",
            "towns": "network.towns",
        },
        lang,
    )
    table(editions, {t("network.participants", lang): 0, t("network.towns", lang): 0}, lang)
    downloads(editions, "runder-tisch", lang, "editions")
    drawer(t("network.attendance_title", lang), "network_attendance_drawer", attendance)
    last_n = st.number_input(
        t("network.absent_n", lang),
        min_value=1,
        max_value=max(len(data.editions), 1),
        value=min(4, max(len(data.editions), 1)),
        key="absent_n",
    )
    absent = network_service.absent_in_last(data.attendance, data.editions, reference.region, int(last_n))
    st.caption(
        t("network.absent", lang, count=len(absent), n=int(last_n), towns=", ".join(map(reference.name_of, absent)))
        if absent
        else t("network.absent_none", lang, n=int(last_n))
    )


def attendance() -> None:
    matrix = network_service.attendance_matrix(data.attendance, reference.towns)
    chart(charts.attendance(matrix, t("network.attendance_title", lang), lang), "teilnahme", "attendance", **marked)


def bags() -> None:
    st.subheader(t("network.bags_title", lang))
    if not data.bags_by_month.empty:
        chart(
            charts.bags_per_month(data.bags_by_month, t("network.bags_title", lang), lang), "taschen", "bags", **marked
        )
        bags = labelled(
            data.bags_by_town.assign(since=data.bags_by_town["since"].map(lambda d: format_date(d, lang))),
            {
                "name": "column.name",
                "since": "network.since",
                "handed_out": "network.bags",
                "inflow": "kpi.inflow",
                "coverage": "network.bag_coverage",
            },
            lang,
        )
        table(
            bags,
            {t("network.bags", lang): 0, t("kpi.inflow", lang): 0},
            lang,
            percents={t("network.bag_coverage", lang): 1},
        )
        downloads(bags, "willkommenstaschen", lang, "bags_table")
        st.caption(t("network.bags_per_town_month", lang))
        monthly = labelled(
            data.bags_by_town_month.assign(month=data.bags_by_town_month["month"].dt.date),
            {
                "name": "column.name",
                "month": "column.month",
                "handed_out": "network.bags",
                "inflow": "kpi.inflow",
                "coverage": "network.bag_coverage",
            },
            lang,
        )
        downloads(monthly, "willkommenstaschen-je-monat", lang, "bags_town_month")
    st.caption(t("network.bags_caveat", lang))


@own_reruns(lang)
def inflow_by_network() -> None:
    st.subheader(t("network.inflow_title", lang))
    chosen = st.selectbox(
        t("network.inflow_network", lang),
        list(NETWORKS),
        format_func=lambda n: t(f"network.{n}", lang),
        key="inflow_network",
    )
    comparison = network_service.inflow_by_membership(data.yearly_inflow, data.membership, chosen)
    chart(
        charts.inflow_comparison(comparison, t("network.inflow_title", lang), lang),
        "zuzug-netzwerk",
        "net_inflow",
        **marked,
    )
    st.caption(t("network.inflow_caption", lang))


panels(lang, cards)
# below the cards one panel at a time: a change of the date redraws the cards and the open tab only
on_demand_tabs(
    lang,
    {
        "wachstum": (t("network.tab_growth", lang), growth),
        "karte": (t("network.tab_map", lang), network_map),
        "runder-tisch": (t("network.tab_round_table", lang), round_table),
        "taschen": (t("network.tab_bags", lang), bags),
        "zuzug": (t("network.tab_inflow", lang), inflow_by_network),
        # for those who keep the data: the imports and the round-table editor
        "pflege": (t("network.maintain", lang), maintain_section),
    },
)
