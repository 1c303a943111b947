"""Adjustments published by ledger-svc on ledger.events: credit notes, refunds of customer
credit, write-offs and late fees."""

from datetime import date
from typing import ClassVar

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData


class CreditNoteIssued(EventData):
    """A credit note took money off an invoice or credited the customer on account; credit and
    reporting shrink the receivable (or add credit), collections closes a settled case."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "credit_note_issued"

    credit_note_id: str
    number: str
    currency: CurrencyCode
    # Gross, tax included; `tax` of it was output tax taken back.
    amount: Amount
    tax: Amount
    issue_date: date
    # Absent for a credit note on account, which becomes customer credit instead.
    invoice_id: str | None = None
    invoice_open_amount_after: Amount | None = None


class RefundRequested(EventData):
    """Customer credit was set aside to be paid back; it no longer offsets what they owe."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "refund_requested"

    refund_id: str
    currency: CurrencyCode
    amount: Amount
    method: str
    requested_on: date


class RefundPaid(EventData):
    """A requested refund left the bank; reporting counts the cash out."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "refund_paid"

    refund_id: str
    currency: CurrencyCode
    amount: Amount
    paid_on: date


class RefundCancelled(EventData):
    """A requested refund was called off; its amount is customer credit again."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "refund_cancelled"

    refund_id: str
    currency: CurrencyCode
    amount: Amount
    cancelled_on: date


class InvoiceWrittenOff(EventData):
    """A second person approved writing off an invoice's remainder: nothing is owed on it any
    more; credit drops it from exposure, collections closes it, reporting books bad debt."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_written_off"

    invoice_id: str
    write_off_id: str
    currency: CurrencyCode
    # The open amount written off; the invoice's open amount after it is zero.
    amount: Amount
    written_off_on: date


class LateFeeCharged(EventData):
    """An overdue invoice was charged a late fee for a period, billed as its own LF invoice
    (announced by its InvoiceIssued); reporting counts late-fee income."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "late_fee_charged"

    late_fee_id: str
    invoice_id: str
    fee_invoice_id: str
    fee_invoice_number: str
    currency: CurrencyCode
    amount: Amount
    # The calendar month charged, "2026-04": an invoice is charged at most once in it.
    period: str
    as_of: date
