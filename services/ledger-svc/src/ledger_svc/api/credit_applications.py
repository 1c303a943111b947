"""Applying a customer's credit to their invoices: parse, call the use case, commit, respond.

Credit is never applied on its own when an invoice is issued; this is how it gets applied."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.payment_schemas import AllocationOut, InvoiceId
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.payments.credit_application import CreditApplication
from ledger_svc.use_cases.payments.apply_customer_credit import apply_customer_credit
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1/customers", tags=["payments"])

CanApply = Annotated[
    Principal,
    Depends(require_roles(Role.CASHIER, Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE)),
]


class ApplyCredit(BaseModel):
    """A request to pay open invoices from the credit the customer holds."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"as_of": "2026-04-01"},
                {"as_of": "2026-04-01", "invoice_ids": ["0195f3b0-1d2e-7f00-8a11-3c4d5e6f7a80"]},
            ]
        },
    )

    as_of: date = Field(description="The business date: only credit held by then is applied")
    invoice_ids: list[InvoiceId] | None = Field(
        default=None, max_length=200, description="Pay these, in order; absent: oldest due first"
    )


class CreditDrawnOut(BaseModel):
    """What the application took from one payment surplus or credit note."""

    source_kind: str
    source_id: str
    amount: str


class CreditApplicationOut(BaseModel):
    """Credit applied to invoices, where it came from, and what credit is left."""

    id: str
    customer_id: str
    currency: str
    applied_on: date
    amount: str
    allocations: list[AllocationOut]
    sources: list[CreditDrawnOut]
    credit_remaining: str


def application_out(application: CreditApplication) -> CreditApplicationOut:
    def money(minor: int) -> str:
        return format_amount(minor, application.currency)

    return CreditApplicationOut(
        id=application.id,
        customer_id=application.customer_id,
        currency=application.currency,
        applied_on=application.applied_on,
        amount=money(application.amount),
        allocations=[
            AllocationOut(
                invoice_id=a.invoice_id, amount=money(a.amount), discount=money(a.discount)
            )
            for a in application.allocations
        ],
        sources=[
            CreditDrawnOut(source_kind=d.kind.value, source_id=d.source_id, amount=money(d.amount))
            for d in application.draws
        ],
        credit_remaining=money(application.credit_remaining),
    )


@router.post(
    "/{customer_id}/credit-applications",
    status_code=201,
    response_model=CreditApplicationOut,
    summary="Apply the customer's credit to the invoices listed, else oldest due first",
)
async def apply(
    customer_id: str,
    body: ApplyCredit,
    session: DbSession,
    idempotency: Idempotent,
    _: CanApply,
) -> Response | CreditApplicationOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    application = await apply_customer_credit(
        uow, customer_id=customer_id, applied_on=body.as_of, invoice_ids=body.invoice_ids or ()
    )
    response = application_out(application)
    await idempotency.remember(201, response)
    await uow.commit()
    return response
