"""From checked rows to what the cut-over posts: per row an opening invoice for what was
invoiced and a payment for what of it was paid, both dated on the cut-over date. All or
nothing: any row in error and the whole file is refused with every error listed.

1. The customer is named by its code; the ledger knows it from customer-svc's events.
2. A contract, if named, is one of that customer's signed contracts, by its number.
3. The currency, if given, is the account's; amounts are at its scale.
4. 0 <= paid <= invoiced; a row with nothing invoiced posts nothing.
5. A customer (and contract) takes its opening balance once: a second is refused.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.amounts import parse_amount
from ledger_svc.domain.contracts import CustomerContract
from ledger_svc.domain.invoicing.invoice_import import ErrorReport, InvoiceImportRejected
from ledger_svc.domain.opening_balances.rows import OpeningRow
from ledgerflow_platform.errors import DomainError

OPENING_SERIES = "OB"


class OpeningBalancesRejected(InvoiceImportRejected):
    """A file of opening balances with errors: nothing of it was posted."""


@dataclass(frozen=True)
class OpeningBalance:
    """One row's balance, checked: what the cut-over posts for it."""

    row: int
    account: CustomerAccount
    contract: CustomerContract | None
    invoiced: int
    paid: int
    due_date: date
    cutover_date: date


def _contract(
    report: ErrorReport,
    row: OpeningRow,
    contracts: Sequence[CustomerContract],
) -> CustomerContract | None:
    if row.contract_number is None:
        return None
    for contract in contracts:
        if contract.number == row.contract_number:
            return contract
    report.add(
        row.row,
        "contract_number",
        f"Customer {row.customer_code} has no signed contract {row.contract_number}.",
    )
    return None


def _amounts(report: ErrorReport, row: OpeningRow, currency: str) -> tuple[int, int] | None:
    try:
        invoiced = parse_amount(row.invoiced, currency, field="invoiced", allow_zero=True)
    except DomainError as exc:
        report.add(row.row, "invoiced", exc.message)
        return None
    try:
        paid = parse_amount(row.paid, currency, field="paid", allow_zero=True)
    except DomainError as exc:
        report.add(row.row, "paid", exc.message)
        return None
    if paid > invoiced:
        report.add(row.row, "paid", f"paid {row.paid} is more than invoiced {row.invoiced}.")
        return None
    return invoiced, paid


def plan_opening_balances(
    report: ErrorReport,
    rows: Sequence[OpeningRow],
    *,
    accounts: Mapping[str, CustomerAccount],
    contracts: Mapping[str, Sequence[CustomerContract]],
    taken: set[tuple[str, str | None]],
    cutover_date: date,
) -> list[OpeningBalance]:
    """The balances to post; raises OpeningBalancesRejected if any row is wrong.
    `accounts` by customer code, `contracts` by customer id, `taken`: the (customer id,
    contract id) pairs that already have an opening balance."""
    planned: list[OpeningBalance] = []
    seen: dict[tuple[str, str | None], int] = {}
    for row in rows:
        account = accounts.get(row.customer_code)
        if account is None:
            report.add(row.row, "customer_code", f"No customer is filed as {row.customer_code}.")
            continue
        if row.currency is not None and row.currency != account.currency:
            report.add(
                row.row, "currency", f"The customer's account is kept in {account.currency}."
            )
            continue
        contract = _contract(report, row, contracts.get(account.customer_id, ()))
        amounts = _amounts(report, row, account.currency)
        if amounts is None or row.row in report.rows:
            continue
        key = (account.customer_id, contract.contract_id if contract else None)
        what = f"{row.customer_code}" + (f", contract {contract.number}" if contract else "")
        if key in taken:
            report.add(row.row, "customer_code", f"{what} already has an opening balance.")
            continue
        if key in seen:
            report.add(row.row, "customer_code", f"{what} is on row {seen[key]} already.")
            continue
        seen[key] = row.row
        planned.append(
            OpeningBalance(
                row.row,
                account,
                contract,
                *amounts,
                due_date=row.due_date or cutover_date,
                cutover_date=cutover_date,
            )
        )
    report.reject_if_any(OpeningBalancesRejected)
    return planned
