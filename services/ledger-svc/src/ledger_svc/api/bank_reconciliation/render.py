"""Bank statements and reconciliations as the API shows them."""

from dataclasses import asdict

from ledger_svc.api.bank_reconciliation.schemas import (
    BankLineOut,
    BankStatementOut,
    ReconciledLineOut,
    ReconciliationOut,
    ReconciliationSummaryOut,
)
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankLine,
    BankStatement,
)
from ledger_svc.domain.bank_reconciliation.reconciliation import Reconciliation


def _money(minor: int | None, currency: str | None) -> str | None:
    return None if minor is None or currency is None else format_amount(minor, currency)


def line_out(line: BankLine) -> BankLineOut:
    return BankLineOut(
        id=line.id,
        position=line.position,
        booking_date=line.booking_date,
        value_date=line.value_date,
        direction=line.direction,
        amount=format_amount(line.amount, line.currency),
        currency=line.currency,
        reference=line.reference,
        remittance=line.remittance,
        bank_reference=line.bank_reference,
        counterparty_name=line.counterparty_name,
        counterparty_account=line.counterparty_iban_masked,
    )


def bank_statement_out(statement: BankStatement) -> BankStatementOut:
    currency = statement.currency
    return BankStatementOut(
        id=statement.id,
        format=statement.statement_format,
        filename=statement.filename,
        file_sha256=statement.file_sha256,
        account=statement.account,
        currency=currency,
        bank_statement_id=statement.bank_statement_id,
        period_from=statement.period_from,
        period_to=statement.period_to,
        opening_balance=_money(statement.opening_balance, currency),
        closing_balance=_money(statement.closing_balance, currency),
        imported_at=statement.imported_at,
        lines_already_imported=statement.lines_already_imported,
        lines=[line_out(line) for line in statement.lines],
    )


def reconciliation_out(run: Reconciliation, statement: BankStatement) -> ReconciliationOut:
    lines = {line.id: line for line in statement.lines}
    summary = run.summary
    return ReconciliationOut(
        id=run.id,
        statement_id=run.statement_id,
        date_window_days=run.date_window_days,
        create_payments=run.create_payments,
        reconciled_at=run.reconciled_at,
        reconciled_by=run.reconciled_by,
        summary=ReconciliationSummaryOut(**asdict(summary)),
        lines=[
            ReconciledLineOut(
                line_id=o.line_id,
                position=(line := lines[o.line_id]).position,
                booking_date=line.booking_date,
                direction=line.direction,
                amount=format_amount(line.amount, line.currency),
                currency=line.currency,
                reference=line.reference,
                remittance=line.remittance,
                counterparty_name=line.counterparty_name,
                outcome=o.outcome,
                payment_id=o.payment_id,
                refund_id=o.refund_id,
                recorded_amount=_money(o.recorded_amount, line.currency),
                customer_id=o.customer_id,
                invoice_id=o.invoice_id,
                payment_reference=o.payment_reference,
                note=o.note,
                reason=o.reason,
            )
            for o in run.outcomes
        ],
    )
