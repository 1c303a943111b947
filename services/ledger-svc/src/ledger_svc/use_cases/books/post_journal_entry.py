"""The one way money movements reach the journal, inside the caller's transaction.

Every use case that moves money builds its entry with domain/books/postings.py (or its own
builder there) and calls `post_journal_entry` before the caller commits; corrections call
`reverse_journal_entries`. Nothing else writes to the journal. Nothing dated in a closed
accounting period is posted (domain/periods/accounting_period.py): checked here, so that no
kind of document escapes it.
"""

from collections.abc import Sequence
from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.books.journal import JournalEntry, PostedEntry, SourceType
from ledgerflow_events.ids import time_ordered_ids


async def post_journal_entry(uow: LedgerUnitOfWork, entry: JournalEntry) -> str:
    """Post a balanced entry and return its id; an unbalanced one is refused (a bug)."""
    entry.ensure_balanced()
    (await uow.periods.closed()).ensure_open(entry.business_date)
    entry_id = str(uuid7())
    await uow.journal.add(entry_id, entry)
    return entry_id


async def post_journal_entries(uow: LedgerUnitOfWork, entries: Sequence[JournalEntry]) -> list[str]:
    """Post many balanced entries at once (batches), in order; their ids."""
    closed = await uow.periods.closed() if entries else None
    for entry in entries:
        entry.ensure_balanced()
        if closed is not None:
            closed.ensure_open(entry.business_date)
    ids = time_ordered_ids()
    posted = [(next(ids), entry) for entry in entries]
    if posted:
        await uow.journal.add_many(posted)
    return [entry_id for entry_id, _ in posted]


async def reverse_journal_entries(
    uow: LedgerUnitOfWork,
    source_type: SourceType,
    source_id: str,
    *,
    business_date: date,
    memo: str,
) -> list[str]:
    """Reverse every entry about one document that is not reversed yet (nor a reversal);
    the ids of the reversing entries, in the order of the entries they cancel."""
    posted = await uow.journal.for_source(source_type, source_id)
    standing = [
        p for p in posted if p.reversed_by_entry_id is None and p.entry.reverses_entry_id is None
    ]
    return [await _reverse(uow, p, business_date, memo) for p in standing]


async def _reverse(uow: LedgerUnitOfWork, posted: PostedEntry, on: date, memo: str) -> str:
    return await post_journal_entry(uow, posted.reversal(business_date=on, memo=memo))
