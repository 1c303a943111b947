"""Promises to pay and payment plans: the cash-in forecast expects their dates instead of the
invoices' own."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.collections import (
    PaymentPlanAgreed,
    PaymentPlanEnded,
    PromiseBroken,
    PromiseKept,
    PromiseMade,
)
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.facts.arrangement_records import (
    Promise,
    record_plan,
    record_plan_ended,
    record_promise,
)


def _promise(d: PromiseMade | PromiseKept | PromiseBroken) -> Promise:
    return Promise(d.promise_id, d.customer_id, d.currency, to_minor(d.amount, d.currency),
                   d.made_on, d.promised_on, tuple(d.invoice_ids))  # fmt: skip


async def on_promise_made(session: AsyncSession, event: ReceivedEvent[PromiseMade]) -> None:
    await record_promise(session, _promise(event.data), recorded_at=event.envelope.time)


async def on_promise_kept(session: AsyncSession, event: ReceivedEvent[PromiseKept]) -> None:
    d = event.data
    await record_promise(session, _promise(d), closed_on=d.kept_on, recorded_at=event.envelope.time)


async def on_promise_broken(session: AsyncSession, event: ReceivedEvent[PromiseBroken]) -> None:
    d = event.data
    await record_promise(
        session, _promise(d), closed_on=d.broken_on, recorded_at=event.envelope.time
    )


async def on_plan_agreed(session: AsyncSession, event: ReceivedEvent[PaymentPlanAgreed]) -> None:
    d = event.data
    parts = [(i.due_on, to_minor(i.amount, d.currency)) for i in d.instalments]
    # The plan carries no business date: it runs from the day collections recorded it.
    await record_plan(session, d.plan_id, d.customer_id, d.currency, event.envelope.time.date(),
                      d.invoice_ids, parts, event.envelope.time)  # fmt: skip


async def on_plan_ended(session: AsyncSession, event: ReceivedEvent[PaymentPlanEnded]) -> None:
    d = event.data
    await record_plan_ended(session, d.plan_id, d.customer_id, d.ended_on)
