"""Überblick: the region's story in two sentences, its leadership KPIs against their targets, its
picture on the map, and the notable gains and declines."""

from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.charts import maps, sparkline
from dashboard.i18n import t
from dashboard.i18n.format import delta_arrow, kpi_value, number, period
from dashboard.service import notes
from dashboard.service.data_care import ImportRefused
from dashboard.service.glossary import GLOSSARY
from dashboard.service.overview import (
    KPI_DATA_SETS,
    LOWER_IS_BETTER,
    UNIT,
    save_targets,
    targets_for_editing,
)
from dashboard.service.selection import ALL_MONTHS
from dashboard.ui import access, cache
from dashboard.ui.components import (
    card_grid,
    chart,
    delta_colour,
    jump_button,
    map_source,
    needed,
    notes_caption,
    on_demand_tabs,
    panels,
    refusal_box,
    require_registrations,
)
from dashboard.ui.context import current

STATUS_BADGE = {
    "reached": ("green", ":material/check_circle:"),
    "close": ("orange", ":material/error:"),
    "missed": ("red", ":material/cancel:"),
}
MEASURE_DECIMALS = 1
SAVED_NOTE = "_targets_saved_note"

context = current()
lang, selection, reference = context.lang, context.selection, context.reference
st.title(t("overview.title", lang))

require_registrations(reference, lang)


def lead(data) -> None:
    """The story of the period in plain sentences, and what is compared with what."""
    st.markdown(" ".join(notes.overview_story(data, lang)))
    this_period = period(data.year_from, data.year_to, ALL_MONTHS, lang)
    if data.has_previous:
        before = data.previous_years
        st.caption(
            t("overview.intro", lang, period=this_period, previous=period(before[0], before[-1], ALL_MONTHS, lang))
        )
    else:
        st.caption(t("overview.intro_no_previous", lang, period=this_period))
    if selection.districts or selection.towns or selection.target_groups or len(selection.months) < 12:
        st.info(t("overview.scope_note", lang), icon=":material/info:")


def trend_line(trend) -> list[float]:
    """The years from the first to the last value; a gap inside stays a gap."""
    known = [i for i, v in enumerate(trend) if pd.notna(v)]
    return [float("nan") if pd.isna(v) else float(v) for v in trend[known[0] : known[-1] + 1]]


def card(item, has_previous: bool) -> None:
    """One KPI: value, change, its years as a sparkline (values in the tooltip), Soll/Ist, notes."""
    unit = UNIT[item.kpi]
    delta = kpi_value(item.change, unit, lang, sign=True) if has_previous and pd.notna(item.change) else None
    years = [y for y, v in zip(item.trend_years, item.trend, strict=True) if pd.notna(v)]
    history = " · ".join(
        f"{y}: {kpi_value(v, unit, lang)}" for y, v in zip(item.trend_years, item.trend, strict=True) if pd.notna(v)
    )
    st.metric(
        t(f"kpi.{item.kpi}", lang),
        kpi_value(item.value, unit, lang),
        delta,
        delta_color=delta_colour(item.change, item.kpi in LOWER_IS_BETTER),
        delta_arrow=delta_arrow(item.change),
        help=t("overview.trend_help", lang, values=history) if history else None,
    )
    if len(years) > 1:
        st.markdown(
            sparkline.svg(trend_line(item.trend), t("overview.trend_alt", lang, values=history)), unsafe_allow_html=True
        )
    if item.status:
        colour, icon = STATUS_BADGE[item.status]
        st.markdown(f":{colour}-badge[{icon} {t(f'target_status.{item.status}', lang)}]")
    facts = (
        [
            t(
                "overview.target_line",
                lang,
                target=kpi_value(item.target, unit, lang),
                actual=kpi_value(item.value, unit, lang),
            )
        ]
        if item.status
        else []
    )
    if years:
        facts.append(t("overview.trend_caption", lang, first=years[0], last=years[-1]))
    notes_caption([" · ".join(facts)] if facts else [])
    notes_caption(notes.card_notes(item, reference, lang, KPI_DATA_SETS[item.kpi]))


def cards(data) -> None:
    for box, item in zip(card_grid([c.kpi for c in data.cards], border=True), data.cards, strict=True):
        with box:
            card(item, data.has_previous)


