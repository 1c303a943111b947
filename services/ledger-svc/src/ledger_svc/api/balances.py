"""A customer's balance: what they owe, what of it is late, what credit we hold."""

from typing import Annotated

from fastapi import APIRouter, Depends

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.schemas import BalanceOut
from ledger_svc.domain.account import CustomerAccountNotFound
from ledger_svc.domain.amounts import format_amount
from ledgerflow_platform.auth.roles import EVERY_ROLE
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/customers", tags=["balances"])

CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


@router.get("/{customer_id}/balance", response_model=BalanceOut, summary="A customer's balance")
async def get_balance(customer_id: str, session: DbSession, _: CanRead) -> BalanceOut:
    balance = await LedgerUnitOfWork(session).accounts.balance(customer_id)
    if balance is None:
        raise CustomerAccountNotFound(customer_id)

    def money(minor: int) -> str:
        return format_amount(minor, balance.currency)

    return BalanceOut(
        customer_id=balance.customer_id,
        currency=balance.currency,
        open_amount=money(balance.open_amount),
        overdue_amount=money(balance.overdue_amount),
        credit_amount=money(balance.credit_amount),
    )
