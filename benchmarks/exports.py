"""Time of the round-table exports (`python benchmarks/exports.py`): the full deck as PPTX and PDF,
its XLSX tables and one Steckbrief PDF, each measured end to end as the CLI runs it (data, charts
rendered by kaleido with Debian's chromium, file written). The first export also starts chromium;
it is reported apart. Target (issue 6): the full deck in ≤ 30 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dashboard.exports import commands
from dashboard.ingest.init import init_warehouse

TARGET_DECK_SECONDS = 30.0


def timed(label: str, what: str, db: Path, out: Path, **options) -> float:
    started = time.perf_counter()
    commands.export(what, db, out, options.pop("period", None), options.pop("lang", "de"), **options)
    seconds = time.perf_counter() - started
    print(
        f"{label:<38} {seconds:6.1f} s   {out.stat().st_size / 1024:8.0f} KB"
        if out.is_file()
        else f"{label:<38} {seconds:6.1f} s"
    )
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing warehouse (default: build one from data/)")
    parser.add_argument("--all-profiles", action="store_true", help="also write all 59 Steckbriefe")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        db = args.db or folder / "bench.duckdb"
        if not args.db:
            init_warehouse(db)
        timed("first Steckbrief (starts chromium)", "profile", db, folder / "warm.pdf", ags="05958004")
        deck_pptx = timed("deck, 3 years, PPTX", "deck", db, folder / "deck.pptx")
        deck_pdf = timed("deck, 3 years, PDF", "deck", db, folder / "deck.pdf")
        timed("deck, one year (2024), PPTX", "deck", db, folder / "deck-2024.pptx", period=(2024, 2024))
        timed("tables, XLSX", "xlsx", db, folder / "tables.xlsx")
        profile = timed("Steckbrief Werdohl, PDF", "profile", db, folder / "werdohl.pdf", ags="05962060")
        if args.all_profiles:
            every = timed("all 59 Steckbriefe, PDF", "profile", db, folder / "alle", every_town=True)
            print(f"{'per Steckbrief in --all':<38} {every / 59:6.2f} s   (single export: {profile:.2f} s)")
    slowest = max(deck_pptx, deck_pdf)
    print(
        f"deck target ≤ {TARGET_DECK_SECONDS:.0f} s: {'met' if slowest <= TARGET_DECK_SECONDS else 'MISSED'} "
        f"(slowest {slowest:.1f} s = {slowest / TARGET_DECK_SECONDS:.0%} of the target)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
