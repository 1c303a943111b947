"""Dunning notice fees charged: one row per invoice and level, which makes charging them
idempotent whichever notice, or redelivery, names them again."""

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, String
from sqlmodel import Field

from ledger_svc.adapters.tables.base import Table


class NoticeFeeRow(Table, table=True):
    __tablename__ = "notice_fees"
    __table_args__ = (CheckConstraint("amount > 0", name="notice_fee_amount_positive"),)

    invoice_id: str = Field(foreign_key="invoices.id", primary_key=True)
    level: int = Field(primary_key=True)
    notice_id: str
    fee_invoice_id: str = Field(foreign_key="invoices.id", unique=True)
    customer_id: str = Field(foreign_key="customer_accounts.customer_id")
    currency: str = Field(sa_type=String(3))
    amount: int = Field(sa_type=BigInteger)
    charged_on: date
