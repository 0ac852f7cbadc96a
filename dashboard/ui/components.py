"""Shared building blocks: demo badge, KPI cards, tables with downloads, charts, error boundary."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts.summary import figure_sentence, figure_table
from dashboard.charts.theme import download_config, with_note
from dashboard.exports import images
from dashboard.exports.tables import to_csv, to_xlsx
from dashboard.i18n import t
from dashboard.i18n.format import delta_arrow, number, percent
from dashboard.kpis.migration import change
from dashboard.service import notes
from dashboard.service.reference import Reference
from dashboard.ui import state as url
from dashboard.ui.plot import clicked_points, plotly_chart


def demo_badge(reference: Reference, lang: str) -> None:
    """Which data sets and years are official, own deliveries or demo data: a badge while any
    demo data is shown, and the list of data sets with their years and kinds."""
    lines = notes.provenance_lines(reference, lang)
    if not lines:
        return
    if reference.has_demo:
        label = t("badge.demo" if reference.is_all_demo else "badge.partly_demo", lang)
        st.markdown(
            f":orange-badge[:material/science: {label}]", help=t("badge.demo_help", lang) + "\n\n" + "\n\n".join(lines)
        )
    else:
        st.markdown(f":blue-badge[:material/verified: {t('badge.no_demo', lang)}]", help="\n\n".join(lines))
    # the data sets with their years and kinds, on every page (in the sidebar, out of the way)
    with st.sidebar:
        st.caption(":material/database: " + " · ".join(lines))


def delta_colour(change: float | None, lower_is_better: bool = False) -> str:
    """st.metric's delta colour from the change itself (the delta text keeps the typographic minus,
    which Streamlit would not read as negative): green for good news, red for bad."""
    if change is None or pd.isna(change) or change == 0:
        return "gray"
    return "green" if (change > 0) != lower_is_better else "red"


def notes_caption(lines: list[str]) -> None:
    """The notes that go with a figure (what is left out, definitions, inhabitants, demo data)."""
    if lines:
        st.caption(" ".join(lines))


def kpi_card(
    label: str,
    value: float,
    previous: float | None,
    lang: str,
    decimals: int = 0,
    caption: str | None = None,
    sign: bool = False,
    help_text: str | None = None,
    lower_is_better: bool = False,
    show_relative: bool = True,
) -> None:
    delta, arrow, absolute = None, "off", None
    if previous is not None and not pd.isna(previous) and not pd.isna(value):
        absolute, relative = change(value, previous)
        # a relative change of a balance that can change sign says little: absolute only there
        delta = number(absolute, lang, decimals, sign=True) + (
            f" ({percent(relative, lang, 1, sign=True)})" if show_relative and not pd.isna(relative) else ""
        )
        arrow = delta_arrow(absolute)
    st.metric(
        label,
        number(value, lang, decimals, sign=sign),
        delta,
        help=help_text,
        border=True,
        delta_color=delta_colour(absolute if delta else None, lower_is_better),
        delta_arrow=arrow,
    )
    if caption:
        st.caption(caption)


def require_registrations(reference: Reference, lang: str, title: str | None = None) -> None:
    """Stop the page with a clear note (under `title`, for pages that have none yet) while no
    migration data is loaded."""
    if not reference.years_with_registrations():
        if title:
            st.title(title)
        st.info(t("inflow.no_registrations", lang), icon=":material/info:")
        st.stop()


def map_source(layer, lang: str) -> str:
    """Under every map: the official attribution, or that the map is schematic."""
    if layer.is_official:
        return layer.attribution or "© GeoBasis-DE / BKG, dl-de/by-2-0"
    return t("inflow.map_schematic", lang)


def downloads(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    lang: str,
    key: str,
    xlsx: bool = True,
    decimals: dict[str, int] | None = None,
    footer: tuple[str, ...] = (),
) -> None:
    """CSV (German: ; and decimal comma, Excel-friendly) and, unless `xlsx` is False, XLSX of a
    table; `frame` may be a function that loads the table when a button is pressed. Numbers are
    rounded to the `decimals` they are shown with (XLSX: with number formats); `footer` lines
    (period, selection, sources, demo note) follow the table."""
    separator, decimal = (";", ",") if lang == "de" else (",", ".")
    table_now = frame if callable(frame) else (lambda: frame)
    # side by side at their own width: in fixed column shares they were cut to "C." and "E."
    # where a panel is narrow (a half-width column at 1024 px)
    buttons = st.container(horizontal=True, gap="small")
    # the files are built only when a button is pressed, not on every rerun
    buttons.download_button(
        t("download.csv", lang),
        lambda: to_csv(table_now(), separator, decimal, decimals, footer),
        f"{name}.csv",
        "text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    if xlsx:
        buttons.download_button(
            t("download.xlsx", lang),
            lambda: to_xlsx(table_now(), name, decimals, footer),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            icon=":material/download:",
        )


def chart(
    figure: go.Figure,
    file_name: str,
    key: str,
    demo: bool = False,
    lang: str = "de",
    on_click: Callable[[], None] | None = None,
) -> None:
    """The figure (redrawn in place on a new run) with a PNG camera button; an SVG download rendered
    only when pressed; and its text alternative: a switch that shows a sentence on what it shows
    and the data behind it as a table (built only when switched on). `demo` marks a figure
    resting on demo data in the figure itself; `on_click` is called on a click on a point (read it
    with `clicked_towns`)."""
    note = t("badge.demo", lang) if demo else None
    plotly_chart(figure, download_config(file_name), key, lang, on_click, note)
    tools = st.container(horizontal=True, gap="medium", vertical_alignment="center")
    tools.download_button(
        "SVG",
        lambda: images.svg(with_note(figure, note) if note else figure),
        f"{file_name}.svg",
        "image/svg+xml",
        key=f"{key}_svg",
        icon=":material/image:",
        type="tertiary",
    )
    if tools.toggle(t("chart.data", lang), key=f"{key}_data"):
        st.caption(figure_sentence(figure, lang) + (f" {t('badge.demo', lang)}." if demo else ""))
        frame = figure_table(figure, lang)
        if not frame.empty:
            numbers = {
                c: 0 if pd.api.types.is_integer_dtype(frame[c]) else 1
                for c in frame.columns[1:]
                if pd.api.types.is_numeric_dtype(frame[c])
            }
            table(frame, numbers, lang)


# Longest text from a link or a file echoed on a page.
ECHO_MAX_CHARS = 120
_SERVER_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][\w.\-]+){2,}")


def literal(value: object) -> str:
    """Text from a link, a file or a query shown inside Markdown as exactly these characters: a
    code span, in which no link, image or formatting is interpreted."""
    text = " ".join(str(value).split())
    text = text if len(text) <= ECHO_MAX_CHARS else text[:ECHO_MAX_CHARS] + "…"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"{fence}{text}{fence}"


def without_paths(text: str) -> str:
    """An error's text without the server's file paths."""
    return _SERVER_PATH.sub("…", text)


def refusal_box(title: str, message: str) -> None:
    """A refusal whose details come from a file or a query: the title as Markdown, the details as
    plain text (a cell reading "[hier](https://…)" stays text)."""
    st.error(title, icon=":material/block:")
    st.code(without_paths(message), language=None, wrap_lines=True)


def invalid_link_value(name: str, value: object, lang: str) -> None:
    st.warning(t("filters.invalid", lang, name=literal(name), value=literal(value)), icon=":material/link_off:")


@contextmanager
def guarded(lang: str) -> Iterator[None]:
    """No page shows a bare exception: the error is named and the data stays untouched."""
    # st.rerun, st.stop and st.switch_page raise ScriptControlException, a BaseException, so they
    # pass through; every error of the panel itself is shown in its place
    try:
        yield
    except Exception as error:  # noqa: BLE001 (the panel's error boundary)
        st.error(t("errors.generic", lang, error=literal(without_paths(f"{type(error).__name__}: {error}"))))


def panels(lang: str, *steps: Callable[[], None]) -> None:
    """A page as a list of panels, each behind its own guard: one failing panel shows its
    message in its place and the panels after it are still drawn."""
    for step in steps:
        with guarded(lang):
            step()


def on_demand_tabs(lang: str, views: dict[str, tuple[str, Callable[[], None]]]) -> None:
    """The panels below the first screen as tabs of which only the open one is computed and drawn:
    a filter change then redraws the cards and one panel, not the whole page. `views` maps a
    stable code (the page's URL parameter `ansicht`, the same in every language) to a label and a
    panel; the first is the default."""
    codes = list(views)
    labels = {code: label for code, (label, _) in views.items()}
    asked = st.query_params.get(url.VIEW)
    opened, bad = url.page_param(url.VIEW, codes[0], codes)
    wanted = labels[opened]
    # The widget remembers the open tab by its label, so it is keyed per page and language, and its
    # identity includes its default, which therefore stays the same while the user clicks tabs. A
    # URL asking for another tab than the one last written there (a link, a jump from another
    # page) gets a new widget opened at that tab: an existing one would keep its own.
    page = f"{url.VIEW}_{lang}_{'-'.join(codes)}"
    written, generation, opening = f"_{page}_in_url", f"_{page}_generation", f"_{page}_opening"
    if opening not in st.session_state or asked != st.session_state.get(written):
        st.session_state[generation] = st.session_state.get(generation, 0) + 1
        st.session_state[opening] = wanted
    key = f"{page}_{st.session_state[generation]}"
    if bad:  # above the tabs, where it is seen, not under the open panel
        invalid_link_value(url.VIEW, asked, lang)
    tabs = st.tabs(list(labels.values()), default=st.session_state[opening], key=key, on_change="rerun")
    for (code, (_, step)), tab in zip(views.items(), tabs, strict=True):
        if tab.open:
            shown = None if code == codes[0] else code
            if shown is None:
                st.query_params.pop(url.VIEW, None)
            else:
                st.query_params[url.VIEW] = code
            st.session_state[written] = shown
            with tab, guarded(lang):
                step()


def drawer(label: str, key: str, draw: Callable[[], None]) -> None:
    """An expander whose content (a long table, its downloads) is built only while it is open:
    opening it reruns the page once, and a filter change does not pay for tables nobody opened."""
    box = st.expander(label, key=key, on_change="rerun")
    if box.open:
        with box:
            draw()


def clicked_towns(key: str) -> list[str]:
    """The towns (AGS in customdata) chosen by a click on the map chart `key`, read in its callback."""
    return [p["customdata"][0] for p in clicked_points(key) if p.get("customdata")]


def own_reruns(lang: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """A panel whose own controls rerun only the panel (st.fragment), guarded inside: Streamlit
    handles a fragment's errors itself, so the guard has to sit within it."""

    def wrap(step: Callable[[], None]) -> Callable[[], None]:
        @functools.wraps(step)
        def run() -> None:
            with guarded(lang):
                step()

        return st.fragment(run)

    return wrap


@contextmanager
def needed(lang: str) -> Iterator[None]:
    """The part of a page every panel needs (its data, its main choice): an error there is shown
    in its place and the page stops, since no panel can be drawn without it."""
    failed = True
    with guarded(lang):
        yield
        failed = False
    if failed:
        st.stop()


def table(
    frame: pd.DataFrame, decimals: dict[str, int], lang: str, percents: dict[str, int] | None = None, **kwargs
) -> None:
    """A sortable table whose numbers follow the UI language (German: 1.234,5 and 12,3 %),
    whatever the browser's locale; sorting still uses the numbers."""
    formats = {column: (lambda v, d=d: number(v, lang, d)) for column, d in decimals.items() if column in frame.columns}
    formats.update(
        {
            column: (lambda v, d=d: percent(v, lang, d))
            for column, d in (percents or {}).items()
            if column in frame.columns
        }
    )
    st.dataframe(frame.style.format(formats), hide_index=True, width="stretch", **kwargs)


def static_table(frame: pd.DataFrame, decimals: dict[str, int] | None = None, lang: str = "de") -> None:
    """A few rows (no sorting to offer) drawn as HTML: it needs no data grid loaded in the browser,
    prints as it is shown and wraps long text on a phone, where a grid cuts it. The first column
    labels the rows; the `decimals` columns are numbers written in the UI language, the others text
    already formatted."""
    shown = frame.assign(
        **{
            c: frame[c].map(lambda v, d=d: number(v, lang, d))
            for c, d in (decimals or {}).items()
            if c in frame.columns
        }
    )
    st.table(shown.set_index(shown.columns[0]))


def labelled(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """The frame with the chosen columns renamed to their labels in the UI language."""
    return frame[list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})


def unusual_years_table(unusual: pd.DataFrame, lang: str) -> None:
    """Unusual town-years (service.inflow.unusual_town_years): the year's in-migration per 1,000
    against the town's own median, as the Zuzug and the Daten page show them."""
    shown = labelled(
        unusual,
        {
            "name": "column.name",
            "year": "column.year",
            "inflow": "kpi.inflow",
            "inflow_per_1000": "kpi.inflow_per_1000",
            "median_per_1000": "column.median_per_1000",
        },
        lang,
    )
    table(
        shown,
        {t("kpi.inflow", lang): 0, t("kpi.inflow_per_1000", lang): 1, t("column.median_per_1000", lang): 1},
        lang,
    )


def jump_button(
    label: str,
    script: str,
    key: str,
    state: dict[str, object],
    params: dict[str, str] | None = None,
    forget: tuple[str, ...] = (),
    help: str | None = None,
) -> None:
    """A button that opens another page with shared filters set (`state`: sidebar widget keys),
    page parameters in the URL, and the widgets named in `forget` reset to what the URL says."""

    def apply() -> None:
        for name in forget:
            st.session_state.pop(name, None)
        st.session_state.update(state)

    if st.button(label, key=key, on_click=apply, icon=":material/arrow_forward:", type="tertiary", help=help):
        st.switch_page(script, query_params=params or {})


def link_to_page(script: str, url_path: str, label: str, icon: str) -> None:
    """A link to another page; a plain link where the page runs without the app's navigation."""
    from dashboard.ui.context import CONTEXT

    if CONTEXT in st.session_state:
        st.page_link(script, label=label, icon=icon)
    else:
        st.markdown(f"[{label}](/{url_path})")


STYLE = (Path(__file__).with_name("app.css")).read_text(encoding="utf-8")


STYLE_MARKER = "app-style-marker"


def style_sheet(css: str) -> None:
    """CSS for the page as an element of its own (the marker keeps st.html from moving a bare
    style sheet to its event container, and hides the element's box)."""
    st.html(
        f"<style>{css}\n[data-testid='stElementContainer']:has(.{STYLE_MARKER}) {{ display: none; }}</style>"
        f"<span class='{STYLE_MARKER}'></span>"
    )


def app_style() -> None:
    """The app's own CSS (card grid, contrast, print layout) on every run."""
    style_sheet(STYLE)


def card_grid(keys: list[str], border: bool = False) -> list:
    """Containers for cards that wrap into as many columns as the screen holds (app.css), so a
    headline figure is never cut on a beamer or a phone."""
    row = st.container(horizontal=True, gap="small")
    return [row.container(key=f"card-{key}", border=border) for key in keys]


def multiselect(label: str, options, **kwargs):
    """st.multiselect without its bulk action, whose "Select all" Streamlit writes in English only
    (an empty choice already means all)."""
    return st.multiselect(label, options, select_all=False, **kwargs)
