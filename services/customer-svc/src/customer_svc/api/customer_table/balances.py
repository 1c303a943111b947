"""Handing a filed table's paid and unpaid amounts to the ledger as opening balances, so a
team moves off its spreadsheet in one step. The table is filed (and committed) first: the
ledger asks customer-svc about customers its events have not brought yet."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from customer_svc.adapters.ledger import LedgerService
from customer_svc.api.customer_table.schemas import OpeningBalancesOut
from customer_svc.use_cases.customer_table.import_customer_table import (
    ContractBalanceLine,
    opening_balances_csv,
)
from ledgerflow_platform.web.problems import VALIDATION, Problem, ProblemType

BALANCES_REFUSED = ProblemType(
    502, "opening-balances-refused", "The table was filed; the ledger refused its balances"
)
NO_LEDGER = ProblemType(503, "ledger-not-configured", "No ledger to hand the balances to")


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


async def hand_over_balances(
    handover: Handover, balances: Sequence[ContractBalanceLine]
) -> OpeningBalancesOut:
    if not balances:
        return OpeningBalancesOut(rows=0, invoices_created=0, payments_created=0)
    status, answer = await handover.ledger.bring_in_opening_balances(
        opening_balances_csv(balances), cutover_date=handover.cutover_date
    )
    if status != 201:
        raise Problem(
            BALANCES_REFUSED,
            "The customers and contracts were filed, but the ledger refused the opening "
            "balances; correct them and POST them to the ledger's /v1/opening-balances.",
            members={"ledger": _problem(answer)},
        )
    return OpeningBalancesOut.model_validate(answer)


def _problem(answer: Any) -> Any:
    return answer if isinstance(answer, dict) else {"detail": str(answer)}
