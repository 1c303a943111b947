"""The consumers of reporting-svc (it publishes nothing, so there is no relay)."""

from ledgerflow_platform.worker import run_worker
from reporting_svc.service import SPEC
from reporting_svc.settings import Settings


async def run(settings: Settings) -> None:
    await run_worker(SPEC, settings)
