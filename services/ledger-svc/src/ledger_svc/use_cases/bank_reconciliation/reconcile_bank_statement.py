"""Reconcile a bank statement with the payments and refunds the ledger recorded, and, if
asked, record the payments its unmatched credits prove (each once, however often it runs)."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankLine,
    BankStatement,
    BankStatementNotFound,
    Direction,
)
from ledger_svc.domain.bank_reconciliation.matching import (
    LedgerFacts,
    reconcile_lines,
    reference_tokens,
)
from ledger_svc.domain.bank_reconciliation.payer_names import name_key
from ledger_svc.domain.bank_reconciliation.reconciliation import (
    LineOutcome,
    Outcome,
    Reconciliation,
)
from ledger_svc.use_cases.payments.record_payment import record_payment
from ledgerflow_events.contracts.ledger import (
    RECONCILIATION_STREAM,
    LedgerMovement,
    ReconciliationCounts,
    StatementDiscrepancy,
    StatementReconciled,
)

# A payment's reference is stored up to this length (see the payments API).
MAX_REFERENCE = 140


async def reconcile_bank_statement(
    uow: LedgerUnitOfWork,
    *,
    statement_id: str,
    date_window_days: int,
    create_payments: bool,
    reconciled_by: str,
    reconciled_at: datetime,
    tax_adjusting: bool,
) -> Reconciliation:
    # One run at a time: runs compete for the same payments, and share one event stream.
    await uow.lock_customer(RECONCILIATION_STREAM)
    statement = await uow.bank_statements.get(statement_id)
    if statement is None:
        raise BankStatementNotFound(statement_id)
    facts, earlier = await _ledger_facts(uow, statement.lines, date_window_days)
    outcomes = reconcile_lines(statement.lines, facts, window_days=date_window_days)
    if create_payments:
        lines = {line.id: line for line in statement.lines}
        outcomes = [
            await _record(uow, o, lines[o.line_id], tax_adjusting)
            if o.outcome is Outcome.PROPOSED
            else o
            for o in outcomes
        ]
    reconciliation = Reconciliation(
        str(uuid7()),
        statement.id,
        date_window_days,
        create_payments,
        reconciled_at,
        reconciled_by,
        tuple(outcomes),
    )
    taken = {Outcome.MATCHED, Outcome.CREATED}
    matches = [o for o in outcomes if o.outcome in taken and o.line_id not in earlier]
    await uow.reconciliations.add(reconciliation, matches)
    await uow.emit(reconciled_event(statement, reconciliation))
    return reconciliation


async def _ledger_facts(
    uow: LedgerUnitOfWork, lines: Sequence[BankLine], window_days: int
) -> tuple[LedgerFacts, set[str]]:
    """What the lines are compared with, and which lines were matched by earlier runs."""
    found = uow.reconciliations
    earlier = await found.movements_matched_to([line.id for line in lines])
    window = timedelta(days=window_days)
    credits = [line for line in lines if line.direction is Direction.CREDIT]
    debits = [line for line in lines if line.direction is Direction.DEBIT]
    payments = (
        await found.payments_received(
            {line.currency for line in credits},
            min(line.booking_date for line in credits) - window,
            max(line.booking_date for line in credits) + window,
        )
        if credits
        else []
    )
    refunds = (
        await found.refunds_paid(
            {line.currency for line in debits},
            min(line.booking_date for line in debits) - window,
            max(line.booking_date for line in debits) + window,
        )
        if debits
        else []
    )
    # Movements matched earlier stay matched even if the window no longer reaches them.
    missing = set(earlier.values()) - {m.id for m in (*payments, *refunds)}
    if missing:
        payments += await found.payments(missing)
        refunds += await found.refunds(missing)
    tokens = set().union(*(reference_tokens(line) for line in credits))
    invoices = await found.invoices_numbered(tokens) if tokens else {}
    accounts = {h for line in lines if (h := line.counterparty_iban_hash) is not None}
    customers = await found.customers_paying_from(accounts) if accounts else {}
    name_keys = {k for line in lines if (k := name_key(line.counterparty_name or ""))}
    by_name = await uow.payer_names.customers_named(name_keys) if name_keys else {}
    named = (
        {i.customer_id for i in invoices.values()}
        | {c for cs in customers.values() for c in cs}
        | {c for cs in by_name.values() for c in cs}
    )
    facts = LedgerFacts(
        payments,
        refunds,
        await found.lines_matched_to([m.id for m in (*payments, *refunds)]),
        invoices,
        customers,
        await found.account_currencies(named) if named else {},
        by_name,
    )
    return facts, set(earlier)


async def _record(
    uow: LedgerUnitOfWork, proposal: LineOutcome, line: BankLine, tax_adjusting: bool
) -> LineOutcome:
    """Record the proposed payment through the one use case that records payments."""
    assert proposal.customer_id is not None
    assert proposal.recorded_amount is not None
    reference = (proposal.payment_reference or "")[:MAX_REFERENCE] or None
    payment = await record_payment(
        uow,
        customer_id=proposal.customer_id,
        amount=format_amount(proposal.recorded_amount, line.currency),
        currency=line.currency,
        received_on=line.booking_date,
        reference=reference,
        tax_adjusting=tax_adjusting,
    )
    return LineOutcome(
        line.id,
        Outcome.CREATED,
        payment_id=payment.id,
        recorded_amount=payment.amount,
        customer_id=payment.customer_id,
        invoice_id=proposal.invoice_id,
        payment_reference=reference,
    )


def reconciled_event(statement: BankStatement, run: Reconciliation) -> StatementReconciled:
    lines = {line.id: line for line in statement.lines}
    summary = run.summary

    def discrepancy(o: LineOutcome) -> StatementDiscrepancy:
        line = lines[o.line_id]
        movement_id = o.payment_id or o.refund_id
        recorded = None
        if movement_id is not None and o.recorded_amount is not None:
            recorded = LedgerMovement(
                kind="payment" if o.payment_id else "refund",
                id=movement_id,
                amount=format_amount(o.recorded_amount, line.currency),
            )
        return StatementDiscrepancy(
            line_id=o.line_id,
            outcome=o.outcome.value,
            currency=line.currency,
            amount=format_amount(line.amount, line.currency),
            recorded=recorded,
            customer_id=o.customer_id,
            invoice_id=o.invoice_id,
        )

    return StatementReconciled(
        customer_id=RECONCILIATION_STREAM,
        reconciliation_id=run.id,
        statement_id=statement.id,
        period_from=statement.period_from,
        period_to=statement.period_to,
        counts=ReconciliationCounts(
            matched=summary.matched,
            proposed=summary.proposed,
            created=summary.created,
            duplicates=summary.duplicates,
            amount_mismatches=summary.amount_mismatches,
            unmatched=summary.unmatched,
            not_applicable=summary.not_applicable,
        ),
        discrepancies=[discrepancy(o) for o in run.discrepancies],
        created_payment_ids=[
            o.payment_id for o in run.outcomes if o.outcome is Outcome.CREATED and o.payment_id
        ],
    )
