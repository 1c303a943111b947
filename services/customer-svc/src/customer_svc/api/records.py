"""Route bodies the records kept on a customer file (contacts, bank accounts) share."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Protocol, TypeVar

from fastapi import Response
from sqlalchemy.ext.asyncio import AsyncSession

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.personal_data import Reader
from ledgerflow_platform.web.pagination import decode_cursor, next_cursor

View = TypeVar("View")
View_co = TypeVar("View_co", covariant=True)
Out = TypeVar("Out")


class ListsRecords(Protocol[View]):
    """A use case that reads one page of a customer's records, disclosed to one reader."""

    def __call__(
        self,
        uow: CustomerUnitOfWork,
        vault: PersonalDataVault,
        reader: Reader,
        customer_id: str,
        /,
        *,
        after: str | None,
        limit: int,
        now: datetime,
    ) -> Awaitable[list[View]]: ...


class ReadsRecord(Protocol[View_co]):
    """A use case that reads one of a customer's records, disclosed to one reader."""

    def __call__(
        self,
        uow: CustomerUnitOfWork,
        vault: PersonalDataVault,
        reader: Reader,
        customer_id: str,
        record_id: str,
        /,
        *,
        now: datetime,
    ) -> Awaitable[View_co]: ...


class RemovesRecord(Protocol):
    """A use case that removes one of a customer's records."""

    def __call__(
        self, uow: CustomerUnitOfWork, customer_id: str, record_id: str, /, *, now: datetime
    ) -> Awaitable[None]: ...


async def disclosed_page(
    read: ListsRecords[View],
    render: Callable[[View], Out],
    record_id: Callable[[View], str],
    session: AsyncSession,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    *,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> tuple[list[Out], str | None]:
    """The page's items and the cursor to the next; commits the access log of clear reads."""
    uow = CustomerUnitOfWork(session)
    views = await read(
        uow, vault, reader, customer_id, after=decode_cursor(cursor), limit=limit, now=now
    )
    await uow.commit()
    return [render(v) for v in views], next_cursor([record_id(v) for v in views], limit)


async def disclosed_record(
    read: ReadsRecord[View],
    session: AsyncSession,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    record_id: str,
    *,
    now: datetime,
) -> View:
    """One record; commits the access log of clear reads."""
    uow = CustomerUnitOfWork(session)
    view = await read(uow, vault, reader, customer_id, record_id, now=now)
    await uow.commit()
    return view


async def removed(
    remove: RemovesRecord,
    session: AsyncSession,
    customer_id: str,
    record_id: str,
    *,
    now: datetime,
) -> Response:
    uow = CustomerUnitOfWork(session)
    await remove(uow, customer_id, record_id, now=now)
    await uow.commit()
    return Response(status_code=204)
