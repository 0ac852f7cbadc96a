"""Daten: what is loaded, imports with a dry run first, the import history and data quality."""

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.i18n import label_or_code, t
from dashboard.i18n.format import MISSING, date, month, number, period_label
from dashboard.i18n.messages import render
from dashboard.service import notes
from dashboard.service.data_care import (
    IMPORT_KINDS,
    TEMPLATE_KINDS,
    UPLOAD_SUFFIXES,
    dry_run,
    fits,
    import_upload,
    looks_like,
    warehouse_label,
)
from dashboard.ui import access, cache
from dashboard.ui.components import card_grid, guarded, labelled, panels, refusal_box, table, unusual_years_table
from dashboard.ui.context import current

MAX_UPLOAD_MB = 50  # as server.maxUploadSize in .streamlit/config.toml
REPORT = "_dry_run"
DONE = "_import_done"

GUESS = "_import_guess"


def preselect_kind() -> None:
    """A new upload preselects the kind its header looks like (the user can still change it)."""
    upload = st.session_state.get("import_file")
    if upload is None:
        return
    guess = looks_like(upload.getvalue(), upload.name)
    st.session_state[GUESS] = (upload.file_id, guess)
    if guess:
        st.session_state["import_kind"] = guess


context = current()
lang, reference = context.lang, context.reference


def status_panel() -> None:
    """What is loaded: rows per data set and period, the sources, how to import from the command line."""
    status = reference.status
    if status.empty:
        st.info(t("data.empty", lang))
    else:
        shown = status.assign(
            data_set=status["data_set"].map(lambda s: t(f"data_sets.{s}", lang)),
            **{c: status[c].map(lambda v: period_label(v, lang)) for c in ("first_period", "last_period")},
            last_imported_at=status["last_imported_at"].map(lambda v: date(v.date(), lang) if pd.notna(v) else "–"),
        )
        columns = [
            "data_set",
            "rows",
            *(["demo_rows"] if reference.has_demo else []),
            "first_period",
            "last_period",
            "last_imported_at",
        ]
        table(
            labelled(shown, {c: f"column.{c}" for c in columns}, lang),
            {t("column.rows", lang): 0, t("column.demo_rows", lang): 0},
            lang,
        )
    for line in notes.provenance_lines(reference, lang):
        st.caption(line)
    if reference.population["is_estimate"].any():
        st.warning(t("badge.estimate", lang))
    st.markdown(t("data.how_to_import", lang))
    st.code(
        "\n".join(
            [
                *(f"python -m dashboard import {kind} data/templates/{kind}.csv" for kind in TEMPLATE_KINDS),
                "python -m dashboard import genesis 12711-01-03-5.csv",
            ]
        ),
        language="bash",
        wrap_lines=True,
    )
    if access.is_editor():  # where the server keeps its files is for the people who run it
        st.caption(t("data.warehouse", lang, path=warehouse_label(context.db)))


def import_panel() -> None:
    """An upload, its dry run (what would change), then the import on confirmation."""
    allowed = access.editor_gate(lang, "data_import")
    kind = st.selectbox(
        t("data_page.kind", lang),
        IMPORT_KINDS,
        key="import_kind",
        format_func=lambda k: t(f"import_kind.{k}", lang),
        help=t("data_page.kind_help", lang),
    )
    upload = st.file_uploader(
        t("data_page.upload", lang, mb=MAX_UPLOAD_MB),
        type=list(UPLOAD_SUFFIXES),
        key="import_file",
        disabled=not allowed,
        on_change=preselect_kind,
    )
    if upload is not None:
        guessed = st.session_state.get(GUESS, (None, None))
        if guessed[0] == upload.file_id and guessed[1] and guessed[1] != kind:
            st.warning(
                t("data_page.looks_like", lang, kind=t(f"import_kind.{guessed[1]}", lang)), icon=":material/lightbulb:"
            )
        if not fits(kind, upload.name):
            st.error(t("data_page.wrong_suffix", lang, kind=t(f"import_kind.{kind}", lang)), icon=":material/block:")
            upload = None
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE), icon=":material/check_circle:")
    if upload is not None and allowed:
        data = upload.getvalue()
        if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
            st.error(t("data_page.too_large", lang, mb=MAX_UPLOAD_MB))
        else:
            with guarded(lang):
                key = (hashlib.sha256(data).hexdigest(), kind, context.version)
                if st.session_state.get(REPORT, (None,))[0] != key:
                    with st.spinner(t("deck.preparing", lang)):
                        st.session_state[REPORT] = (key, dry_run(Path(context.db), data, upload.name, kind))
                report = st.session_state[REPORT][1]
                st.subheader(t("data_page.check_title", lang))
                if not report.ok:
                    refusal_box(t("data_page.check_refused", lang), report.refusal.message(lang))
                elif report.unchanged:
                    st.info(t("data_page.check_unchanged", lang), icon=":material/info:")
                else:
                    st.success(t("data_page.check_ok", lang), icon=":material/task_alt:")
                if report.ok:
                    figures = card_grid(["rows", "replaced", "towns", "period"])
                    figures[0].metric(t("data_page.rows", lang), number(report.rows, lang))
                    figures[1].metric(t("data_page.replaced", lang), number(report.replaced, lang))
                    figures[2].metric(t("data_page.towns", lang), number(report.towns, lang))
                    figures[3].metric(
                        t("data_page.period", lang),
                        " – ".join(period_label(p, lang) for p in report.period) if report.period else "–",
                    )
                    st.caption(t("data_page.tables", lang, tables=", ".join(report.tables)))
                    if report.detail:
                        st.caption(render(report.detail, lang))
                    if not report.unchanged and st.button(
                        t("data_page.confirm", lang), type="primary", icon=":material/upload:", key="import_confirm"
                    ):
                        result = import_upload(
                            Path(context.db),
                            data,
                            upload.name,
                            kind,
                            "Redaktion" if access.mode() != "open" else "offen",
                        )
                        st.session_state.pop(REPORT, None)
                        st.session_state[DONE] = t("data_page.imported", lang, summary=result.summary(lang))
                        st.rerun()


