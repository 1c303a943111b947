"""The last look before a notice goes out (issue 11, item 3): an invoice the run listed is
dropped when anything about it changed since, so no one is reminded of what they settled."""

from collections.abc import Mapping
from dataclasses import dataclass, replace

from collections_svc.domain.holds import Holds
from collections_svc.domain.notice import DroppedLine, Notice, NoticeLine, NoticeStatus

NOTHING_LEFT = "every invoice was settled or held after the run"


@dataclass(frozen=True)
class InvoiceNow:
    """What the ledger's latest facts say about an invoice."""

    open_amount: int
    # What last changed its open amount (paid, credited, voided, written_off, reversed).
    changed_by: str | None


def _why_dropped(
    line: NoticeLine,
    customer_id: str,
    now: InvoiceNow | None,
    holds: Holds,
) -> str | None:
    if now is None or now.open_amount <= 0:
        return (now.changed_by if now else None) or "settled"
    if now.open_amount != line.open_amount:
        return now.changed_by or "changed"
    if line.invoice_id in holds.disputed:
        return "disputed"
    if customer_id in holds.customers:
        return "paused"
    if line.invoice_id in holds.invoices or customer_id in holds.promised_customers:
        return "promised"
    if line.invoice_id in holds.planned:
        return "in_plan"
    return None


def recheck(
    notice: Notice,
    invoices_now: Mapping[str, InvoiceNow],
    holds: Holds,
) -> Notice:
    """The notice with every changed or held invoice moved to `dropped`; suppressed when none
    is left."""
    kept: list[NoticeLine] = []
    dropped = list(notice.dropped)
    for line in notice.invoices:
        reason = _why_dropped(line, notice.customer_id, invoices_now.get(line.invoice_id), holds)
        if reason is None:
            kept.append(line)
        else:
            dropped.append(DroppedLine(line.invoice_id, reason))
    rechecked = replace(notice, invoices=tuple(kept), dropped=tuple(dropped))
    if not kept:
        return replace(rechecked, status=NoticeStatus.SUPPRESSED, suppressed_reason=NOTHING_LEFT)
    return rechecked


def mask_email(address: str) -> str:
    """a***@example.com: enough to tell recipients apart, not enough to write to them."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"
