"""The consumers of collections-svc."""

from collections_svc.service import SPEC
from collections_svc.settings import Settings
from ledgerflow_platform.worker import run_worker


async def run(settings: Settings) -> None:
    await run_worker(SPEC, settings)