def history_panel() -> None:
    """Every import with its outcome, in the reader's language."""
    history = cache.import_history(context.db, context.version)
    if history.empty:
        st.info(t("data_page.history_empty", lang))
    else:
        # what a person reads: kinds and states as words, no "None" for a template without a table code
        shown = history.assign(
            imported_at=history["imported_at"].dt.strftime("%d.%m.%Y %H:%M" if lang == "de" else "%Y-%m-%d %H:%M"),
            kind=history["kind"].map(lambda k: label_or_code("import_kind_short", k, lang)),
            status=history["status"].map(lambda s: label_or_code("import_status", s, lang)),
            table_code=history["table_code"].fillna(MISSING),
            # the stored key and values, written in the reader's language (older rows: German text)
            message=history["message_code"].fillna(history["message"]).fillna(MISSING).map(lambda m: render(m, lang)),
        )
        table(
            shown.rename(
                columns={
                    "imported_at": t("data_page.column_when", lang),
                    "kind": t("data_page.kind", lang),
                    "file_name": t("data_page.column_file", lang),
                    "table_code": t("data_page.column_table", lang),
                    "status": t("column.status", lang),
                    "rows": t("column.rows", lang),
                    "message": t("data_page.column_message", lang),
                }
            ).drop(columns=["import_id", "copyright", "source_note", "is_demo", "message_code"]),
            {t("column.rows", lang): 0},
            lang,
            column_config={t("data_page.column_message", lang): st.column_config.TextColumn(width="large")},
        )


def quality_panel() -> None:
    """Gaps in the months, towns missing from a delivery, unusual town-years."""
    quality = cache.data_quality(context.db, context.version)
    st.subheader(t("data_page.gaps_title", lang), help=t("data_page.gaps_help", lang))
    if quality.gaps.empty:
        st.success(t("data_page.gaps_none", lang), icon=":material/task_alt:")
    else:
        months = {
            c: quality.gaps[c].map(lambda v: MISSING if pd.isna(v) else month(pd.Timestamp(v).date(), lang))
            for c in ("first_missing", "last_missing")
        }
        table(
            labelled(
                quality.gaps.assign(**months),
                {
                    "name": "column.name",
                    "missing": "data_page.column_missing",
                    "first_missing": "data_page.column_first_missing",
                    "last_missing": "data_page.column_last_missing",
                },
                lang,
            ),
            {t("data_page.column_missing", lang): 0},
            lang,
        )
    st.subheader(t("data_page.missing_title", lang), help=t("data_page.missing_help", lang))
    lacking = quality.missing_towns[quality.missing_towns["missing"] > 0]
    if lacking.empty:
        st.success(t("data_page.gaps_none", lang).split(":")[0], icon=":material/task_alt:")
    else:
        table(
            labelled(
                lacking,
                {
                    "file_name": "data_page.column_file",
                    "delivered": "data_page.column_delivered",
                    "missing": "data_page.column_missing_count",
                    "missing_towns": "data_page.column_missing_towns",
                },
                lang,
            ),
            {},
            lang,
        )
    st.subheader(t("data_page.unusual_title", lang), help=t("inflow.unusual_help", lang))
    unusual_years_table(quality.unusual, lang)


st.title(t("data.title", lang))
st.caption(t("data.intro", lang))
tabs = st.tabs([t(f"data_page.tab_{name}", lang) for name in ("status", "import", "history", "quality")])
for tab, panel in zip(tabs, (status_panel, import_panel, history_panel, quality_panel), strict=True):
    with tab:
        panels(lang, panel)
