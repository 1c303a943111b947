"""The relay and consumers of ledger-svc."""

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_platform.worker import run_worker


async def run(settings: Settings) -> None:
    await run_worker(SPEC, settings)
