# ruff: noqa: RUF001  (full-width punctuation is correct in the Chinese texts)
"""A dunning notice as an e-mail: subject and text from jinja2 templates, in Chinese or
English, with the notice's stable Message-ID."""

from collections import defaultdict
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from collections_svc.domain.notice import Notice
from collections_svc.domain.statement_run import StatementMail
from ledgerflow_events.money import format_minor

SUBJECTS = {
    "en": {
        1: "Friendly reminder: invoices falling due",
        2: "Payment reminder: overdue invoices",
        3: "Final notice: overdue invoices",
    },
    "zh-CN": {1: "温馨提示：发票即将到期", 2: "付款提醒：发票已逾期", 3: "最后通知：发票已逾期"},
}
STATEMENT_SUBJECTS = {"en": "Statement of account {} to {}", "zh-CN": "对账单 {} 至 {}"}
OPENINGS = {
    "en": {
        1: "This is a friendly reminder that the invoices below fall due soon.",
        2: "Our records show the invoices below are overdue. Please pay them now.",
        3: "Despite our reminders the invoices below are still unpaid. This is our final notice.",
    },
    "zh-CN": {
        1: "温馨提示：以下发票即将到期。",
        2: "根据我们的记录，以下发票已逾期，请尽快付款。",
        3: "尽管我们已多次提醒，以下发票仍未支付。这是最后通知。",
    },
}


class NoticeMail:
    def __init__(self, sender: str) -> None:
        self._sender = sender
        self._templates = Environment(
            loader=PackageLoader("collections_svc.adapters", "templates"),
            undefined=StrictUndefined,
            # Plain-text mail: only HTML templates (none yet) would be escaped.
            autoescape=select_autoescape(["html"]),
            keep_trailing_newline=True,
        )

    def render(
        self,
        notice: Notice,
        recipients: tuple[str, ...],
        language: str,
        at: datetime,
        statement: bytes,
    ) -> EmailMessage:
        """The notice, with the ledger's statement of account attached."""
        step = min(notice.level, 3)
        totals: dict[str, int] = defaultdict(int)
        for line in notice.invoices:
            totals[line.currency] += line.open_amount
        text = self._templates.get_template(f"notice.{language}.txt").render(
            opening=OPENINGS[language][step],
            lines=[
                {
                    "number": line.number,
                    "currency": line.currency,
                    "open_amount": format_minor(line.open_amount, line.currency),
                    "days_past_due": line.days_past_due,
                }
                for line in notice.invoices
            ],
            totals=[(c, format_minor(t, c)) for c, t in sorted(totals.items())],
        )
        message = self._message(notice.message_id, recipients, language, at)
        message["Subject"] = SUBJECTS[language][step]
        message.set_content(text)
        _attach(message, statement, f"statement-{notice.customer_id}.pdf")
        return message

    def render_statement(
        self,
        mail: StatementMail,
        period: tuple[date, date],
        recipients: tuple[str, ...],
        language: str,
        at: datetime,
        statement: bytes,
    ) -> EmailMessage:
        """A scheduled statement: a short covering text and the ledger's PDF."""
        date_from, date_to = period
        text = self._templates.get_template(f"statement.{language}.txt").render(
            date_from=date_from.isoformat(), date_to=date_to.isoformat()
        )
        message = self._message(mail.message_id, recipients, language, at)
        message["Subject"] = STATEMENT_SUBJECTS[language].format(date_from, date_to)
        message.set_content(text)
        _attach(message, statement, f"statement-{mail.customer_id}-{date_from}-{date_to}.pdf")
        return message

    def _message(
        self, message_id: str, recipients: tuple[str, ...], language: str, at: datetime
    ) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = ", ".join(recipients)
        # The same on every attempt: a receiver that saw it already can drop a re-send.
        message["Message-ID"] = message_id
        message["Date"] = format_datetime(at)
        message["Content-Language"] = language
        return message


def _attach(message: EmailMessage, pdf: bytes, filename: str) -> None:
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
