"""Re-seal personal data under the active key, and refresh blind indexes, one batch at a time."""

from dataclasses import dataclass

from customer_svc.adapters.personal_data.resealing import SealedCell, SealedCells, SealedColumn
from customer_svc.adapters.personal_data.vault import PersonalDataVault


@dataclass(frozen=True)
class ResealedBatch:
    """How far one batch got: the values it re-sealed, and where the next one starts."""

    resealed: int
    next_after: str | None


async def reseal_batch(
    cells: SealedCells,
    vault: PersonalDataVault,
    column: SealedColumn,
    *,
    after: str | None,
    limit: int,
) -> ResealedBatch:
    batch = await cells.batch(column, after=after, limit=limit)
    resealed = 0
    for cell in batch:
        clear = vault.open(column.field, cell.token)
        token = (
            cell.token if vault.is_current(cell.token) else vault.seal(column.field, clear).token
        )
        # An index key rotated too: indexes are recomputed from the clear value.
        index = vault.index(column.field, clear) if column.index_column else None
        if (token, index) != (cell.token, cell.index):
            await cells.replace(column, SealedCell(cell.row_id, token, index))
            resealed += 1
    return ResealedBatch(resealed, batch[-1].row_id if len(batch) == limit else None)
