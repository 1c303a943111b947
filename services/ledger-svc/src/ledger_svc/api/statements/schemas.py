"""The HTTP contract of statements of account. Amounts are decimal strings at the currency's
scale; a positive balance is owed by the customer, a negative one is credit we hold for them."""

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field


class StatementOfAccountFormat(StrEnum):
    """The representations of a statement."""

    JSON = "json"
    CSV = "csv"
    PDF = "pdf"


class StatementMovementOut(BaseModel):
    """One journal entry on the customer's account, and the balance after it."""

    entry_id: str
    date: date
    source_type: str = Field(description="invoice, payment, credit_note, write_off, ...")
    source_id: str
    reference: str | None = Field(description="The payment's reference, for a payment")
    invoices: list[str] = Field(description="Numbers of the invoices the entry touches")
    description: str
    reversal: bool = Field(description="True for an entry that cancels an earlier one")
    debit: str
    credit: str
    balance: str


class StatementAgingOut(BaseModel):
    """The open receivable at the end date by days past due, and the credit held against it."""

    as_of: date
    current: str
    days_1_30: str
    days_31_60: str
    days_61_90: str
    over_90: str
    open_items: str
    customer_credit: str
    balance: str = Field(description="Open items less customer credit: the closing balance")


class StatementOfAccountOut(BaseModel):
    """A statement of account: opening + debits - credits = closing, to the cent."""

    customer_id: str
    currency: str
    date_from: date = Field(serialization_alias="from")
    date_to: date = Field(serialization_alias="to")
    opening_balance: str = Field(description="At the close of the day before `from`")
    movements: list[StatementMovementOut]
    total_debits: str
    total_credits: str
    closing_balance: str
    aging: StatementAgingOut
