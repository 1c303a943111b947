"""The credit policy's versions."""

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from credit_svc.adapters.tables import Table


class CreditPolicyRow(Table, table=True):
    """One version of the credit policy: a draft, the one in force, or retired."""

    __tablename__ = "credit_policies"

    version: int = Field(primary_key=True)
    status: str
    rules: dict[str, Any] = Field(sa_type=JSONB)
    created_by: str
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    activated_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
