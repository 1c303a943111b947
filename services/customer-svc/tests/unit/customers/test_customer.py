from datetime import UTC, datetime

import pytest

from customer_svc.domain.customers.customer import (
    InvalidPaymentTerms,
    UnsupportedCurrency,
    new_customer,
)

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def test_a_customer_keeps_its_currency_and_terms() -> None:
    customer = new_customer("c1", "  Acme Ltd ", "JPY", 45, NOW)
    assert (customer.name, customer.currency, customer.payment_terms_days) == (
        "Acme Ltd",
        "JPY",
        45,
    )


@pytest.mark.parametrize("currency", ["ABC", "XAU"])
def test_a_currency_without_minor_unit_or_unknown_is_refused(currency: str) -> None:
    with pytest.raises(UnsupportedCurrency) as refused:
        new_customer("c1", "Acme", currency, 30, NOW)
    assert refused.value.field == "currency"


@pytest.mark.parametrize("days", [-1, 366])
def test_payment_terms_outside_a_year_are_refused(days: int) -> None:
    with pytest.raises(InvalidPaymentTerms):
        new_customer("c1", "Acme", "EUR", days, NOW)
