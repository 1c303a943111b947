"""The dates of an invoice file's rows, judged as a single invoice's are: every dated field
within the years the ledger keeps, and the issue date (the posting's date) neither after the
business date (plus the days allowed) nor in a closed period. Each refusal is reported on its
row, with the reason, like any other wrong cell: one and the whole file is refused."""

from collections.abc import Callable, Sequence
from datetime import date

from ledger_svc.domain.invoicing.invoice_import import ErrorReport
from ledger_svc.domain.invoicing.invoice_import_rows import ImportRow
from ledger_svc.domain.periods.accounting_period import (
    FIRST_YEAR,
    LAST_YEAR,
    ClosedPeriods,
    PeriodClosed,
)

# The guard single postings go through (ledgerflow_platform.web.business_date.DateGuard):
# why a posting dated so is refused, or None.
PostingRefusal = Callable[[date, str], str | None]


def check_row_dates(
    report: ErrorReport,
    rows: Sequence[ImportRow],
    *,
    closed: ClosedPeriods,
    posting_refusal: PostingRefusal,
) -> None:
    for row in rows:
        bounded = True
        for column, on in (("issue_date", row.issue_date), ("due_date", row.due_date)):
            if on is not None and not FIRST_YEAR <= on.year <= LAST_YEAR:
                report.add(
                    row.row,
                    column,
                    f"{column} {on} is outside the years {FIRST_YEAR} to {LAST_YEAR}.",
                )
                bounded = False
        if row.issue_date is None or not bounded:
            continue
        if (refusal := posting_refusal(row.issue_date, "issue_date")) is not None:
            report.add(row.row, "issue_date", refusal)
            continue
        try:
            closed.ensure_open(row.issue_date, field="issue_date")
        except PeriodClosed as refused:
            report.add(row.row, "issue_date", refused.message)
