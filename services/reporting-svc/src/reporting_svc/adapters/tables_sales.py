"""What credit sales are computed from besides invoices: credit notes and late-fee invoices."""

from datetime import date, datetime

from sqlalchemy import BigInteger, DateTime, Index
from sqlmodel import Field

from reporting_svc.adapters.tables import Table


class CreditNoteRow(Table, table=True):
    """A credit note, against an invoice or on account: it lowers credit sales when issued."""

    __tablename__ = "credit_notes"
    __table_args__ = (Index("credit_notes_by_issue_date", "issue_date"),)

    credit_note_id: str = Field(primary_key=True)
    customer_id: str
    currency: str
    amount_minor: int = Field(sa_type=BigInteger)
    issue_date: date
    # When the ledger recorded it (event time), for as-known-at KPIs; None: always known.
    recorded_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class LateFeeInvoiceRow(Table, table=True):
    """An invoice billing a late fee: owed like any other, but not a credit sale."""

    __tablename__ = "late_fee_invoices"

    invoice_id: str = Field(primary_key=True)
