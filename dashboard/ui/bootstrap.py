"""First start: build the warehouse from data/ (with progress) when it does not exist yet."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from dashboard.ingest.init import init_warehouse
from dashboard.ui.cache import warehouse_path


def ensure_warehouse(lang: str) -> None:
    path = warehouse_path()
    if path.exists():
        return
    bar = st.progress(0.0, text=t("errors.building", lang))
    init_warehouse(path, demo=True, progress=lambda share, text: bar.progress(
        min(share, 1.0), text=f"{t('errors.building', lang)} {text}"))
    bar.empty()
    st.toast(t("errors.built", lang), icon=":material/check_circle:")
