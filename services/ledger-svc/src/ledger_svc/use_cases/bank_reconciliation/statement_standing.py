"""Whether a bank statement is fully reconciled, or each line left open says why: what an
accounting period's close asks of every statement dated in it."""

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.bank_reconciliation.bank_statement import BankStatementNotFound
from ledger_svc.domain.bank_reconciliation.reconciliation import (
    StatementStanding,
    statement_standing,
)


async def standing_of(uow: LedgerUnitOfWork, statement_id: str) -> StatementStanding:
    statement = await uow.bank_statements.get(statement_id)
    if statement is None:
        raise BankStatementNotFound(statement_id)
    positions = {line.id: line.position for line in statement.lines}
    latest = await uow.reconciliations.latest_of(statement_id)
    outcomes = {o.line_id: o for o in latest.outcomes} if latest is not None else {}
    by_hand = await uow.reconciliations.matched_by_hand(list(positions)) if positions else set()
    return statement_standing(statement_id, positions, outcomes, by_hand)
