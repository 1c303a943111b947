"""customer-svc's tables for contacts, bank accounts and the personal-data access log."""

from datetime import datetime

from sqlalchemy import ARRAY, DateTime, Index, Text
from sqlmodel import Field

from customer_svc.adapters.tables import Table


class ContactRow(Table, table=True):
    """A person at a customer; name, phone and email sealed."""

    __tablename__ = "customer_contacts"
    __table_args__ = (Index("customer_contacts_by_customer", "customer_id", "id"),)

    id: str = Field(primary_key=True)
    customer_id: str = Field(foreign_key="customers.id")
    name_sealed: str
    phone_sealed: str | None = None
    email_sealed: str | None = None
    roles: list[str] = Field(default_factory=list, sa_type=ARRAY(Text))
    version: int = 1
    created_at: datetime = Field(sa_type=DateTime(timezone=True))


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


class AccessLogRow(Table, table=True):
    """One disclosure of clear personal values: who saw which fields of which customer, and why."""

    __tablename__ = "personal_data_access_log"
    __table_args__ = (
        Index("personal_data_access_log_by_customer", "customer_id", "id"),
        Index("personal_data_access_log_by_subject", "subject", "id"),
    )

    id: str = Field(primary_key=True)
    at: datetime = Field(sa_type=DateTime(timezone=True))
    subject: str
    roles: list[str] = Field(sa_type=ARRAY(Text))
    customer_id: str
    fields: list[str] = Field(sa_type=ARRAY(Text))
    record_ids: list[str] = Field(sa_type=ARRAY(Text))
    purpose: str
