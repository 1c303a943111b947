"""The auditors' routes: the journal, entry by entry, and proof that the books balance."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.journal_schemas import (
    IntegrityCheckOut,
    IntegrityOut,
    JournalEntryOut,
    JournalLineOut,
    JournalPage,
)
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.books.integrity import Violation
from ledger_svc.domain.books.journal import Account, JournalQuery, PostedEntry, SourceType
from ledger_svc.use_cases.books.check_integrity import check_integrity
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1", tags=["journal"])

CanAudit = Annotated[Principal, Depends(require_roles(Role.AUDITOR, Role.ACCOUNTANT, Role.ADMIN))]


def entry_out(posted: PostedEntry) -> JournalEntryOut:
    entry = posted.entry
    return JournalEntryOut(
        id=posted.id,
        business_date=entry.business_date,
        source_type=entry.source_type,
        source_id=entry.source_id,
        memo=entry.memo,
        reverses_entry_id=entry.reverses_entry_id,
        reversed_by_entry_id=posted.reversed_by_entry_id,
        created_at=posted.created_at,
        lines=[
            JournalLineOut(
                account=line.account,
                customer_id=line.customer_id,
                invoice_id=line.invoice_id,
                currency=line.currency,
                debit=format_amount(line.debit, line.currency),
                credit=format_amount(line.credit, line.currency),
            )
            for line in entry.lines
        ],
    )


def violation_out(violation: Violation) -> dict[str, str]:
    currency = violation.currency
    amounts = {
        name: format_amount(minor, currency) if currency else str(minor)
        for name, minor in violation.amounts.items()
    }
    return {**violation.about, **({"currency": currency} if currency else {}), **amounts}


@router.get("/journal", response_model=JournalPage, summary="Journal entries in posting order")
async def list_journal(
    session: DbSession,
    _: CanAudit,
    customer_id: Annotated[str | None, Query(description="Entries touching this customer")] = None,
    account: Annotated[Account | None, Query(description="Entries posting to this account")] = None,
    date_from: Annotated[date | None, Query(alias="from", description="Business date >=")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Business date <=")] = None,
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
