"""A customer's bank accounts: IBANs kept sealed, shown clear only to roles that pay or refund."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.bank_accounts.render import bank_account_out
from customer_svc.api.bank_accounts.schemas import AddBankAccount, BankAccountOut, BankAccountPage
from customer_svc.api.deps import CurrentReader, Vault
from customer_svc.api.errors import conflict
from customer_svc.api.records import disclosed_page, disclosed_record, removed
from customer_svc.domain.bank_accounts import DuplicateBankAccount
from customer_svc.use_cases.bank_accounts.add_bank_account import add_bank_account
from customer_svc.use_cases.bank_accounts.read_bank_accounts import (
    list_bank_accounts,
    read_bank_account,
)
from customer_svc.use_cases.bank_accounts.remove_bank_account import remove_bank_account
from customer_svc.use_cases.personal_data.disclosure import WRITER, Disclosures
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit

router = APIRouter(prefix="/v1/customers/{customer_id}/bank-accounts", tags=["bank accounts"])

CanManage = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN))]


@router.post(
    "",
    status_code=201,
    response_model=BankAccountOut,
    summary="Add a bank account",
    description="The IBAN in the response is masked; read it back with GET.",
    responses={409: {"description": "Already recorded; `existing_bank_account_id` names it"}},
)
async def add(
    customer_id: str,
    _: CanManage,
    body: AddBankAccount,
    session: DbSession,
    idempotency: Idempotent,
    vault: Vault,
    now: Now,
) -> Response | BankAccountOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    try:
        account = await add_bank_account(
            uow,
            vault,
            customer_id,
            iban=body.iban,
            bic=body.bic,
            currency=body.currency,
            now=now,
        )
    except DuplicateBankAccount as exc:
        raise conflict(exc, existing_bank_account_id=exc.existing_account_id) from exc
    response = bank_account_out(Disclosures(vault, WRITER).bank_account(account))
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get("", response_model=BankAccountPage, summary="A customer's bank accounts")
async def list_(
    customer_id: str,
    session: DbSession,
    vault: Vault,
    reader: CurrentReader,
    now: Now,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> BankAccountPage:
    items, after = await disclosed_page(
        list_bank_accounts,
        bank_account_out,
        lambda v: v.account.id,
        session,
        vault,
        reader,
        customer_id,
        limit=limit,
        cursor=cursor,
        now=now,
    )
    return BankAccountPage(items=items, next_cursor=after)


@router.get("/{account_id}", response_model=BankAccountOut, summary="One bank account")
async def get(
    customer_id: str,
    account_id: str,
    session: DbSession,
    vault: Vault,
    reader: CurrentReader,
    now: Now,
) -> BankAccountOut:
    view = await disclosed_record(
        read_bank_account, session, vault, reader, customer_id, account_id, now=now
    )
    return bank_account_out(view)


@router.delete("/{account_id}", status_code=204, summary="Stop using a bank account")
async def remove(
    customer_id: str, account_id: str, _: CanManage, session: DbSession, now: Now
) -> Response:
    return await removed(remove_bank_account, session, customer_id, account_id, now=now)
