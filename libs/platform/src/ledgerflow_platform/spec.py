"""What a service is, declared once: the platform builds its app, worker and CLI from it."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter
from sqlalchemy import Table

from ledgerflow_events.inbox import Handler
from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import MessagingTables
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    title: str
    description: str
    version: str
    messaging: MessagingTables
    idempotency_keys: Table
    migrations_dir: Path
    routers: Sequence[APIRouter]
    errors: Mapping[type[DomainError], ProblemType]
    outbox: Outbox | None = None
    consumes: Sequence[str] = ()
    handlers: Mapping[str, Handler] = field(default_factory=dict)

    @property
    def consumer_group(self) -> str:
        return f"{self.name}-svc"
