"""Import a bank statement file; the same file, or the same lines, imported again add nothing."""

import hashlib
from datetime import datetime

from uuid6 import uuid7

from ledger_svc.adapters.bank_reconciliation.bank_statement_parsers import parse_bank_statement
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.bank_reconciliation.bank_accounts import AccountFingerprints
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    MAX_BANK_STATEMENT_BYTES,
    BankStatement,
    BankStatementFileTooLarge,
    StatementFormat,
    bank_line,
    line_keys,
)


async def import_bank_statement(
    uow: LedgerUnitOfWork,
    *,
    content: bytes,
    statement_format: StatementFormat | None,
    filename: str | None,
    account: str | None,
    imported_by: str,
    imported_at: datetime,
    fingerprints: AccountFingerprints,
) -> tuple[BankStatement, bool]:
    """The statement and whether this call imported it (False: the file was known already).

    `account` names our bank account for a file that does not (CSV); it is part of each
    line's natural key. A malformed file raises MalformedBankStatement before anything is written.
    """
    if len(content) > MAX_BANK_STATEMENT_BYTES:
        raise BankStatementFileTooLarge()
    digest = hashlib.sha256(content).hexdigest()
    if (known := await uow.bank_statements.by_file(digest)) is not None:
        return known, False
    parsed = parse_bank_statement(content, statement_format)
    our_account = parsed.account or account
    period_from, period_to = parsed.period
    statement = BankStatement(
        id=str(uuid7()),
        statement_format=parsed.statement_format,
        file_sha256=digest,
        filename=filename,
        account=our_account,
        currency=parsed.currency,
        bank_statement_id=parsed.bank_statement_id,
        period_from=period_from,
        period_to=period_to,
        opening_balance=parsed.opening.amount if parsed.opening else None,
        closing_balance=parsed.closing.amount if parsed.closing else None,
        imported_at=imported_at,
        lines_already_imported=0,
        lines=tuple(
            bank_line(str(uuid7()), n, e, fingerprints) for n, e in enumerate(parsed.entries)
        ),
    )
    keys = line_keys(our_account, parsed.entries)
    added = await uow.bank_statements.add(statement, keys, imported_by)
    if added is None:
        # The same file was imported concurrently and committed first: return that import.
        concurrent = await uow.bank_statements.by_file(digest)
        assert concurrent is not None, "statements are never deleted"
        return concurrent, False
    return added, True
