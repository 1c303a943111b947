from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.books.journal import (
    Account,
    JournalEntry,
    JournalLine,
    PostedEntry,
    SourceType,
    UnbalancedEntry,
    credit,
    debit,
)
from ledger_svc.domain.books.postings import invoice_issued, payment_received
from ledger_svc.domain.invoicing.invoice import Invoice, InvoiceTotalNotPositive
from ledger_svc.domain.invoicing.invoice_draft import draft_invoice
from ledger_svc.domain.invoicing.pricing import DiscountRequest, LineRequest
from ledger_svc.domain.payments.allocation import OpenItem, allocate
from ledger_svc.domain.payments.payment import Payment

ACME = CustomerAccount("c1", "EUR", payment_terms_days=30)
MARCH_1 = date(2026, 3, 1)


def invoice(*lines: LineRequest) -> Invoice:
    draft = draft_invoice(ACME, issue_date=MARCH_1, due_date=None, currency=None, lines=lines)
    return draft.issue("i1", "INV-2026-000001")


def test_an_issued_invoice_debits_the_receivable_gross_and_credits_revenue_and_tax() -> None:
    taxed = invoice(
        LineRequest("Consulting", Decimal("12.5"), "80.00", tax_rate=Decimal(19)),
        LineRequest("Travel", Decimal(1), "145.30"),
    )
    entry = invoice_issued(taxed)

    assert (entry.source_type, entry.source_id, entry.business_date) == (
        SourceType.INVOICE,
        "i1",
        MARCH_1,
    )
    assert entry.lines == (
        debit(Account.RECEIVABLE, 133530, "EUR", customer_id="c1", invoice_id="i1"),
        credit(Account.REVENUE, 114530, "EUR", customer_id="c1"),
        credit(Account.TAX_PAYABLE, 19000, "EUR", customer_id="c1"),
    )
    entry.ensure_balanced()


def test_a_payment_credits_each_invoice_it_settles_and_keeps_the_surplus_as_credit() -> None:
    payment = Payment(
        "p1",
        "c1",
        "EUR",
        amount=5000,
        received_on=date(2026, 3, 20),
        reference="BANK-7",
        allocations=allocate(
            5000,
            [
                OpenItem("i1", "INV-1", MARCH_1, date(2026, 3, 31), 1000),
                OpenItem("i2", "INV-2", MARCH_1, date(2026, 4, 30), 2500),
            ],
        ).allocations,
        unapplied_amount=1500,
    )
    entry = payment_received(payment)

    assert entry.memo == "Payment received (BANK-7)"
    assert entry.lines == (
        debit(Account.BANK, 5000, "EUR", customer_id="c1"),
        credit(Account.RECEIVABLE, 1000, "EUR", customer_id="c1", invoice_id="i1"),
        credit(Account.RECEIVABLE, 2500, "EUR", customer_id="c1", invoice_id="i2"),
        credit(Account.CUSTOMER_CREDIT, 1500, "EUR", customer_id="c1"),
    )
    entry.ensure_balanced()


def test_a_reversal_mirrors_every_line_and_names_the_entry_it_cancels() -> None:
    original = invoice_issued(invoice(LineRequest("X", Decimal(1), "10.00", tax_rate=Decimal(7))))
    posted = PostedEntry("e1", datetime(2026, 3, 1, tzinfo=UTC), original)
    reversal = posted.reversal(business_date=date(2026, 3, 5), memo="Voided")

    assert reversal.reverses_entry_id == "e1"
    assert (reversal.source_type, reversal.source_id) == (SourceType.INVOICE, "i1")
    assert [(x.account, x.debit, x.credit) for x in reversal.lines] == [
        (Account.RECEIVABLE, 0, 1070),
        (Account.REVENUE, 1000, 0),
        (Account.TAX_PAYABLE, 70, 0),
    ]
    reversal.ensure_balanced()


@pytest.mark.parametrize(
    "lines",
    [
        (debit(Account.BANK, 100, "EUR"), credit(Account.REVENUE, 99, "EUR")),
        (debit(Account.BANK, 100, "EUR"), credit(Account.REVENUE, 100, "USD")),
        (debit(Account.BANK, 100, "EUR"),),
        (),
    ],
)
def test_an_entry_whose_debits_and_credits_differ_in_a_currency_is_never_posted(
    lines: tuple[JournalLine, ...],
) -> None:
    entry = JournalEntry(SourceType.PAYMENT, "p1", MARCH_1, "Wrong", lines)
    with pytest.raises(UnbalancedEntry):
        entry.ensure_balanced()


@pytest.mark.parametrize(("debit_", "credit_"), [(0, 0), (5, 5), (-5, 0), (0, -1)])
def test_a_line_carries_exactly_one_positive_amount(debit_: int, credit_: int) -> None:
    with pytest.raises(UnbalancedEntry):
        JournalLine(Account.BANK, "EUR", debit_, credit_)


def test_assets_and_expenses_are_debit_normal_liabilities_and_income_credit_normal() -> None:
    assert {a for a in Account if a.debit_normal} == {
        Account.RECEIVABLE,
        Account.BANK,
        Account.DISCOUNTS_ALLOWED,
        Account.BAD_DEBT_EXPENSE,
    }


percents = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2))
line_requests = st.builds(
    LineRequest,
    description=st.just("Goods"),
    quantity=st.decimals(min_value=Decimal("0.0001"), max_value=1000, places=4),
    unit_price=st.integers(1, 10**7).map(lambda c: f"{Decimal(c).scaleb(-2):.2f}"),
    discount=st.one_of(st.none(), st.builds(DiscountRequest, percent=st.decimals(0, 99, places=2))),
    tax_rate=percents,
)


@given(lines=st.lists(line_requests, min_size=1, max_size=8))
def test_every_issued_invoice_posts_a_balanced_entry_for_its_gross_total(
    lines: list[LineRequest],
) -> None:
    try:
        issued = invoice(*lines)
    except InvoiceTotalNotPositive:
        assume(False)
        raise
    entry = invoice_issued(issued)
    entry.ensure_balanced()
    assert entry.totals() == {"EUR": (issued.total, issued.total)}
    assert sum(x.credit for x in entry.lines if x.account is Account.TAX_PAYABLE) == issued.tax


@given(
    amount=st.integers(1, 10**10),
    owed=st.lists(st.integers(1, 10**9), max_size=6),
)
def test_every_payment_posts_a_balanced_entry_whatever_it_settles(
    amount: int, owed: list[int]
) -> None:
    items = [OpenItem(f"i{n}", f"INV-{n}", MARCH_1, MARCH_1, o) for n, o in enumerate(owed)]
    application = allocate(amount, items)
    payment = Payment(
        "p1", "c1", "EUR", amount, MARCH_1, None, application.allocations, application.unapplied
    )
    entry = payment_received(payment)
    entry.ensure_balanced()
    receivable = sum(x.credit for x in entry.lines if x.account is Account.RECEIVABLE)
    assert receivable == application.applied
    assert entry.totals() == {"EUR": (amount, amount)}
