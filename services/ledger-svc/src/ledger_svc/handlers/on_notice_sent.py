"""A dunning notice went out: the ledger charges the fees of the levels it reached."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.use_cases.adjustments.charge_notice_fees import NoticedFee, charge_notice_fees
from ledgerflow_events.contracts.collections import NoticeSent
from ledgerflow_events.inbox import ReceivedEvent


async def on_notice_sent(session: AsyncSession, event: ReceivedEvent[NoticeSent]) -> None:
    data = event.data
    await charge_notice_fees(
        LedgerUnitOfWork(session),
        notice_id=data.notice_id,
        sent_on=data.sent_at.date(),
        noticed=[NoticedFee(i.invoice_id, i.level, i.currency, i.fee) for i in data.invoices],
    )
