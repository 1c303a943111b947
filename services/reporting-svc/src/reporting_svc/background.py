"""The worker's business gauges: every minute (REPORTING_GAUGES_REFRESH_S), receivables by
bucket, DSO and CEI per currency at today's date, exported on /metrics for dashboards and
alerts."""

import asyncio
import logging
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from prometheus_client import Gauge

from ledgerflow_events.money import format_minor
from ledgerflow_platform.documents.letterhead import Letterhead
from ledgerflow_platform.service_client import ServiceClient
from ledgerflow_platform.spec import Sessions
from reporting_svc.projections.kpis.business_measures import CurrencyMeasures, measure
from reporting_svc.settings import Settings

log = logging.getLogger(__name__)
PRODUCERS = ("customer", "ledger", "credit", "collections")

RECEIVABLES = Gauge(
    "ledgerflow_receivables",
    "Open receivables at today's date, in major units, by currency and aging bucket",
    ["currency", "bucket"],
    multiprocess_mode="livemax",
)
DSO_DAYS = Gauge(
    "ledgerflow_dso_days",
    "Standard DSO over the last 3 months counted back from today",
    ["currency"],
    multiprocess_mode="livemax",
)
CEI_PERCENT = Gauge(
    "ledgerflow_cei_percent",
    "Collection effectiveness index over the last month counted back from today",
    ["currency"],
    multiprocess_mode="livemax",
)


@dataclass(frozen=True)
class ReportingResources:
    sessions: Sessions
    gauges_refresh_s: float
    # customer-svc, read with the caller's own token for the customer table; None when its
    # address is not configured (the table then answers 503).
    customers: ServiceClient | None = None
    # ledger-svc, whose journal report packs reconcile to; None when not configured.
    ledger: ServiceClient | None = None
    # Every producer whose address is configured, by name: a rebuild asks each to replay.
    producers: dict[str, ServiceClient] = field(default_factory=dict)
    # Who issues printed report packs, and the font they are set in (None: the installed one).
    letterhead: Letterhead = field(default_factory=lambda: Letterhead("Ledgerflow"))
    font_file: Path | None = None


@asynccontextmanager
async def build_resources(
    settings: Settings, sessions: Sessions
) -> AsyncIterator[ReportingResources]:
    customers = (
        settings.service_client("customer", calling="reporting")
        if settings.customer_url is not None
        else None
    )
    ledger = (
        settings.service_client("ledger", calling="reporting")
        if settings.ledger_url is not None
        else None
    )
    producers = {
        name: settings.service_client(name, calling="reporting")
        for name in PRODUCERS
        if getattr(settings, f"{name}_url", None) is not None
    }
    try:
        yield ReportingResources(
            sessions,
            settings.gauges_refresh_s,
            customers,
            ledger,
            producers,
            settings.letterhead(),
            settings.document_font_file,
        )
    finally:
        for client in (customers, ledger, *producers.values()):
            if client is not None:
                await client.aclose()


def _or_nan(value: Decimal | None) -> float:
    return math.nan if value is None else float(value)


def publish(measures: dict[str, CurrencyMeasures]) -> None:
    for currency, m in measures.items():
        for bucket, amount in m.buckets.items():
            major = Decimal(format_minor(amount, currency))
            RECEIVABLES.labels(currency=currency, bucket=bucket).set(float(major))
        # No sales or a zero denominator: NaN, which dashboards show as no value.
        DSO_DAYS.labels(currency=currency).set(_or_nan(m.dso_days))
        CEI_PERCENT.labels(currency=currency).set(_or_nan(m.cei_percent))


async def refresh_business_gauges(sessions: Sessions, today: date) -> None:
    async with sessions() as session:
        publish(await measure(session, today))


async def keep_business_gauges_fresh(resources: ReportingResources) -> None:
    while True:
        try:
            # The worker is the entry point: it passes today's business date in.
            await refresh_business_gauges(resources.sessions, datetime.now(UTC).date())
        except Exception:  # a failed refresh keeps the last values; the next one retries
            log.exception("business gauges not refreshed")
        await asyncio.sleep(resources.gauges_refresh_s)
