"""Bank reconciliation routes: import bank statements, reconcile them, review the outcome, and
register payers' accounts for customers (fed by customer-svc). Each parses, calls its use
case, commits and responds.

The route names (import_statement, get_statement, ...) are kept: they are the OpenAPI
document's operation ids.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.bank_reconciliation import matches
from ledger_svc.api.bank_reconciliation.render import bank_statement_out, reconciliation_out
from ledger_svc.api.bank_reconciliation.schemas import (
    BankStatementOut,
    BankStatementPage,
    BankStatementSummaryOut,
    BankStatementUpload,
    CustomerBankAccountOut,
    PayerAccount,
    ReconcileStatement,
    ReconciliationOut,
)
from ledger_svc.api.deps import Resources
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    MAX_BANK_STATEMENT_BYTES,
    BankStatementFileTooLarge,
    BankStatementNotFound,
)
from ledger_svc.domain.bank_reconciliation.reconciliation import ReconciliationNotFound
from ledger_svc.use_cases.bank_reconciliation.import_bank_statement import import_bank_statement
from ledger_svc.use_cases.bank_reconciliation.reconcile_bank_statement import (
    reconcile_bank_statement,
)
from ledger_svc.use_cases.bank_reconciliation.register_customer_bank_account import (
    forget_customer_bank_account,
    register_customer_bank_account,
)
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from ledgerflow_platform.web.uploads import file_required, form_body, form_fields, read_upload

router = APIRouter(prefix="/v1", tags=["bank reconciliation"])

CanReconcile = Annotated[
    Principal, Depends(require_roles(Role.ACCOUNTANT, Role.CASHIER, Role.ADMIN))
]
CanReview = Annotated[
    Principal,
    Depends(require_roles(Role.ACCOUNTANT, Role.CASHIER, Role.AUDITOR, Role.ADMIN)),
]
CanRegister = Annotated[
    Principal, Depends(require_roles(Role.SERVICE, Role.ACCOUNTANT, Role.ADMIN))
]


@router.post(
    "/bank-statements",
    status_code=201,
    response_model=BankStatementOut,
    summary="Import a bank statement (camt.053, MT940 or CSV); the same file again adds nothing",
    responses={200: {"model": BankStatementOut, "description": "Imported before: unchanged"}},
    openapi_extra=form_body(BankStatementUpload),
)
async def import_statement(
    request: Request,
    session: DbSession,
    response: Response,
    resources: Resources,
    now: Now,
    principal: CanReconcile,
) -> BankStatementOut:
    upload = await read_upload(
        request,
        max_bytes=MAX_BANK_STATEMENT_BYTES,
        too_large=lambda _: BankStatementFileTooLarge(),
        # As when the route declared its form: anything but a form with the file lacks it.
        unsupported=lambda _: file_required(),
        missing_file=file_required,
    )
    form = form_fields(BankStatementUpload, upload)
    uow = LedgerUnitOfWork(session)
    statement, imported = await import_bank_statement(
        uow,
        content=form.file,
        statement_format=form.format,
        filename=upload.filename,
        account=form.account,
        imported_by=principal.subject,
        imported_at=now,
        fingerprints=resources.payer_fingerprints,
    )
    await uow.commit()
    if not imported:
        response.status_code = 200
    return bank_statement_out(statement)


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
    return bank_statement_out(statement)


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
    resources: Resources,
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
        tax_adjusting=resources.tax_adjusting,
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


@router.post(
    "/customers/{customer_id}/bank-accounts",
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
    resources: Resources,
    now: Now,
    _: CanRegister,
) -> CustomerBankAccountOut:
    uow = LedgerUnitOfWork(session)
    masked, added = await register_customer_bank_account(
        uow,
        resources.payer_fingerprints,
        customer_id=customer_id,
        iban=body.iban,
        registered_at=now,
    )
    await uow.commit()
    if not added:
        response.status_code = 200
    return CustomerBankAccountOut(customer_id=customer_id, account=masked)


@router.post(
    "/customers/{customer_id}/bank-accounts:forget",
    status_code=204,
    summary="Forget a customer's bank account (no-op if it was not registered)",
)
async def forget(
    customer_id: str,
    body: PayerAccount,
    session: DbSession,
    resources: Resources,
    _: CanRegister,
) -> Response:
    uow = LedgerUnitOfWork(session)
    await forget_customer_bank_account(
        uow, resources.payer_fingerprints, customer_id=customer_id, iban=body.iban
    )
    await uow.commit()
    return Response(status_code=204)


router.include_router(matches.router)
