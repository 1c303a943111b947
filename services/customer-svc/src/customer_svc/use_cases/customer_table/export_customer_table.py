"""Export the finance customer table: personal values clear or masked by role, reads logged."""

import asyncio
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from customer_svc.adapters.customer_table.reads import CustomerTableReads
from customer_svc.adapters.customer_table.spreadsheets import XLSX_MEDIA_TYPE, write_csv, write_xlsx
from customer_svc.adapters.customers import CustomerSearch
from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.contacts import ContactRole
from customer_svc.domain.customer_table.export import CellValue, ContactCells, customer_lines
from customer_svc.domain.customer_table.table import EXPORTED_COLUMNS
from customer_svc.domain.personal_data import Reader
from customer_svc.use_cases.personal_data.disclosure import Disclosures

PAGE = 1000


class TableFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class ExportedTable:
    """A table file ready to download."""

    content: bytes
    media_type: str
    filename: str


async def _lines(
    uow: CustomerUnitOfWork, shown: Disclosures, search: CustomerSearch
) -> list[dict[str, CellValue]]:
    reads = CustomerTableReads(uow.session)
    lines: list[dict[str, CellValue]] = []
    after = None
    while customers := await uow.customers.page(after=after, limit=PAGE, search=search):
        ids = [c.id for c in customers]
        contacts, contracts = await reads.contacts_of(ids), await reads.contracts_of(ids)
        for customer in customers:
            views = [shown.contact(c) for c in contacts.get(customer.id, [])]
            cells = [
                ContactCells(v.name, v.phone, v.email, ContactRole.PRIMARY in v.contact.roles)
                for v in views
            ]
            tax_id = shown.customer(customer).tax_id
            lines += customer_lines(customer, tax_id, cells, contracts.get(customer.id, []))
        after = customers[-1].id
    return lines


async def export_customer_table(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    *,
    table_format: TableFormat,
    status: str | None,
    segment: str | None,
    now: datetime,
) -> ExportedTable:
    shown = Disclosures(vault, reader)
    lines = await _lines(uow, shown, CustomerSearch(status=status, segment=segment))
    shown.record(uow, now)
    name = f"customers-{now:%Y%m%d}.{table_format.value}"
    if table_format is TableFormat.XLSX:
        content = await asyncio.to_thread(write_xlsx, EXPORTED_COLUMNS, lines, title="Customers")
        return ExportedTable(content, XLSX_MEDIA_TYPE, name)
    content = await asyncio.to_thread(write_csv, EXPORTED_COLUMNS, lines)
    return ExportedTable(content, "text/csv; charset=utf-8", name)
