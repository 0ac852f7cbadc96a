"""The sentences that go with a figure wherever it is shown (page, PDF, slide, workbook): what is
left out and why, which definition a group total follows, where its inhabitants and its data
come from. One place, so the app and every export say the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd

from dashboard.i18n import t
from dashboard.i18n.format import MISSING, date, number, percent
from dashboard.kpis.migration import Basis
from dashboard.service.reference import PROVENANCE_SETS, Reference

# At most this many towns are named in one sentence; the rest are counted.
NAMED_TOWNS = 4
REASON_KEYS = {
    ".": "dot",
    "x": "x",
    "/": "slash",
    "...": "dots",
    "no_age": "no_age",
    "annual_only": "annual_only",
    "missing": "missing",
}
CENSUS_DATE = "2022-05-15"


def years_text(years: Iterable[int]) -> str:
    """2015, 2016, 2017, 2020 → '2015–2017, 2020'."""
    ordered = sorted({int(y) for y in years})
    spans, start = [], None
    for i, year in enumerate(ordered):
        start = year if start is None else start
        if i + 1 == len(ordered) or ordered[i + 1] != year + 1:
            spans.append(str(year) if start == year else f"{start}–{year}")
            start = None
    return ", ".join(spans)


def reason(marker: str, lang: str) -> str:
    return t(f"notes.reason_{REASON_KEYS.get(marker, 'missing')}", lang)


def _named(items: Sequence[str], lang: str) -> str:
    if len(items) <= NAMED_TOWNS:
        return ", ".join(items)
    return t("notes.missing_more", lang, shown=", ".join(items[:NAMED_TOWNS]), count=len(items) - NAMED_TOWNS)


def missing_note(
    reference: Reference,
    lang: str,
    inflow: Sequence[tuple[str, str]] = (),
    outflow: Sequence[tuple[str, str]] = (),
    group: bool = True,
    net: Sequence[tuple[str, str]] = (),
) -> str | None:
    """For a group 'Ohne Altena (Fortzüge: Wert geheim): bekannter Teil.', for one town 'Kein Wert
    für Fortzüge: Wert geheim.'; None when nothing is missing."""
    by_town: dict[str, dict[str, list[str]]] = {}
    for direction, pairs in (("inflow", inflow), ("outflow", outflow), ("net", net)):
        for ags, marker in pairs:
            by_town.setdefault(ags, {}).setdefault(reason(marker, lang), []).append(t(f"direction.{direction}", lang))
    if not by_town:
        return None
    if not group:
        return " ".join(
            t("notes.unknown_value", lang, what="/".join(what), reason=why)
            for reasons in by_town.values()
            for why, what in reasons.items()
        )
    towns = [
        t(
            "notes.missing_town",
            lang,
            name=reference.name_of(ags),
            details="; ".join(f"{'/'.join(what)}: {why}" for why, what in reasons.items()),
        )
        for ags, reasons in by_town.items()
    ]
    return t("notes.missing", lang, towns=_named(towns, lang))


def definition_note(basis: Basis, whole_region: bool, group: bool, lang: str) -> str | None:
    """Which definition the in- and out-migration of a group follow, by year (official years
    include the moves between its members, register years leave them out for the region)."""
    if not group:
        return None
    lines = []
    if basis.register_years:
        key = "notes.internal_register_region" if whole_region else "notes.internal_register_group"
        lines.append(t(key, lang, years=years_text(basis.register_years)))
    if basis.official_years:
        lines.append(t("notes.internal_official", lang, years=years_text(basis.official_years)))
    return " ".join(lines) or None


def population_note(basis: Basis, lang: str) -> str | None:
    """Where the inhabitants of the rates come from, when it is not 31.12. of official data."""
    lines = []
    if basis.population_is_demo:
        lines.append(t("notes.population_demo", lang))
    if basis.population_dates:
        dates = [
            t("notes.census_date", lang) if d == CENSUS_DATE else date(dt.date.fromisoformat(d), lang)
            for d in basis.population_dates
        ]
        lines.append(t("notes.population_other_date", lang, dates=", ".join(dates)))
    elif basis.population_is_estimate and not basis.population_is_demo:
        lines.append(t("notes.population_estimate", lang))
    return " ".join(lines) or None


def demo_note(basis: Basis, lang: str) -> str | None:
    """Said under a figure whose flows rest on demo data (years named when only some do)."""
    if not basis.demo_years:
        return None
    if basis.official_years or set(basis.register_years) - set(basis.demo_years):
        return t("notes.demo_figures", lang) + f" ({years_text(basis.demo_years)})"
    return t("notes.demo_figures", lang)


def annual_only_note(annual_only: dict[int, int], lang: str) -> str | None:
    if not annual_only:
        return None
    most = max(annual_only.values())
    return t("notes.annual_only", lang, years=years_text(annual_only), towns=t("notes.towns_count", lang, count=most))