def change_list(rows: pd.DataFrame, title: str, icon: str, key: str) -> None:
    st.markdown(f"**{icon} {title}**")
    if rows.empty:
        st.caption(t("overview.no_changes", lang))
    for row in rows.itertuples():
        # the whole line opens the Zuzug page for the town (a separate button would be cut on a laptop)
        line = t(
            "overview.highlight_line",
            lang,
            name=row.name,
            district=row.district,
            measure=t(f"kpi.{row.measure}", lang),
            change=number(row.change, lang, MEASURE_DECIMALS, sign=True),
            previous=number(row.previous, lang, MEASURE_DECIMALS),
            current=number(row.current, lang, MEASURE_DECIMALS),
        )
        jump_button(
            line,
            "views/inflow.py",
            key=f"{key}_{row.ags}",
            state={"towns": [row.ags], "districts": []},
            params={"ansicht": "karte", "karte": row.measure},
            forget=("map_measure",),
            help=t("overview.show_in_inflow", lang),
        )


def changes(data) -> None:
    """The notable gains beside the notable declines."""
    st.caption(GLOSSARY["highlights"].definition[lang])
    if not data.has_previous:
        st.info(t("overview.no_highlights", lang), icon=":material/info:")
        return
    gains, declines = st.columns(2)
    with gains:
        change_list(data.gains, t("overview.gains", lang), ":material/trending_up:", "highlight")
    with declines:
        change_list(data.declines, t("overview.declines", lang), ":material/trending_down:", "decline")


def picture(data) -> None:
    """The region's picture: saldo per 1,000 on the map."""
    layer = cache.layer(context.db, context.version)
    figure = maps.choropleth(
        data.town_table,
        layer,
        "net_per_1000",
        t("kpi.net_per_1000", lang) + " · " + period(data.year_from, data.year_to, ALL_MONTHS, lang),
        lang,
        height=520,
    )
    chart(figure, "ueberblick-karte", "overview_map", demo=bool(data.card("net").demo_years), lang=lang)
    st.caption(map_source(layer, lang))


def targets_editor(data) -> None:
    """Goals per KPI and year, with the KPIs' names and numbers as users write them; stored
    through the validated targets import."""
    st.caption(t("overview.targets_help", lang))
    may_edit = access.editor_gate(lang, "targets")
    if data.targets["is_demo"].any():
        st.caption(":material/science: " + t("overview.targets_demo", lang))
    labels = {kpi: t(f"kpi.{kpi}", lang) for kpi in UNIT}
    shown = targets_for_editing(data.targets, labels, lang)
    edited = st.data_editor(
        shown,
        num_rows="add",
        hide_index=True,
        key="targets_editor",
        width="stretch",
        disabled=not may_edit,
        column_config={
            "kpi": st.column_config.SelectboxColumn(
                t("overview.column_kpi", lang), options=list(labels.values()), required=True
            ),
            "year": st.column_config.NumberColumn(
                t("overview.column_year", lang), min_value=1990, max_value=2100, step=1, format="%d", required=True
            ),
            "value": st.column_config.TextColumn(
                t("overview.column_value", lang), required=True, help=t("overview.value_help", lang)
            ),
        },
    )
    if st.button(t("overview.targets_save", lang), icon=":material/save:", key="targets_save", disabled=not may_edit):
        try:
            result = save_targets(Path(context.db), edited, labels, lang)
        except ImportRefused as refusal:
            refusal_box(t("overview.targets_refused", lang), refusal.message(lang))
        else:
            # the cards read the new goals on the rerun; the note survives it
            st.session_state[SAVED_NOTE] = (
                t("overview.targets_unchanged", lang)
                if result.status == "unchanged"
                else t("overview.targets_saved", lang, rows=result.rows_added + result.rows_replaced)
            )
            st.rerun()
    if SAVED_NOTE in st.session_state:
        st.success(st.session_state.pop(SAVED_NOTE), icon=":material/check:")


with needed(lang):
    data = cache.overview_data(context.db, context.version, selection.year_from, selection.year_to)
panels(lang, partial(lead, data), partial(cards, data))
# below the cards one panel at a time: a filter change redraws the cards and the open tab only
on_demand_tabs(
    lang,
    {
        "auffaelligkeiten": (t("overview.highlights_title", lang), partial(changes, data)),
        "karte": (t("overview.map_title", lang), partial(picture, data)),
        "ziele": (t("overview.targets_title", lang), partial(targets_editor, data)),
    },
)
