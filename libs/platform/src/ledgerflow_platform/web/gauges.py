"""Gauges measured when Prometheus scrapes, so each holds the truth of that moment rather than
whatever one process last saw: readiness per dependency, the dead letters waiting in the
database (which a restart does not forget and a re-drive from any process lowers), and the
business gauges the service declares (ServiceSpec.scraped_gauges)."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import DBAPIError

from ledgerflow_events.dead_letters import count_pending
from ledgerflow_events.metrics import DEAD_LETTERS_PENDING
from ledgerflow_platform.web.health import check_readiness


async def refresh_scraped_gauges(state: Any) -> None:
    checks = await check_readiness(state)
    if not checks["database"]:
        return  # readiness already says so; the last count stays until the database is back
    try:
        async with state.sessions() as session:
            pending = await count_pending(session, state.spec.messaging)
            DEAD_LETTERS_PENDING.labels(state.spec.name).set(pending)
            # The scrape is the entry point: it passes today's date in.
            today = datetime.now(UTC).date()
            for measure in state.spec.scraped_gauges:
                await measure(session, today)
    except (DBAPIError, OSError):
        return
