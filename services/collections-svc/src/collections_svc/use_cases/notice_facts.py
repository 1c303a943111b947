"""The facts a notice and its levels publish: `notice_sent` (with the fees the ledger charges)
and `escalated`."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.dunning_policy import DunningLevel, Escalation
from collections_svc.domain.notice import Notice, Step
from ledgerflow_events.contracts.collections import Escalated, NoticedInvoice, NoticeSent
from ledgerflow_events.money import currency_scale, format_minor, to_minor


def fee_of(level: DunningLevel, currency: str) -> int | None:
    """The level's fee in the invoice's currency, rounded to its minor unit."""
    if level.fee is None:
        return None
    unit = Decimal(1).scaleb(-currency_scale(currency))
    return to_minor(Decimal(level.fee).quantize(unit, rounding=ROUND_HALF_UP), currency)


def notice_sent(notice: Notice, sent_at: datetime) -> NoticeSent:
    return NoticeSent(
        customer_id=notice.customer_id,
        notice_id=notice.id,
        run_id=notice.run_id,
        channel=notice.channel.value,
        level=notice.level,
        invoices=[
            NoticedInvoice(
                invoice_id=line.invoice_id,
                level=line.level,
                currency=line.currency,
                open_amount=format_minor(line.open_amount, line.currency),
                fee=None if line.fee is None else format_minor(line.fee, line.currency),
            )
            for line in notice.invoices
        ],
        sent_at=sent_at,
    )


async def escalations_of(
    uow: CollectionsUnitOfWork, steps: Iterable[Step], as_of: date
) -> list[Escalated]:
    """One `escalated` per customer case and escalating level reached in the run; a legal
    one moves the case to legal."""
    reached: dict[tuple[str, int], list[Step]] = {}
    for step in steps:
        if step.level.escalation is not None:
            reached.setdefault((step.invoice.customer_id, step.level.level), []).append(step)
    facts = []
    for (customer_id, level), escalating in sorted(reached.items()):
        case = await uow.cases.open_case_of(customer_id)
        escalation = escalating[0].level.escalation
        if case is None or escalation is None:
            continue
        if escalation is Escalation.LEGAL:
            await uow.legal.record(case.id, customer_id, level, as_of)
        facts.append(
            Escalated(
                customer_id=customer_id,
                case_id=case.id,
                escalation=escalation.value,
                level=level,
                invoice_ids=sorted(s.invoice.invoice_id for s in escalating),
                escalated_on=as_of,
            )
        )
    return facts
