"""Check the invariants of the books (domain/books/integrity.py) over one snapshot of the ledger."""

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.books.integrity import IntegrityReport

# Enough to see the pattern of a failure without shipping the whole ledger back.
VIOLATIONS_SHOWN = 100


async def check_integrity(
    uow: LedgerUnitOfWork, *, violations_shown: int = VIOLATIONS_SHOWN, snapshot: bool = True
) -> IntegrityReport:
    """`snapshot=False` reads within the caller's transaction, which must keep postings out
    by other means (closing a period holds them off with its lock)."""
    checks = uow.integrity
    if snapshot:
        await checks.take_snapshot()
    return IntegrityReport(
        (
            await checks.unbalanced_entries(violations_shown),
            await checks.invoices_out_of_balance(violations_shown),
            await checks.customers_out_of_balance(violations_shown),
            await checks.refunds_out_of_balance(violations_shown),
        )
    )
