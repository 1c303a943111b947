"""The HTTP contract of statements of account. Amounts are decimal strings at the currency's
scale; a positive balance is owed by the customer, a negative one is credit we hold for them."""

from datetime import date

from pydantic import BaseModel, Field

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.statements.statement import AgingBucket, Statement


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


def statement_out(statement: Statement) -> StatementOfAccountOut:
    def money(minor: int) -> str:
        return format_amount(minor, statement.currency)

    aging = statement.aging
    return StatementOfAccountOut(
        customer_id=statement.customer_id,
        currency=statement.currency,
        date_from=statement.date_from,
        date_to=statement.date_to,
        opening_balance=money(statement.opening_balance),
        movements=[
            StatementMovementOut(
                entry_id=m.entry_id,
                date=m.business_date,
                source_type=m.source_type,
                source_id=m.source_id,
                reference=m.reference,
                invoices=list(m.invoice_numbers),
                description=m.memo,
                reversal=m.reversal,
                debit=money(m.debit),
                credit=money(m.credit),
                balance=money(m.balance),
            )
            for m in statement.movements
        ],
        total_debits=money(statement.total_debits),
        total_credits=money(statement.total_credits),
        closing_balance=money(statement.closing_balance),
        aging=StatementAgingOut(
            as_of=aging.as_of,
            current=money(aging.buckets[AgingBucket.CURRENT]),
            days_1_30=money(aging.buckets[AgingBucket.DAYS_1_30]),
            days_31_60=money(aging.buckets[AgingBucket.DAYS_31_60]),
            days_61_90=money(aging.buckets[AgingBucket.DAYS_61_90]),
            over_90=money(aging.buckets[AgingBucket.OVER_90]),
            open_items=money(aging.open_items),
            customer_credit=money(aging.customer_credit),
            balance=money(aging.balance),
        ),
    )
