"""Bank reconciliation routes: import statements, reconcile them, review the outcome, and
register payers' accounts for customers (fed by customer-svc)."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.payer_fingerprints import PayerFingerprints
from ledger_svc.api.reconciliation_schemas import (
    BankStatementOut,
    BankStatementPage,
    BankStatementSummaryOut,
    ReconcileStatement,
    ReconciliationOut,
    reconciliation_out,
    statement_out,
)
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    MAX_BANK_STATEMENT_BYTES,
    BankStatementNotFound,
    StatementFormat,
)
from ledger_svc.domain.bank_reconciliation.reconciliation import ReconciliationNotFound
from ledger_svc.use_cases.bank_reconciliation.import_bank_statement import import_bank_statement
from ledger_svc.use_cases.bank_reconciliation.reconcile_bank_statement import (
    reconcile_bank_statement,
)
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1", tags=["bank reconciliation"])

CanReconcile = Annotated[
    Principal, Depends(require_roles(Role.ACCOUNTANT, Role.CASHIER, Role.ADMIN))
]
CanReview = Annotated[
    Principal,
    Depends(require_roles(Role.ACCOUNTANT, Role.CASHIER, Role.AUDITOR, Role.ADMIN)),
]


@router.post(
    "/bank-statements",
    status_code=201,
    response_model=BankStatementOut,
    summary="Import a bank statement (camt.053, MT940 or CSV); the same file again adds nothing",
    responses={200: {"model": BankStatementOut, "description": "Imported before: unchanged"}},
)
async def import_statement(
    session: DbSession,
    response: Response,
    principal: CanReconcile,
    fingerprints: PayerFingerprints,
    now: Now,
    file: Annotated[UploadFile, File(description="The statement file as the bank sent it")],
    format: Annotated[
        StatementFormat | None, Form(description="Detected from the content if not given")
    ] = None,
    account: Annotated[
        str | None, Form(max_length=64, description="Our account, for files that name none")
    ] = None,
) -> BankStatementOut:
    content = await file.read(MAX_BANK_STATEMENT_BYTES + 1)
    uow = LedgerUnitOfWork(session)
    statement, imported = await import_bank_statement(
        uow,
        content=content,
        statement_format=format,
        filename=file.filename,
        account=account,
        imported_by=principal.subject,
        imported_at=now,
        fingerprints=fingerprints,
    )
    await uow.commit()
    if not imported:
        response.status_code = 200
    return statement_out(statement)


@router.get("/bank-statements", response_model=BankStatementPage, summary="Imported statements")
async def list_statements(
    session: DbSession, _: CanReview, limit: Limit = 50, cursor: Cursor = None
) -> BankStatementPage:
    found = await LedgerUnitOfWork(session).bank_statements.page(
        after=decode_cursor(cursor), limit=limit
    )
    return BankStatementPage(
        items=[
            BankStatementSummaryOut(
                id=s.id,
                format=s.statement_format,
                filename=s.filename,
                account=s.account,
                currency=s.currency,
                period_from=s.period_from,
                period_to=s.period_to,
                imported_at=s.imported_at,
                line_count=count,
                lines_already_imported=s.lines_already_imported,
            )
            for s, count in found
        ],
        next_cursor=next_cursor([s.id for s, _ in found], limit),
    )


@router.get(
    "/bank-statements/{statement_id}",
    response_model=BankStatementOut,
    summary="One imported statement and its lines",
)
async def get_statement(statement_id: str, session: DbSession, _: CanReview) -> BankStatementOut:
    statement = await LedgerUnitOfWork(session).bank_statements.get(statement_id)
    if statement is None:
        raise BankStatementNotFound(statement_id)
    return statement_out(statement)


@router.post(
    "/bank-statements/{statement_id}:reconcile",
    status_code=201,
    response_model=ReconciliationOut,
    summary="Match a statement's lines with recorded payments; optionally record the rest",
)
async def reconcile(
    statement_id: str,
    body: ReconcileStatement,
    session: DbSession,
    idempotency: Idempotent,
    now: Now,
    principal: CanReconcile,
) -> Response | ReconciliationOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    run = await reconcile_bank_statement(
        uow,
        statement_id=statement_id,
        date_window_days=body.date_window_days,
        create_payments=body.create_payments,
        reconciled_by=principal.subject,
        reconciled_at=now,
    )
    statement = await uow.bank_statements.get(statement_id)
    assert statement is not None, "statements are never deleted"
    result = reconciliation_out(run, statement)
    await idempotency.remember(201, result)
    await uow.commit()
    return result


@router.get(
    "/reconciliations/{reconciliation_id}",
    response_model=ReconciliationOut,
    summary="A reconciliation: its summary and each statement line's outcome",
)
async def get_reconciliation(
    reconciliation_id: str, session: DbSession, _: CanReview
) -> ReconciliationOut:
    uow = LedgerUnitOfWork(session)
    run = await uow.reconciliations.get(reconciliation_id)
    if run is None:
        raise ReconciliationNotFound(reconciliation_id)
    statement = await uow.bank_statements.get(run.statement_id)
    assert statement is not None, "statements are never deleted"
    return reconciliation_out(run, statement)
