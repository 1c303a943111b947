"""customer-svc's contact table: people at a customer, their details sealed."""

from datetime import datetime

from sqlalchemy import ARRAY, DateTime, Index, Text
from sqlmodel import Field

from customer_svc.adapters.tables.base import Table


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
