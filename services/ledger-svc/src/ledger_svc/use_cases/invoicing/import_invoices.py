"""Import a file of invoices: check every row first, then issue them all in one transaction,
each exactly as issue_invoice would (numbered gap-free, posted to the journal, InvoiceIssued
in the outbox), or nothing at all.

The same file (by SHA-256 of its bytes) is taken once: a second import of it is refused,
naming the first, because a file of invoices imported twice bills every customer twice.
"""

import asyncio
import gc
import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from uuid6 import uuid7

from ledger_svc.adapters.invoicing.invoice_files import invoice_file_records
from ledger_svc.adapters.tables.messaging import outbox
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.books.journal import JournalEntry
from ledger_svc.domain.books.postings import invoice_issued
from ledger_svc.domain.calendar import CALENDAR_DAYS, BusinessCalendar
from ledger_svc.domain.invoicing.invoice import Invoice, invoice_number
from ledger_svc.domain.invoicing.invoice_import import (
    DuplicateInvoiceImport,
    ErrorReport,
    InvoiceImport,
)
from ledger_svc.domain.invoicing.invoice_import_dates import PostingRefusal, check_row_dates
from ledger_svc.domain.invoicing.invoice_import_plan import (
    PlannedInvoice,
    plan_import,
    read_import_file,
)
from ledger_svc.use_cases.invoicing.issue_invoice import issued_event
from ledgerflow_events.contracts.ledger import InvoiceIssued


@contextmanager
def _cyclic_collector_paused() -> Iterator[None]:
    """A large file makes millions of short-lived objects; the cyclic collector's full passes
    would scan them all again and again (half the import's time at 100k rows). Reference
    counting frees them anyway, so pause it for the import, then let it run once."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


async def import_invoices(
    uow: LedgerUnitOfWork,
    *,
    data: bytes,
    filename: str | None,
    imported_by: str,
    imported_at: datetime,
    posting_refusal: PostingRefusal,
    calendar: BusinessCalendar = CALENDAR_DAYS,
) -> InvoiceImport:
    """`posting_refusal`: the date guard single postings go through, applied to every row."""
    with _cyclic_collector_paused():
        return await _import(
            uow, data, filename, imported_by, imported_at, posting_refusal, calendar
        )


async def _import(
    uow: LedgerUnitOfWork,
    data: bytes,
    filename: str | None,
    imported_by: str,
    imported_at: datetime,
    posting_refusal: PostingRefusal,
    calendar: BusinessCalendar,
) -> InvoiceImport:
    imports = uow.invoice_imports
    file_sha256 = hashlib.sha256(data).hexdigest()
    if (earlier := await imports.find_by_file(file_sha256)) is not None:
        raise DuplicateInvoiceImport(earlier.id)
    report = ErrorReport()
    # Checking is pure and CPU-bound: off the event loop, so other requests are still served.
    records = invoice_file_records(report, data)
    rows = await asyncio.to_thread(read_import_file, report, records)
    # Written below without post_journal_entries: the closed periods are checked here instead,
    # row by row with the other dates, each refusal reported on its row.
    closed = await uow.periods.closed()
    check_row_dates(report, rows, closed=closed, posting_refusal=posting_refusal)
    accounts = await imports.accounts(sorted({row.customer_id for row in rows}))
    plan = await asyncio.to_thread(plan_import, report, rows, accounts, calendar=calendar)
    totals: Counter[str] = Counter()
    for planned in plan.invoices:
        totals[planned.draft.currency] += planned.draft.total
    summary = InvoiceImport(
        id=str(uuid7()),
        file_sha256=file_sha256,
        filename=filename,
        rows=plan.rows,
        invoices_created=len(plan.invoices),
        lines_created=plan.lines,
        totals=dict(sorted(totals.items())),
        imported_by=imported_by,
        imported_at=imported_at,
    )
    # First, so a concurrent import of the same file waits here and is then refused.
    await imports.add(summary)
    # Then every customer's stream, as issue_invoice locks one before its series counter.
    await outbox.lock_streams(uow.session, (p.draft.customer_id for p in plan.invoices))
    # Counters stay locked until commit, so a rolled-back import gives every number back.
    numbers = await imports.take_numbers(Counter(_series_year(p) for p in plan.invoices))
    issued = await asyncio.to_thread(_issue_all, plan.invoices, numbers)
    await imports.copy_invoices(summary.id, issued.invoices)
    await imports.copy_journal(issued.entries)
    # In issue order, so each customer's events are numbered as issue_invoice would number them.
    await outbox.append_many(uow.session, issued.events)
    return summary


def _series_year(planned: PlannedInvoice) -> tuple[str, int]:
    return planned.series, planned.draft.issue_date.year


@dataclass(frozen=True)
class _Issued:
    """The file's invoices as issue_invoice would have issued them, ready to be written."""

    invoices: list[tuple[str, Invoice]]
    entries: list[tuple[str, JournalEntry]]
    events: list[InvoiceIssued]


def _issue_all(
    planned: Sequence[PlannedInvoice],
    first_number: Mapping[tuple[str, int], int],
) -> _Issued:
    """Number each series and year by issue date, then file order; post each invoice's
    entry; announce each."""
    ordered = sorted(planned, key=lambda p: (*_series_year(p), p.draft.issue_date, p.first_row))
    number = dict(first_number)
    issued = _Issued([], [], [])
    for p in ordered:
        key = _series_year(p)
        invoice = p.draft.issue(str(uuid7()), invoice_number(p.series, key[1], number[key]))
        number[key] += 1
        entry = invoice_issued(invoice)
        entry.ensure_balanced()
        issued.invoices.append((p.invoice_ref, invoice))
        issued.entries.append((str(uuid7()), entry))
        issued.events.append(issued_event(invoice))
    return issued
