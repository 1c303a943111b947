"""What credit-svc builds once per process from its settings."""

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import make_url

from credit_svc.adapters.order_book import order_book_pool
from credit_svc.domain.limits import DEFAULT_APPROVAL_THRESHOLD_MAJOR
from ledgerflow_events.money import to_minor
from ledgerflow_platform.documents.letterhead import Letterhead
from ledgerflow_platform.spec import Sessions


@dataclass(frozen=True)
class CreditResources:
    approval_thresholds: Mapping[str, Decimal]
    # What printed credit reports need: the letterhead and the document font (None: the
    # first installed of the platform's CJK fonts).
    letterhead: Letterhead = field(default_factory=lambda: Letterhead("Ledgerflow"))
    document_font_file: Path | None = None
    # The credit check's connections (adapters/order_book.py).
    order_books: "asyncpg.Pool[Any] | None" = None

    def approval_threshold(self, currency: str) -> int:
        """The four-eyes threshold in the currency's minor units."""
        major = self.approval_thresholds.get(currency, Decimal(DEFAULT_APPROVAL_THRESHOLD_MAJOR))
        return to_minor(major, currency)


@asynccontextmanager
async def credit_resources(settings: Any, sessions: Sessions) -> AsyncIterator[CreditResources]:
    dsn = make_url(settings.database_url).set(drivername="postgresql")
    pool = await order_book_pool(dsn.render_as_string(hide_password=False), settings.db_pool_size)
    try:
        yield CreditResources(
            dict(settings.limit_approval_thresholds),
            settings.letterhead(),
            settings.document_font_file,
            pool,
        )
    finally:
        await pool.close()
