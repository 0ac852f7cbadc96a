"""`python -m dashboard`: argument parsing and exit codes only; the work happens in the layers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from dashboard.config import DEMO_DIR, DICTIONARY_FILE, settings
from dashboard.demo import assumptions
from dashboard.i18n import LANGUAGES, t
from dashboard.i18n.format import number
from dashboard.ingest.errors import ImportRefused
from dashboard.ingest.load import IMPORTERS
from dashboard.warehouse.connection import LakeNotConfigured, shown

EXIT_OK, EXIT_REFUSED = 0, 2


def _chosen_language(argv: list[str]) -> str:
    """The language for --help and argument errors, which come before the arguments are parsed:
    --lang where it is given (--lang en or --lang=en), else DASHBOARD_LANG, else German."""
    for position, word in enumerate(argv):
        if word == "--lang" and position + 1 < len(argv) and argv[position + 1] in LANGUAGES:
            return argv[position + 1]
        if word.startswith("--lang=") and word.removeprefix("--lang=") in LANGUAGES:
            return word.removeprefix("--lang=")
    return settings().language if settings().language in LANGUAGES else "de"


def parser(lang: str = "de") -> argparse.ArgumentParser:
    h = lambda key: t(f"cli_help.{key}", lang)

    def _years(text: str) -> tuple[int, int]:
        first, _, last = text.partition("-")
        try:
            span = (int(first), int(last or first))
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli_help.years_expected", lang, text=repr(text))) from None
        if span[0] > span[1]:
            raise argparse.ArgumentTypeError(t("cli_help.years_reversed", lang, text=repr(text)))
        return span

    root = argparse.ArgumentParser(prog="python -m dashboard", description=h("description"))
    root.add_argument("--db", help=h("root_db"))
    root.add_argument(
        "--lang",
        dest="ui_lang",
        choices=LANGUAGES,
        help=h("root_lang"),
    )
    commands = root.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help=h("command_init"))
    init.add_argument("--demo", dest="demo", action="store_true", default=True, help=h("init_demo"))
    init.add_argument("--no-demo", dest="demo", action="store_false", help=h("init_no_demo"))

    move = commands.add_parser("migrate-to-lake", help=h("command_migrate_to_lake"))
    move.add_argument("--to", required=True, help=h("move_to"))

    demo = commands.add_parser("demo", help=h("command_demo"))
    demo.add_argument("--seed", type=int, default=assumptions.DEFAULT_SEED)
    demo.add_argument("--years", type=_years, default=assumptions.DEFAULT_YEARS)
    demo.add_argument("--out", type=Path, default=DEMO_DIR)
    demo.add_argument(
        "--campaign-uplift",
        type=float,
        default=assumptions.CAMPAIGN_UPLIFT,
        help=h("demo_campaign_uplift"),
    )
    demo.add_argument(
        "--scale",
        choices=["region", "germany"],
        default="region",
        help=h("demo_scale"),
    )
    demo.add_argument("--towns", type=int, help=h("demo_towns"))

    load = commands.add_parser("import", help=h("command_import"))
    load.add_argument(
        "kind",
        choices=sorted(IMPORTERS),
        help=h("load_kind"),
    )
    load.add_argument("file", type=Path, nargs="?", help=h("load_file"))
    load.add_argument("--download", action="store_true", help=h("load_download"))
    load.add_argument("--crs", help=h("load_crs"))
    load.add_argument("--attribution", help=h("load_attribution"))

    query = commands.add_parser("query", help=h("command_query"))
    query.add_argument("sql", help=h("query_sql"))
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.add_argument("--limit", type=int, help=h("query_limit"))

    words = commands.add_parser("dictionary", help=h("command_dictionary"))
    words.add_argument("--out", type=Path, default=DICTIONARY_FILE)

    export = commands.add_parser("export", help=h("command_export"))
    what = export.add_subparsers(dest="what", required=True)
    profile = what.add_parser("profile", help=h("command_profile"))
    towns = profile.add_mutually_exclusive_group(required=True)
    towns.add_argument("--ags", help=h("towns_ags"))
    towns.add_argument("--all", action="store_true", help=h("towns_all"))
    deck = what.add_parser("deck", help=h("command_deck"))
    workbook = what.add_parser("xlsx", help=h("command_xlsx"))
    leadership = what.add_parser("overview", help=h("command_overview"))
    for command in (profile, deck, workbook, leadership):
        command.add_argument("--out", type=Path, required=True, help=h("command_out"))
        command.add_argument("--period", type=_years, help=h("command_period"))
        command.add_argument("--lang", choices=LANGUAGES)

    report = commands.add_parser("report", help=h("command_report"))
    report.add_argument("--period", type=_years, help=h("report_period"))
    report.add_argument("--to", action="append", required=True, help=h("report_to"))
    report.add_argument("--lang", choices=LANGUAGES)
    report.add_argument("--force", action="store_true", help=h("report_force"))

    alerts = commands.add_parser("alerts", help=h("command_alerts"))
    alerts.add_argument("--to", action="append", required=True, help=h("alerts_to"))
    alerts.add_argument("--year", type=int, help=h("alerts_year"))
    alerts.add_argument(
        "--share",
        type=float,
        default=0.05,
        help=h("alerts_share"),
    )
    alerts.add_argument("--lang", choices=LANGUAGES)
    alerts.add_argument("--force", action="store_true", help=h("alerts_force"))
    return root


def _mail(args, db: Path) -> int:
    from dashboard.exports import mail, reports

    if _no_warehouse(db, _lang(args)):
        return EXIT_REFUSED
    try:
        if args.command == "report":
            lines = reports.send_report(db, args.period, args.to, _lang(args), args.force)
        else:
            lines = reports.send_alerts(db, args.to, args.year, args.share, _lang(args), args.force)
    except reports.ReportRefused as refusal:  # worded in the command's language already
        print(refusal, file=sys.stderr)
        return EXIT_REFUSED
    except mail.MailNotConfigured as refusal:
        print(refusal.message(_lang(args)), file=sys.stderr)
        return EXIT_REFUSED
    except OSError as error:  # the server refused or is not reachable
        print(t("cli.mail_failed", _lang(args), error=error), file=sys.stderr)
        return EXIT_REFUSED
    for line in lines:
        print(line)
    return EXIT_OK


def _init(args, db: Path) -> int:
    from dashboard.ingest.init import init_warehouse
    from dashboard.warehouse.health import can_set_aside, damage, set_aside

    if reason := damage(db):
        if not can_set_aside(db):
            print(t("cli.unreadable", _lang(args), file=shown(db.name), reason=reason), file=sys.stderr)
            return EXIT_REFUSED
        kept = set_aside(db)
        print(t("cli.set_aside", _lang(args), file=db.name, reason=reason, kept=kept.name), file=sys.stderr)
    print(init_warehouse(db, demo=args.demo).summary(_lang(args)))
    return EXIT_OK


def _move(args, db: Path) -> int:
    from dashboard.warehouse.move import MoveRefused, move_to_lake

    try:
        copied = move_to_lake(db, Path(args.to))
    except MoveRefused as refusal:
        print(refusal, file=sys.stderr)
        return EXIT_REFUSED
    print(t("cli.moved", _lang(args), tables=len(copied), rows=number(sum(copied.values()), _lang(args))))
    return EXIT_OK


def _demo(args, db: Path) -> int:
    from dashboard.demo.build import generate

    if args.scale == "germany":
        from dashboard.demo import scale

        out = args.out if args.out != DEMO_DIR else DEMO_DIR.parent / "scale"
        years = args.years if args.years != assumptions.DEFAULT_YEARS else (2015, 2024)
        manifest = scale.generate(out, args.towns or scale.GERMANY_TOWNS, years, args.seed)
        towns, rows = (number(manifest[k], _lang(args)) for k in ("towns", "registration_rows"))
        print(t("cli.scale_written", _lang(args), towns=towns, rows=rows, out=out))
        return EXIT_OK

    manifest = generate(args.out, args.seed, args.years, args.campaign_uplift)
    rows = sum(f["rows"] for f in manifest["files"])
    files = len(manifest["files"])
    print(t("cli.demo_written", _lang(args), files=files, rows=number(rows, _lang(args)), out=args.out, seed=args.seed))
    return EXIT_OK


def _import(args, db: Path) -> int:
    from dashboard.ingest.load import import_file
    from dashboard.warehouse.connection import writer
    from dashboard.warehouse.migrate import migrate

    if args.kind == "boundaries":
        return _import_boundaries(args, db)
    if args.file is None or not args.file.is_file():
        print(t("cli.file_not_found", _lang(args), file=args.file or t("cli.file", _lang(args))), file=sys.stderr)
        return EXIT_REFUSED
    with writer(db) as con:
        migrate(con)
        try:
            result = import_file(con, args.file, args.kind)
        except ImportRefused as refusal:
            print(refusal.message(_lang(args)), file=sys.stderr)
            if hint := _kind_hint(args.file, args.kind, _lang(args)):
                print(hint, file=sys.stderr)
            return EXIT_REFUSED
    print(result.summary(_lang(args)))
    return EXIT_OK


def _kind_hint(path: Path, chosen: str, lang: str) -> str | None:
    """The kind a refused file looks like, when that is not the one given (as on the Daten page)."""
    from dashboard.ingest.load import guess_kind

    try:
        guessed = guess_kind(path.read_bytes(), path.name)
    except OSError:
        return None
    if guessed is None or guessed == chosen:
        return None
    return t("cli.looks_like", lang, kind=guessed, label=t(f"import_kind.{guessed}", lang))


def _no_warehouse(db: Path, lang: str) -> bool:
    """Commands that only read say so when there is nothing to read yet."""
    from dashboard.warehouse.connection import exists

    if exists(db):
        return False
    print(t("cli.no_warehouse", lang, db=shown(db)), file=sys.stderr)
    return True


def _export(args, db: Path) -> int:
    from dashboard.exports import commands

    if _no_warehouse(db, _lang(args)):
        return EXIT_REFUSED
    try:
        written = commands.export(
            args.what,
            db,
            args.out,
            args.period,
            _lang(args),
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
            print(t("cli.downloading", _lang(args)))
            path = download_vg250(Path(folder) / "vg250_ebenen_1231.zip")
        elif args.file is None or not args.file.exists():
            print(
                t("cli.boundaries_not_found", _lang(args), file=args.file or t("cli.file", _lang(args))),
                file=sys.stderr,
            )
            return EXIT_REFUSED
        else:
            path = args.file
        with writer(db) as con:
            migrate(con)
            result = import_file(con, path, BOUNDARIES, crs=args.crs, attribution=args.attribution)
    print(result.summary(_lang(args)))
    return EXIT_OK


def _query(args, db: Path) -> int:
    from dashboard.service.explorer import SandboxRefused, run_query

    if _no_warehouse(db, _lang(args)):
        return EXIT_REFUSED
    try:
        result = run_query(db, args.sql, row_cap=args.limit)
    except SandboxRefused as refusal:
        print(refusal.message(_lang(args)), file=sys.stderr)
        return EXIT_REFUSED
    frame = result.frame
    if args.format == "csv":
        print(frame.to_csv(index=False), end="")
    elif args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        print(frame.to_string(index=False, max_colwidth=60))
        lang = _lang(args)
        more = t("cli.shown", lang, shown=number(len(frame), lang)) if result.truncated else ""
        seconds = number(result.seconds, lang, 2)
        print(t("cli.rows", lang, rows=number(result.rows, lang), more=more, seconds=seconds), file=sys.stderr)
    return EXIT_OK


def _dictionary(args, db: Path) -> int:
    from dashboard.warehouse.connection import reader
    from dashboard.warehouse.dictionary import dictionary, markdown

    if _no_warehouse(db, _lang(args)):
        return EXIT_REFUSED

    with reader(db) as con:
        text = markdown(dictionary(con))
    args.out.write_text(text, encoding="utf-8")
    print(t("cli.written", _lang(args), file=args.out))
    return EXIT_OK


def _lang(args) -> str:
    """A command's own --lang (exports, mails), else the global one, else DASHBOARD_LANG, else German."""
    chosen = getattr(args, "lang", None) or args.ui_lang or settings().language
    return chosen if chosen in LANGUAGES else "de"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser(_chosen_language(argv)).parse_args(argv)
    lang = _lang(args)
    db = settings(args.db).warehouse_path
    handlers = {
        "init": _init,
        "migrate-to-lake": _move,
        "demo": _demo,
        "import": _import,
        "export": _export,
        "query": _query,
        "dictionary": _dictionary,
        "report": _mail,
        "alerts": _mail,
    }
    if args.command not in ("init", "demo", "migrate-to-lake") and _damaged(db, lang):
        return EXIT_REFUSED
    try:
        return handlers[args.command](args, db)
    except ImportRefused as refusal:
        print(refusal.message(lang), file=sys.stderr)
        return EXIT_REFUSED
    except LakeNotConfigured:
        print(t("errors.lake_without_data", lang, lake=shown(db)), file=sys.stderr)
        return EXIT_REFUSED
    except duckdb.Error:
        if _damaged(db, lang):
            return EXIT_REFUSED
        raise


def _damaged(db: Path, lang: str) -> bool:
    """Says so when the warehouse file cannot be read (nothing is changed)."""
    from dashboard.warehouse.health import damage

    reason = damage(db)
    if reason:
        print(t("cli.unreadable", lang, file=shown(db.name), reason=reason), file=sys.stderr)
    return bool(reason)
