"""The moves of the cash-application property test, each one entry point's transaction through
the use cases, and the book-keeping that predicts what the customer owes net of credit."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ledger_svc.domain.invoicing.pricing import LineRequest
from ledger_svc.domain.invoicing.terms import EarlyPaymentDiscount, PaymentTerms, TermsKind
from ledger_svc.domain.payments.cash_application import PaymentMethod
from ledger_svc.domain.payments.payment import ReversalReason
from ledger_svc.domain.payments.payment_receipt import AllocationInstruction
from ledger_svc.use_cases.invoicing.issue_invoice import issue_invoice
from ledger_svc.use_cases.payments.apply_customer_credit import apply_customer_credit
from ledger_svc.use_cases.payments.record_payment import record_payment
from ledger_svc.use_cases.payments.reverse_payment import reverse_payment

from .moves import Sessions, attempt, cents, credit_on_account, pick, refund_by_bank_transfer

ISSUED = date(2026, 3, 1)
DISCOUNTED = PaymentTerms(TermsKind.NET, 30, early_discount=EarlyPaymentDiscount(Decimal(3), 10))


@dataclass
class Books:
    """What the test did that the ledger accepted, to predict what the customer owes."""

    customer_id: str
    invoices: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    payments: list[tuple[str, int]] = field(default_factory=list)
    owed: int = 0


async def apply(sessions: Sessions, books: Books, step: tuple[Any, ...]) -> None:
    kind, n, amount = step
    customer = books.customer_id
    day = ISSUED + timedelta(days=n)  # inside the discount window for n <= 10
    if kind == "issue":
        line = LineRequest("Goods", Decimal(1), cents(amount))
        issued = await attempt(
            sessions,
            lambda uow: issue_invoice(
                uow,
                customer_id=customer,
                issue_date=ISSUED,
                due_date=None,
                currency=None,
                lines=[line],
                terms=DISCOUNTED if n % 2 else None,
            ),
        )
        assert issued is not None
        books.invoices.append(issued.id)
        books.numbers.append(issued.number)
        books.owed += issued.total
    elif kind == "pay":
        listed = pick(books.invoices, n)
        paid = await attempt(
            sessions,
            lambda uow: record_payment(
                uow,
                customer_id=customer,
                amount=cents(amount),
                currency="EUR",
                received_on=day,
                tax_adjusting=False,
                reference=f"Re {pick(books.numbers, n + 1)}" if n % 3 == 1 else None,
                method=list(PaymentMethod)[n % 4],
                allocations=[AllocationInstruction(listed)] if listed and n % 3 == 2 else (),
            ),
        )
        if paid is not None:  # listing a settled invoice is refused
            books.payments.append((paid.id, paid.amount + paid.discounts))
            books.owed -= paid.amount + paid.discounts
    elif kind == "reverse" and (payment := pick(books.payments, n)):
        plan = await attempt(
            sessions,
            lambda uow: reverse_payment(
                uow,
                payment_id=payment[0],
                reversed_on=date(2026, 4, 1),
                reason=ReversalReason.BOUNCED,
            ),
        )
        books.owed += payment[1] if plan else 0
    elif kind == "apply_credit":
        applied = await attempt(
            sessions,
            lambda uow: apply_customer_credit(
                uow, customer_id=customer, applied_on=day, tax_adjusting=False
            ),
        )
        books.owed -= sum(a.discount for a in applied.allocations) if applied else 0
    elif kind == "credit_on_account":
        books.owed -= await credit_on_account(sessions, customer, amount, ISSUED)
    elif kind == "refund":
        refund = await refund_by_bank_transfer(sessions, customer, amount)
        books.owed += refund[1] if refund else 0
