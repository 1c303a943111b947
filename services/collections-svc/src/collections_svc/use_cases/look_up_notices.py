"""Find dunning notices: one by id, or a page of them by customer, run and status."""

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.notice import Notice, NoticeNotFound, NoticeStatus


async def notice_by_id(uow: CollectionsUnitOfWork, notice_id: str) -> Notice:
    notice = await uow.notices.get(notice_id)
    if notice is None:
        raise NoticeNotFound(notice_id)
    return notice


async def page_of_notices(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str | None,
    run_id: str | None,
    status: NoticeStatus | None,
    after: str | None,
    limit: int,
) -> list[Notice]:
    return await uow.notices.page(
        customer_id=customer_id, run_id=run_id, status=status, after=after, limit=limit
    )
