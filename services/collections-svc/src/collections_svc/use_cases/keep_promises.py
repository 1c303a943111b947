"""Promises to pay: made in a case, kept by payments, broken by a run after their last day."""

from collections.abc import Mapping
from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.case import CaseNotFound, CaseStatus
from collections_svc.domain.promise import (
    CaseNotOpen,
    InvoicesNotOfCustomer,
    Promise,
    PromiseNotFound,
    PromiseStatus,
    make_promise,
)
from ledgerflow_events.contracts.collections import PromiseBroken, PromiseKept, PromiseMade
from ledgerflow_events.money import format_minor

DEFAULT_GRACE_DAYS = 3


def _terms(promise: Promise) -> dict[str, object]:
    return {
        "customer_id": promise.customer_id,
        "promise_id": promise.id,
        "case_id": promise.case_id,
        "currency": promise.currency,
        "amount": format_minor(promise.amount, promise.currency),
        "made_on": promise.made_on,
        "promised_on": promise.promised_on,
        "invoice_ids": list(promise.invoice_ids),
    }


async def promise_to_pay(
    uow: CollectionsUnitOfWork,
    *,
    promise_id: str,
    case_id: str,
    amount: int,
    currency: str,
    made_on: date,
    promised_on: date,
    invoice_ids: tuple[str, ...],
) -> Promise:
    case = await uow.cases.get(case_id)
    if case is None:
        raise CaseNotFound(case_id)
    if case.status is not CaseStatus.OPEN:
        raise CaseNotOpen(case_id)
    strangers = []
    for invoice_id in invoice_ids:
        owed = await uow.dunned.owed_on(invoice_id)
        if owed is None or owed[0] != case.customer_id or owed[2] <= 0:
            strangers.append(invoice_id)
    if strangers:
        raise InvoicesNotOfCustomer(strangers)
    policy = await uow.policies.in_force(await uow.policies.name_for(case.customer_id))
    promise = make_promise(
        promise_id,
        case_id,
        case.customer_id,
        currency=currency,
        amount=amount,
        made_on=made_on,
        promised_on=promised_on,
        grace_days=policy.promise_grace_days if policy else DEFAULT_GRACE_DAYS,
        invoice_ids=invoice_ids,
    )
    await uow.promises.save(promise)
    await uow.emit(PromiseMade.model_validate(_terms(promise)))
    return promise


async def count_towards_promises(
    uow: CollectionsUnitOfWork, *, customer_id: str, allocated: Mapping[str, int], on: date
) -> None:
    """Payments allocated to invoices (invoice → amount) on `on` count towards open promises."""
    for promise in await uow.promises.open_ones(customer_id):
        counted = promise.count_payment(allocated, on)
        if counted == promise:
            continue
        await uow.promises.save(counted)
        if counted.status is PromiseStatus.KEPT:
            assert counted.kept_on is not None
            await uow.emit(
                PromiseKept.model_validate({**_terms(counted), "kept_on": counted.kept_on})
            )


async def judge_promises(uow: CollectionsUnitOfWork, as_of: date) -> None:
    """A run dated after a promise's last day breaks it if still open (credit counts it)."""
    for promise in await uow.promises.open_ones():
        judged = promise.judge(as_of)
        if judged.status is PromiseStatus.BROKEN:
            await uow.promises.save(judged)
            await uow.emit(
                PromiseBroken.model_validate(
                    {
                        **_terms(judged),
                        "paid": format_minor(judged.paid, judged.currency),
                        "broken_on": as_of,
                    }
                )
            )


async def promise_by_id(uow: CollectionsUnitOfWork, promise_id: str) -> Promise:
    promise = await uow.promises.get(promise_id)
    if promise is None:
        raise PromiseNotFound(promise_id)
    return promise
