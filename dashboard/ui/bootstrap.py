"""First start: build the warehouse from data/ (with progress) when it does not exist yet; a
damaged warehouse gets a page of its own instead of a traceback, and is set aside, not overwritten."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from dashboard.ingest.init import init_warehouse
from dashboard.ui import access
from dashboard.ui.cache import warehouse_path
from dashboard.ui.components import literal, without_paths
from dashboard.warehouse.connection import LakeNotConfigured, data_version, shown
from dashboard.warehouse.connection import exists as warehouse_exists
from dashboard.warehouse.health import can_set_aside, damage, set_aside
from dashboard.warehouse.migrate import bring_up_to_date
from dashboard.warehouse.recovery import recover


@st.cache_resource(max_entries=4, show_spinner=False)
def _damage(db: str, version: str) -> str | None:
    return damage(Path(db))


@st.cache_resource(max_entries=4, show_spinner=False)
def _schema_brought_up_to_date(db: str) -> list[str]:
    """Once per warehouse and server process: a warehouse from an older release gets the newer
    schema files before a page reads it, and rows of an import killed in its commit are removed."""
    applied = bring_up_to_date(Path(db))
    recover(Path(db))
    return applied


def _build(path: Path, lang: str) -> None:
    bar = st.progress(0.0, text=t("errors.building", lang))
    try:
        init_warehouse(
            path,
            demo=True,
            progress=lambda share, text: bar.progress(min(share, 1.0), text=f"{t('errors.building', lang)} {text}"),
        )
    except LakeNotConfigured:  # a setting of the server's: said on the page, nothing was created
        bar.empty()
        st.error(t("errors.lake_without_data", lang, lake=literal(shown(path))), icon=":material/settings:")
        st.stop()
    bar.empty()


def damaged_page(path: Path, reason: str, lang: str) -> None:
    """What happened, how to rebuild, where a backup would be; editors rebuild from here."""
    st.title(t("damaged.title", lang))
    st.error(
        t("damaged.what", lang, file=literal(path.name), reason=literal(without_paths(reason))),
        icon=":material/report:",
    )
    st.markdown(t("damaged.how", lang, file=path.name))
    if can_set_aside(path) and access.editor_gate(lang, "rebuild"):
        if access.is_editor() and access.mode() != "open":
            st.caption(t("data.warehouse", lang, path=shown(path)))
        if st.button(t("damaged.rebuild", lang), type="primary", icon=":material/build:", key="rebuild"):
            kept = set_aside(path)
            _build(path, lang)
            _damage.clear()
            st.session_state["_rebuilt_from"] = kept.name
            st.rerun()


def ensure_warehouse(lang: str) -> None:
    path = warehouse_path()
    if warehouse_exists(path):
        reason = _damage(str(path), data_version(path))
        if reason:
            damaged_page(path, reason, lang)
            st.stop()
        _schema_brought_up_to_date(str(path))
        if kept := st.session_state.pop("_rebuilt_from", None):
            st.toast(t("damaged.rebuilt", lang, file=kept), icon=":material/check_circle:")
        return
    _build(path, lang)
    st.toast(t("errors.built", lang), icon=":material/check_circle:")
