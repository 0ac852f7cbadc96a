"""Mail through an SMTP server: settings from the environment or `.streamlit/secrets.toml`
([smtp] host, port, user, password, sender, security), one message with attachments."""

from __future__ import annotations

import os
import smtplib
import ssl
import tomllib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from dashboard.config import PROJECT_ROOT
from dashboard.i18n.messages import Text

SECRETS = PROJECT_ROOT / ".streamlit" / "secrets.toml"
SECURITY = ("starttls", "ssl", "none")


class MailNotConfigured(Exception):
    """No SMTP server is set up; the message says how to set one, in the reader's language."""

    def __init__(self, key: str, **values: object):
        self.text = Text(f"mail.{key}", values)
        super().__init__(self.text.render("de"))

    def message(self, lang: str = "de") -> str:
        return self.text.render(lang)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    security: str = "starttls"  # starttls, ssl or none (a server on localhost)


def smtp_settings(environ: dict[str, str] | None = None) -> SmtpSettings:
    """DASHBOARD_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _SECURITY, else [smtp] in secrets.toml."""
    env = os.environ if environ is None else environ
    stored = {}
    if SECRETS.is_file():
        stored = tomllib.loads(SECRETS.read_text(encoding="utf-8")).get("smtp", {})
    value = lambda name, key: env.get(f"DASHBOARD_SMTP_{name}") or stored.get(key)
    host, sender = value("HOST", "host"), value("FROM", "sender")
    if not host or not sender:
        raise MailNotConfigured("not_configured")
    security = (value("SECURITY", "security") or "starttls").lower()
    if security not in SECURITY:
        raise MailNotConfigured("bad_security", value=security)
    port = int(value("PORT", "port") or {"ssl": 465, "starttls": 587, "none": 25}[security])
    return SmtpSettings(host, port, sender, value("USER", "user"), value("PASSWORD", "password"), security)


def send(
    settings: SmtpSettings, to: list[str], subject: str, body: str, attachments: list[tuple[str, str, bytes]] = ()
) -> str:
    """Send one message (attachments: file name, MIME type, content); returns its Message-ID."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, ", ".join(to), subject
    message["Date"], message["Message-ID"] = formatdate(localtime=True), make_msgid(domain="willkommensmonitor")
    message.set_content(body)
    for name, mime, content in attachments:
        main, sub = mime.split("/", 1)
        message.add_attachment(content, maintype=main, subtype=sub, filename=name)
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(settings.host, settings.port, context=ssl.create_default_context(), timeout=30)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=30)
    with server:
        if settings.security == "starttls":
            server.starttls(context=ssl.create_default_context())
        if settings.user:
            server.login(settings.user, settings.password or "")
        server.send_message(message)
    return message["Message-ID"]
