"""The round-table exports from the command line: PPTX, PDF and XLSX of the deck, the profile PDF;
each reopened and checked against the KPI layer."""

import subprocess
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.cli import main
from dashboard.config import PROJECT_ROOT
from dashboard.exports import commands
from dashboard.exports.deck import deck_data, slides
from dashboard.kpis.overview import OVERVIEW_KPIS
from dashboard.service.inflow import inflow_data
from dashboard.service.overview import overview_data
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection


def _pages(pdf: Path, tool: str, out: Path) -> list[Path]:
    subprocess.run([tool, "-r", "40", "-png", str(pdf), str(out / pdf.stem)], check=True)
    return sorted(out.glob(f"{pdf.stem}*.png"))


def _drawn(png: Path) -> bool:
    """More than a blank page: a good part of the pixels is neither white nor one flat colour."""
    pixels = np.asarray(Image.open(png).convert("L"), dtype=float)
    return (pixels < 235).mean() > 0.05 and pixels.std() > 20


def test_deck_pptx_has_one_slide_per_planned_chart(demo_warehouse_master, tmp_path, chromium):
    out = tmp_path / "runder-tisch.pptx"
    assert main(["--db", str(demo_warehouse_master), "export", "deck", "--period", "2024", "--out", str(out)]) == 0
    planned = slides(deck_data(demo_warehouse_master, load_reference(demo_warehouse_master), 2024, 2024), "de")
    deck = Presentation(str(out))
    assert len(deck.slides) == len(planned) >= 8
    for slide, plan in zip(deck.slides, planned, strict=True):
        assert slide.shapes.title.text == plan.title
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].image.size[0] > 1000
        assert "Demodaten" in slide.notes_slide.notes_text_frame.text


def test_deck_pdf_pages_show_the_charts(demo_warehouse_master, tmp_path, chromium, pdftoppm):
    out = tmp_path / "runder-tisch.pdf"
    assert (
        main(
            [
                "--db",
                str(demo_warehouse_master),
                "export",
                "deck",
                "--period",
                "2023-2025",
                "--lang",
                "en",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    pages = _pages(out, pdftoppm, tmp_path)
    assert len(pages) >= 8 and all(_drawn(p) for p in pages)


def test_profile_pdf_for_werdohl_fits_two_a4_pages(demo_warehouse_master, tmp_path, chromium, pdftoppm):
    out = tmp_path / "werdohl.pdf"
    assert main(["--db", str(demo_warehouse_master), "export", "profile", "--ags", "05962060", "--out", str(out)]) == 0
    pages = _pages(out, pdftoppm, tmp_path)
    assert 1 <= len(pages) <= 2 and _drawn(pages[0])
    text = (
        subprocess.run(["pdftotext", str(out), "-"], check=False, capture_output=True, text=True).stdout
        if Path("/usr/bin/pdftotext").exists()
        else ""
    )
    if text:
        assert "Steckbrief Werdohl" in text and "Demodaten" in text and "Märkischer Kreis" in text


def test_all_profiles_write_one_file_per_town(demo_warehouse_master, tmp_path, monkeypatch):
    # the PDF itself is tested above; here: 59 files, named by AGS and town, in the folder
    monkeypatch.setattr(commands.sheet, "profile_pdf", lambda profile, *args: profile.name.encode())
    written = commands.export("profile", demo_warehouse_master, tmp_path / "alle", None, "de", every_town=True)
    files = sorted((tmp_path / "alle").glob("*.pdf"))
    assert len(files) == 59 and len(written) == 60
    assert (tmp_path / "alle" / "steckbrief-05962060-werdohl.pdf").read_bytes() == b"Werdohl"


def test_xlsx_reopens_with_the_kpi_layers_numbers(demo_warehouse_master, tmp_path):
    out = tmp_path / "tabellen.xlsx"
    assert main(["--db", str(demo_warehouse_master), "export", "xlsx", "--period", "2023-2025", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert {"Überblick", "Kommune", "Zielgruppe", "Kampagnen", "Netzwerk", "Auffälligkeiten"} <= set(book.sheetnames)
    reference = load_reference(demo_warehouse_master)
    cards = overview_data(demo_warehouse_master, reference, 2023, 2025)
    rows = list(book["Überblick"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(OVERVIEW_KPIS)
    for row, kpi in zip(rows, OVERVIEW_KPIS, strict=True):
        assert row[1] == pytest.approx(cards.card(kpi).value)
    towns = inflow_data(demo_warehouse_master, reference, Selection(2023, 2025)).town_table.set_index("ags")
    sheet = book["Kommune"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["AGS", "Kommune", "Kreis", "Zuzüge"]
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert row[3] == towns.loc[row[0], "inflow"] and row[8] == pytest.approx(towns.loc[row[0], "net_per_1000"])
    assert sheet["D2"].number_format == "#,##0" and sheet["I2"].number_format == "#,##0.0"
    assert book["Überblick"]["F2"].number_format == "0.0%"
    assert book["Überblick"]["F1"].value == "Abstand zum Soll (+ = besser)"  # what the share is, not a slide title


def test_every_xlsx_sheet_follows_the_period_and_is_translated(demo_warehouse_master, tmp_path):
    """2019–2021: bags counted from the raw file for those years only, no network day after the
    period, no untranslated key, the cost-per-lead goal of the one year that has one."""
    out = tmp_path / "tabellen.xlsx"
    assert main(["--db", str(demo_warehouse_master), "export", "xlsx", "--period", "2019-2021", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    raw = pd.read_csv(PROJECT_ROOT / "data" / "demo" / "welcome_bags.csv", dtype={"ags": str}, parse_dates=["month"])
    raw = raw[raw["month"].dt.year.between(2019, 2021)].groupby("ags")["handed_out"].sum()
    sheet = book["Ausgegebene Taschen"]
    header = [c.value for c in sheet[1]]
    shown = {row[0]: row[header.index("Ausgegebene Taschen")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert shown == raw.to_dict()
    assert all(count > 0 for count in shown.values())  # a town without bags in the period has no row
    days = [row[0] for row in book["Netzwerk"].iter_rows(min_row=2, values_only=True)]
    assert days and max(days).year <= 2021
    texts = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert not [v for v in texts if v.startswith(("target_status.", "kpi.", "overview.")) or v == "nan"]
    targets = pd.read_csv(PROJECT_ROOT / "data" / "demo" / "targets.csv")
    goal = targets[(targets["kpi"] == "cost_per_lead") & targets["year"].between(2019, 2021)]["value"].mean()
    overview = {row[0]: row for row in book["Überblick"].iter_rows(min_row=2, values_only=True)}
    target_column = [c.value for c in book["Überblick"][1]].index("Soll")
    assert overview["Kosten je Lead"][target_column] == pytest.approx(goal)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["profile", "--ags", "12345678", "--out", "x.pdf"], "keiner der 59"),
        (["deck", "--period", "2031", "--out", "x.pptx"], "liegt nicht in den Daten"),
        (["deck", "--out", "x.docx"], "Endung .pptx oder .pdf"),
    ],
)
def test_export_refusals_exit_2_with_a_message(demo_warehouse_master, tmp_path, capsys, args, message):
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(["--db", str(demo_warehouse_master), "export", *args]) == 2
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
