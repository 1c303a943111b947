from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ledger_svc.domain.account import CurrencyMismatch, CustomerAccount
from ledger_svc.domain.amounts import InvalidAmount
from ledger_svc.domain.invoicing.invoice import (
    DueBeforeIssue,
    InvoiceStatus,
    InvoiceTotalNotPositive,
    invoice_number,
)
from ledger_svc.domain.invoicing.invoice_draft import InvoiceDraft, draft_invoice
from ledger_svc.domain.invoicing.pricing import InvalidQuantity, LineRequest

ACME = CustomerAccount("c1", "EUR", payment_terms_days=30)
MARCH_1 = date(2026, 3, 1)


def line(quantity: str, unit_price: str) -> LineRequest:
    return LineRequest("Widgets", Decimal(quantity), unit_price)


def draft(
    *lines: LineRequest, due: date | None = None, account: CustomerAccount = ACME
) -> InvoiceDraft:
    lines = lines or (line("1", "10.00"),)
    return draft_invoice(account, issue_date=MARCH_1, due_date=due, currency=None, lines=lines)


def test_the_due_date_defaults_to_issue_date_plus_the_customers_payment_terms() -> None:
    assert draft().due_date == date(2026, 3, 31)


def test_an_explicit_due_date_wins_over_the_terms() -> None:
    assert draft(due=date(2026, 3, 10)).due_date == date(2026, 3, 10)


def test_a_due_date_before_the_issue_date_is_refused() -> None:
    with pytest.raises(DueBeforeIssue) as refused:
        draft(due=date(2026, 2, 28))
    assert refused.value.field == "due_date"


def test_each_line_is_rounded_half_up_to_the_cent_and_the_total_adds_the_rounded_lines() -> None:
    invoice = draft(line("0.5", "0.05"), line("0.5", "0.05"), line("0.3333", "10.00"))
    # 0.025 rounds up to 0.03 (half-even would give 0.02); 3.333 rounds down to 3.33
    assert [x.amount for x in invoice.lines] == [3, 3, 333]
    assert invoice.total == 339


def test_a_yen_invoice_rounds_to_whole_yen() -> None:
    yen = CustomerAccount("c2", "JPY", payment_terms_days=0)
    invoice = draft(line("2.5", "101"), account=yen)
    assert (invoice.currency, invoice.total, invoice.due_date) == ("JPY", 253, MARCH_1)


def test_a_unit_price_finer_than_the_currency_is_refused_naming_the_line() -> None:
    with pytest.raises(InvalidAmount) as refused:
        draft(line("1", "10.00"), line("1", "10.001"))
    assert refused.value.field == "lines.1.unit_price"


def test_a_negative_unit_price_is_refused() -> None:
    with pytest.raises(InvalidAmount) as refused:
        draft(line("1", "-10.00"))
    assert refused.value.field == "lines.0.unit_price"


@pytest.mark.parametrize("quantity", ["0", "-1", "1.00001", "10000000000"])
def test_a_quantity_not_positive_or_too_precise_is_refused(quantity: str) -> None:
    with pytest.raises(InvalidQuantity) as refused:
        draft(line(quantity, "1.00"))
    assert refused.value.field == "lines.0.quantity"


def test_an_invoice_of_free_lines_only_is_refused() -> None:
    with pytest.raises(InvoiceTotalNotPositive) as refused:
        draft(line("3", "0.00"))
    assert refused.value.field == "lines"


def test_an_invoice_in_another_currency_than_the_account_is_refused() -> None:
    with pytest.raises(CurrencyMismatch) as refused:
        draft_invoice(
            ACME, issue_date=MARCH_1, due_date=None, currency="USD", lines=[line("1", "1.00")]
        )
    assert (refused.value.field, refused.value.account_currency) == ("currency", "EUR")


def test_an_issued_invoice_is_open_for_its_total() -> None:
    invoice = draft(line("2", "50.00")).issue("i1", invoice_number("INV", 2026, 7))
    assert (invoice.number, invoice.open_amount, invoice.status) == (
        "INV-2026-000007",
        10000,
        InvoiceStatus.ISSUED,
    )


def test_an_open_invoice_falls_overdue_only_after_its_due_date_and_only_once() -> None:
    invoice = draft().issue("i1", "INV-2026-000001")
    assert not invoice.falls_overdue(date(2026, 3, 31))
    assert invoice.falls_overdue(date(2026, 4, 1))
    marked = replace(invoice, marked_overdue_on=date(2026, 4, 1))
    assert marked.overdue
    assert not marked.falls_overdue(date(2026, 5, 1))
