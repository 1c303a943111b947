"""Matching by hand and payer names: a statement line matched to a payment (or the invoices it
pays) by a person, recorded with who did it; where a statement stands; and the aliases a
customer pays under."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.bank_reconciliation.schemas import (
    ManualMatchOut,
    MatchBankLine,
    PayerAlias,
    PayerAliasesOut,
    StatementStandingOut,
)
from ledger_svc.api.deps import Resources
from ledger_svc.use_cases.bank_reconciliation.match_bank_line import match_bank_line
from ledger_svc.use_cases.bank_reconciliation.payer_names import (
    add_payer_alias,
    remove_payer_alias,
)
from ledger_svc.use_cases.bank_reconciliation.statement_standing import standing_of
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(tags=["bank reconciliation"])  # under routes.py's /v1

CanMatch = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.CASHIER, Role.ADMIN))]
CanReview = Annotated[
    Principal,
    Depends(require_roles(Role.ACCOUNTANT, Role.CASHIER, Role.AUDITOR, Role.ADMIN)),
]
CanName = Annotated[Principal, Depends(require_roles(Role.SERVICE, Role.ACCOUNTANT, Role.ADMIN))]
Position = Annotated[int, Path(ge=0, le=1_000_000, description="The line's place in the file")]


@router.post(
    "/bank-statements/{statement_id}/lines/{position}:match",
    status_code=201,
    response_model=ManualMatchOut,
    summary="Match a statement line by hand: to a payment, or to the invoices it pays",
)
async def match_line(
    statement_id: str,
    position: Position,
    body: MatchBankLine,
    session: DbSession,
    idempotency: Idempotent,
    now: Now,
    resources: Resources,
    principal: CanMatch,
) -> Response | ManualMatchOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    match = await match_bank_line(
        uow,
        statement_id=statement_id,
        position=position,
        payment_id=body.payment_id,
        invoice_ids=body.invoice_ids or [],
        matched_by=principal.subject,
        matched_at=now,
        tax_adjusting=resources.tax_adjusting,
    )
    result = ManualMatchOut(
        statement_id=match.statement_id,
        line_id=match.line_id,
        position=match.position,
        payment_id=match.payment_id,
        customer_id=match.customer_id,
        payment_created=match.created_payment,
        matched_by=match.matched_by,
        matched_at=match.matched_at,
    )
    await idempotency.remember(201, result)
    await uow.commit()
    return result


@router.get(
    "/bank-statements/{statement_id}/standing",
    response_model=StatementStandingOut,
    summary="Whether a statement is fully reconciled, or each line left open says why",
)
async def standing(statement_id: str, session: DbSession, _: CanReview) -> StatementStandingOut:
    found = await standing_of(LedgerUnitOfWork(session), statement_id)
    return StatementStandingOut(
        statement_id=found.statement_id,
        lines=found.lines,
        reconciled=found.reconciled,
        fully_reconciled=found.fully_reconciled,
        explained=found.explained,
        unexplained_positions=list(found.unexplained),
    )


@router.post(
    "/customers/{customer_id}/payer-aliases",
    status_code=201,
    response_model=PayerAliasesOut,
    summary="Add a name the customer pays under: bank lines from that payer name it",
    responses={200: {"model": PayerAliasesOut, "description": "Known before: unchanged"}},
)
async def add_alias(
    customer_id: str, body: PayerAlias, session: DbSession, response: Response, _: CanName
) -> PayerAliasesOut:
    uow = LedgerUnitOfWork(session)
    added = await add_payer_alias(uow, customer_id=customer_id, name=body.name)
    aliases = await uow.payer_names.aliases_of(customer_id)
    await uow.commit()
    if not added:
        response.status_code = 200
    return PayerAliasesOut(customer_id=customer_id, aliases=aliases)


@router.post(
    "/customers/{customer_id}/payer-aliases:forget",
    response_model=PayerAliasesOut,
    summary="Forget a name the customer paid under (no-op if it was not known)",
)
async def forget_alias(
    customer_id: str, body: PayerAlias, session: DbSession, _: CanName
) -> PayerAliasesOut:
    uow = LedgerUnitOfWork(session)
    await remove_payer_alias(uow, customer_id=customer_id, name=body.name)
    aliases = await uow.payer_names.aliases_of(customer_id)
    await uow.commit()
    return PayerAliasesOut(customer_id=customer_id, aliases=aliases)
