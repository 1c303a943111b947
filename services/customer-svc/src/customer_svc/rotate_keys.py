"""`python -m customer_svc.rotate_keys`: re-seal all personal data under CUSTOMER_PII_ACTIVE_KEY.

Rotate by adding the new key to CUSTOMER_PII_KEYS, making it CUSTOMER_PII_ACTIVE_KEY, restarting
the service, then running this; once it reports done, the old key can leave the ring. Batches
commit one by one, so a run that stops half way is simply run again. It also recomputes blind
indexes, which is how a new CUSTOMER_PII_INDEX_KEY takes effect.
"""

import asyncio
import logging

from customer_svc.adapters.personal_data.resealing import SEALED_COLUMNS, SealedCells
from customer_svc.adapters.personal_data.vault import vault_from_settings
from customer_svc.settings import Settings
from customer_svc.use_cases.personal_data.rotate_personal_data_keys import reseal_batch
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.logs import configure_logging

log = logging.getLogger(__name__)
BATCH_SIZE = 500


async def rotate_keys(settings: Settings, *, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Values re-sealed, per personal field."""
    # A run of its own: the vault and one connection, built here from the settings given.
    vault = vault_from_settings(settings)
    engine = create_engine(settings, pool_size=1)
    sessions = session_factory(engine)
    resealed: dict[str, int] = {}
    try:
        for column in SEALED_COLUMNS:
            resealed[column.field] = 0
            after: str | None = None
            while True:
                async with sessions() as session:
                    batch = await reseal_batch(
                        SealedCells(session), vault, column, after=after, limit=batch_size
                    )
                    await session.commit()
                resealed[column.field] += batch.resealed
                if batch.next_after is None:
                    break
                after = batch.next_after
    finally:
        await engine.dispose()
    return resealed


def main() -> None:
    settings = Settings()
    configure_logging("customer", json_lines=settings.log_json, level=settings.log_level)
    resealed = asyncio.run(rotate_keys(settings))
    for field, count in resealed.items():
        log.info("re-sealed %d %s values under key %s", count, field, settings.pii_active_key)


if __name__ == "__main__":
    main()
