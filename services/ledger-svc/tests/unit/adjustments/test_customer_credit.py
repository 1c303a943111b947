from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger_svc.domain.adjustments.customer_credit import (
    CreditDraw,
    CreditSource,
    CreditSourceKind,
    InsufficientCredit,
    draw_credit,
)

PAYMENT, NOTE = CreditSourceKind.PAYMENT, CreditSourceKind.CREDIT_NOTE


def test_a_refund_draws_on_the_oldest_credit_first() -> None:
    sources = [
        CreditSource(NOTE, "cn-1", date(2026, 3, 5), 2000),
        CreditSource(PAYMENT, "pay-1", date(2026, 3, 1), 1500),
        CreditSource(PAYMENT, "pay-2", date(2026, 3, 9), 4000),
    ]
    assert draw_credit(4000, sources, "EUR", field="amount") == (
        CreditDraw(PAYMENT, "pay-1", 1500),
        CreditDraw(NOTE, "cn-1", 2000),
        CreditDraw(PAYMENT, "pay-2", 500),
    )


def test_more_than_the_credit_held_is_refused_naming_the_field_and_what_is_available() -> None:
    sources = [CreditSource(PAYMENT, "pay-1", date(2026, 3, 1), 1500)]
    with pytest.raises(InsufficientCredit) as refused:
        draw_credit(1501, sources, "EUR", field="amount")
    assert (refused.value.field, refused.value.available, refused.value.asked) == (
        "amount",
        1500,
        1501,
    )
    assert "15.00 EUR of credit available" in refused.value.message


credit_sources = st.lists(
    st.builds(
        CreditSource,
        st.sampled_from(list(CreditSourceKind)),
        st.uuids().map(str),
        st.dates(),
        st.integers(0, 10**9),
    ),
    max_size=8,
)


@given(sources=credit_sources, share=st.fractions(0, 1))
def test_draws_take_exactly_the_amount_and_never_more_than_a_source_holds(
    sources: list[CreditSource], share
) -> None:
    held = {s.id: s.available for s in sources}
    amount = int(sum(held.values()) * share)
    draws = draw_credit(amount, sources, "EUR", field="amount")
    assert sum(d.amount for d in draws) == amount
    assert all(0 < d.amount <= held[d.source_id] for d in draws)
