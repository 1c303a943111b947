"""The books' routes: the journal, entry by entry, and proof that the books balance, for
auditors; a customer's balance, for everyone."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.books.render import balance_out, entry_out, violation_out
from ledger_svc.api.books.schemas import BalanceOut, IntegrityCheckOut, IntegrityOut, JournalPage
from ledger_svc.domain.account import CustomerAccountNotFound
from ledger_svc.domain.books.journal import Account, JournalQuery, SourceType
from ledger_svc.use_cases.books.check_integrity import check_integrity
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.bounds import BusinessDate
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1")

CanAudit = Annotated[Principal, Depends(require_roles(Role.AUDITOR, Role.ACCOUNTANT, Role.ADMIN))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


@router.get(
    "/journal",
    response_model=JournalPage,
    summary="Journal entries in posting order",
    tags=["journal"],
)
async def list_journal(
    session: DbSession,
    _: CanAudit,
    customer_id: Annotated[str | None, Query(description="Entries touching this customer")] = None,
    account: Annotated[Account | None, Query(description="Entries posting to this account")] = None,
    date_from: Annotated[
        BusinessDate | None, Query(alias="from", description="Business date >=")
    ] = None,
    date_to: Annotated[
        BusinessDate | None, Query(alias="to", description="Business date <=")
    ] = None,
    source_type: Annotated[
        SourceType | None, Query(description="Entries about this kind of document")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> JournalPage:
    query = JournalQuery(customer_id, account, source_type, date_from, date_to)
    entries = await LedgerUnitOfWork(session).journal.page(
        query, after=decode_cursor(cursor), limit=limit
    )
    return JournalPage(
        items=[entry_out(e) for e in entries],
        next_cursor=next_cursor([e.id for e in entries], limit),
    )


@router.get(
    "/integrity",
    response_model=IntegrityOut,
    summary="Check that every entry balances and invoices and customers agree with the journal",
    tags=["journal"],
)
async def get_integrity(session: DbSession, _: CanAudit) -> IntegrityOut:
    report = await check_integrity(LedgerUnitOfWork(session))
    return IntegrityOut(
        ok=report.ok,
        checks=[
            IntegrityCheckOut(
                name=check.name,
                ok=check.ok,
                violation_count=check.violation_count,
                violations=[violation_out(v) for v in check.violations],
            )
            for check in report.checks
        ],
    )


@router.get(
    "/customers/{customer_id}/balance",
    response_model=BalanceOut,
    summary="A customer's balance",
    tags=["balances"],
)
async def get_balance(customer_id: str, session: DbSession, _: CanRead) -> BalanceOut:
    balance = await LedgerUnitOfWork(session).accounts.balance(customer_id)
    if balance is None:
        raise CustomerAccountNotFound(customer_id)
    return balance_out(balance)
