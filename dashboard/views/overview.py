"""Überblick: the region's leadership KPIs against their targets, and the notable changes."""

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.i18n.format import kpi_value, number, period
from dashboard.ingest.errors import ImportRefused
from dashboard.kpis.glossary import GLOSSARY
from dashboard.kpis.overview import LOWER_IS_BETTER, UNIT
from dashboard.service import notes
from dashboard.service.overview import KPI_DATA_SETS, save_targets
from dashboard.service.selection import ALL_MONTHS
from dashboard.ui import access, cache
from dashboard.ui.components import (
    guarded,
    jump_button,
    metric_delta,
    notes_caption,
    require_registrations,
)
from dashboard.ui.context import current

STATUS_BADGE = {"reached": ("green", ":material/check_circle:"), "close": ("orange", ":material/error:"),
                "missed": ("red", ":material/cancel:")}
MEASURE_DECIMALS = 1
SAVED_NOTE = "_targets_saved_note"

context = current()
lang, selection, reference = context.lang, context.selection, context.reference
st.title(t("overview.title", lang))

require_registrations(reference, lang)

with guarded(lang):
    data = cache.overview_data(context.db, context.version, selection.year_from, selection.year_to)
    this_period = period(data.year_from, data.year_to, ALL_MONTHS, lang)
    if data.has_previous:
        before = data.previous_years
        st.caption(t("overview.intro", lang, period=this_period,
                     previous=period(before[0], before[-1], ALL_MONTHS, lang)))
    else:
        st.caption(t("overview.intro_no_previous", lang, period=this_period))
    if selection.districts or selection.towns or selection.target_groups or len(selection.months) < 12:
        st.info(t("overview.scope_note", lang), icon=":material/info:")

    rows = [data.cards[:4], data.cards[4:]]
    for row in rows:
        for column, card in zip(st.columns(4), row, strict=False):
            with column:
                unit = UNIT[card.kpi]
                delta = metric_delta(kpi_value(card.change, unit, lang, sign=True)) \
                    if data.has_previous and pd.notna(card.change) else None
                st.metric(t(f"kpi.{card.kpi}", lang), kpi_value(card.value, unit, lang), delta,
                          delta_color="inverse" if card.kpi in LOWER_IS_BETTER else "normal",
                          chart_data=[v for v in card.trend if pd.notna(v)], chart_type="line",
                          border=True, help=t("overview.trend_caption", lang, first=card.trend_years[0],
                                              last=card.trend_years[-1]) if card.trend_years else None)
                if card.status:
                    colour, icon = STATUS_BADGE[card.status]
                    st.markdown(f":{colour}-badge[{icon} {t(f'target_status.{card.status}', lang)}] "
                                + t("overview.target_line", lang, target=kpi_value(card.target, unit, lang),
                                    actual=kpi_value(card.value, unit, lang)))
                else:
                    st.caption(t("overview.no_target", lang))
                notes_caption(notes.card_notes(card.kpi, card.missing, card.official_years, card.demo_years,
                                               reference, lang, KPI_DATA_SETS[card.kpi]))

    # ---------- notable changes
    st.subheader(t("overview.highlights_title", lang), help=GLOSSARY["highlights"].definition[lang])
    if data.highlights.empty:
        st.info(t("overview.no_highlights", lang), icon=":material/info:")
    for row in data.highlights.itertuples():
        text, link = st.columns([5, 1], vertical_alignment="center")
        text.markdown(t("overview.highlight_line", lang, name=row.name, district=row.district,
                        measure=t(f"kpi.{row.measure}", lang),
                        change=number(row.change, lang, MEASURE_DECIMALS, sign=True),
                        previous=number(row.previous, lang, MEASURE_DECIMALS),
                        current=number(row.current, lang, MEASURE_DECIMALS)))
        with link:
            jump_button(t("overview.show_in_inflow", lang), "views/inflow.py", key=f"highlight_{row.ags}",
                        state={"towns": [row.ags], "districts": []}, params={"karte": row.measure},
                        forget=("map_measure",))

    # ---------- targets editor
    with st.expander(t("overview.targets_title", lang), icon=":material/flag:"):
        st.caption(t("overview.targets_help", lang))
        may_edit = access.editor_gate(lang, "targets")
        if data.targets["is_demo"].any():
            st.caption(":material/science: " + t("overview.targets_demo", lang))
        kpis = list(UNIT)
        edited = st.data_editor(
            data.targets[["kpi", "scope", "year", "value"]], num_rows="add", hide_index=True,
            key="targets_editor", width="stretch", disabled=not may_edit,
            column_config={
                "kpi": st.column_config.SelectboxColumn(t("overview.column_kpi", lang), options=kpis,
                                                        required=True),
                "scope": st.column_config.SelectboxColumn(t("overview.column_scope", lang), options=["region"],
                                                          default="region", required=True),
                "year": st.column_config.NumberColumn(t("overview.column_year", lang), min_value=1990,
                                                      max_value=2100, step=1, format="%d", required=True),
                "value": st.column_config.NumberColumn(t("overview.column_value", lang), required=True),
            })
        if st.button(t("overview.targets_save", lang), icon=":material/save:", key="targets_save",
                     disabled=not may_edit):
            try:
                result = save_targets(Path(context.db), edited)
            except ImportRefused as refusal:
                st.error(refusal.message(), icon=":material/block:")
            else:
                # the cards read the new goals on the rerun; the note survives it
                st.session_state[SAVED_NOTE] = (t("overview.targets_unchanged", lang) if result.status == "unchanged"
                                                else t("overview.targets_saved", lang,
                                                       rows=result.added + result.replaced))
                st.rerun()
        if SAVED_NOTE in st.session_state:
            st.success(st.session_state.pop(SAVED_NOTE), icon=":material/check:")
