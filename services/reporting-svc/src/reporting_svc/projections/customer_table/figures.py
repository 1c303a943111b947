"""The finance customer table's figures per contract at a date. Pure rules, no I/O.

Invoiced: totals of the contract's invoices issued on or before as_of and not voided by then.
Paid: what was allocated to those invoices up to as_of — payments and applied customer credit
with the early-payment discounts they earned, less reversed payments. Unpaid: the contract
total less paid. Open: what is still owed on those invoices at as_of, never below zero per
invoice (credit notes and write-offs lower it, but are not paid).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The invoice adjustments that are allocations of money or credit, not of goodwill.
PAID_KINDS = frozenset({"credit_application", "discount", "reversal"})


@dataclass(frozen=True)
class ContractInvoice:
    """One of a contract's invoices at the date: its total and its settlements by kind."""

    contract_id: str
    total: int
    payments: int
    adjustments: Mapping[str, int]


@dataclass(frozen=True)
class ContractFigures:
    invoiced: int = 0
    paid: int = 0
    open: int = 0

    def unpaid(self, contract_total: int) -> int:
        return contract_total - self.paid


def contract_figures(invoices: Iterable[ContractInvoice]) -> dict[str, ContractFigures]:
    out: dict[str, ContractFigures] = {}
    for invoice in invoices:
        paid = invoice.payments + sum(
            amount for kind, amount in invoice.adjustments.items() if kind in PAID_KINDS
        )
        owed = invoice.total - invoice.payments - sum(invoice.adjustments.values())
        before = out.get(invoice.contract_id, ContractFigures())
        out[invoice.contract_id] = ContractFigures(
            before.invoiced + invoice.total, before.paid + paid, before.open + max(0, owed)
        )
    return out
