"""Reports that arrive by themselves: the leadership overview as a PDF by mail (`python -m dashboard
report`) and a short note for every KPI that runs behind its goal (`python -m dashboard alerts`),
each sent once per period (or KPI and year) and address; run them monthly from cron or a timer."""

from __future__ import annotations

from pathlib import Path

from dashboard.exports import mail
from dashboard.exports.overview import overview_pdf
from dashboard.i18n import t
from dashboard.i18n.format import kpi_value, percent, period
from dashboard.kpis.overview import UNIT
from dashboard.service import mail_log, notes, overview
from dashboard.service.boundaries import map_layer
from dashboard.service.reference import load_reference
from dashboard.service.selection import ALL_MONTHS, default_period


class ReportRefused(Exception):
    """Nothing can be sent (no data, a period outside the data); worded in the caller's language."""


def _period(reference, wanted: tuple[int, int] | None, lang: str) -> tuple[int, int]:
    years = reference.years_with_registrations()
    if not years:
        raise ReportRefused(t("report.no_data", lang))
    chosen = wanted or default_period(years)
    if chosen[0] < years[0] or chosen[1] > years[-1]:
        raise ReportRefused(
            t("report.outside", lang, first=chosen[0], last=chosen[1], data_first=years[0], data_last=years[-1])
        )
    return chosen


def overview_report(db: Path, wanted: tuple[int, int] | None, lang: str) -> tuple[str, str, bytes, str]:
    """(subject, body, PDF, the period's key) of the leadership overview."""
    reference = load_reference(db)
    year_from, year_to = _period(reference, wanted, lang)
    data = overview.overview_data(db, reference, year_from, year_to)
    span = period(year_from, year_to, ALL_MONTHS, lang)
    body = "\n\n".join(
        [
            t("report.greeting", lang),
            " ".join(notes.overview_story(data, lang)),
            t("report.body", lang, period=span),
            notes.export_footer(reference, lang),
        ]
    )
    pdf = overview_pdf(data, map_layer(db, reference), reference, lang)
    # the period and the data it rests on: the same report is not sent twice, a new delivery's is
    return t("report.subject", lang, period=span), body, pdf, f"{year_from}-{year_to}@{mail_log.data_stand(db)}"


def send_report(
    db: Path,
    wanted: tuple[int, int] | None,
    recipients: list[str],
    lang: str,
    force: bool = False,
    settings: mail.SmtpSettings | None = None,
) -> list[str]:
    """Mail the overview to each address that has not had this period's report yet; one line each."""
    subject, body, pdf, key = overview_report(db, wanted, lang)
    settings = settings or mail.smtp_settings()
    lines = []
    for recipient in recipients:
        if not force and mail_log.was_sent(db, "report", key, recipient):
            lines.append(t("report.already_sent", lang, to=recipient, period=subject))
            continue
        mail.send(
            settings,
            [recipient],
            subject,
            body,
            [(f"willkommensmonitor-{key.split('@')[0]}.pdf", "application/pdf", pdf)],
        )
        mail_log.record_sent(db, "report", key, recipient, subject)
        lines.append(t("report.sent", lang, to=recipient, subject=subject))
    return lines


def send_alerts(
    db: Path,
    recipients: list[str],
    year: int | None,
    share: float,
    lang: str,
    force: bool = False,
    settings: mail.SmtpSettings | None = None,
) -> list[str]:
    """A short note for every KPI that runs behind its goal by more than `share`, once per KPI,
    year and address."""
    reference = load_reference(db)
    if not reference.years_with_registrations():
        raise ReportRefused(t("report.no_data", lang))
    found = overview.alerts(db, reference, year, share)
    if not found:
        return [t("report.no_alerts", lang, share=percent(share, lang, 0))]
    settings = settings or mail.smtp_settings()
    lines = []
    for alert in found:
        name, unit = t(f"kpi.{alert.kpi}", lang), UNIT[alert.kpi]
        subject = t("report.alert_subject", lang, kpi=name, year=alert.year, gap=percent(abs(alert.gap), lang, 1))
        body = t(
            "report.alert_body",
            lang,
            kpi=name,
            year=alert.year,
            actual=kpi_value(alert.actual, unit, lang),
            target=kpi_value(alert.target, unit, lang),
            gap=percent(abs(alert.gap), lang, 1),
            months=alert.months,
            share=percent(share, lang, 0),
        )
        body += "\n\n" + notes.export_footer(reference, lang)
        key = f"{alert.kpi}:{alert.year}"
        for recipient in recipients:
            if not force and mail_log.was_sent(db, "alert", key, recipient):
                lines.append(t("report.already_sent", lang, to=recipient, period=key))
                continue
            mail.send(settings, [recipient], subject, body)
            mail_log.record_sent(db, "alert", key, recipient, subject)
            lines.append(t("report.sent", lang, to=recipient, subject=subject))
    return lines
