import itertools
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger_svc.domain.adjustments.credit_note import (
    CreditExceedsOpenAmount,
    CreditNoteBeforeInvoice,
    InvoiceNotCreditable,
    credit_against_invoice,
    credit_on_account,
    tax_credited,
)
from ledger_svc.domain.books.journal import Account, credit, debit

from .adjustment_invoices import ACME, MARCH_1, invoice

APRIL_2 = date(2026, 4, 2)


def test_a_partial_credit_takes_back_tax_in_the_invoices_proportion() -> None:
    # 100.00 net + 19.00 tax = 119.00; crediting 59.50 is half: 9.50 of tax.
    draft = credit_against_invoice(
        invoice(), amount=5950, credited_before=0, issue_date=APRIL_2, reason="Returned"
    )
    note = draft.issue("cn-1", "CN-2026-000001")
    assert (note.amount, note.net, note.tax, note.unapplied_amount) == (5950, 5000, 950, 0)
    assert note.journal_entry().lines == (
        debit(Account.REVENUE, 5000, "EUR", customer_id="c1"),
        debit(Account.TAX_PAYABLE, 950, "EUR", customer_id="c1"),
        credit(Account.RECEIVABLE, 5950, "EUR", customer_id="c1", invoice_id="inv-1"),
    )


def test_without_an_amount_the_whole_open_amount_is_credited() -> None:
    draft = credit_against_invoice(
        invoice(open_cents=6900), amount=None, credited_before=0, issue_date=APRIL_2, reason="x"
    )
    assert (draft.amount, draft.tax) == (6900, 1102)


def test_credit_notes_that_add_up_to_the_total_take_back_exactly_the_tax_billed() -> None:
    # 0.01 at a time would round each share to zero; reckoned cumulatively, nothing is lost.
    taken = [tax_credited(119, 19, n + 1) - tax_credited(119, 19, n) for n in range(119)]
    assert sum(taken) == 19
    assert set(taken) == {0, 1}


@given(
    total=st.integers(1, 10**12),
    tax_share=st.fractions(0, 1),
    cuts=st.lists(st.fractions(0, 1), max_size=6),
)
def test_any_split_of_a_full_credit_takes_back_the_tax_once_and_never_more(
    total: int, tax_share: Fraction, cuts: list[Fraction]
) -> None:
    tax = int(total * tax_share)
    points = sorted({0, total, *(int(total * c) for c in cuts)})
    spans = list(itertools.pairwise(points))
    shares = [tax_credited(total, tax, b) - tax_credited(total, tax, a) for a, b in spans]
    assert sum(shares) == tax
    assert all(0 <= share <= b - a for share, (a, b) in zip(shares, spans, strict=True))


def test_a_credit_above_what_is_open_is_refused_naming_the_amount() -> None:
    with pytest.raises(CreditExceedsOpenAmount) as refused:
        credit_against_invoice(
            invoice(open_cents=5000), amount=5001, credited_before=0, issue_date=APRIL_2, reason="x"
        )
    assert refused.value.field == "amount"
    assert "50.00 EUR open" in refused.value.message


def test_a_paid_invoice_is_credited_to_the_customers_credit_with_its_tax_back() -> None:
    # Paid in full (119.00 = 100.00 + 19.00 tax), 59.50 credited before: 59.50 is left.
    paid = invoice(open_cents=0)
    draft = credit_against_invoice(
        paid, amount=None, credited_before=5950, issue_date=APRIL_2, reason="Returned"
    )
    note = draft.issue("cn-3", "CN-2026-000003")
    # Tax credited so far: round(1900 * 11900 / 11900) - round(1900 * 5950 / 11900) = 950.
    assert (note.amount, note.net, note.tax, note.unapplied_amount) == (5950, 5000, 950, 5950)
    assert note.journal_entry().lines == (
        debit(Account.REVENUE, 5000, "EUR", customer_id="c1"),
        debit(Account.TAX_PAYABLE, 950, "EUR", customer_id="c1"),
        credit(Account.CUSTOMER_CREDIT, 5950, "EUR", customer_id="c1"),
    )


def test_a_paid_invoice_is_credited_at_most_what_it_billed_and_was_not_credited() -> None:
    with pytest.raises(CreditExceedsOpenAmount) as refused:
        credit_against_invoice(
            invoice(open_cents=0), amount=5951, credited_before=5950, issue_date=APRIL_2, reason="x"
        )
    assert "59.50 EUR not yet credited" in refused.value.message
    with pytest.raises(InvoiceNotCreditable) as refused_again:
        credit_against_invoice(
            invoice(open_cents=0), amount=1, credited_before=11900, issue_date=APRIL_2, reason="x"
        )
    assert refused_again.value.field == "invoice_id"


def test_a_credit_note_dated_before_the_invoice_is_refused() -> None:
    with pytest.raises(CreditNoteBeforeInvoice) as refused:
        credit_against_invoice(
            invoice(), amount=1, credited_before=0, issue_date=date(2026, 2, 28), reason="x"
        )
    assert refused.value.field == "issue_date"


def test_a_credit_on_account_becomes_untaxed_customer_credit() -> None:
    note = credit_on_account(ACME, amount=2500, issue_date=MARCH_1, reason="Goodwill").issue(
        "cn-2", "CN-2026-000002"
    )
    assert (note.tax, note.unapplied_amount, note.on_account) == (0, 2500, True)
    assert note.journal_entry().lines == (
        debit(Account.REVENUE, 2500, "EUR", customer_id="c1"),
        credit(Account.CUSTOMER_CREDIT, 2500, "EUR", customer_id="c1"),
    )


def test_waiving_a_late_fee_debits_late_fee_income() -> None:
    draft = credit_against_invoice(
        invoice("15.00", tax_rate=None),
        amount=None,
        credited_before=0,
        issue_date=APRIL_2,
        reason="Waived",
        income_account=Account.LATE_FEE_INCOME,
    )
    assert draft.issue("cn-3", "CN-2026-000003").journal_entry().lines[0] == debit(
        Account.LATE_FEE_INCOME, 1500, "EUR", customer_id="c1"
    )
