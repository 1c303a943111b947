"""The dunning rules of a dated run, decided per invoice (issue 11, item 2):

1. An invoice moves one level at most per run: to the next level in order, never further.
2. That level must be due: the run's date is on or after due date + days_from_due.
3. At least `min_days_between_notices` days lie between the invoice's last notice and the run.
4. A pre-due level (negative offset) is passed over once the due date has been reached, so a
   late invoice goes straight to its first overdue level; no other level is ever skipped.
5. An invoice open for less than the policy's minimum in its currency is not dunned.
6. Held invoices (dispute, promise, plan, pause) stay where they are; the caller knows holds.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from collections_svc.domain.dunning_policy import DunningLevel, DunningPolicy


@dataclass(frozen=True)
class DunnedInvoice:
    """An open invoice as dunning sees it: what is owed, when it was due, how far it climbed."""

    invoice_id: str
    customer_id: str
    number: str
    currency: str
    open_amount: int
    due_date: date
    level: int = 0
    last_notice_on: date | None = None

    def days_past_due(self, as_of: date) -> int:
        """Negative before the due date."""
        return (as_of - self.due_date).days


def next_level(invoice: DunnedInvoice, policy: DunningPolicy, as_of: date) -> DunningLevel | None:
    """The level the invoice reaches in a run dated `as_of`, or None when it stays put."""
    if invoice.open_amount <= 0 or invoice.open_amount < policy.min_amount.get(invoice.currency, 0):
        return None
    if invoice.last_notice_on is not None and (
        (as_of - invoice.last_notice_on).days < policy.min_days_between_notices
    ):
        return None
    for level in policy.levels:
        if level.level <= invoice.level:
            continue
        if level.before_due and as_of >= invoice.due_date:
            continue
        due_on = invoice.due_date + timedelta(days=level.days_from_due)
        return level if as_of >= due_on else None
    return None
