"""Where customer files are kept, searched and locked against concurrent duplicates."""

from collections.abc import Collection
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from customer_svc.adapters.tables.customers import CustomerRow
from customer_svc.domain.customers.customer import Customer
from customer_svc.domain.customers.lifecycle import CustomerStatus
from customer_svc.domain.customers.names import NameHolder, legal_name_key
from customer_svc.domain.customers.places import Address
from customer_svc.domain.personal_data import Sealed

MAX_PARENT_DEPTH = 64


@dataclass(frozen=True)
class CustomerSearch:
    """What a list of customers is narrowed to; `tax_id_indexes` are blind indexes of `q`."""

    q: str | None = None
    tax_id_indexes: Collection[str] = ()
    segment: str | None = None
    region: str | None = None
    industry: str | None = None
    status: str | None = None


def _address(raw: dict[str, Any] | None) -> Address | None:
    if raw is None:
        return None
    return Address(tuple(raw["lines"]), raw["city"], raw.get("postal_code"), raw["country"])


def _json(address: Address | None) -> dict[str, Any] | None:
    return None if address is None else {**asdict(address), "lines": list(address.lines)}


def _to_domain(row: CustomerRow) -> Customer:
    tax_id = Sealed(row.tax_id_sealed, row.tax_id_index) if row.tax_id_sealed else None
    return Customer(
        row.id,
        row.name,
        row.currency,
        row.payment_terms_days,
        row.registered_at,
        code=row.code,
        status=CustomerStatus(row.status),
        country=row.country,
        tax_id=tax_id,
        industry=row.industry,
        region=row.region,
        billing_address=_address(row.billing_address),
        shipping_address=_address(row.shipping_address),
        segments=tuple(row.segments),
        parent_id=row.parent_id,
        version=row.version,
        updated_at=row.updated_at,
    )


def _columns(customer: Customer) -> dict[str, Any]:
    return {
        "name": customer.name,
        "currency": customer.currency,
        "payment_terms_days": customer.payment_terms_days,
        "code": customer.code,
        "status": customer.status.value,
        "country": customer.country,
        "tax_id_sealed": customer.tax_id.token if customer.tax_id else None,
        "tax_id_index": customer.tax_id.index if customer.tax_id else None,
        "industry": customer.industry,
        "region": customer.region,
        "billing_address": _json(customer.billing_address),
        "shipping_address": _json(customer.shipping_address),
        "segments": list(customer.segments),
        "parent_id": customer.parent_id,
        "version": customer.version,
        "updated_at": customer.updated_at or customer.registered_at,
        "legal_name_key": legal_name_key(customer.name),
    }


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters(search: CustomerSearch) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if search.q:
        matches = [
            col(CustomerRow.name).ilike(_like(search.q), escape="\\"),
            col(CustomerRow.code) == search.q.strip().upper(),
        ]
        if search.tax_id_indexes:
            matches.append(col(CustomerRow.tax_id_index).in_(list(search.tax_id_indexes)))
        found.append(or_(*matches))
    if search.segment:
        found.append(col(CustomerRow.segments).contains([search.segment.lower()]))
    if search.region:
        found.append(func.lower(CustomerRow.region) == search.region.lower())
    if search.industry:
        found.append(func.lower(CustomerRow.industry) == search.industry.lower())
    if search.status:
        found.append(col(CustomerRow.status) == search.status)
    return found


class CustomerRepository:
    """The customer files we keep."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, customer: Customer) -> None:
        self._session.add(
            CustomerRow(id=customer.id, registered_at=customer.registered_at, **_columns(customer))
        )

    async def get(self, customer_id: str) -> Customer | None:
        row = await self._session.get(CustomerRow, customer_id)
        return _to_domain(row) if row else None

    async def save(self, customer: Customer) -> None:
        row = await self._session.get(CustomerRow, customer.id)
        assert row is not None, "only customers read in this transaction are saved"
        for name, value in _columns(customer).items():
            setattr(row, name, value)

    async def page(
        self, *, after: str | None, limit: int, search: CustomerSearch | None = None
    ) -> list[Customer]:
        query = select(CustomerRow).order_by(col(CustomerRow.id)).limit(limit)
        if after is not None:
            query = query.where(col(CustomerRow.id) > after)
        query = query.where(*_filters(search or CustomerSearch()))
        rows = (await self._session.execute(query)).scalars().all()
        return [_to_domain(r) for r in rows]

    async def holder_of_code(self, code: str) -> str | None:
        query = select(col(CustomerRow.id)).where(col(CustomerRow.code) == code)
        return (await self._session.execute(query)).scalar_one_or_none()

    async def holder_of_tax_id(self, country: str, index: str) -> str | None:
        query = select(col(CustomerRow.id)).where(
            col(CustomerRow.country) == country, col(CustomerRow.tax_id_index) == index
        )
        return (await self._session.execute(query)).scalar_one_or_none()

    async def holders_of_name(self, key: str) -> list[NameHolder]:
        """Customers on file under this legal name key, oldest first."""
        query = (
            select(col(CustomerRow.id), col(CustomerRow.tax_id_index))
            .where(col(CustomerRow.legal_name_key) == key)
            .order_by(col(CustomerRow.id))
        )
        rows = (await self._session.execute(query)).all()
        return [NameHolder(customer_id, index) for customer_id, index in rows]

    async def claim(self, kind: str, value: str) -> None:
        """Serialise writers of one unique value until commit: two cannot both pass a check."""
        key = f"customer-{kind}:{value}"
        await self._session.execute(select(func.pg_advisory_xact_lock(func.hashtext(key))))

    async def ancestors(self, customer_id: str) -> list[str]:
        """The customer's parent, the parent's parent, ... nearest first."""
        chain = text(
            "WITH RECURSIVE up(id, depth) AS ("
            " SELECT parent_id, 1 FROM customers WHERE id = :id AND parent_id IS NOT NULL"
            " UNION ALL SELECT c.parent_id, up.depth + 1 FROM customers c JOIN up ON c.id = up.id"
            " WHERE c.parent_id IS NOT NULL AND up.depth < :depth)"
            " SELECT id FROM up ORDER BY depth"
        )
        rows = await self._session.execute(chain, {"id": customer_id, "depth": MAX_PARENT_DEPTH})
        return [r[0] for r in rows]

    async def next_code(self) -> str:
        # A hand-given code may already hold the next number: skip over it.
        while True:
            number = (
                await self._session.execute(text("SELECT nextval('customer_code_seq')"))
            ).scalar_one()
            code = f"C{number:06d}"
            await self.claim("code", code)
            if await self.holder_of_code(code) is None:
                return code
