"""What a finance customer table files: its customers, their contacts and contracts, validated."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from customer_svc.domain.contacts import ContactDetails
from customer_svc.domain.contracts.contract import Contract
from customer_svc.domain.customer_table.cells import whole_days
from customer_svc.domain.customer_table.headers import read_header
from customer_svc.domain.customer_table.lines import (
    ContractBalance,
    contacts_of,
    contract_balance,
    contract_of,
    is_contract_line,
)
from customer_svc.domain.customer_table.rows import (
    Report,
    TableRow,
    group_by_customer,
    name_key,
    table_rows,
)
from customer_svc.domain.customer_table.table import CellError, CustomerTableRejected, Sheet
from customer_svc.domain.customers.customer import (
    Customer,
    account_currency,
    new_customer,
    payment_terms,
)
from customer_svc.domain.customers.places import country_code
from customer_svc.domain.customers.profile import customer_code
from customer_svc.domain.customers.tax_ids import TaxId, tax_id

T = TypeVar("T")


@dataclass(frozen=True)
class TableDefaults:
    """What customers whose currency or payment-terms cells are empty are filed with."""

    currency: str | None = None
    payment_terms_days: int | None = None


def table_defaults(currency: str | None, payment_terms_days: int | None) -> TableDefaults:
    return TableDefaults(
        account_currency(currency.upper()) if currency else None,
        None if payment_terms_days is None else payment_terms(payment_terms_days),
    )


# How a table says yes in the allow_duplicate_name column.
YES = frozenset({"true", "yes", "y", "1", "x", "是"})


@dataclass(frozen=True)
class PlannedContract:
    """A contract line ready to file; its id, customer and (if none was given) number to come."""

    line: int
    contract: Contract
    # Paid and unpaid as the table gives them; a cut-over hands them to the ledger.
    balance: ContractBalance | None = None


@dataclass(frozen=True)
class PlannedCustomer:
    """A customer of the table ready to file; its id, code (if none given) and sealing to come."""

    line: int
    name_key: str
    customer: Customer
    tax_id: TaxId | None
    tax_id_line: int
    contacts: tuple[ContactDetails, ...]
    contracts: tuple[PlannedContract, ...]
    # The table says this is another company than one of the same legal name on file.
    allow_duplicate_name: bool = False


@dataclass(frozen=True)
class ImportPlan:
    """Everything a table files, or nothing: every row passed."""

    customers: tuple[PlannedCustomer, ...]
    headers: Mapping[str, str]

    def error(self, row: int, column: str, message: str) -> CellError:
        return CellError(row, self.headers.get(column, column), message)


def _agree(
    group: list[TableRow], column: str, rule: Callable[[str], T], report: Report
) -> tuple[T, int] | None:
    """The value the customer's rows give in the column (and its row): they must not differ."""
    found: tuple[T, int] | None = None
    for row in group:
        if not row[column]:
            continue
        value = report.check(row.line, column, rule, row[column])
        if value is None:
            continue
        if found is None:
            found = (value, row.line)
        elif value != found[0]:
            report.add(row.line, column, f"Differs from row {found[1]} for the same customer.")
    return found


def _customer(
    group: list[TableRow], defaults: TableDefaults, report: Report, now: datetime, by: str
) -> PlannedCustomer | None:
    first = group[0]
    errors_before = len(report.errors)
    country = _agree(group, "country", country_code, report)
    number = None
    if country is not None or not any(row["country"] for row in group):
        number = _agree(group, "tax_id", lambda raw: tax_id(country and country[0], raw), report)
    given_currency = _agree(group, "currency", lambda raw: account_currency(raw.upper()), report)
    currency = given_currency[0] if given_currency else defaults.currency
    given_days = _agree(
        group, "payment_terms_days", lambda raw: payment_terms(whole_days(raw, 0)), report
    )
    days = given_days[0] if given_days else defaults.payment_terms_days
    # A wrong cell is reported already; only a customer left without one is told what to give.
    if currency is None and not any(row["currency"] for row in group):
        report.add(first.line, "currency", "Give the customer's currency, or ?currency= for all.")
    if days is None and not any(row["payment_terms_days"] for row in group):
        report.add(
            first.line, "payment_terms_days", "Give the payment terms, or ?payment_terms_days=."
        )
    if currency is None or days is None:
        return None
    customer = replace(
        new_customer("", first["customer"], currency, days, registered_at=now),
        name=" ".join(first["customer"].split()),
        code=next((customer_code(r["customer_code"]) for r in group if r["customer_code"]), ""),
        country=country[0] if country else None,
        updated_at=now,
    )
    contacts = contacts_of(group, customer.country, report)
    contracts = [
        PlannedContract(row.line, contract, contract_balance(row, contract, report))
        for row in group
        if is_contract_line(row)
        and (contract := contract_of(row, customer, report, now, by)) is not None
    ]
    if len(report.errors) > errors_before:
        return None
    return PlannedCustomer(
        line=first.line,
        name_key=name_key(customer.name),
        customer=customer,
        tax_id=number[0] if number else None,
        tax_id_line=number[1] if number else first.line,
        contacts=tuple(contacts),
        contracts=tuple(contracts),
        allow_duplicate_name=any(
            row["allow_duplicate_name"].strip().casefold() in YES for row in group
        ),
    )


def _repeated_in_table(customers: list[PlannedCustomer], report: Report) -> None:
    """A tax id belongs to one customer and a contract number to one contract, table-wide."""
    tax_ids: dict[TaxId, int] = {}
    numbers: dict[str, int] = {}
    for planned in customers:
        if planned.tax_id is not None:
            first = tax_ids.setdefault(planned.tax_id, planned.tax_id_line)
            if first != planned.tax_id_line:
                report.add(planned.tax_id_line, "tax_id", f"Row {first} has this tax id too.")
        for line, contract in ((p.line, p.contract) for p in planned.contracts):
            if contract.number:
                first = numbers.setdefault(contract.number.upper(), line)
                if first != line:
                    report.add(line, "contract_number", f"Row {first} has this number too.")


def plan_import(sheet: Sheet, defaults: TableDefaults, *, now: datetime, by: str) -> ImportPlan:
    """The table's customers, contacts and contracts, once every row passed; else every error."""
    columns, errors = read_header(sheet.header)
    if errors:
        raise CustomerTableRejected(errors)
    headers = {column: sheet.header[position] for position, column in columns.items()}
    report = Report(headers)
    rows = table_rows(sheet, columns, report)
    if not sheet.rows:
        report.add(2, "customer", "The table has no rows below its header.")
    planned = [
        _customer(group, defaults, report, now, by) for group in group_by_customer(rows, report)
    ]
    customers = [p for p in planned if p is not None]
    _repeated_in_table(customers, report)
    if report.errors:
        raise CustomerTableRejected(report.errors)
    return ImportPlan(tuple(customers), headers)
