"""Disputes: opened on an invoice, resolved accepted or rejected."""

from typing import Annotated

from fastapi import APIRouter, Path
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanHoldDunning, CanReadCollections, Resources
from collections_svc.api.disputes.schemas import DisputeOut, OpenDispute, ResolveDispute
from collections_svc.domain.dispute import Dispute, DisputeStatus, UnknownInvoice
from collections_svc.use_cases.handle_disputes import dispute_by_id, open_dispute, resolve_dispute
from ledgerflow_events.money import InvalidAmount, format_minor, to_minor
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.problems import VALIDATION, Problem

router = APIRouter(prefix="/v1/disputes", tags=["disputes"])
Id = Annotated[str, Path(min_length=1, max_length=64)]


def _out(dispute: Dispute) -> DisputeOut:
    return DisputeOut(
        id=dispute.id,
        customer_id=dispute.customer_id,
        invoice_id=dispute.invoice_id,
        currency=dispute.currency,
        amount=format_minor(dispute.amount, dispute.currency),
        reason=dispute.reason,
        status=dispute.status,
        opened_on=dispute.opened_on,
        resolved_on=dispute.resolved_on,
        note=dispute.note,
    )


def _bad_amount(message: str) -> Problem:
    return Problem(VALIDATION, message, errors=[{"field": "amount", "message": message}])


@router.post("", status_code=201, response_model=DisputeOut, summary="Dispute an invoice")
async def post_dispute(
    body: OpenDispute, session: DbSession, resources: Resources, now: Now, _: CanHoldDunning
) -> DisputeOut:
    uow = CollectionsUnitOfWork(session)
    owed = await uow.dunned.owed_on(body.invoice_id)
    if owed is None:
        raise UnknownInvoice(body.invoice_id)
    try:
        amount = to_minor(body.amount, owed[1])
    except InvalidAmount as exc:
        raise _bad_amount(str(exc)) from exc
    if amount <= 0:
        raise _bad_amount("A dispute is for an amount above zero.")
    dispute = await open_dispute(
        uow,
        dispute_id=str(uuid7()),
        invoice_id=body.invoice_id,
        amount=amount,
        reason=body.reason,
        on=resources.business_date(now),
    )
    await uow.commit()
    return _out(dispute)


@router.post("/{dispute_id}:resolve", response_model=DisputeOut, summary="Resolve a dispute")
async def post_resolve(
    dispute_id: Id,
    body: ResolveDispute,
    session: DbSession,
    resources: Resources,
    now: Now,
    _: CanHoldDunning,
) -> DisputeOut:
    uow = CollectionsUnitOfWork(session)
    dispute = await resolve_dispute(
        uow,
        dispute_id=dispute_id,
        outcome=DisputeStatus(body.outcome),
        note=body.note,
        on=resources.business_date(now),
    )
    await uow.commit()
    return _out(dispute)


@router.get("/{dispute_id}", response_model=DisputeOut, summary="One dispute")
async def get_dispute(dispute_id: Id, session: DbSession, _: CanReadCollections) -> DisputeOut:
    return _out(await dispute_by_id(CollectionsUnitOfWork(session), dispute_id))
