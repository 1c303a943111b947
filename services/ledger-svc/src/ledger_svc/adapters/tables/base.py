"""The base of ledger-svc's tables: a registry, and so a metadata, no other service shares."""

from sqlalchemy.orm import registry
from sqlmodel import SQLModel


class Table(SQLModel, registry=registry()):
    """The base of ledger-svc's own tables, on a registry no other service shares."""


metadata = Table.metadata
