"""Payer accounts of customers, as customer-svc registers them for bank reconciliation."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.payer_fingerprints import PayerFingerprints
from ledger_svc.api.reconciliation_schemas import CustomerBankAccountOut
from ledger_svc.use_cases.bank_reconciliation.register_customer_bank_account import (
    forget_customer_bank_account,
    register_customer_bank_account,
)
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/customers", tags=["bank reconciliation"])

CanRegister = Annotated[
    Principal, Depends(require_roles(Role.SERVICE, Role.ACCOUNTANT, Role.ADMIN))
]


class PayerAccount(BaseModel):
    """A customer's bank account. In the body, not the path: an account number is personal
    data and paths end up in access logs."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"iban": "DE89370400440532013000"}]}
    )

    iban: str = Field(min_length=1, max_length=50, description="IBAN, spaces allowed")


@router.post(
    "/{customer_id}/bank-accounts",
    response_model=CustomerBankAccountOut,
    status_code=201,
    summary="Register a customer's bank account: transfers from it name the customer",
    responses={200: {"description": "Registered before: unchanged"}},
)
async def register(
    customer_id: str,
    body: PayerAccount,
    session: DbSession,
    response: Response,
    fingerprints: PayerFingerprints,
    now: Now,
    _: CanRegister,
) -> CustomerBankAccountOut:
    uow = LedgerUnitOfWork(session)
    masked, added = await register_customer_bank_account(
        uow, fingerprints, customer_id=customer_id, iban=body.iban, registered_at=now
    )
    await uow.commit()
    if not added:
        response.status_code = 200
    return CustomerBankAccountOut(customer_id=customer_id, account=masked)


@router.post(
    "/{customer_id}/bank-accounts:forget",
    status_code=204,
    summary="Forget a customer's bank account (no-op if it was not registered)",
)
async def forget(
    customer_id: str,
    body: PayerAccount,
    session: DbSession,
    fingerprints: PayerFingerprints,
    _: CanRegister,
) -> Response:
    uow = LedgerUnitOfWork(session)
    await forget_customer_bank_account(uow, fingerprints, customer_id=customer_id, iban=body.iban)
    await uow.commit()
    return Response(status_code=204)
