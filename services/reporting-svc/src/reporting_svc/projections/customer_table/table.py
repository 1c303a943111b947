"""The finance customer table: customer-svc's lines (customer, contact, project, notes, as the
reader may see them) beside reporting's figures per contract. Pure rules, no I/O."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from reporting_svc.adapters.tables_contracts import ContractRow
from reporting_svc.projections.customer_table.figures import ContractFigures

# A spreadsheet runs a cell starting with one of these as a formula; customer-svc's export
# quotes such cells with an apostrophe, which is taken off here and put back on export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TableRow:
    """One line of the table; contract figures are None on a line without a contract."""

    customer: str
    customer_code: str | None
    contact: str | None
    phone: str | None
    email: str | None
    project: str | None
    contract_number: str | None
    contract_date: date | None
    currency: str | None
    contract_total: int | None
    invoiced: int | None
    paid: int | None
    unpaid: int | None
    open: int | None
    payment_cycle: str | None
    notes: str | None


def unquoted(cell: str | None) -> str | None:
    if not cell:
        return None
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _date(cell: str | None) -> date | None:
    return date.fromisoformat(cell) if cell else None


def table_rows(
    lines: Sequence[Mapping[str, str]],
    contracts: Mapping[str, ContractRow],
    figures: Mapping[str, ContractFigures],
) -> list[TableRow]:
    """The contract's own terms come from its latest announced version; the people and notes
    from the line as customer-svc showed it to the reader."""
    rows = []
    for line in lines:
        cell = {k: unquoted(v) for k, v in line.items()}
        number = cell.get("contract_number")
        contract = contracts.get(number) if number else None
        if contract is None:
            project, signed, currency = cell.get("project"), _date(cell.get("contract_date")), None
            total = invoiced = paid = unpaid = still_open = None
            cycle = cell.get("payment_cycle")
        else:
            got = figures.get(contract.contract_id, ContractFigures())
            project, signed, currency = contract.project, contract.signed_on, contract.currency
            total, invoiced, paid = contract.total_minor, got.invoiced, got.paid
            unpaid, still_open = got.unpaid(contract.total_minor), got.open
            cycle = contract.payment_cycle or cell.get("payment_cycle")
        row = TableRow(
            cell.get("customer") or "", cell.get("customer_code"), cell.get("contact"),
            cell.get("phone"), cell.get("email"), project, number, signed, currency,
            total, invoiced, paid, unpaid, still_open, cycle, cell.get("notes"),
        )  # fmt: skip
        rows.append(row)
    return rows
