"""The HTTP contract of the books: journal entries, the integrity report and customers'
balances."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from ledger_svc.domain.books.journal import Account, SourceType


class JournalLineOut(BaseModel):
    """One side of a posting; exactly one of debit and credit is above zero."""

    account: Account
    customer_id: str | None
    invoice_id: str | None = Field(description="The open item a receivable line belongs to")
    currency: str
    debit: str
    credit: str


class JournalEntryOut(BaseModel):
    """A posted, balanced, immutable journal entry."""

    id: str
    business_date: date
    source_type: SourceType
    source_id: str
    memo: str
    reverses_entry_id: str | None = Field(description="Set on a reversal: the entry it cancels")
    reversed_by_entry_id: str | None = Field(description="The reversal that cancelled this one")
    created_at: datetime
    lines: list[JournalLineOut]


class JournalPage(BaseModel):
    """One page of journal entries, in posting order."""

    items: list[JournalEntryOut]
    next_cursor: str | None


class IntegrityCheckOut(BaseModel):
    """One invariant of the books and the first places it fails (ids and amounts)."""

    name: str
    ok: bool
    violation_count: int
    violations: list[dict[str, str]]


class IntegrityOut(BaseModel):
    """Whether every invariant holds, checked over one snapshot of the ledger."""

    ok: bool
    checks: list[IntegrityCheckOut]


class BalanceOut(BaseModel):
    """What a customer owes, what of it is overdue, and the credit we hold for them."""

    customer_id: str
    currency: str
    open_amount: str
    overdue_amount: str
    credit_amount: str
