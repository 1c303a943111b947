"""Promises to pay, made in a collection case."""

from typing import Annotated

from fastapi import APIRouter, Path
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanHoldDunning, CanReadCollections, Resources
from collections_svc.api.cases.render import worker_of
from collections_svc.api.promises.schemas import MakePromise, PromiseOut
from collections_svc.domain.promise import Promise
from collections_svc.use_cases.keep_promises import promise_by_id, promise_to_pay
from collections_svc.use_cases.work_cases import case_for
from ledgerflow_events.money import format_minor, to_minor
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.problems import VALIDATION, Problem

router = APIRouter(tags=["promises"])
Id = Annotated[str, Path(min_length=1, max_length=64)]


def _out(promise: Promise) -> PromiseOut:
    return PromiseOut(
        id=promise.id,
        case_id=promise.case_id,
        customer_id=promise.customer_id,
        status=promise.status,
        currency=promise.currency,
        amount=format_minor(promise.amount, promise.currency),
        paid=format_minor(promise.paid, promise.currency),
        made_on=promise.made_on,
        promised_on=promise.promised_on,
        held_until=promise.last_day,
        invoice_ids=list(promise.invoice_ids),
        kept_on=promise.kept_on,
        broken_on=promise.broken_on,
    )


def _amount(body: MakePromise) -> int:
    try:
        amount = to_minor(body.amount, body.currency)
    except ValueError as exc:
        field = "currency" if "currency" in str(exc) else "amount"
        raise Problem(VALIDATION, str(exc), errors=[{"field": field, "message": str(exc)}]) from exc
    if amount <= 0:
        message = "A promise is for an amount above zero."
        raise Problem(VALIDATION, message, errors=[{"field": "amount", "message": message}])
    return amount


@router.post(
    "/v1/cases/{case_id}/promises",
    status_code=201,
    response_model=PromiseOut,
    summary="Record a promise to pay; its invoices are held meanwhile",
)
async def post_promise(
    case_id: Id,
    body: MakePromise,
    session: DbSession,
    resources: Resources,
    now: Now,
    principal: CanHoldDunning,
) -> PromiseOut:
    uow = CollectionsUnitOfWork(session)
    # A collector makes promises only in the cases assigned to them.
    await case_for(uow, case_id, worker_of(principal), to_work=True)
    promise = await promise_to_pay(
        uow,
        promise_id=str(uuid7()),
        case_id=case_id,
        amount=_amount(body),
        currency=body.currency,
        made_on=body.made_on or resources.business_date(now),
        promised_on=body.promised_on,
        invoice_ids=tuple(body.invoice_ids),
    )
    await uow.commit()
    return _out(promise)


@router.get("/v1/promises/{promise_id}", response_model=PromiseOut, summary="One promise")
async def get_promise(promise_id: Id, session: DbSession, _: CanReadCollections) -> PromiseOut:
    return _out(await promise_by_id(CollectionsUnitOfWork(session), promise_id))
