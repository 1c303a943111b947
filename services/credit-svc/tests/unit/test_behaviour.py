"""Payment behaviour and early warnings from recorded facts: exact figures, oracles beside."""

from datetime import date
from decimal import Decimal

from credit_svc.domain.behaviour import BehaviourFact, FactKind, InvoiceRecord, behaviour_of
from credit_svc.domain.standing import Standing
from credit_svc.domain.warnings import WarningKind, warnings_due

AS_OF = date(2026, 11, 16)
THRESHOLDS = {
    "large_debt_exposure": "250000.00",
    "large_debt_utilisation_percent": "90",
    "long_unpaid_days": 60,
    "behaviour_drift_days": 10,
    "returned_payments": 1,
}


def paid(total: int, due: date, on: date, issued: date = date(2026, 1, 1)) -> InvoiceRecord:
    return InvoiceRecord("i", total, 0, issued, due, on)


def test_days_beyond_terms_are_weighted_by_amount_over_the_window() -> None:
    invoices = [
        paid(30000, date(2026, 6, 1), date(2026, 6, 11)),  # 10 days late
        paid(10000, date(2026, 9, 1), date(2026, 9, 1)),  # on time
        paid(60000, date(2026, 10, 1), date(2026, 10, 21)),  # 20 days late
        # Issued and paid before the 365 days.
        paid(99999, date(2025, 10, 1), date(2025, 11, 16), issued=date(2025, 9, 1)),
        InvoiceRecord("open", 5000, 5000, date(2026, 9, 1), date(2026, 9, 30), None),
    ]

    b = behaviour_of(invoices, [], AS_OF)

    expected_year = Decimal(30000 * 10 + 10000 * 0 + 60000 * 20) / Decimal(100000)
    expected_quarter = Decimal(10000 * 0 + 60000 * 20) / Decimal(70000)
    assert (b.days_beyond_terms, b.days_beyond_terms_90d) == (expected_year, expected_quarter)
    assert b.late_share == Decimal(200) / Decimal(3)
    assert b.longest_days_past_due == (AS_OF - date(2026, 9, 30)).days == 47
    assert b.sales_12m == 30000 + 10000 + 60000 + 5000


def test_facts_are_counted_in_their_windows_and_disputes_while_open() -> None:
    facts = [
        BehaviourFact("r1", FactKind.RETURNED_PAYMENT, 100, date(2026, 2, 1)),
        BehaviourFact("r2", FactKind.RETURNED_PAYMENT, 100, date(2025, 11, 16)),
        BehaviourFact("w1", FactKind.WRITE_OFF, 100, date(2026, 5, 1)),
        BehaviourFact("p1", FactKind.BROKEN_PROMISE, 100, date(2026, 11, 16)),
        BehaviourFact(
            "d1", FactKind.DISPUTE, 100, date(2026, 10, 1), resolved_on=date(2026, 11, 1)
        ),
        BehaviourFact(
            "d2", FactKind.DISPUTE, 100, date(2026, 10, 1), resolved_on=date(2026, 11, 17)
        ),
        BehaviourFact("d3", FactKind.DISPUTE, 100, date(2026, 11, 17)),
    ]

    b = behaviour_of([], facts, AS_OF)

    assert (b.returned_payments, b.write_offs, b.broken_promises, b.open_disputes) == (1, 1, 1, 1)
    assert (b.days_beyond_terms, b.late_share, b.longest_days_past_due) == (None, None, 0)


def standing(exposure: int, limit: int | None) -> Standing:
    return Standing("c", "EUR", limit, exposure, 0, 0)


def test_large_debt_warns_above_the_amount_or_the_utilisation() -> None:
    quiet = behaviour_of([], [], AS_OF)

    assert warnings_due(standing(25_000_000, None), quiet, THRESHOLDS) == {}
    assert warnings_due(standing(25_000_001, None), quiet, THRESHOLDS) == {
        WarningKind.LARGE_DEBT: "Exposure 250000.01 EUR is above the threshold."
    }
    assert warnings_due(standing(9000, 10000), quiet, THRESHOLDS) == {}
    assert warnings_due(standing(9001, 10000), quiet, THRESHOLDS) == {
        WarningKind.LARGE_DEBT: "Exposure is 90.01% of the limit."
    }


def test_drift_warns_only_beyond_its_days() -> None:
    year_only = paid(90000, date(2026, 3, 1), date(2026, 3, 1))
    # 10 days late within 90 days: drift 10 - (1000 x 10 / 91000 = 0.11) = 9.89, no warning.
    within = paid(1000, date(2026, 10, 1), date(2026, 10, 11))
    beyond = paid(1000, date(2026, 10, 1), date(2026, 10, 12))

    assert (
        warnings_due(standing(0, None), behaviour_of([year_only, within], [], AS_OF), THRESHOLDS)
        == {}
    )
    found = warnings_due(
        standing(0, None), behaviour_of([year_only, beyond], [], AS_OF), THRESHOLDS
    )
    assert list(found) == [WarningKind.BEHAVIOUR_DRIFT]


def test_an_opening_balance_is_owed_but_is_neither_a_sale_nor_behaviour() -> None:
    cutover = date(2026, 6, 30)
    invoices = [
        paid(30000, date(2026, 9, 1), date(2026, 9, 11), issued=date(2026, 8, 1)),  # 10 late
        # Brought in at the cut-over: settled on the day, due long before.
        InvoiceRecord("ob1", 900000, 0, cutover, date(2024, 1, 31), cutover, opening=True),
        # Brought in owing, past due now: its days past due are the customer's.
        InvoiceRecord("ob2", 7000, 7000, cutover, date(2026, 8, 31), None, opening=True),
    ]

    b = behaviour_of(invoices, [], AS_OF)

    assert (b.days_beyond_terms, b.days_beyond_terms_90d) == (Decimal(10), Decimal(10))
    assert b.late_share == Decimal(100)
    assert b.sales_12m == 30000
    assert b.longest_days_past_due == (AS_OF - date(2026, 8, 31)).days == 77
