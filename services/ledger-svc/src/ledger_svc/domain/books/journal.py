"""The double-entry journal and the ledger's chart of accounts.

Chart of accounts (normal balance in brackets):

    receivable          [debit]   what customers owe us; its subledger is kept per customer
                                  (customer_id) and per open item (invoice_id) on every line
    bank                [debit]   cash received into the bank or in hand
    revenue             [credit]  sales, net of line discounts
    tax_payable         [credit]  output tax (VAT, GST) billed to customers, owed to the state
    customer_credit     [credit]  unapplied cash and other credit held for a customer
    late_fee_income     [credit]  late fees charged on overdue invoices
    discounts_allowed   [debit]   early-payment discounts granted at settlement
    bad_debt_expense    [debit]   receivables written off as uncollectable
    refunds_payable     [credit]  customer credit approved for refund, not yet paid out
    opening_balance_equity [credit]  the other side of balances brought in at a cut-over

What each business fact posts (see postings.py; the paths below are under domain/):

    invoice issued      Dr receivable (gross)   Cr revenue (net)   Cr tax_payable (tax)
    invoice voided      the reversal of the issue entry
    payment received    Dr bank (amount)        Cr receivable (each allocation, per invoice)
                                                Cr customer_credit (the surplus)
    credit note         Dr revenue, tax / Cr receivable or credit (adjustments/credit_note.py)
    refund              requested: Dr customer_credit / Cr refunds_payable; paid: Dr
                        refunds_payable / Cr bank (adjustments/refund.py)
    write-off           Dr bad_debt_expense / Cr receivable, on approval (adjustments/write_off.py);
                        with LEDGER_TAX_ADJUSTING=true, Dr bad_debt_expense (net) + Dr
                        tax_payable (the invoice's tax share of it, rounded half-up) / Cr
                        receivable: the output tax never collected is reclaimed
    credit note on a    Dr revenue (net) + Dr tax_payable (tax) / Cr customer_credit: the
      paid invoice      credit is the customer's (adjustments/credit_note.py)
    late fee            Dr receivable (its LF invoice) / Cr late_fee_income
                        (adjustments/late_fee.py)
    notice fee          Dr receivable (its NF invoice) / Cr late_fee_income, filed as a late
                        fee; once per invoice and dunning level (adjustments/notice_fee.py)
    early-payment       Dr discounts_allowed / Cr receivable (per invoice), its own entry beside
      discount          the payment (or credit application) that earned it; with
                        LEDGER_TAX_ADJUSTING=true, Dr discounts_allowed (net) + Dr tax_payable
                        (each invoice's tax share of its discount, split as a write-off is)
                        / Cr receivable (books/postings_discounts.py)
    payment reversed    the reversal of the payment's entry and of its discount entry
    credit applied      Dr customer_credit / Cr receivable (per invoice)
    opening balance     invoice: Dr receivable / Cr opening_balance_equity; what of it was
                        paid: Dr opening_balance_equity / Cr receivable (postings_opening.py)

Entries are append-only (the database refuses updates and deletes); a correction is a
reversing entry that names the entry it reverses. Every entry balances in each currency.
Every money movement posts through `use_cases.post_journal_entry` inside its own transaction,
which refuses any entry dated in a closed accounting period (domain/periods/).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class Account(StrEnum):
    """An account of the ledger's chart; see the module docstring for what each one holds."""

    RECEIVABLE = "receivable"
    BANK = "bank"
    REVENUE = "revenue"
    TAX_PAYABLE = "tax_payable"
    CUSTOMER_CREDIT = "customer_credit"
    LATE_FEE_INCOME = "late_fee_income"
    DISCOUNTS_ALLOWED = "discounts_allowed"
    BAD_DEBT_EXPENSE = "bad_debt_expense"
    REFUNDS_PAYABLE = "refunds_payable"
    OPENING_BALANCE_EQUITY = "opening_balance_equity"

    @property
    def debit_normal(self) -> bool:
        """Assets and expenses grow by debits; liabilities and income by credits."""
        return self in _DEBIT_NORMAL


