"""Handing a table's paid and unpaid amounts to the ledger as opening balances, so a team
moves off its spreadsheet in one step. The hand-off comes before the table is committed, with
the customers being filed (the ledger opens their accounts from it): a refusal leaves the
transaction uncommitted, so neither service keeps anything of the import."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from customer_svc.adapters.ledger import LedgerService
from customer_svc.api.customer_table.schemas import OpeningBalancesOut
from customer_svc.use_cases.customer_table.import_customer_table import (
    ContractBalanceLine,
    ImportedTable,
    opening_balances_csv,
)
from ledgerflow_platform.web.problems import VALIDATION, Problem, ProblemType

BALANCES_REFUSED = ProblemType(
    422, "opening-balances-refused", "The ledger refused the balances; nothing was filed"
)
NO_LEDGER = ProblemType(503, "ledger-not-configured", "No ledger to hand the balances to")
# The table's columns the ledger's columns come from.
TABLE_COLUMNS = {"invoiced": "contract_total", "currency": "contract_currency"}
# The first balance is on row 2 of the file the ledger reads (its header is row 1).
FIRST_LEDGER_ROW = 2


@dataclass(frozen=True)
class Handover:
    ledger: LedgerService
    cutover_date: date


def balances_handover(
    with_balances: bool, cutover_date: date | None, ledger: LedgerService | None
) -> Handover | None:
    """Whether (and where) the balances go, judged before anything is filed."""
    if not with_balances:
        return None
    if cutover_date is None:
        message = "Give the cut-over date of the balances (YYYY-MM-DD)."
        raise Problem(VALIDATION, message, errors=[{"field": "cutover_date", "message": message}])
    if ledger is None:
        raise Problem(NO_LEDGER, "customer-svc has no ledger_url: set it to hand over balances.")
    return Handover(ledger, cutover_date)


async def hand_over_balances(handover: Handover, imported: ImportedTable) -> OpeningBalancesOut:
    """What the ledger posted; its refusal as a problem naming the table's rows."""
    balances = imported.balances
    if not balances:
        return OpeningBalancesOut(rows=0, invoices_created=0, payments_created=0)
    status, answer = await handover.ledger.bring_in_opening_balances(
        opening_balances_csv(balances),
        cutover_date=handover.cutover_date,
        customers=imported.customers,
    )
    if status != 201:
        ledger = answer if isinstance(answer, dict) else {"detail": str(answer)}
        rows, errors = _on_table(ledger, balances)
        raise Problem(
            BALANCES_REFUSED,
            "The ledger refused the opening balances, so nothing of the table was filed: "
            "correct the rows named and import the table again.",
            errors=errors,
            members={"rows": rows, "ledger": ledger},
        )
    return OpeningBalancesOut.model_validate(answer)


def _on_table(
    ledger: dict[str, Any], balances: Sequence[ContractBalanceLine]
) -> tuple[list[int], list[dict[str, str]]]:
    """The table's rows the ledger refused, and its errors on their rows and columns; else
    its refusal as a whole (a cut-over date in a closed month, say)."""
    rows: set[int] = set()
    errors = []
    for error in ledger.get("errors") or ():
        n = error.get("row") if isinstance(error, dict) else None
        if isinstance(n, int) and 0 <= n - FIRST_LEDGER_ROW < len(balances):
            row = balances[n - FIRST_LEDGER_ROW].line
            column = TABLE_COLUMNS.get(error.get("column"), error.get("column"))
            message = str(error.get("message") or "Refused by the ledger.")
            rows.add(row)
            errors.append({"field": f"rows.{row}.{column}", "message": message})
    if not errors:
        detail = str(ledger.get("detail") or "The ledger refused the balances.")
        errors.append({"field": "file", "message": detail})
    return sorted(rows), errors
