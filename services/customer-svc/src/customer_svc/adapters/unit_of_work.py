"""customer-svc's unit of work and repository."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from customer_svc.adapters.tables import CustomerRow, outbox
from customer_svc.domain.customer import Customer
from ledgerflow_platform.unit_of_work import UnitOfWork


def _to_domain(row: CustomerRow) -> Customer:
    return Customer(row.id, row.name, row.currency, row.payment_terms_days, row.registered_at)


class CustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, customer: Customer) -> None:
        self._session.add(
            CustomerRow(
                id=customer.id,
                name=customer.name,
                currency=customer.currency,
                payment_terms_days=customer.payment_terms_days,
                registered_at=customer.registered_at,
            )
        )

    async def get(self, customer_id: str) -> Customer | None:
        row = await self._session.get(CustomerRow, customer_id)
        return _to_domain(row) if row else None

    async def page(self, *, after: str | None, limit: int) -> list[Customer]:
        query = select(CustomerRow).order_by(CustomerRow.id).limit(limit)
        if after is not None:
            query = query.where(CustomerRow.id > after)  # type: ignore[arg-type]
        rows = (await self._session.execute(query)).scalars().all()
        return [_to_domain(r) for r in rows]


class CustomerUnitOfWork(UnitOfWork):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, outbox)
        self.customers = CustomerRepository(session)
