"""The shared selection lives in the URL (st.query_params), so a copied link reopens the view.

Each run: pending changes (e.g. a click on the map) are applied, URL values seed the widgets,
invalid values fall back to defaults with a visible note, and the current state is written back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS, Selection
from dashboard.vocabulary import TARGET_GROUPS

# URL parameter names (German, stable: users share these links)
YEARS, MONTHS, DISTRICTS, TOWNS, GROUPS, LANG = "jahre", "monate", "kreise", "kommunen", "zielgruppen", "lang"
SHARED = (YEARS, MONTHS, DISTRICTS, TOWNS, GROUPS, LANG)
# a page's own view: its open tab, or the presentation's presenter console
VIEW = "ansicht"
PENDING = "_pending_state"


@dataclass
class UrlState:
    values: dict[str, object] = field(default_factory=dict)
    invalid: list[tuple[str, str]] = field(default_factory=list)


def _span(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def parse(params: dict[str, str], reference: Reference) -> UrlState:
    """Values for the widgets from URL parameters; what cannot be used is reported, not raised."""
    state = UrlState()
    years = reference.years_with_registrations()
    district_codes = reference.district_codes
    checks = {
        YEARS: lambda v: _valid_years(_span(v), years),
        MONTHS: lambda v: _valid_months(tuple(sorted({int(m) for m in v.split(",")}))),
        DISTRICTS: lambda v: tuple(district_codes[c] for c in v.split(",")),
        TOWNS: lambda v: tuple(a for a in v.split(",") if a in set(reference.region) or _raise(a)),
        GROUPS: lambda v: tuple(g for g in v.split(",") if g in TARGET_GROUPS or _raise(g)),
        LANG: lambda v: v if v in ("de", "en") else _raise(v),
    }
    for name, convert in checks.items():
        if name in params and params[name] != "":
            try:
                state.values[name] = convert(params[name])
            except (ValueError, KeyError, TypeError):
                state.invalid.append((name, params[name]))
    return state


def _raise(value: str):
    raise ValueError(value)


def _valid_years(span: tuple[int, int], years: list[int]) -> tuple[int, int]:
    if not years or span[0] > span[1] or span[0] < years[0] or span[1] > years[-1]:
        raise ValueError(span)
    return span


def _valid_months(months: tuple[int, ...]) -> tuple[int, ...]:
    if not months or any(m < 1 or m > 12 for m in months):
        raise ValueError(months)
    return months


def encode(selection: Selection, lang: str, reference: Reference, default_years: tuple[int, int]) -> dict[str, str]:
    """URL parameters for a selection, leaving out what equals the default."""
    codes = {name: code for code, name in reference.district_codes.items()}
    params = {}
    if (selection.year_from, selection.year_to) != default_years:
        params[YEARS] = f"{selection.year_from}-{selection.year_to}"
    if selection.months != ALL_MONTHS:
        params[MONTHS] = ",".join(map(str, selection.months))
    if selection.districts:
        params[DISTRICTS] = ",".join(codes[d] for d in selection.districts)
    if selection.towns:
        params[TOWNS] = ",".join(selection.towns)
    if selection.target_groups:
        params[GROUPS] = ",".join(selection.target_groups)
    if lang != "de":
        params[LANG] = lang
    return params


def request(**changes: object) -> None:
    """Ask for widget changes on the next run (a widget's value cannot change after it is drawn)."""
    ask(**changes)
    st.rerun()


def ask(**changes: object) -> None:
    """Widget changes for the run about to start, from a widget's callback (which runs before the
    script): one run instead of a run and a rerun."""
    st.session_state[PENDING] = {**st.session_state.get(PENDING, {}), **changes}


def apply_pending() -> None:
    for key, value in st.session_state.pop(PENDING, {}).items():
        st.session_state[key] = value


def sync_url(params: dict[str, str], names: tuple[str, ...] = SHARED) -> None:
    """Write these parameters into the URL (removing those of `names` that are at default);
    parameters a page owns are left to the page."""
    for name in names:
        if name in params:
            if st.query_params.get(name) != params[name]:
                st.query_params[name] = params[name]
        elif name in st.query_params:
            del st.query_params[name]


def page_param(name: str, default: str | Callable[[], str], allowed: list[str]) -> tuple[str, bool]:
    """A page's own URL parameter: its value, and whether the URL held an invalid one. A callable
    `default` is asked only when the URL holds no valid value (it may take a query)."""
    value = st.query_params.get(name)
    if value in allowed:
        return value, False
    fallback = default() if callable(default) else default
    return fallback, value is not None


def page_list(name: str, allowed: list[str]) -> tuple[list[str], bool]:
    """A page's own comma-separated URL parameter: the known values, and whether any was unknown."""
    values = [v for v in st.query_params.get(name, "").split(",") if v]
    known = [v for v in values if v in allowed]
    return known, len(known) != len(values)
