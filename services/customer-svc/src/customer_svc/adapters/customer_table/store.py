"""Filing a whole customer table at once: clashes looked up in batches, rows inserted in bulk.

One statement per table, whatever the number of rows: an import of ten thousand customers must
not cost ten thousand round trips.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from asyncpg.exceptions import IntegrityConstraintViolationError
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from customer_svc.adapters.customer_table.rows import (
    contact_row,
    contract_rows,
    customer_row,
)
from customer_svc.adapters.tables.base import outbox
from customer_svc.domain.contacts import Contact
from customer_svc.domain.contracts.contract import Contract
from customer_svc.domain.customer_table.table import TableConflictsWithFile
from customer_svc.domain.customers.customer import Customer
from customer_svc.domain.customers.names import NameHolder
from ledgerflow_events.contracts.base import EventData
from ledgerflow_platform.database import driver_connection

IMPORT_LOCK = "customer-table-import"


@dataclass(frozen=True)
class FiledCustomer:
    """A new customer with everything the table files for it, and the events that announce it."""

    customer: Customer
    contacts: Sequence[Contact]
    contracts: Sequence[Contract]
    events: Sequence[EventData]


class CustomerTableStore:
    """Looks up what a table would clash with, and files it in one go."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def take_turn(self) -> None:
        """Imports run one at a time, so each checks its clashes against the others' commits."""
        lock = func.pg_advisory_xact_lock(func.hashtext(IMPORT_LOCK))
        await self._session.execute(select(lock))

    async def _pairs(self, sql: str, values: Collection[str]) -> dict[str, str]:
        if not values:
            return {}
        rows = await self._session.execute(text(sql), {"values": list(values)})
        return {key: holder for key, holder in rows}

    async def holders_of_codes(self, codes: Collection[str]) -> dict[str, str]:
        return await self._pairs("SELECT code, id FROM customers WHERE code = ANY(:values)", codes)

    async def holders_of_names(self, name_keys: Collection[str]) -> dict[str, str]:
        """Codes of customers on file by name, compared as people do (case and spacing aside)."""
        return await self._pairs(
            # The expression of the customers_name_key index (migration 0004), so it is used.
            r"SELECT lower(btrim(regexp_replace(name, '\s+', ' ', 'g'))) AS k, min(code)"
            r" FROM customers WHERE lower(btrim(regexp_replace(name, '\s+', ' ', 'g')))"
            r" = ANY(:values) GROUP BY k",
            name_keys,
        )

    async def holders_of_legal_names(self, keys: Collection[str]) -> dict[str, list[NameHolder]]:
        """Customers on file by legal name key (domain/customers/names.py), oldest first."""
        found = await self._session.execute(
            text(
                "SELECT legal_name_key, id, tax_id_index FROM customers"
                " WHERE legal_name_key = ANY(:keys) ORDER BY id"
            ),
            {"keys": list(keys)},
        )
        holders: dict[str, list[NameHolder]] = {}
        for key, customer_id, index in found.all():
            holders.setdefault(key, []).append(NameHolder(customer_id, index))
        return holders

    async def holders_of_tax_ids(self, indexes: Collection[str]) -> dict[str, str]:
        """Customers on file by country and tax-id blind index, keyed `country:index`."""
        return await self._pairs(
            "SELECT country || ':' || tax_id_index, id FROM customers"
            " WHERE tax_id_index = ANY(:values)",
            indexes,
        )

    async def holders_of_numbers(self, numbers: Collection[str]) -> dict[str, str]:
        """Contracts on file by number, keyed in upper case as numbers are compared."""
        return await self._pairs(
            "SELECT upper(number), id FROM contracts WHERE upper(number) = ANY(:values)",
            [n.upper() for n in numbers],
        )

    async def fresh_codes(self, count: int) -> list[str]:
        """Codes from the customer code sequence, skipping any a customer was given by hand."""
        codes: list[str] = []
        while len(codes) < count:
            numbers = await self._session.execute(
                text("SELECT nextval('customer_code_seq') FROM generate_series(1, :n)"),
                {"n": count - len(codes)},
            )
            drawn = [f"C{n:06d}" for n in numbers.scalars()]
            held = await self.holders_of_codes(drawn)
            codes += [code for code in drawn if code not in held]
        return codes

    async def file(self, filed: Sequence[FiledCustomer]) -> None:
        """Streams first (they lock each customer's events), then the records, then the events."""
        contracts = [contract_rows(c) for f in filed for c in f.contracts]
        await outbox.lock_streams(self._session, (f.customer.id for f in filed))
        try:
            await self._copy("customers", [customer_row(f.customer) for f in filed])
            contacts = [contact_row(c) for f in filed for c in f.contacts]
            await self._copy("customer_contacts", contacts)
            await self._copy("contracts", [head for head, _ in contracts])
            await self._copy("contract_versions", [terms for _, terms in contracts])
        except IntegrityConstraintViolationError as exc:
            raise TableConflictsWithFile(
                "A customer, tax id or contract number of the table was filed meanwhile; "
                "upload the table again to see which."
            ) from exc
        await outbox.append_many(self._session, [e for f in filed for e in f.events])

    async def _copy(self, table: str, rows: list[dict[str, Any]]) -> None:
        """COPY in the session's own transaction: the fastest way Postgres takes many rows."""
        if not rows:
            return
        # In the session's transaction: a table is filed all at once or not at all.
        driver = await driver_connection(self._session)
        records = [tuple(row.values()) for row in rows]
        await driver.copy_records_to_table(table, records=records, columns=list(rows[0]))
