"""customer-svc's customer table: the customer file, personal values sealed."""

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlmodel import Field

from customer_svc.adapters.tables.base import Table


class CustomerRow(Table, table=True):
    """A customer file as stored; personal values sealed."""

    __tablename__ = "customers"

    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    currency: str
    payment_terms_days: int
    registered_at: datetime = Field(sa_type=DateTime(timezone=True))
    # The customer file (migration 0002); personal values are sealed "kid:nonce:ciphertext".
    code: str = Field(unique=True)
    status: str
    country: str | None = None
    tax_id_sealed: str | None = None
    tax_id_index: str | None = None
    industry: str | None = None
    region: str | None = None
    billing_address: dict[str, Any] | None = Field(default=None, sa_type=JSONB)
    shipping_address: dict[str, Any] | None = Field(default=None, sa_type=JSONB)
    segments: list[str] = Field(default_factory=list, sa_type=ARRAY(Text))
    parent_id: str | None = Field(default=None, foreign_key="customers.id")
    version: int = 1
    updated_at: datetime = Field(sa_type=DateTime(timezone=True))
    # The legal name as compared for duplicates (domain/customers/names.py).
    legal_name_key: str | None = Field(default=None, index=True)
