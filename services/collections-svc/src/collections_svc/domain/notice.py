"""Dunning notices: one per customer and channel per run, naming the invoices that reached a
new level in it."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from collections_svc.domain.dunning import DunnedInvoice
from collections_svc.domain.dunning_policy import Channel, DunningLevel
from ledgerflow_platform.errors import DomainError


class NoticeStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    SUPPRESSED = "suppressed"
    FAILED = "failed"
    LETTER_READY = "letter_ready"


class NoticeNotFound(DomainError):
    def __init__(self, notice_id: str) -> None:
        super().__init__(f"No dunning notice with id {notice_id}.")


class NoticeNotALetter(DomainError):
    """The notice went (or goes) out by e-mail, or is a call or visit task: nothing to print."""

    def __init__(self, notice_id: str) -> None:
        super().__init__(f"Dunning notice {notice_id} is not a letter.")


@dataclass(frozen=True)
class NoticeLine:
    """An invoice in a notice, at the level it reached in the run."""

    invoice_id: str
    number: str
    level: int
    currency: str
    open_amount: int
    days_past_due: int
    # Minor units in the invoice's currency; None when the level charges nothing.
    fee: int | None = None


@dataclass(frozen=True)
class DroppedLine:
    invoice_id: str
    reason: str


@dataclass(frozen=True)
class Notice:
    id: str
    run_id: str
    customer_id: str
    channel: Channel
    status: NoticeStatus
    invoices: tuple[NoticeLine, ...]
    message_id: str
    dropped: tuple[DroppedLine, ...] = ()
    recipients_masked: tuple[str, ...] = ()
    suppressed_reason: str | None = None
    error: str | None = None
    attempts: int = 0
    sent_at: datetime | None = None

    @property
    def level(self) -> int:
        """The highest level among the invoices still in it (or that were, if all dropped)."""
        lines = self.invoices or ()
        return max((line.level for line in lines), default=0)


@dataclass(frozen=True)
class Step:
    """An invoice that reached `level` in a run."""

    invoice: DunnedInvoice
    level: DunningLevel
    fee: int | None = None


@dataclass
class _Draft:
    steps: list[Step] = field(default_factory=list)


def first_status(channel: Channel) -> NoticeStatus:
    """E-mails wait for the sender; a letter is ready to print; a call or visit task exists once
    it is created, so it counts as sent."""
    if channel is Channel.EMAIL:
        return NoticeStatus.QUEUED
    if channel is Channel.LETTER:
        return NoticeStatus.LETTER_READY
    return NoticeStatus.SENT


def notices_of_run(
    run_id: str,
    as_of: date,
    steps: Iterable[Step],
    new_id: Callable[[], str],
    domain: str,
) -> list[Notice]:
    """One notice per customer and channel, its invoices in invoice number order."""
    drafts: dict[tuple[str, Channel], _Draft] = defaultdict(_Draft)
    for step in steps:
        drafts[(step.invoice.customer_id, step.level.channel)].steps.append(step)
    notices = []
    for (customer_id, channel), draft in sorted(drafts.items()):
        notice_id = new_id()
        lines = tuple(
            NoticeLine(
                invoice_id=s.invoice.invoice_id,
                number=s.invoice.number,
                level=s.level.level,
                currency=s.invoice.currency,
                open_amount=s.invoice.open_amount,
                days_past_due=s.invoice.days_past_due(as_of),
                fee=s.fee,
            )
            for s in sorted(draft.steps, key=lambda s: (s.invoice.number, s.invoice.invoice_id))
        )
        notices.append(
            Notice(
                id=notice_id,
                run_id=run_id,
                customer_id=customer_id,
                channel=channel,
                status=first_status(channel),
                invoices=lines,
                # Stable across retries and restarts, so a re-send can be recognised.
                message_id=f"<{notice_id}@{domain}>",
            )
        )
    return notices
