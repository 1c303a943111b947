"""A real SMTP server (aiosmtpd) for the notice tests: keeps what it accepts, or refuses."""

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller


class MailSink:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refusals_left = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refusals_left:
            self.refusals_left -= 1
            return "451 4.3.0 Mailbox temporarily unavailable"
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted"


def text_of(mail: EmailMessage) -> str:
    """The message's text, without the statement attached beside it."""
    body = mail.get_body(("plain",))
    assert body is not None
    text: str = body.get_content()
    return text


def pdfs_of(mail: EmailMessage) -> list[tuple[str | None, bytes]]:
    """(file name, bytes) of every PDF attached."""
    return [
        (part.get_filename(), part.get_content())
        for part in mail.iter_attachments()
        if part.get_content_type() == "application/pdf"
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def mail_sink() -> Iterator[tuple[MailSink, int]]:
    sink, port = MailSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()
