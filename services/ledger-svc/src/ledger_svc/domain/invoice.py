"""An invoice: what a customer owes us for what, by when, and how much of it is still open."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum

from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.allocation import OpenItem
from ledger_svc.domain.amounts import ensure_within_bounds, parse_amount
from ledgerflow_platform.errors import DomainError

QUANTITY_DECIMALS = 4
MAX_QUANTITY = Decimal(10) ** 10
INVOICE_SERIES = "INV"
# Wide enough that quantity x unit price is exact before the one rounding we intend.
_EXACT = Context(prec=60)


class InvalidQuantity(DomainError):
    """A line quantity that is not a positive number with at most four decimals."""


class DueBeforeIssue(DomainError):
    """A due date earlier than the invoice's issue date."""


class InvoiceTotalNotPositive(DomainError):
    """An invoice whose lines add up to nothing: there is nothing to receive."""


class InvoiceNotFound(DomainError):
    """No invoice has this id."""

    def __init__(self, invoice_id: str) -> None:
        super().__init__(f"No invoice with id {invoice_id}.")
        self.invoice_id = invoice_id


class InvoiceStatus(StrEnum):
    """How far an invoice has been paid."""

    ISSUED = "issued"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"


@dataclass(frozen=True)
class LineRequest:
    """One line as the biller asked for it, before pricing."""

    description: str
    quantity: Decimal
    unit_price: str


@dataclass(frozen=True)
class InvoiceLine:
    """A priced line; its amount is rounded once, half-up, to the currency's minor unit."""

    description: str
    quantity: Decimal
    unit_price: int
    amount: int


@dataclass(frozen=True)
class Invoice:
    """An issued invoice; only its open amount and overdue mark change after issue."""

    id: str
    number: str
    customer_id: str
    currency: str
    issue_date: date
    due_date: date
    total: int
    open_amount: int
    lines: tuple[InvoiceLine, ...]
    marked_overdue_on: date | None = None

    @property
    def status(self) -> InvoiceStatus:
        return status_for(self.total, self.open_amount)

    @property
    def overdue(self) -> bool:
        return self.marked_overdue_on is not None and self.open_amount > 0

    def as_open_item(self) -> OpenItem:
        return OpenItem(self.id, self.number, self.issue_date, self.due_date, self.open_amount)

    def falls_overdue(self, as_of: date) -> bool:
        """Still owed past its due date and not yet marked: each invoice falls overdue once."""
        return self.open_amount > 0 and self.due_date < as_of and self.marked_overdue_on is None


@dataclass(frozen=True)
class InvoiceDraft:
    """A validated, priced invoice waiting only for its id and number."""

    customer_id: str
    currency: str
    issue_date: date
    due_date: date
    lines: tuple[InvoiceLine, ...]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def issue(self, invoice_id: str, number: str) -> Invoice:
        return Invoice(
            invoice_id,
            number,
            self.customer_id,
            self.currency,
            self.issue_date,
            self.due_date,
            self.total,
            self.total,
            self.lines,
        )


def status_for(total: int, open_amount: int) -> InvoiceStatus:
    if open_amount == 0:
        return InvoiceStatus.PAID
    return InvoiceStatus.ISSUED if open_amount == total else InvoiceStatus.PARTIALLY_PAID


def invoice_number(series: str, year: int, sequence: int) -> str:
    return f"{series}-{year}-{sequence:06d}"


def price_line(line: LineRequest, currency: str, *, index: int) -> InvoiceLine:
    field = f"lines.{index}"
    quantity = line.quantity
    if not quantity.is_finite() or quantity <= 0 or quantity >= MAX_QUANTITY:
        raise InvalidQuantity(
            f"Quantity must be more than 0 and below {MAX_QUANTITY}, not {quantity}.",
            field=f"{field}.quantity",
        )
    if quantity != round(quantity, QUANTITY_DECIMALS):
        raise InvalidQuantity(
            f"Quantity {quantity} has more than {QUANTITY_DECIMALS} decimal places.",
            field=f"{field}.quantity",
        )
    unit_price = parse_amount(
        line.unit_price, currency, field=f"{field}.unit_price", allow_zero=True
    )
    exact = _EXACT.multiply(quantity, Decimal(unit_price))
    amount = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_EXACT))
    ensure_within_bounds(amount, currency, field=f"{field}.amount")
    return InvoiceLine(line.description, quantity, unit_price, amount)


def draft_invoice(
    account: CustomerAccount,
    *,
    issue_date: date,
    due_date: date | None,
    currency: str | None,
    lines: Sequence[LineRequest],
) -> InvoiceDraft:
    """Price and check an invoice; the due date defaults to issue date plus the customer's terms."""
    invoice_currency = account.ensure_currency(currency)
    due = (
        due_date
        if due_date is not None
        else issue_date + timedelta(days=account.payment_terms_days)
    )
    if due < issue_date:
        raise DueBeforeIssue(
            f"The due date {due} is before the issue date {issue_date}.", field="due_date"
        )
    priced = tuple(price_line(line, invoice_currency, index=i) for i, line in enumerate(lines))
    draft = InvoiceDraft(account.customer_id, invoice_currency, issue_date, due, priced)
    if draft.total <= 0:
        raise InvoiceTotalNotPositive(
            "The lines of an invoice must add up to more than zero.", field="lines"
        )
    ensure_within_bounds(draft.total, invoice_currency, field="lines")
    return draft
