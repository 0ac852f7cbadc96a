"""Datenstand: which data sets are loaded, their period, demo or delivered."""

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.i18n.format import date, period_label
from dashboard.ingest.kinds import KINDS
from dashboard.ui.components import labelled
from dashboard.ui.context import current

context = current()
lang = context.lang
st.title(t("data.title", lang))
st.caption(t("data.intro", lang))
status = context.reference.status
if status.empty:
    st.info(t("data.empty", lang))
else:
    shown = status.assign(
        data_set=status["data_set"].map(lambda s: t(f"data_sets.{s}", lang)),
        **{c: status[c].map(lambda v: period_label(v, lang)) for c in ("first_period", "last_period")},
        last_imported_at=status["last_imported_at"].map(lambda v: date(v.date(), lang) if pd.notna(v) else "–"))
    st.dataframe(labelled(shown, {c: f"column.{c}" for c in
                                  ["data_set", "rows", "demo_rows", "first_period", "last_period",
                                   "last_imported_at"]}, lang), hide_index=True, width="stretch")
if context.reference.population["is_estimate"].any():
    st.warning(t("badge.estimate", lang))
st.markdown(t("data.how_to_import", lang))
st.code("\n".join(f"python -m dashboard import {kind} data/templates/{kind}.csv" for kind in KINDS),
        language="bash")
st.caption(t("data.warehouse", lang, path=context.db))
