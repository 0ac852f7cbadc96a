"""`python -m dashboard`: argument parsing and exit codes only; the work happens in the layers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from dashboard.config import DEMO_DIR, DICTIONARY_FILE, settings
from dashboard.demo import assumptions
from dashboard.ingest.errors import ImportRefused
from dashboard.ingest.load import IMPORTERS

EXIT_OK, EXIT_REFUSED = 0, 2


def _years(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    try:
        span = (int(first), int(last or first))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: erwartet JJJJ-JJJJ, z. B. 2015-2025") from None
    if span[0] > span[1]:
        raise argparse.ArgumentTypeError(f"{text!r}: das erste Jahr liegt nach dem letzten")
    return span


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m dashboard", description="Willkommensmonitor Südwestfalen")
    root.add_argument("--db", help="Warehouse-Datei (sonst DASHBOARD_DB, sonst data/warehouse.duckdb)")
    commands = root.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="Warehouse aus data/ aufbauen oder aktualisieren")
    init.add_argument("--demo", dest="demo", action="store_true", default=True, help="Demodaten laden (Standard)")
    init.add_argument(
        "--no-demo", dest="demo", action="store_false", help="ohne Demodaten; vorhandene Demodaten werden entfernt"
    )

    demo = commands.add_parser("demo", help="synthetische Demodaten erzeugen")
    demo.add_argument("--seed", type=int, default=assumptions.DEFAULT_SEED)
    demo.add_argument("--years", type=_years, default=assumptions.DEFAULT_YEARS)
    demo.add_argument("--out", type=Path, default=DEMO_DIR)
    demo.add_argument(
        "--campaign-uplift",
        type=float,
        default=assumptions.CAMPAIGN_UPLIFT,
        help="Anstieg des Zielgruppen-Zuzugs in Kampagnenorten (0 = kein Effekt)",
    )
    demo.add_argument(
        "--scale",
        choices=["region", "germany"],
        default="region",
        help="germany: synthetische Daten in der Größe Deutschlands für Benchmarks "
        "(Parquet und CSV; --out ist dann z. B. data/scale)",
    )
    demo.add_argument("--towns", type=int, help="bei --scale germany: Zahl der Gemeinden (Standard 10.800)")

    load = commands.add_parser("import", help="eine Datei importieren")
    load.add_argument(
        "kind",
        choices=sorted(IMPORTERS),
        help="Art der Datei; genesis = amtlicher GENESIS-Export (Tabellen-CSV oder Flat-File-CSV); "
        "boundaries = Gemeindegrenzen (VG250-Shapefile als ZIP oder Ordner, GeoJSON, GeoPackage)",
    )
    load.add_argument("file", type=Path, nargs="?", help="die Datei (bei boundaries --download entfällt sie)")
    load.add_argument(
        "--download", action="store_true", help="boundaries: aktuelles VG250 vom BKG-Server laden (nur mit Internet)"
    )
    load.add_argument("--crs", help="boundaries: Koordinatensystem, falls die Datei keins nennt (z. B. EPSG:25832)")
    load.add_argument("--attribution", help="boundaries: Quellenvermerk, wo die Grenzen gezeigt werden")

    query = commands.add_parser("query", help="eine lesende SQL-Anweisung in der Sandbox ausführen")
    query.add_argument("sql", help="genau eine Anweisung: SELECT, WITH … SELECT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN")
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.add_argument("--limit", type=int, help="höchstens so viele Zeilen ausgeben (Standard: DASHBOARD_SQL_ROW_CAP)")

    words = commands.add_parser("dictionary", help="das Datenwörterbuch schreiben (Standard: data/DICTIONARY.md)")
    words.add_argument("--out", type=Path, default=DICTIONARY_FILE)

    export = commands.add_parser("export", help="Steckbriefe, Foliensatz oder Tabellen schreiben")
    what = export.add_subparsers(dest="what", required=True)
    profile = what.add_parser("profile", help="Kommunen-Steckbrief als PDF (A4)")
    towns = profile.add_mutually_exclusive_group(required=True)
    towns.add_argument("--ags", help="8-stelliger Gemeindeschlüssel, z. B. 05962060 (Werdohl)")
    towns.add_argument("--all", action="store_true", help="alle 59 Kommunen (--out ist dann ein Ordner)")
    deck = what.add_parser("deck", help="Foliensatz für den Runden Tisch (.pptx oder .pdf)")
    workbook = what.add_parser("xlsx", help="die Tabellen hinter den Folien als Excel-Datei")
    leadership = what.add_parser("overview", help="der Überblick für die Leitung als PDF (A4)")
    for command in (profile, deck, workbook, leadership):
        command.add_argument("--out", type=Path, required=True, help="Zieldatei (bzw. Ordner bei --all)")
        command.add_argument("--period", type=_years, help="JJJJ oder JJJJ-JJJJ (Standard: die letzten drei Jahre)")
        command.add_argument("--lang", choices=["de", "en"], default="de")

    report = commands.add_parser("report", help="den Überblick als PDF per Mail versenden (einmal je Zeitraum)")
    report.add_argument("--period", type=_years, help="JJJJ oder JJJJ-JJJJ (Standard: die letzten drei Jahre)")
    report.add_argument("--to", action="append", required=True, help="Empfänger (mehrfach möglich)")
    report.add_argument("--lang", choices=["de", "en"], default="de")
    report.add_argument("--force", action="store_true", help="auch senden, wenn der Zeitraum schon versandt wurde")

    alerts = commands.add_parser("alerts", help="eine Notiz je Kennzahl mailen, die hinter ihrem Ziel liegt")
    alerts.add_argument("--to", action="append", required=True, help="Empfänger (mehrfach möglich)")
    alerts.add_argument("--year", type=int, help="Jahr (Standard: das letzte Jahr mit Daten)")
    alerts.add_argument(
        "--share",
        type=float,
        default=0.05,
        help="Schwelle: so weit (als Anteil, 0,05 = 5 %%) darf eine Kennzahl hinter dem Ziel liegen",
    )
    alerts.add_argument("--lang", choices=["de", "en"], default="de")
    alerts.add_argument("--force", action="store_true", help="auch senden, wenn die Notiz schon versandt wurde")
    return root


def _mail(args, db: Path) -> int:
    from dashboard.exports import mail, reports

    if _no_warehouse(db):
        return EXIT_REFUSED
    try:
        if args.command == "report":
            lines = reports.send_report(db, args.period, args.to, args.lang, args.force)
        else:
            lines = reports.send_alerts(db, args.to, args.year, args.share, args.lang, args.force)
    except (reports.ReportRefused, mail.MailNotConfigured) as refusal:
        print(refusal, file=sys.stderr)
        return EXIT_REFUSED
    except OSError as error:  # the server refused or is not reachable
        print(f"Mailserver nicht erreichbar oder Versand abgelehnt: {error}", file=sys.stderr)
        return EXIT_REFUSED
    for line in lines:
        print(line)
    return EXIT_OK


def _init(args, db: Path) -> int:
    from dashboard.ingest.init import init_warehouse
    from dashboard.warehouse.health import damage, set_aside

    if reason := damage(db):
        kept = set_aside(db)
        print(
            f"{db.name} ist beschädigt ({reason}); beiseitegelegt als {kept.name}, baue neu aus data/ auf.",
            file=sys.stderr,
        )
    print(init_warehouse(db, demo=args.demo).summary())
    return EXIT_OK


def _demo(args, db: Path) -> int:
    from dashboard.demo.build import generate

    if args.scale == "germany":
        from dashboard.demo import scale

        out = args.out if args.out != DEMO_DIR else DEMO_DIR.parent / "scale"
        years = args.years if args.years != assumptions.DEFAULT_YEARS else (2015, 2024)
        manifest = scale.generate(out, args.towns or scale.GERMANY_TOWNS, years, args.seed)
        towns, rows = (f"{manifest[k]:,}".replace(",", ".") for k in ("towns", "registration_rows"))
        print(f"{towns} Gemeinden, {rows} Zeilen Zu-/Fortzüge nach {out} geschrieben (synthetisch, für Benchmarks).")
        return EXIT_OK

    manifest = generate(args.out, args.seed, args.years, args.campaign_uplift)
    rows = sum(f["rows"] for f in manifest["files"])
    print(
        f"{len(manifest['files'])} Dateien mit {rows:,} Zeilen nach {args.out} geschrieben (Seed {args.seed}).".replace(
            ",", "."
        )
    )
    return EXIT_OK


def _import(args, db: Path) -> int:
    from dashboard.ingest.load import import_file
    from dashboard.warehouse.connection import writer
    from dashboard.warehouse.migrate import migrate

    if args.kind == "boundaries":
        return _import_boundaries(args, db)
    if args.file is None or not args.file.is_file():
        print(f"{args.file or 'DATEI'}: Datei nicht gefunden", file=sys.stderr)
        return EXIT_REFUSED
    with writer(db) as con:
        migrate(con)
        result = import_file(con, args.file, args.kind)
    print(result.summary())
    return EXIT_OK


def _no_warehouse(db: Path) -> bool:
    """Commands that only read say so when there is nothing to read yet."""
    if db.is_file():
        return False
    print(f"{db}: kein Warehouse gefunden – zuerst `python -m dashboard init` ausführen", file=sys.stderr)
    return True


def _export(args, db: Path) -> int:
    from dashboard.exports import commands

    if _no_warehouse(db):
        return EXIT_REFUSED
    try:
        written = commands.export(
            args.what,
            db,
            args.out,
            args.period,
            args.lang,
            ags=getattr(args, "ags", None),
            every_town=getattr(args, "all", False),
        )
    except commands.ExportRefused as refusal:
        print(refusal, file=sys.stderr)
        return EXIT_REFUSED
    for line in written:
        print(line)
    return EXIT_OK


def _import_boundaries(args, db: Path) -> int:
    import tempfile

    from dashboard.ingest.boundaries import download_vg250
    from dashboard.ingest.load import BOUNDARIES, import_file
    from dashboard.warehouse.connection import writer
    from dashboard.warehouse.migrate import migrate

    with tempfile.TemporaryDirectory() as folder:
        if args.download:
            print("Lade VG250 vom BKG …")
            path = download_vg250(Path(folder) / "vg250_ebenen_1231.zip")
        elif args.file is None or not args.file.exists():
            print(f"{args.file or 'DATEI'}: Datei nicht gefunden (oder --download angeben)", file=sys.stderr)
            return EXIT_REFUSED
        else:
            path = args.file
        with writer(db) as con:
            migrate(con)
            result = import_file(con, path, BOUNDARIES, crs=args.crs, attribution=args.attribution)
    print(result.summary())
    return EXIT_OK


def _query(args, db: Path) -> int:
    from dashboard.service.explorer import SandboxRefused, run_query

    if _no_warehouse(db):
        return EXIT_REFUSED
    try:
        result = run_query(db, args.sql, row_cap=args.limit)
    except SandboxRefused as refusal:
        print(refusal, file=sys.stderr)
        return EXIT_REFUSED
    frame = result.frame
    if args.format == "csv":
        print(frame.to_csv(index=False), end="")
    elif args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        print(frame.to_string(index=False, max_colwidth=60))
        more = f" (gezeigt: {len(frame)})" if result.truncated else ""
        print(f"{result.rows} Zeile(n){more} in {result.seconds:.2f} s".replace(".", ",", 1), file=sys.stderr)
    return EXIT_OK


def _dictionary(args, db: Path) -> int:
    from dashboard.warehouse.connection import reader
    from dashboard.warehouse.dictionary import dictionary, markdown

    if _no_warehouse(db):
        return EXIT_REFUSED

    with reader(db) as con:
        text = markdown(dictionary(con))
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out} geschrieben.")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    db = settings(args.db).warehouse_path
    handlers = {
        "init": _init,
        "demo": _demo,
        "import": _import,
        "export": _export,
        "query": _query,
        "dictionary": _dictionary,
        "report": _mail,
        "alerts": _mail,
    }
    if args.command not in ("init", "demo") and _damaged(db):
        return EXIT_REFUSED
    try:
        return handlers[args.command](args, db)
    except ImportRefused as refusal:
        print(refusal.message(), file=sys.stderr)
        return EXIT_REFUSED
    except duckdb.Error:
        if _damaged(db):
            return EXIT_REFUSED
        raise


def _damaged(db: Path) -> bool:
    """Says so when the warehouse file cannot be read (nothing is changed)."""
    from dashboard.warehouse.health import damage

    reason = damage(db)
    if reason:
        print(
            f"{db.name} lässt sich nicht lesen ({reason}). `python -m dashboard init` legt die Datei beiseite "
            "und baut das Warehouse aus data/ neu auf; eine Sicherung kann an ihre Stelle kopiert werden.",
            file=sys.stderr,
        )
    return bool(reason)
