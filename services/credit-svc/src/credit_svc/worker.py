"""The consumers of credit-svc."""

from credit_svc.service import SPEC
from credit_svc.settings import Settings
from ledgerflow_platform.worker import run_worker


async def run(settings: Settings) -> None:
    await run_worker(SPEC, settings)
