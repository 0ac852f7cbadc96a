"""Reports that arrive by themselves: the monthly overview PDF and the goal alerts reach a real
SMTP server on localhost, in German, once per period (or KPI and year) and address."""

from __future__ import annotations

import email
import shutil
import socket
import subprocess
from email import policy

import pytest
from aiosmtpd.controller import Controller

from dashboard.cli import main
from dashboard.service.overview import alerts
from dashboard.service.reference import load_reference


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(monkeypatch):
    box = Inbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("DASHBOARD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DASHBOARD_SMTP_PORT", str(port))
    monkeypatch.setenv("DASHBOARD_SMTP_FROM", "monitor@suedwestfalen.example")
    monkeypatch.setenv("DASHBOARD_SMTP_SECURITY", "none")
    yield box
    controller.stop()


def test_the_monthly_report_arrives_with_its_pdf_and_only_once(demo_warehouse, inbox, capsys, tmp_path):
    command = ["--db", str(demo_warehouse), "report", "--period", "2025", "--to", "leitung@suedwestfalen.example"]
    assert main(command) == 0
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["Subject"] == "Willkommensmonitor Südwestfalen: Überblick 2025"
    assert message["To"] == "leitung@suedwestfalen.example"
    body = message.get_body(("plain",)).get_content()
    assert "2025 zogen" in body and "Demodaten" in body
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["willkommensmonitor-2025-2025.pdf"]
    pdf = attachments[0].get_content()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / "bericht.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        text = " ".join(text.split())
        assert "Überblick 2025" in text and "Zugewinne" in text and "Soll" in text
    capsys.readouterr()
    assert main(command) == 0  # the same period again: nothing is sent twice
    assert len(inbox.messages) == 1
    assert "Nicht erneut versandt" in capsys.readouterr().out
    assert main([*command, "--force"]) == 0
    assert len(inbox.messages) == 2
    new_goal = tmp_path / "ziele.csv"  # next month's run after a delivery: the new stand arrives
    new_goal.write_text("kpi,scope,year,value\ninflow,region,2026,51000\n", encoding="utf-8")
    assert main(["--db", str(demo_warehouse), "import", "targets", str(new_goal)]) == 0
    assert main(command) == 0
    assert len(inbox.messages) == 3


def test_a_goal_alert_per_kpi_behind_its_target_arrives_once(demo_warehouse, inbox, capsys):
    behind = alerts(demo_warehouse, load_reference(demo_warehouse))
    assert behind, "the demo targets leave some KPI behind in the latest year"
    command = ["--db", str(demo_warehouse), "alerts", "--to", "leitung@suedwestfalen.example"]
    assert main(command) == 0
    assert len(inbox.messages) == len(behind)
    subjects = [" ".join(str(m["Subject"]).split()) for m in inbox.messages]
    assert all(s.startswith("Willkommensmonitor: ") and "hinter dem Ziel" in s for s in subjects)
    assert main(command) == 0
    assert len(inbox.messages) == len(behind)
    assert main([*command, "--share", "5"]) == 0  # a threshold nothing reaches
    assert "Keine Kennzahl" in capsys.readouterr().out


def test_without_a_mail_server_the_command_says_how_to_set_one(demo_warehouse, monkeypatch, capsys):
    for name in ("HOST", "PORT", "FROM", "SECURITY"):
        monkeypatch.delenv(f"DASHBOARD_SMTP_{name}", raising=False)
    assert main(["--db", str(demo_warehouse), "report", "--to", "a@b.example"]) == 2
    assert "DASHBOARD_SMTP_HOST" in capsys.readouterr().err


def test_the_mail_refusals_are_written_in_the_chosen_language(demo_warehouse, monkeypatch, capsys):
    for name in ("HOST", "PORT", "FROM", "SECURITY"):
        monkeypatch.delenv(f"DASHBOARD_SMTP_{name}", raising=False)
    assert main(["--db", str(demo_warehouse), "--lang", "en", "report", "--to", "a@b.example"]) == 2
    assert "No mail server set up" in capsys.readouterr().err
    monkeypatch.setenv("DASHBOARD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DASHBOARD_SMTP_FROM", "monitor@example.org")
    monkeypatch.setenv("DASHBOARD_SMTP_SECURITY", "tls")
    assert main(["--db", str(demo_warehouse), "--lang", "en", "report", "--to", "a@b.example"]) == 2
    assert "expected starttls, ssl or none" in capsys.readouterr().err
    assert main(["--db", str(demo_warehouse), "--lang", "en", "report", "--period", "1990", "--to", "a@b.example"]) == 2
    refused = capsys.readouterr().err
    assert "1990" in refused and "Daten" not in refused
