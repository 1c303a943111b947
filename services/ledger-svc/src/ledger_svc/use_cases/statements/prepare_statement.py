"""Prepare a customer's statement of account for a period, from the journal."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerAccountNotFound
from ledger_svc.domain.statements.statement import (
    Statement,
    age,
    check_period,
    with_running_balance,
)


async def prepare_statement(
    uow: LedgerUnitOfWork, *, customer_id: str, date_from: date, date_to: date
) -> Statement:
    check_period(date_from, date_to)
    queries = uow.statements
    # Opening, movements and aging must come from the same books, or they would not add up.
    await queries.take_snapshot()
    account = await uow.accounts.get(customer_id)
    if account is None:
        raise CustomerAccountNotFound(customer_id)
    currency = account.currency
    opening = await queries.balance_before(customer_id, currency, date_from)
    movements = await queries.movements(customer_id, currency, date_from, date_to)
    open_items = await queries.open_items_on(customer_id, currency, date_to)
    credit = await queries.credit_held_on(customer_id, currency, date_to)
    return Statement(
        customer_id=customer_id,
        currency=currency,
        date_from=date_from,
        date_to=date_to,
        opening_balance=opening,
        movements=with_running_balance(opening, movements),
        aging=age(open_items, credit, as_of=date_to),
    )
