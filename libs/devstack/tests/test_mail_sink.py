import smtplib
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.mail_sink import MailSink, wait_for_messages
from ledgerflow_devstack.services import service_env


def _message(subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "collections@ledgerflow.local"
    message["To"] = "ap@acme.example"
    message["Subject"] = subject
    message["Message-ID"] = f"<{subject}@collections.ledgerflow.local>"
    message.set_content("付款提醒 / payment reminder")
    return message


def test_the_sink_keeps_every_message_it_receives_as_one_eml_file(tmp_path: Path) -> None:
    config = StackConfig.isolated(tmp_path)
    sink = MailSink(config)
    record = sink.start()
    try:
        with smtplib.SMTP("127.0.0.1", config.smtp_port, timeout=10) as smtp:
            smtp.send_message(_message("first"))
            smtp.send_message(_message("second"))
        kept = wait_for_messages(config.mail_dir, 2, timeout=10)
    finally:
        assert record.terminate(timeout=5) is True
        sink.release()

    parsed = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in kept]
    assert [(m["Subject"], m["Message-ID"], m["To"]) for m in parsed] == [
        ("first", "<first@collections.ledgerflow.local>", "ap@acme.example"),
        ("second", "<second@collections.ledgerflow.local>", "ap@acme.example"),
    ]
    body = parsed[0].get_body()
    assert body is not None
    assert body.get_content().strip() == "付款提醒 / payment reminder"
    assert [p.parent for p in kept] == [tmp_path / "mail"] * 2


def test_collections_is_configured_to_send_to_the_sink(tmp_path: Path) -> None:
    config = StackConfig.isolated(tmp_path)
    env = service_env(config, "collections")
    assert (env["COLLECTIONS_SMTP_HOST"], env["COLLECTIONS_SMTP_PORT"]) == (
        "127.0.0.1",
        str(config.smtp_port),
    )
    assert StackConfig.from_env(config.as_env()).smtp_port == config.smtp_port
