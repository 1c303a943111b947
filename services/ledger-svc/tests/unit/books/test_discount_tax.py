from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledger_svc.domain.adjustments.credit_note import tax_credited
from ledger_svc.domain.adjustments.write_off import WriteOff
from ledger_svc.domain.books.journal import Account, JournalLine
from ledger_svc.domain.books.postings_discounts import TaxedInvoice, early_payment_discounts
from ledger_svc.domain.payments.allocation import Allocation

ON = date(2026, 3, 8)


def by_account(lines: tuple[JournalLine, ...], account: Account) -> int:
    return sum(x.debit for x in lines if x.account is account)


@st.composite
def invoices_and_discounts(draw: st.DrawFn) -> tuple[int, int, int]:
    """(total, tax in it, discount on it) in minor units: tax below the total, a discount of
    at least one cent and at most the total."""
    total = draw(st.integers(min_value=1, max_value=10**12))
    return (
        total,
        draw(st.integers(min_value=0, max_value=total - 1)),
        draw(st.integers(min_value=1, max_value=total)),
    )


@given(invoices_and_discounts())
def test_a_discount_is_split_exactly_as_a_write_off_of_the_same_amount_is(
    invoice: tuple[int, int, int],
) -> None:
    total, tax, discount = invoice
    entry = early_payment_discounts(
        "p1",
        [Allocation("i1", total - discount, 0, discount)],
        customer_id="c1",
        currency="EUR",
        on=ON,
        taxed={"i1": TaxedInvoice(total, tax)},
    )
    write_off = WriteOff("w1", "i1", "c1", "EUR", discount, "gone", ON, "a", decided_on=ON)
    written_off = write_off.journal_entry(tax=tax_credited(total, tax, discount))

    assert entry is not None
    entry.ensure_balanced()
    assert by_account(entry.lines, Account.TAX_PAYABLE) == by_account(
        written_off.lines, Account.TAX_PAYABLE
    )
    assert by_account(entry.lines, Account.DISCOUNTS_ALLOWED) == by_account(
        written_off.lines, Account.BAD_DEBT_EXPENSE
    )
    assert sum(x.credit for x in entry.lines) == discount


def test_without_tax_adjusting_the_whole_discount_is_allowed_gross() -> None:
    entry = early_payment_discounts(
        "p1", [Allocation("i1", 1166_20, 0, 23_80)], customer_id="c1", currency="EUR", on=ON
    )

    assert entry is not None
    assert [(x.account, x.debit, x.credit) for x in entry.lines] == [
        (Account.DISCOUNTS_ALLOWED, 23_80, 0),
        (Account.RECEIVABLE, 0, 23_80),
    ]
    assert entry.memo == "Early-payment discount"
