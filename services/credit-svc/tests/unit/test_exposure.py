from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit_svc.domain.exposure import (
    CreditAccount,
    Receivable,
    UnsupportedCurrency,
    exposure_of,
    open_account,
)

EUR_ACCOUNT = CreditAccount("c1", "EUR")

receivables = st.lists(
    st.builds(
        Receivable,
        invoice_id=st.uuids().map(str),
        currency=st.just("EUR"),
        open_amount=st.integers(min_value=0, max_value=10**15),
        overdue=st.booleans(),
    ),
    max_size=30,
)


def test_overdue_exposure_is_the_open_amount_of_overdue_invoices_only() -> None:
    exposure = exposure_of(
        EUR_ACCOUNT,
        [
            Receivable("i1", "EUR", 100_00, overdue=True),
            Receivable("i2", "EUR", 25_50),
            Receivable("i3", "EUR", 0, overdue=True),
        ],
    )
    assert (exposure.currency, exposure.open_amount, exposure.overdue_amount) == (
        "EUR",
        12550,
        10000,
    )


def test_invoices_in_another_currency_are_not_added_to_the_account() -> None:
    exposure = exposure_of(
        EUR_ACCOUNT, [Receivable("i1", "EUR", 500), Receivable("i2", "USD", 900, overdue=True)]
    )
    assert (exposure.open_amount, exposure.overdue_amount) == (500, 0)


@given(receivables)
def test_exposure_sums_to_the_cent_and_overdue_never_exceeds_it(items: list[Receivable]) -> None:
    exposure = exposure_of(EUR_ACCOUNT, items)
    assert exposure.open_amount == sum(r.open_amount for r in items)
    assert exposure.overdue_amount == sum(r.open_amount for r in items if r.overdue)
    assert 0 <= exposure.overdue_amount <= exposure.open_amount


@given(receivables, st.randoms())
def test_exposure_does_not_depend_on_the_order_invoices_are_read(
    items: list[Receivable], rng: Random
) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert exposure_of(EUR_ACCOUNT, shuffled) == exposure_of(EUR_ACCOUNT, items)


@pytest.mark.parametrize("currency", ["ABC", "XAU"])
def test_an_account_in_a_currency_without_minor_unit_or_unknown_is_refused(currency: str) -> None:
    with pytest.raises(UnsupportedCurrency) as refused:
        open_account("c1", currency)
    assert refused.value.field == "currency"
