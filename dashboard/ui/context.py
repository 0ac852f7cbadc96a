"""The shared sidebar (language, period, districts, towns, target groups) and what pages read.

app.py draws the sidebar once per run; a page run on its own (tests) gets the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.i18n import t
from dashboard.i18n.format import MONTHS
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS, Selection, default_period
from dashboard.ui import cache
from dashboard.ui import state as url
from dashboard.ui.components import invalid_link_value, multiselect
from dashboard.vocabulary import TARGET_GROUPS

CONTEXT = "_context"


@dataclass(frozen=True)
class Context:
    db: str
    version: str
    reference: Reference
    selection: Selection
    lang: str
    default_years: tuple[int, int]


def _default_years(reference: Reference) -> tuple[int, int]:
    return default_period(reference.years_with_registrations())


def language() -> str:
    lang = st.session_state.get("lang") or st.query_params.get(url.LANG, "de")
    return lang if lang in ("de", "en") else "de"


def _seed(values: dict[str, object], reference: Reference, default_years: tuple[int, int]) -> None:
    """URL values become the widgets' starting values (only before a widget exists)."""
    seeds = {
        "lang": values.get(url.LANG, "de"),
        "years": values.get(url.YEARS, default_years),
        "months": list(values.get(url.MONTHS, ALL_MONTHS)),
        "districts": list(values.get(url.DISTRICTS, ())),
        "towns": list(values.get(url.TOWNS, ())),
        "target_groups": list(values.get(url.GROUPS, ())),
    }
    for key, value in seeds.items():
        st.session_state.setdefault(key, value)


def sidebar(db: str, version: str, reference: Reference) -> Context:
    """Draw the shared filters, keep them in the URL, and return the context for the page."""
    default_years = _default_years(reference)
    parsed = url.parse(dict(st.query_params), reference)
    url.apply_pending()
    _seed(parsed.values, reference, default_years)
    lang = st.session_state["lang"]
    with st.sidebar:
        st.segmented_control(
            t("filters.language", lang), ["de", "en"], key="lang", format_func={"de": "Deutsch", "en": "English"}.get
        )
        lang = st.session_state["lang"] or "de"
        st.subheader(t("filters.header", lang))
        years = reference.years_with_registrations() or list(default_years)
        st.session_state["years"] = _year_range(st.session_state.get("years"), years, default_years)
        if years[0] < years[-1]:
            st.slider(
                t("filters.years", lang), min_value=years[0], max_value=years[-1], step=1, format="%d", key="years"
            )
        st.pills(
            t("filters.months", lang),
            list(ALL_MONTHS),
            selection_mode="multi",
            key="months",
            format_func=lambda m: MONTHS[lang][m - 1],
        )
        multiselect(
            t("filters.districts", lang), reference.districts, key="districts", placeholder=t("filters.all", lang)
        )
        pool = reference.towns
        if st.session_state["districts"]:
            pool = pool[
                pool["district"].isin(st.session_state["districts"]) | pool["ags"].isin(st.session_state["towns"])
            ]
        multiselect(
            t("filters.towns", lang),
            pool["ags"].tolist(),
            key="towns",
            format_func=reference.names.get,
            help=t("filters.towns_help", lang),
            placeholder=t("filters.all", lang),
        )
        multiselect(
            t("filters.target_groups", lang),
            list(TARGET_GROUPS),
            key="target_groups",
            format_func=lambda g: t(f"target_group.{g}", lang),
            help=t("filters.target_groups_help", lang),
            placeholder=t("filters.all", lang),
        )
        if st.button(t("filters.reset", lang), icon=":material/restart_alt:"):
            url.request(years=default_years, months=list(ALL_MONTHS), districts=[], towns=[], target_groups=[])
        for name, value in parsed.invalid:
            invalid_link_value(name, value, lang)
        st.caption(t("filters.link", lang))
    selection = _selection(st.session_state, default_years)
    url.sync_url(url.encode(selection, lang, reference, default_years))
    context = Context(db, version, reference, selection, lang, default_years)
    st.session_state[CONTEXT] = context
    return context


def _year_range(value, years: list[int], default: tuple[int, int]) -> tuple[int, int]:
    """A (first, last) pair within the data's years: a range slider needs a tuple of two."""
    if isinstance(value, int):
        value = (value, value)
    try:
        first, last = (int(v) for v in value)
    except (TypeError, ValueError):
        return default
    first, last = max(first, years[0]), min(last, years[-1])
    return (first, last) if first <= last else default


def _selection(values, default_years: tuple[int, int]) -> Selection:
    span = values.get("years") or default_years
    if isinstance(span, int):
        span = (span, span)
    return Selection(
        int(span[0]),
        int(span[1]),
        tuple(sorted(values.get("months") or ALL_MONTHS)),
        tuple(values.get("districts") or ()),
        tuple(values.get("towns") or ()),
        tuple(values.get("target_groups") or ()),
    )


def current() -> Context:
    """The context app.py prepared, or (a page run on its own) the defaults from the URL."""
    if CONTEXT in st.session_state:
        return st.session_state[CONTEXT]
    db, version = str(cache.warehouse_path()), cache.version()
    reference = cache.reference(db, version)
    default_years = _default_years(reference)
    parsed = url.parse(dict(st.query_params), reference)
    span = parsed.values.get(url.YEARS, default_years)
    selection = Selection(
        span[0],
        span[1],
        parsed.values.get(url.MONTHS, ALL_MONTHS),
        parsed.values.get(url.DISTRICTS, ()),
        parsed.values.get(url.TOWNS, ()),
        parsed.values.get(url.GROUPS, ()),
    )
    return Context(db, version, reference, selection, parsed.values.get(url.LANG, "de"), default_years)
