"""What a service is, declared once: the platform builds its app, worker and CLI from it."""

from collections.abc import Callable, Coroutine, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledgerflow_events.inbox import Handlers
from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import MessagingTables
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

Sessions = async_sessionmaker[AsyncSession]

BuildResources = Callable[[Any, Sessions], AbstractAsyncContextManager[Any]]
"""Builds a service's long-lived objects (group-commit desks, vaults, calendars, clients) from
its own settings into one typed object, once per process: in the API's lifespan and at the
worker's start. Whatever it opens, it closes when the context exits."""

BackgroundTask = Callable[[Any], Coroutine[Any, Any, None]]
"""Runs for the worker's whole life beside the relay and consumers, given the resources."""

ScrapedGauge = Callable[[AsyncSession, date], Coroutine[Any, Any, None]]
"""Sets business gauges from the service's own tables, as at the given day, each time Prometheus
scrapes the API, so a dashboard shows the truth of that moment. Only for cheap, indexed queries;
figures that take real work are refreshed by a background task instead."""


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
    handlers: Handlers = field(default_factory=dict)
    resources: BuildResources | None = None
    background: Sequence[BackgroundTask] = ()
    # Multipart forms that routes read themselves (web/uploads.py), published in the OpenAPI
    # document as FastAPI publishes the File and Form parameters a route declares.
    upload_forms: Sequence[type[BaseModel]] = ()
    scraped_gauges: Sequence[ScrapedGauge] = ()

    @property
    def consumer_group(self) -> str:
        return f"{self.name}-svc"
