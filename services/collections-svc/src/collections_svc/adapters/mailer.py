"""E-mail over SMTP (aiosmtplib), to whatever server the settings name: the local sink on
`make up`, a real relay in production, an aiosmtpd server in tests."""

from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib


class MailNotSent(Exception):
    """The SMTP server refused the message or could not be reached."""


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout_s: float = 10.0


class SmtpConnection:
    """One connection to the server, opened when first needed and kept for the next message:
    a sender working through thousands of notices does not pay a handshake for each. Any error
    drops it, so the next message starts on a fresh connection."""

    def __init__(self, server: SmtpServer) -> None:
        self._server = server
        self._client: aiosmtplib.SMTP | None = None

    async def send(self, message: EmailMessage) -> None:
        try:
            if self._client is None or not self._client.is_connected:
                server = self._server
                client = aiosmtplib.SMTP(
                    hostname=server.host,
                    port=server.port,
                    username=server.username,
                    password=server.password,
                    start_tls=server.starttls,
                    timeout=server.timeout_s,
                )
                await client.connect()
                self._client = client
            await self._client.send_message(message)
        except (aiosmtplib.SMTPException, OSError) as exc:
            await self.close()
            raise MailNotSent(f"{type(exc).__name__}: {exc}") from exc

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is None or not client.is_connected:
            return
        try:
            await client.quit()
        except (aiosmtplib.SMTPException, OSError):
            client.close()


class SmtpMailer:
    def __init__(self, server: SmtpServer) -> None:
        self._server = server

    def connection(self) -> SmtpConnection:
        """A connection of its own, for one sender that sends one message at a time."""
        return SmtpConnection(self._server)

    async def send(self, message: EmailMessage) -> None:
        server = self._server
        try:
            await aiosmtplib.send(
                message,
                hostname=server.host,
                port=server.port,
                username=server.username,
                password=server.password,
                start_tls=server.starttls,
                timeout=server.timeout_s,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise MailNotSent(f"{type(exc).__name__}: {exc}") from exc