_DEBIT_NORMAL = frozenset(
    {Account.RECEIVABLE, Account.BANK, Account.DISCOUNTS_ALLOWED, Account.BAD_DEBT_EXPENSE}
)


class SourceType(StrEnum):
    """The kind of business document an entry records; add a member for each new document."""

    INVOICE = "invoice"
    PAYMENT = "payment"
    CREDIT_NOTE = "credit_note"
    REFUND = "refund"
    WRITE_OFF = "write_off"
    LATE_FEE = "late_fee"
    EARLY_PAYMENT_DISCOUNT = "early_payment_discount"
    CREDIT_APPLICATION = "credit_application"


class UnbalancedEntry(ValueError):
    """An entry or line that does not balance: a programming error, never a user's."""


class InvalidJournalQuery(DomainError):
    """A journal search that cannot match anything meaningful."""


@dataclass(frozen=True)
class JournalLine:
    """One side of a posting: an amount on exactly one of debit or credit of an account."""

    account: Account
    currency: str
    debit: int = 0
    credit: int = 0
    customer_id: str | None = None
    invoice_id: str | None = None

    def __post_init__(self) -> None:
        if self.debit < 0 or self.credit < 0 or (self.debit > 0) == (self.credit > 0):
            raise UnbalancedEntry(
                f"a line carries one positive amount, not debit {self.debit} "
                f"and credit {self.credit}"
            )

    @property
    def amount(self) -> int:
        return self.debit or self.credit

    def reversed(self) -> "JournalLine":
        return JournalLine(
            self.account,
            self.currency,
            debit=self.credit,
            credit=self.debit,
            customer_id=self.customer_id,
            invoice_id=self.invoice_id,
        )


def debit(
    account: Account,
    amount: int,
    currency: str,
    *,
    customer_id: str | None = None,
    invoice_id: str | None = None,
) -> JournalLine:
    return JournalLine(account, currency, amount, 0, customer_id, invoice_id)


def credit(
    account: Account,
    amount: int,
    currency: str,
    *,
    customer_id: str | None = None,
    invoice_id: str | None = None,
) -> JournalLine:
    return JournalLine(account, currency, 0, amount, customer_id, invoice_id)


@dataclass(frozen=True)
class JournalEntry:
    """A balanced set of lines recording one business fact about one source document."""

    source_type: SourceType
    source_id: str
    business_date: date
    memo: str
    lines: tuple[JournalLine, ...]
    reverses_entry_id: str | None = None

    def ensure_balanced(self) -> None:
        """Refuse to post an entry whose debits and credits differ in any currency."""
        if len(self.lines) < 2:
            raise UnbalancedEntry(f"an entry needs two lines or more, not {len(self.lines)}")
        for currency, (debits, credits) in self.totals().items():
            if debits != credits:
                raise UnbalancedEntry(
                    f"{self.memo}: debits {debits} and credits {credits} {currency} differ"
                )

    def totals(self) -> dict[str, tuple[int, int]]:
        """(debits, credits) per currency."""
        sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for line in self.lines:
            sums[line.currency][0] += line.debit
            sums[line.currency][1] += line.credit
        return {currency: (d, c) for currency, (d, c) in sums.items()}


@dataclass(frozen=True)
class PostedEntry:
    """A journal entry as recorded: its id, when, and the entry that reversed it, if any."""

    id: str
    created_at: datetime
    entry: JournalEntry
    reversed_by_entry_id: str | None = None

    def reversal(self, *, business_date: date, memo: str) -> JournalEntry:
        """The entry that cancels this one, about the same document, dated when it is reversed."""
        return JournalEntry(
            self.entry.source_type,
            self.entry.source_id,
            business_date,
            memo,
            tuple(line.reversed() for line in self.entry.lines),
            reverses_entry_id=self.id,
        )


@dataclass(frozen=True)
class JournalQuery:
    """What an auditor looks for in the journal; each filter narrows the entries shown."""

    customer_id: str | None = None
    account: Account | None = None
    source_type: SourceType | None = None
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise InvalidJournalQuery(
                f"The period ends ({self.date_to}) before it starts ({self.date_from}).",
                field="to",
            )