def kinds_label(kinds: Sequence[str], lang: str) -> str:
    """('demo', 'official') → 'amtlich, Demo (synthetisch)'."""
    order = ("official", "own", "demo")
    return ", ".join(t(f"notes.kind_{k}", lang) for k in sorted(kinds, key=order.index) if k in order)


def town_row_note(in_marker: object, out_marker: object, lang: str) -> str:
    """The note of a town's row in a table: which of its figures of the period are incomplete."""
    parts = [
        f"{t(f'direction.{d}', lang)}: {reason(m, lang)}"
        for d, m in (("inflow", in_marker), ("outflow", out_marker))
        if isinstance(m, str) and m
    ]
    return "; ".join(parts)


def breakdown_notes(table: pd.DataFrame, reference: Reference, lang: str, group: bool = True) -> list[str]:
    """The notes of a breakdown by target group or origin: every town left out in any of its rows."""
    if table.empty or "missing_inflow" not in table:
        return []
    inflow = list(dict.fromkeys(pair for pairs in table["missing_inflow"] for pair in pairs))
    outflow = list(dict.fromkeys(pair for pairs in table["missing_outflow"] for pair in pairs))
    found = missing_note(reference, lang, inflow, outflow, group)
    return [found] if found else []


def figure_notes(
    basis: Basis, reference: Reference, lang: str, whole_region: bool = False, group: bool = False
) -> list[str]:
    """Every sentence a figure of flows and rates needs, in the order users read them."""
    found = [
        missing_note(reference, lang, basis.missing_inflow, basis.missing_outflow, group),
        definition_note(basis, whole_region, group, lang),
        population_note(basis, lang),
        demo_note(basis, lang),
    ]
    return [line for line in found if line]


def population_source(day: dt.date | None, kind: str | None, lang: str) -> str:
    """What an inhabitants figure is: '31.12.2024, amtlich', '15.05.2022 (Zensus 2022)', or a
    synthetic demo figure."""
    if kind == "demo":
        return t("notes.population_kind_demo", lang)
    if day is None:
        return t("notes.reason_missing", lang)
    when = t("notes.census_date", lang) if day.isoformat() == CENSUS_DATE else date(day, lang)
    return (
        f"{when}, {t(f'notes.kind_{kind}', lang)}"
        if kind in ("official", "own")
        else f"{when}, {t('notes.population_kind_estimate', lang)}"
    )


# The import that fills each data set (named where a page or card has nothing to show yet).
IMPORT_KIND = {
    "migration": "genesis",
    "population": "population",
    "campaign": "campaigns",
    "campaign_activity": "campaign-activity",
    "campaign_event": "campaign-events",
    "network_membership": "network",
    "round_table": "round-table",
    "welcome_bag": "welcome-bags",
    "kpi_target": "targets",
}


def empty_note(data_sets: Sequence[str], reference: Reference, lang: str) -> str | None:
    """'Noch keine Kampagnen-Reichweite geladen: python -m dashboard import campaign-activity …'."""
    missing = [d for d in data_sets if not reference.kinds_by_year(d)]
    if not missing:
        return None
    return " ".join(
        t(
            "notes.not_loaded",
            lang,
            data_set=t(f"data_sets.{d}" if d != "migration" else "data_sets.registration", lang),
            kind=IMPORT_KIND[d],
        )
        for d in missing
    )


def card_notes(card, reference: Reference, lang: str, data_sets: Sequence[str] = ()) -> list[str]:
    """The notes under an Überblick card (service.overview.KpiCard): a data set not loaded yet,
    why a value, the change or the goal cannot be formed, towns left out, the definition of the
    region's in-migration in official years, and the demo marker."""
    kpi, missing, official_years, demo_years = card.kpi, card.missing, card.official_years, card.demo_years
    empty = empty_note(data_sets, reference, lang)
    lines = [empty] if empty else []
    if not empty and card.value_gaps:
        lines.append(t("notes.value_gaps", lang, years=years_text(card.value_gaps)))
    if not empty and card.previous_gaps:
        lines.append(t("notes.previous_gaps", lang, years=years_text(card.previous_gaps)))
    if card.target_gaps:
        lines.append(t("notes.target_gaps", lang, years=years_text(card.target_gaps)))
    found = missing_note(reference, lang, missing if kpi == "inflow" else [], net=missing if kpi != "inflow" else [])
    if found:
        lines.append(found)
    if kpi == "inflow" and official_years:
        lines.append(t("notes.internal_official", lang, years=years_text(official_years)))
    if demo_years:
        lines.append(":material/science: " + t("notes.demo_marker", lang) + f" {years_text(demo_years)}")
    return lines


