"""What collections-svc builds once per process from its settings."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime

from collections_svc.settings import Settings
from ledgerflow_platform.spec import Sessions


@dataclass(frozen=True)
class CollectionsResources:
    sessions: Sessions
    pinned_business_date: date | None
    mail_domain: str

    def business_date(self, now: datetime) -> date:
        return self.pinned_business_date or now.date()


@asynccontextmanager
async def collections_resources(
    settings: Settings, sessions: Sessions
) -> AsyncIterator[CollectionsResources]:
    yield CollectionsResources(
        sessions=sessions,
        pinned_business_date=settings.business_date,
        mail_domain=settings.mail_domain,
    )
