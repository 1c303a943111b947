"""The invariants that prove the books are right, and where they fail.

1. entries_balance: every journal entry's debits equal its credits, in each currency.
2. invoice_open_amounts: for every invoice,
       open = total - allocations - other receivable credits (credit notes, write-offs, ...)
   with the void taking the whole total; open >= 0; the invoice's stored open amount, the
   journal's receivable balance for it, and the formula all agree; its issue entry billed
   exactly its total and its payment postings exactly its allocations. New kinds of
   documents only have to post to the receivable with the invoice_id to be counted.
3. customer_balances: for every customer, the receivable in the journal equals the sum of
   their open items, and the customer credit in the journal equals the credit we hold; so
   their balance, open items minus credit, is the journal's receivable minus credit. Credit
   held is what payments' surpluses and on-account credit notes still hold.
4. refunds_payable: for every customer, the journal's refunds payable equals the refunds
   requested and not yet paid or cancelled, and every refund not cancelled drew exactly its
   amount from the customer's credit.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Violation:
    """Where an invariant fails: what it concerns, and the amounts that disagree."""

    about: Mapping[str, str]
    currency: str | None
    amounts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class IntegrityCheck:
    """One invariant of the books, checked over all of them; shows its first violations."""

    name: str
    violations: tuple[Violation, ...]
    violation_count: int

    @property
    def ok(self) -> bool:
        return self.violation_count == 0


@dataclass(frozen=True)
class IntegrityReport:
    """Every invariant, checked against one consistent snapshot of the ledger."""

    checks: tuple[IntegrityCheck, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)
