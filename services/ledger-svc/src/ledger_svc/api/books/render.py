"""The books as the API shows them."""

from ledger_svc.api.books.schemas import BalanceOut, JournalEntryOut, JournalLineOut
from ledger_svc.domain.account import Balance
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.books.integrity import Violation
from ledger_svc.domain.books.journal import PostedEntry


def entry_out(posted: PostedEntry) -> JournalEntryOut:
    entry = posted.entry
    return JournalEntryOut(
        id=posted.id,
        business_date=entry.business_date,
        source_type=entry.source_type,
        source_id=entry.source_id,
        memo=entry.memo,
        reverses_entry_id=entry.reverses_entry_id,
        reversed_by_entry_id=posted.reversed_by_entry_id,
        created_at=posted.created_at,
        lines=[
            JournalLineOut(
                account=line.account,
                customer_id=line.customer_id,
                invoice_id=line.invoice_id,
                currency=line.currency,
                debit=format_amount(line.debit, line.currency),
                credit=format_amount(line.credit, line.currency),
            )
            for line in entry.lines
        ],
    )


def violation_out(violation: Violation) -> dict[str, str]:
    currency = violation.currency
    amounts = {
        name: format_amount(minor, currency) if currency else str(minor)
        for name, minor in violation.amounts.items()
    }
    return {**violation.about, **({"currency": currency} if currency else {}), **amounts}


def balance_out(balance: Balance) -> BalanceOut:
    def money(minor: int) -> str:
        return format_amount(minor, balance.currency)

    return BalanceOut(
        customer_id=balance.customer_id,
        currency=balance.currency,
        open_amount=money(balance.open_amount),
        overdue_amount=money(balance.overdue_amount),
        credit_amount=money(balance.credit_amount),
    )
