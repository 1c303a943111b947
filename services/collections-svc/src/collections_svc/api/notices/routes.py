"""Dunning notices, as the runs made them and the sender left them."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanReadCollections
from collections_svc.api.notices.schemas import (
    DroppedOut,
    NoticedInvoiceOut,
    NoticeOut,
    NoticePage,
)
from collections_svc.domain.notice import Notice, NoticeStatus
from collections_svc.use_cases.look_up_notices import notice_by_id, page_of_notices
from ledgerflow_events.money import format_minor
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1/notices", tags=["notices"])
IdFilter = Annotated[str | None, Query(min_length=1, max_length=64)]


def notice_out(notice: Notice) -> NoticeOut:
    return NoticeOut(
        id=notice.id,
        run_id=notice.run_id,
        customer_id=notice.customer_id,
        channel=notice.channel,
        level=notice.level,
        status=notice.status,
        invoices=[
            NoticedInvoiceOut(
                invoice_id=line.invoice_id,
                number=line.number,
                level=line.level,
                open_amount=format_minor(line.open_amount, line.currency),
                days_past_due=line.days_past_due,
            )
            for line in notice.invoices
        ],
        dropped=[DroppedOut(invoice_id=d.invoice_id, reason=d.reason) for d in notice.dropped],
        message_id=notice.message_id,
        recipients_masked=list(notice.recipients_masked),
        suppressed_reason=notice.suppressed_reason,
    )


@router.get("", response_model=NoticePage, summary="Dunning notices, oldest first")
async def get_notices(
    session: DbSession,
    _: CanReadCollections,
    customer_id: IdFilter = None,
    run_id: IdFilter = None,
    status: NoticeStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> NoticePage:
    notices = await page_of_notices(
        CollectionsUnitOfWork(session),
        customer_id=customer_id,
        run_id=run_id,
        status=status,
        after=decode_cursor(cursor),
        limit=limit,
    )
    return NoticePage(
        items=[notice_out(n) for n in notices],
        next_cursor=next_cursor([n.id for n in notices], limit),
    )


@router.get("/{notice_id}", response_model=NoticeOut, summary="One dunning notice")
async def get_notice(
    notice_id: Annotated[str, Path(max_length=64)], session: DbSession, _: CanReadCollections
) -> NoticeOut:
    return notice_out(await notice_by_id(CollectionsUnitOfWork(session), notice_id))