def overview_story(data, lang: str) -> list[str]:
    """One or two plain sentences that lead the Überblick (service.overview.OverviewData): the
    latest year's in-migration against the year before, the families' and students' saldo, and how
    many goals the period reached."""
    cards = {card.kpi: card for card in data.cards}
    year = data.year_to
    value = lambda kpi, y: dict(zip(cards[kpi].trend_years, cards[kpi].trend, strict=True)).get(y)
    lines = []
    inflow, before = value("inflow", year), value("inflow", year - 1)
    if inflow is not None and not pd.isna(inflow):
        official = year in cards["inflow"].official_years or (
            cards["inflow"].official_years and year == max(cards["inflow"].official_years)
        )
        text = t(
            "notes.story_inflow_official" if official else "notes.story_inflow",
            lang,
            year=year,
            inflow=number(inflow, lang),
        )
        if before is not None and not pd.isna(before) and before:
            share = (inflow - before) / before
            text += t(
                "notes.story_change",
                lang,
                change=percent(abs(share), lang, 1),
                previous=year - 1,
                direction=t("notes.story_more" if share > 0 else "notes.story_less", lang),
            )
        lines.append(text + ".")
    families, education = value("net_familien", year), value("net_bildung", year)
    if families is not None and not pd.isna(families):
        lines.append(
            t(
                "notes.story_groups",
                lang,
                families=number(families, lang, sign=True),
                education=number(education, lang, sign=True) if education is not None else MISSING,
                previous=year - 1,
                families_before=number(value("net_familien", year - 1), lang, sign=True),
            )
        )
    statuses = [card.status for card in data.cards if card.status]
    if statuses:
        lines.append(
            t(
                "notes.story_targets",
                lang,
                period=years_text(range(data.year_from, data.year_to + 1)),
                reached=statuses.count("reached"),
                total=len(statuses),
                close=statuses.count("close"),
            )
        )
    if cards["inflow"].demo_years:
        lines.append(t("notes.demo_figures", lang))
    return lines


def provenance_lines(reference: Reference, lang: str) -> list[str]:
    """One line per data set: its years by kind ('Zu- und Fortzüge: amtlich 2015–2018; Demo …')."""
    lines = []
    for data_set in PROVENANCE_SETS:
        kinds = reference.kinds_by_year(data_set)
        if not kinds:
            continue
        parts = [
            f"{t(f'notes.kind_{kind}', lang)} {years_text(years)}"
            for kind, years in sorted(kinds.items(), key=lambda item: ("official", "own", "demo").index(item[0]))
        ]
        label = t("data_sets.registration" if data_set == "migration" else f"data_sets.{data_set}", lang)
        lines.append(t("notes.provenance_set", lang, data_set=label, parts="; ".join(parts)))
    return lines


def export_footer(reference: Reference, lang: str) -> str:
    """The data note in the footer of every exported page or slide: demo, or where the data are from."""
    if reference.is_all_demo:
        return t("profile.data_demo", lang)
    lines = provenance_lines(reference, lang)
    prefix = t("badge.partly_demo", lang) + ": " if reference.has_demo else ""
    return prefix + "; ".join(lines[:2])


def _short_licence(line: str) -> str:
    return " ".join(
        line.replace(
            "Dieses Werk ist lizenziert unter der Datenlizenz Deutschland - Namensnennung - Version 2.0.",
            "dl-de/by-2-0",
        ).split()
    )


def sources_line(
    reference: Reference, lang: str, data_sets: Sequence[str] = ("migration", "population"), basis: Basis | None = None
) -> str | None:
    """The attributions of the official data behind a figure (dl-de/by-2-0 asks for them); with
    a `basis`, only of the data sets it actually rests on."""
    if basis is not None:
        data_sets = [
            d
            for d in data_sets
            if (d == "migration" and basis.official_years)
            or (d == "population" and "official" in basis.population_kinds)
        ]
    lines = list(
        dict.fromkeys(_short_licence(line) for data_set in data_sets for line in reference.copyrights(data_set))
    )
    return t("notes.sources", lang, sources=" · ".join(lines)) if lines else None


def download_footer(
    selection, reference: Reference, lang: str, basis: Basis | None = None, demo: bool = False
) -> tuple[str, ...]:
    """The lines below a downloaded table: its period and selection (what the filters were), the
    official sources it rests on, and whether it rests on demo data."""
    from dashboard.i18n.format import period as period_text

    scope = []
    if selection.towns:
        scope.append(", ".join(map(reference.name_of, selection.towns)))
    elif selection.districts:
        scope.append(", ".join(selection.districts))
    else:
        scope.append(t("download.whole_region", lang))
    if selection.target_groups:
        scope.append(", ".join(t(f"target_group.{g}", lang) for g in selection.target_groups))
    lines = [
        t("download.period", lang, period=period_text(selection.year_from, selection.year_to, selection.months, lang)),
        t("download.selection", lang, scope="; ".join(scope)),
    ]
    source = sources_line(reference, lang, basis=basis)
    if source:
        lines.append(source)
    if demo:
        lines.append(t("download.demo", lang))
    return tuple(lines)
