"""Find collection cases: one by id, or a page of them by customer and status."""

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.case import CaseNotFound, CaseStatus, CollectionCase


async def case_by_id(uow: CollectionsUnitOfWork, case_id: str) -> CollectionCase:
    case = await uow.cases.get(case_id)
    if case is None:
        raise CaseNotFound(case_id)
    return case


async def page_of_cases(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str | None,
    status: CaseStatus | None,
    after: str | None,
    limit: int,
    collector: str | None = None,
) -> list[CollectionCase]:
    return await uow.cases.page(
        customer_id=customer_id, status=status, after=after, limit=limit, collector=collector
    )
