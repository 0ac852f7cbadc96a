"""Explorer: read-only SQL in the sandbox, a chart builder for the result, the data dictionary."""

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.charts.explorer import result_chart
from dashboard.config import settings
from dashboard.i18n import t
from dashboard.i18n.format import number
from dashboard.service.explorer import (
    MEMORY_LIMIT,
    SandboxRefused,
    data_dictionary,
    dictionary_markdown,
    display_decimals,
    examples,
    run_query,
    warm_up,
)
from dashboard.ui.components import chart, downloads, panels, refusal_box, table
from dashboard.ui.context import current

RESULT = "_explorer_result"
XLSX_MAX_ROWS = 100_000
KINDS = ("bar", "line", "scatter")

context = current()
lang = context.lang
warm_up()  # a sandbox worker loads its libraries while the user writes the query
saved = {e.key: e for e in examples()}
limits = settings()


def query_panel() -> None:
    """The statement (a saved example or the user's own), its limits, and Run."""
    if "sql_text" not in st.session_state:
        st.session_state["sql_text"] = st.query_params.get("sql") or saved[next(iter(saved))].text(lang)

    def load_example() -> None:
        chosen = st.session_state.get("sql_example")
        if chosen:
            st.session_state["sql_text"] = saved[chosen].text(lang)

    st.selectbox(
        t("explorer.example", lang),
        list(saved),
        index=None,
        key="sql_example",
        on_change=load_example,
        format_func=lambda k: saved[k].title[lang],
        placeholder=t("explorer.example_placeholder", lang),
    )
    sql = st.text_area(t("explorer.sql", lang), key="sql_text", height=220)
    st.caption(
        t(
            "explorer.limits",
            lang,
            rows=number(limits.sql_row_cap, lang),
            seconds=number(limits.sql_time_limit_ms / 1000, lang),
            memory=MEMORY_LIMIT.replace("GB", " GB"),
        )
    )
    shared_link = st.query_params.get("sql")
    if shared_link and RESULT not in st.session_state:
        # a link someone sent is shown, never run by itself: the visitor reads it and decides
        st.info(t("explorer.shared_link", lang), icon=":material/link:")
    pressed = st.button(t("explorer.run", lang), type="primary", icon=":material/play_arrow:", key="sql_run")
    if pressed:
        st.query_params["sql"] = sql
        try:
            with st.spinner(t("explorer.running", lang)):
                st.session_state[RESULT] = (sql, run_query(Path(context.db), sql))
        except SandboxRefused as refusal:
            st.session_state[RESULT] = (sql, refusal)


def result_panel() -> None:
    """The last result: its grid, downloads and a chart built from it (or why it was refused)."""
    outcome = st.session_state.get(RESULT)
    if outcome is None:
        return
    result = outcome[1]
    if isinstance(result, SandboxRefused):
        refusal_box(t("explorer.refused", lang), result.message(lang))
        return
    text = t("explorer.result", lang, rows=number(result.rows, lang), seconds=number(result.seconds, lang, 2))
    if result.truncated:
        text += " · " + t("explorer.shown", lang, shown=number(len(result.frame), lang))
    st.caption(text)
    if result.frame.empty:
        st.info(t("explorer.empty", lang), icon=":material/info:")
    table(result.frame, display_decimals(result.frame), lang)
    downloads(result.all_rows, "abfrage", lang, "explorer", xlsx=result.rows <= XLSX_MAX_ROWS)
    if result.rows > XLSX_MAX_ROWS:
        st.caption(t("explorer.xlsx_too_big", lang, rows=number(XLSX_MAX_ROWS, lang)))
    st.download_button(
        t("explorer.download_parquet", lang),
        result.parquet,
        "abfrage.parquet",
        "application/vnd.apache.parquet",
        key="explorer_parquet",
        icon=":material/download:",
    )
    numeric = [c for c in result.frame.columns if pd.api.types.is_numeric_dtype(result.frame[c])]
    with st.expander(t("explorer.chart", lang), icon=":material/bar_chart:"):
        if not numeric or result.frame.empty:
            st.caption(t("explorer.chart_needs_numbers", lang))
        else:
            columns = list(result.frame.columns)
            kind_col, x_col, y_col, colour_col = st.columns(4)
            kind = kind_col.selectbox(
                t("explorer.chart_kind", lang),
                KINDS,
                key="chart_kind",
                format_func=lambda k: t(f"explorer.kind_{k}", lang),
            )
            x = x_col.selectbox(t("explorer.chart_x", lang), columns, key="chart_x")
            y = y_col.selectbox(t("explorer.chart_y", lang), numeric, key="chart_y", index=len(numeric) - 1)
            colour = colour_col.selectbox(
                t("explorer.chart_colour", lang),
                [None, *[c for c in columns if c not in (x, y)]],
                key="chart_colour",
                format_func=lambda c: t("explorer.chart_none", lang) if c is None else c,
            )
            chart(result_chart(result.frame, kind, x, y, colour, lang), "abfrage-diagramm", "explorer_chart")


def dictionary_panel() -> None:
    """Every table and column of the warehouse with its meaning, as a download too."""
    st.caption(t("explorer.dictionary_intro", lang))
    words, meanings = data_dictionary(Path(context.db))
    table_name = st.selectbox(
        t("explorer.dictionary_table", lang),
        sorted(meanings),
        key="dictionary_table",
        format_func=lambda name: f"{name} – {meanings[name]}",
    )
    shown = words[words["table"] == table_name].drop(columns="table")
    st.dataframe(
        shown.rename(columns={c: t(f"explorer.column_{c}", lang) for c in shown.columns}),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        t("explorer.dictionary_download", lang),
        dictionary_markdown(words),
        "DICTIONARY.md",
        "text/markdown",
        key="dictionary_md",
        icon=":material/download:",
    )


st.title(t("explorer.title", lang))
st.caption(t("explorer.intro", lang))
query_tab, dictionary_tab = st.tabs([t("explorer.tab_query", lang), t("explorer.tab_dictionary", lang)])
with query_tab:
    panels(lang, query_panel, result_panel)
with dictionary_tab:
    panels(lang, dictionary_panel)
