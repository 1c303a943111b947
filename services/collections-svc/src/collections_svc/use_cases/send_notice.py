"""The steps of sending a dunning e-mail, each in the sender's own transaction: claim and
recheck it, then record it sent, failed, or turned into a letter."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.dunning_policy import Channel
from collections_svc.domain.notice import Notice, NoticeStatus
from collections_svc.domain.recheck import recheck
from collections_svc.domain.statement_run import notice_statement_period
from collections_svc.use_cases.dunning_holds import holds_on
from collections_svc.use_cases.notice_facts import notice_sent


async def claim_next_notice(
    uow: CollectionsUnitOfWork, *, at: datetime, lease: timedelta, business_date: date
) -> Notice | None:
    """The next e-mail to send, marked `sending`, its invoices rechecked against the latest
    ledger facts and holds: changed ones are dropped, and with none left it is suppressed."""
    notice = await uow.notices.claim_next(at, lease)
    if notice is None:
        return None
    invoices_now = await uow.dunned.as_now(line.invoice_id for line in notice.invoices)
    holds = await holds_on(uow, business_date, notice.customer_id)
    rechecked = recheck(notice, invoices_now, holds)
    if rechecked != notice:
        await uow.notices.save(rechecked)
    return rechecked


async def statement_period_of(uow: CollectionsUnitOfWork, notice: Notice) -> tuple[date, date]:
    as_of = await uow.runs.as_of_of(notice.run_id)
    if as_of is None:  # a foreign key: every notice has its run
        raise LookupError(f"dunning run {notice.run_id} of notice {notice.id}")
    return notice_statement_period(as_of)


async def record_sent(
    uow: CollectionsUnitOfWork, notice: Notice, recipients_masked: tuple[str, ...], at: datetime
) -> Notice:
    sent = replace(
        notice, status=NoticeStatus.SENT, recipients_masked=recipients_masked, sent_at=at
    )
    await uow.notices.save(sent)
    await uow.emit(notice_sent(sent, at))
    return sent


async def record_failed(
    uow: CollectionsUnitOfWork, notice: Notice, recipients_masked: tuple[str, ...], error: str
) -> Notice:
    failed = replace(
        notice, status=NoticeStatus.FAILED, recipients_masked=recipients_masked, error=error
    )
    await uow.notices.save(failed)
    return failed


async def turn_into_letter(uow: CollectionsUnitOfWork, notice: Notice, at: datetime) -> Notice:
    """A customer with no one to e-mail gets the notice on paper."""
    letter = replace(notice, channel=Channel.LETTER, status=NoticeStatus.LETTER_READY, sent_at=at)
    await uow.notices.save(letter)
    await uow.emit(notice_sent(letter, at))
    return letter
