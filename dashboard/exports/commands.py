"""`python -m dashboard export …`: profiles, the deck and its tables written to files."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from dashboard.exports import deck, presentation, workbook
from dashboard.exports import profile as sheet
from dashboard.i18n import t
from dashboard.i18n.format import date
from dashboard.i18n.format import period as years_text
from dashboard.service import notes
from dashboard.service.boundaries import map_layer
from dashboard.service.profile import profile
from dashboard.service.reference import load_reference
from dashboard.service.selection import ALL_MONTHS, default_period


class ExportRefused(Exception):
    """What was asked cannot be written (unknown town, period without data, wrong file type)."""


def _period(reference, period: tuple[int, int] | None, lang: str) -> tuple[int, int]:
    years = reference.years_with_registrations()
    if not years:
        raise ExportRefused(t("export_refused.no_data", lang))
    chosen = period or default_period(years)
    if chosen[0] < years[0] or chosen[1] > years[-1]:
        raise ExportRefused(
            t("export_refused.period", lang, first=chosen[0], last=chosen[1], low=years[0], high=years[-1])
        )
    return chosen


def deck_footer(data: deck.DeckData, lang: str) -> str:
    return t(
        "profile.pdf_footer",
        lang,
        date=date(dt.date.today(), lang),
        data_note=notes.export_footer(data.reference, lang),
    )


def export(
    what: str,
    db: Path,
    out: Path,
    period: tuple[int, int] | None,
    lang: str,
    ags: str | None = None,
    every_town: bool = False,
) -> list[str]:
    """Write the export and return one line per file written (with its time)."""
    reference = load_reference(db)
    year_from, year_to = _period(reference, period, lang)
    span = years_text(year_from, year_to, ALL_MONTHS)
    started = time.perf_counter()
    written = []
    if what == "profile":
        towns = reference.towns.sort_values("name")
        if every_town:
            out.mkdir(parents=True, exist_ok=True)
            targets = [
                (row.ags, out / f"steckbrief-{row.ags}-{row.name.lower().replace(' ', '-').replace('/', '-')}.pdf")
                for row in towns.itertuples()
            ]
        else:
            if ags not in set(towns["ags"]):
                raise ExportRefused(t("export_refused.town", lang, ags=repr(ags)))
            targets = [(ags, out)]
        layer = map_layer(db, reference)
        for town, path in targets:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(
                sheet.profile_pdf(profile(db, reference, town, year_from, year_to), layer, lang, reference)
            )
            written.append(f"{path} ({reference.name_of(town)}, {span})")
    elif what == "overview":
        if out.suffix.lower() != ".pdf":
            raise ExportRefused(t("export_refused.suffix", lang, file=out.name, suffixes=".pdf"))
        from dashboard.exports.overview import overview_pdf
        from dashboard.service.overview import overview_data

        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(
            overview_pdf(overview_data(db, reference, year_from, year_to), map_layer(db, reference), reference, lang)
        )
        written.append(f"{out} ({span})")
    elif what in ("deck", "xlsx"):
        suffixes = {"deck": (".pptx", ".pdf"), "xlsx": (".xlsx",)}[what]
        if out.suffix.lower() not in suffixes:
            raise ExportRefused(
                t("export_refused.suffix", lang, file=out.name, suffixes=t("export_refused.or", lang).join(suffixes))
            )
        data = deck.deck_data(db, reference, year_from, year_to)
        out.parent.mkdir(parents=True, exist_ok=True)
        if what == "xlsx":
            out.write_bytes(workbook.xlsx_bytes(data, lang))
        else:
            slides = deck.slides(data, lang)
            out.write_bytes(
                presentation.pptx_bytes(slides, deck_footer(data, lang), data.is_demo)
                if out.suffix.lower() == ".pptx"
                else presentation.pdf_bytes(slides, deck_footer(data, lang))
            )
        written.append(f"{out} ({span})")
    seconds = time.perf_counter() - started
    written.append(
        f"{len(written)} Datei(en) in {seconds:.1f} s geschrieben.".replace(".", ",", 1)
        if lang == "de"
        else f"{len(written)} file(s) written in {seconds:.1f} s."
    )
    return written
