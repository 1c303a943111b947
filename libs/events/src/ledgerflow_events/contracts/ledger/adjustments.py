"""Adjustments published by ledger-svc on ledger.events: credit notes, refunds of customer
credit, write-offs and late fees."""

from datetime import date
from typing import ClassVar

from pydantic import Field

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData


class CreditNoteIssued(EventData):
    """A credit note took money off an invoice or credited the customer on account; credit and
    reporting shrink the receivable (or add credit), collections closes a settled case."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "credit_note_issued"

    credit_note_id: str = Field(description="The credit note's id in the ledger")
    number: str = Field(description="The document number people see and quote")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    # Gross, tax included; `tax` of it was output tax taken back.
    amount: Amount = Field(description="The gross amount credited, tax included")
    tax: Amount = Field(description="The part of the amount that was output tax taken back")
    issue_date: date = Field(description="The business date it was issued")
    # Absent for a credit note on account, which becomes customer credit instead.
    invoice_id: str | None = Field(
        default=None, description="The invoice credited; absent for a credit note on account"
    )
    invoice_open_amount_after: Amount | None = Field(
        default=None, description="What that invoice still owes afterwards"
    )


class RefundRequested(EventData):
    """Customer credit was set aside to be paid back; it no longer offsets what they owe."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "refund_requested"

    refund_id: str = Field(description="The refund's id in the ledger")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    amount: Amount = Field(description="The customer credit set aside to pay back")
    method: str = Field(description="How the money moves: bank_transfer, card, cash or cheque")
    requested_on: date = Field(description="The business date the refund was requested")


class RefundPaid(EventData):
    """A requested refund left the bank; reporting counts the cash out."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "refund_paid"

    refund_id: str = Field(description="The refund's id in the ledger")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    amount: Amount = Field(description="The amount paid back")
    paid_on: date = Field(description="The business date the refund left the bank")


class RefundCancelled(EventData):
    """A requested refund was called off; its amount is customer credit again."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "refund_cancelled"

    refund_id: str = Field(description="The refund's id in the ledger")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    amount: Amount = Field(description="The amount that is customer credit again")
    cancelled_on: date = Field(description="The business date the refund was called of")


class InvoiceWrittenOff(EventData):
    """A second person approved writing off an invoice's remainder: nothing is owed on it any
    more; credit drops it from exposure, collections closes it, reporting books bad debt."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_written_off"

    invoice_id: str = Field(description="The invoice's id in the ledger")
    write_off_id: str = Field(description="The write-off's id in the ledger")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    # The open amount written off; the invoice's open amount after it is zero.
    amount: Amount = Field(description="The open amount written of")
    written_off_on: date = Field(description="The business date of the approval")


class LateFeeCharged(EventData):
    """An overdue invoice was charged a late fee for a period, billed as its own LF invoice
    (announced by its InvoiceIssued); reporting counts late-fee income."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "late_fee_charged"

    late_fee_id: str = Field(description="The late fee's id in the ledger")
    invoice_id: str = Field(description="The overdue invoice charged")
    fee_invoice_id: str = Field(description="The id of the invoice that bills the fee")
    fee_invoice_number: str = Field(description="The number of the invoice that bills the fee")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    amount: Amount = Field(description="The fee")
    # The calendar month charged, "2026-04": an invoice is charged at most once in it.
    period: str = Field(description="The calendar month charged, YYYY-MM")
    as_of: date = Field(description="The business date of the run that decided it")
