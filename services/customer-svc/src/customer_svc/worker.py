"""The relay and consumers of customer-svc."""

from customer_svc.service import SPEC
from customer_svc.settings import Settings
from ledgerflow_platform.worker import run_worker


async def run(settings: Settings) -> None:
    await run_worker(SPEC, settings)
