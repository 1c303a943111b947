"""Keep a customer's account in step with its file in customer-svc: the terms new invoices
are due on, the account's currency, the code opening balances name it by, and whether it may
be invoiced at all."""

from typing import Any

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork

# The fields of the customer's file the ledger keeps, by the names customer-svc gives them.
KEPT_FIELDS = ("payment_terms_days", "currency", "code")


async def revise_customer_account(
    uow: LedgerUnitOfWork, *, customer_id: str, changes: dict[str, Any]
) -> bool:
    """Take over the kept fields among `changes`; False if the ledger has no such account
    (the customer's registration has not reached it: the registration will carry them)."""
    kept = {name: value for name, value in changes.items() if name in KEPT_FIELDS}
    # A file's code or terms are never emptied; an emptied value is not taken over.
    return await uow.accounts.revise(
        customer_id, {name: value for name, value in kept.items() if value is not None}
    )


async def change_customer_account_status(
    uow: LedgerUnitOfWork, *, customer_id: str, status: str
) -> bool:
    """Record where the customer's file stands; a suspended or closed one is not invoiced."""
    return await uow.accounts.revise(customer_id, {"status": status})
