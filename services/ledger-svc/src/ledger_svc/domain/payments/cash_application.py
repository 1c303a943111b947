"""Which invoices a payment pays, in the order the ledger applies them:

1. the invoices the payer listed (`allocations`), in their order, each with the amount given
   or else up to what settles it; what the list leaves over is customer credit;
2. else the customer's open invoices whose numbers appear in the payment's reference, in the
   order they appear, then the rest oldest due first;
3. else the open invoices oldest due first.

Every way, an invoice paid inside its early-payment window is settled with the discount
(domain/payments/allocation.py), and what no invoice absorbs stays with the customer as credit.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.payments.allocation import (
    Allocation,
    CashApplication,
    OpenItem,
    allocate,
    allocate_in_order,
    settle,
)
from ledgerflow_platform.errors import DomainError

# <series>-<year>-<number>, as domain/invoice.invoice_number writes them.
ALLOCATIONS = "allocations"
INVOICE_NUMBER = re.compile(r"(?<![A-Z0-9])[A-Z][A-Z0-9]{0,11}-\d{4}-\d{6}(?!\d)")


class PaymentMethod(StrEnum):
    """How the money reached us."""

    BANK_TRANSFER = "bank_transfer"
    CARD = "card"
    CASH = "cash"
    CHEQUE = "cheque"


class UnknownInvoice(DomainError):
    """A payment names an invoice the ledger does not have."""


class InvoiceNotPayable(DomainError):
    """A payment names an invoice it cannot pay: another customer's, voided, or settled."""


class OverAllocation(DomainError):
    """A payment told to apply more than an invoice owes, or more than the payment brought."""


@dataclass(frozen=True)
class RequestedAllocation:
    """An invoice the payer says the payment is for, and how much of it (else what settles it)."""

    invoice_id: str
    amount: int | None = None


@dataclass(frozen=True)
class InvoiceOnFile:
    """An invoice a payer named that is not among the customer's open items: why not."""

    invoice_id: str
    number: str
    customer_id: str
    currency: str
    voided: bool


@dataclass(frozen=True)
class _Listing:
    """Whose payment a list of invoices came with, and how the request names its entries."""

    customer_id: str
    currency: str
    on_file: Mapping[str, InvoiceOnFile]
    listed_as: str

    def field(self, n: int, part: str = "invoice_id") -> str:
        # A list of bare invoice ids names the entry itself; a list of objects, its part.
        return (
            f"{self.listed_as}.{n}"
            if self.listed_as != ALLOCATIONS
            else f"{ALLOCATIONS}.{n}.{part}"
        )


def numbers_in(reference: str | None) -> list[str]:
    """The invoice numbers a payment reference mentions, first mention first, each once."""
    if not reference:
        return []
    return list(dict.fromkeys(INVOICE_NUMBER.findall(reference.upper())))


def apply_payment(
    amount: int,
    open_items: Sequence[OpenItem],
    *,
    customer_id: str,
    currency: str,
    requested: Sequence[RequestedAllocation] = (),
    reference: str | None = None,
    on_file: Mapping[str, InvoiceOnFile] | None = None,
    listed_as: str = ALLOCATIONS,
) -> CashApplication:
    """Spread `amount` over the customer's `open_items` by the rules above. `on_file` holds
    the listed invoices that are not open items of this customer, to say why they are refused;
    `listed_as` names the list in the request (errors name the entry at fault)."""
    if requested:
        listing = _Listing(customer_id, currency, on_file or {}, listed_as)
        return _as_listed(amount, open_items, requested, listing)
    by_number = {item.number: item for item in open_items}
    referenced = [by_number[n] for n in numbers_in(reference) if n in by_number]
    if not referenced:
        return allocate(amount, open_items)
    first = allocate_in_order(amount, referenced)
    named = {item.invoice_id for item in referenced}
    rest = allocate(first.unapplied, [i for i in open_items if i.invoice_id not in named])
    return CashApplication(first.allocations + rest.allocations, rest.unapplied)


def _as_listed(
    amount: int,
    open_items: Sequence[OpenItem],
    requested: Sequence[RequestedAllocation],
    listing: _Listing,
) -> CashApplication:
    currency = listing.currency
    open_by_id = {item.invoice_id: item for item in open_items}
    items: list[OpenItem] = []
    for n, wanted in enumerate(requested):
        if any(i.invoice_id == wanted.invoice_id for i in items):
            raise InvoiceNotPayable(
                f"Invoice {wanted.invoice_id} is listed twice.", field=listing.field(n)
            )
        items.append(_payable(n, wanted, open_by_id, listing))
    earmarked = sum(r.amount or 0 for r in requested)
    if earmarked > amount:
        raise OverAllocation(
            f"The allocations add up to {format_amount(earmarked, currency)} {currency}, "
            f"more than the payment's {format_amount(amount, currency)}.",
            field=listing.listed_as,
        )
    # Amounts given are set aside first, so a listed invoice without one cannot eat them.
    free = amount - earmarked
    allocations: list[Allocation] = []
    for item, wanted in zip(items, requested, strict=True):
        cash = wanted.amount if wanted.amount is not None else min(free, item.cash_to_settle)
        if wanted.amount is None:
            free -= cash
        if cash:
            allocations.append(settle(item, cash))
    return CashApplication(tuple(allocations), free)


def _payable(
    n: int, wanted: RequestedAllocation, open_by_id: Mapping[str, OpenItem], listing: _Listing
) -> OpenItem:
    item = open_by_id.get(wanted.invoice_id)
    if item is None:
        raise _why_not_payable(wanted.invoice_id, listing, listing.field(n))
    if wanted.amount is not None and wanted.amount > item.open_amount:
        currency = listing.currency
        raise OverAllocation(
            f"Invoice {item.number} has {format_amount(item.open_amount, currency)} {currency} "
            f"open, less than the {format_amount(wanted.amount, currency)} to apply.",
            field=listing.field(n, "amount"),
        )
    return item


def _why_not_payable(invoice_id: str, listing: _Listing, field: str) -> DomainError:
    invoice = listing.on_file.get(invoice_id)
    if invoice is None:
        return UnknownInvoice(f"No invoice with id {invoice_id}.", field=field)
    if invoice.customer_id != listing.customer_id:
        return InvoiceNotPayable(f"Invoice {invoice.number} is another customer's.", field=field)
    if invoice.currency != listing.currency:
        return InvoiceNotPayable(
            f"Invoice {invoice.number} is in {invoice.currency}, the payment in "
            f"{listing.currency}.",
            field=field,
        )
    if invoice.voided:
        return InvoiceNotPayable(f"Invoice {invoice.number} was voided.", field=field)
    return InvoiceNotPayable(f"Invoice {invoice.number} has nothing open.", field=field)
