"""SMTP_URL -> a connection (plain, STARTTLS or implicit TLS), and Notice -> MIME message."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import unquote, urlsplit

from service.errors import InvalidInput

SCHEMES = {"smtp": (25, None), "smtp+starttls": (587, "starttls"), "smtps": (465, "tls")}
TIMEOUT = 10.0


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to deliver (from SMTP_URL)."""

    host: str
    port: int
    security: str | None  # None, "starttls" or "tls"
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise InvalidInput({"SMTP_URL": "invalid"})
        default_port, security = SCHEMES[parts.scheme]
        return cls(parts.hostname, parts.port or default_port, security,
                   unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None)

    def connect(self) -> smtplib.SMTP:
        """An open, authenticated connection; OSError or smtplib.SMTPException when the server is away."""
        context = ssl.create_default_context()
        if self.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
            if self.security == "starttls":
                client.starttls(context=context)
        if self.username:
            client.login(self.username, self.password or "")
        return client


def mime(notice_subject: str, text: str, html: str, *, lang: str, sender: str, recipient: str,
         message_id: str, reply_to: str | None = None, ics: bytes | None = None) -> EmailMessage:
    """A multipart message: text and HTML alternatives, the .ics attached when there is one."""
    message = EmailMessage()
    message["Subject"] = notice_subject
    message["From"] = sender
    message["To"] = recipient
    if reply_to:
        message["Reply-To"] = reply_to
    message["Message-ID"] = message_id
    message["Date"] = formatdate(localtime=False)
    message["Auto-Submitted"] = "auto-generated"  # transactional: no out-of-office replies
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    if ics:
        message.add_attachment(ics, maintype="text", subtype="calendar", filename="termin.ics",
                               params={"method": "PUBLISH"})
    message["Content-Language"] = lang  # after the body: set_content replaces the Content-* headers
    return message
