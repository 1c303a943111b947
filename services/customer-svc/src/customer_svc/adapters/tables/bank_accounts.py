"""customer-svc's bank account table: IBANs sealed, with a blind index."""

from datetime import datetime

from sqlalchemy import DateTime, Index
from sqlmodel import Field

from customer_svc.adapters.tables.base import Table


class BankAccountRow(Table, table=True):
    """An account of a customer; the IBAN sealed, with a blind index to refuse duplicates."""

    __tablename__ = "customer_bank_accounts"
    __table_args__ = (
        Index("customer_bank_accounts_by_customer", "customer_id", "id"),
        Index("customer_bank_accounts_iban_once", "customer_id", "iban_index", unique=True),
    )

    id: str = Field(primary_key=True)
    customer_id: str = Field(foreign_key="customers.id")
    iban_sealed: str
    iban_index: str
    bic: str | None = None
    currency: str | None = None
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
