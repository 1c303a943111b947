"""The instalment schedule of each invoice: its amounts add up to the invoice total."""

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint
from sqlmodel import Field

from ledger_svc.adapters.tables import Table


class InvoiceInstalmentRow(Table, table=True):
    """An amount of an invoice due on a date; a single-sum invoice has one."""

    __tablename__ = "invoice_instalments"
    __table_args__ = (CheckConstraint("amount >= 0", name="instalment_amount_not_negative"),)

    invoice_id: str = Field(foreign_key="invoices.id", primary_key=True)
    position: int = Field(primary_key=True)
    due_date: date
    amount: int = Field(sa_type=BigInteger)
