"""Match a statement line by hand to a payment, or to the invoices it pays (recording that
payment); the rules are domain/bank_reconciliation/manual_match.py's."""

from collections.abc import Sequence
from datetime import datetime

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankLine,
    BankStatementNotFound,
    Direction,
)
from ledger_svc.domain.bank_reconciliation.manual_match import (
    BankLineNotFound,
    LineAlreadyMatched,
    ManualMatch,
    MatchDoesNotAgree,
    NotMoneyReceived,
    PaymentAlreadyMatched,
    ReversedPaymentNotMatchable,
)
from ledger_svc.domain.invoicing.invoice import InvoiceNotFound
from ledger_svc.domain.payments.payment import PaymentNotFound
from ledger_svc.domain.payments.payment_receipt import AllocationInstruction
from ledger_svc.use_cases.payments.record_payment import record_payment
from ledgerflow_events.contracts.ledger import RECONCILIATION_STREAM

MAX_REFERENCE = 140


async def match_bank_line(
    uow: LedgerUnitOfWork,
    *,
    statement_id: str,
    position: int,
    payment_id: str | None,
    invoice_ids: Sequence[str],
    matched_by: str,
    matched_at: datetime,
    tax_adjusting: bool,
) -> ManualMatch:
    # Serialised with reconciliation runs: both take payments for lines.
    await uow.lock_customer(RECONCILIATION_STREAM)
    statement = await uow.bank_statements.get(statement_id)
    if statement is None:
        raise BankStatementNotFound(statement_id)
    line = next((x for x in statement.lines if x.position == position), None)
    if line is None:
        raise BankLineNotFound(statement_id, position)
    if line.direction is not Direction.CREDIT:
        raise NotMoneyReceived(position)
    if earlier := (await uow.reconciliations.movements_matched_to([line.id])).get(line.id):
        raise LineAlreadyMatched(position, earlier)
    if payment_id is not None:
        customer_id = await _check_payment(uow, line, payment_id)
        created = False
    else:
        payment_id, customer_id = await _record_for_invoices(uow, line, invoice_ids, tax_adjusting)
        created = True
    if not await uow.manual_matches.add(line.id, payment_id, matched_by, matched_at):
        raise LineAlreadyMatched(position, payment_id)
    return ManualMatch(
        statement_id, line.id, position, payment_id, customer_id, matched_by, matched_at, created
    )


def _money(minor: int, currency: str) -> str:
    return f"{format_amount(minor, currency)} {currency}"


async def _check_payment(uow: LedgerUnitOfWork, line: BankLine, payment_id: str) -> str:
    found = uow.reconciliations
    recorded = await found.payments({payment_id})
    if not recorded:
        raise PaymentNotFound(payment_id)
    payment = recorded[0]
    if await found.reversed_among([payment_id]):
        raise ReversedPaymentNotMatchable(payment_id)
    if (other := (await found.lines_matched_to([payment_id])).get(payment_id)) is not None:
        raise PaymentAlreadyMatched(payment_id, other)
    if payment.currency != line.currency:
        raise MatchDoesNotAgree(
            f"Payment {payment_id} is in {payment.currency}, the line in {line.currency}.",
            field="payment_id",
        )
    if payment.amount != line.amount:
        raise MatchDoesNotAgree(
            f"The amount differs by {_money(abs(payment.amount - line.amount), line.currency)}: "
            f"the line is {_money(line.amount, line.currency)}, payment {payment_id} was "
            f"recorded for {_money(payment.amount, payment.currency)}.",
            field="payment_id",
        )
    return payment.customer_id


async def _record_for_invoices(
    uow: LedgerUnitOfWork, line: BankLine, invoice_ids: Sequence[str], tax_adjusting: bool
) -> tuple[str, str]:
    invoices = []
    for invoice_id in dict.fromkeys(invoice_ids):
        invoice = await uow.invoices.get(invoice_id)
        if invoice is None:
            raise InvoiceNotFound(invoice_id)
        invoices.append(invoice)
    if len({i.customer_id for i in invoices}) > 1:
        raise MatchDoesNotAgree(
            "The invoices are of more than one customer; one line is one payer's.",
            field="invoice_ids",
        )
    if (currency := invoices[0].currency) != line.currency:
        raise MatchDoesNotAgree(
            f"The invoices are in {currency}, the line in {line.currency}.", field="invoice_ids"
        )
    numbers = " ".join(i.number for i in invoices)
    payment = await record_payment(
        uow,
        customer_id=invoices[0].customer_id,
        amount=format_amount(line.amount, line.currency),
        currency=line.currency,
        received_on=line.booking_date,
        reference=(line.reference or numbers)[:MAX_REFERENCE],
        tax_adjusting=tax_adjusting,
        allocations=[AllocationInstruction(i.id) for i in invoices],
    )
    return payment.id, payment.customer_id
