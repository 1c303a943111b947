"""DSO, ADD and CEI through REST on a history worked out by hand from the definitions:
receivables at 31 March 2026 are 1,020.00 (700.00 current); credit sales are 1,000.00 in
January, 400.00 in February and 350.00 in March (a voided invoice, a late fee and two credit
notes accounted as defined)."""

from datetime import date
from typing import Any

import httpx
import pytest
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import CreditNoteIssued, InvoiceVoided, LateFeeCharged
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .test_aging_report import issued, paid

AS_OF = "2026-03-31"


@pytest.fixture
async def customer(delivery: EventDelivery) -> str:
    c = str(uuid7())
    facts = [
        issued(c, f"{c}/A", "1000.00", on=date(2026, 1, 10), due=date(2026, 2, 9)),
        paid(c, f"{c}/p1", date(2026, 2, 20), {f"{c}/A": "600.00"}),
        issued(c, f"{c}/B", "500.00", on=date(2026, 2, 15), due=date(2026, 4, 15)),
        paid(c, f"{c}/p2", date(2026, 3, 28), {f"{c}/B": "200.00"}),
        issued(c, f"{c}/C", "300.00", on=date(2026, 3, 5), due=date(2026, 3, 20)),
        InvoiceVoided(customer_id=c, invoice_id=f"{c}/C", number="INV-C", currency="EUR",
                      total="300.00", voided_on=date(2026, 3, 25)),
        issued(c, f"{c}/D", "400.00", on=date(2026, 3, 10), due=date(2026, 3, 31)),
        issued(c, f"{c}/LF", "20.00", on=date(2026, 3, 15), due=date(2026, 3, 15)),
        LateFeeCharged(customer_id=c, late_fee_id=f"{c}/f1", invoice_id=f"{c}/A",
                       fee_invoice_id=f"{c}/LF", fee_invoice_number="LF-1",
                       currency="EUR", amount="20.00",
                       period="2026-03", as_of=date(2026, 3, 15)),
        CreditNoteIssued(customer_id=c, credit_note_id=f"{c}/n1", number="CN-1", currency="EUR",
                         amount="100.00", tax="0.00", issue_date=date(2026, 2, 25),
                         invoice_id=f"{c}/A", invoice_open_amount_after="300.00"),
        CreditNoteIssued(customer_id=c, credit_note_id=f"{c}/n2", number="CN-2", currency="EUR",
                         amount="50.00", tax="0.00", issue_date=date(2026, 3, 20)),
    ]  # fmt: skip
    for fact in facts:
        await delivery.deliver(fact)
    return c


async def kpi(
    client: httpx.AsyncClient, keys: KeyPair, path: str, customer: str, **params: str
) -> dict[str, Any]:
    response = await client.get(
        f"/v1/reports/{path}",
        params={"customer_id": customer, **params},
        headers=keys.auth("auditor"),
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


MONTHS = [
    {"month": 1, "from": "2026-03-01", "to": "2026-03-31", "days": 31, "credit_sales": "350.00"},
    {"month": 2, "from": "2026-02-01", "to": "2026-02-28", "days": 28, "credit_sales": "400.00"},
    {"month": 3, "from": "2026-01-01", "to": "2026-01-31", "days": 31, "credit_sales": "1000.00"},
]


async def test_standard_and_best_possible_dso_show_their_inputs(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    inputs = {"currency": "EUR", "receivables": "1020.00", "current_receivables": "700.00",
              "credit_sales": "1750.00", "days": 90, "months": MONTHS}  # fmt: skip
    standard = await kpi(client, auth_keys, "dso", customer, as_of=AS_OF)
    # 1020 / 1750 x 90 = 52.457...
    assert standard["rows"] == [{**inputs, "dso_days": "52.46"}]
    assert standard["convention"]["method"] == "standard"
    best = await kpi(client, auth_keys, "dso", customer, as_of=AS_OF, method="best_possible")
    assert best["rows"] == [{**inputs, "best_possible_dso_days": "36.00"}]
    grouped = await kpi(client, auth_keys, "dso", customer, as_of=AS_OF, group_by="customer")
    assert grouped["rows"] == [{"customer_id": customer, **inputs, "dso_days": "52.46"}]


async def test_countback_walks_back_month_by_month(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    body = await kpi(
        client, auth_keys, "dso", customer, as_of=AS_OF, method="countback", months="1"
    )
    # 31 + 28 + 270 / 1000 x 31: months does not cap countback.
    assert body["rows"] == [{"currency": "EUR", "receivables": "1020.00", "dso_days": "67.37",
                             "cap_reached": False, "months": MONTHS}]  # fmt: skip


async def test_add_subtracts_before_rounding(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    body = await kpi(client, auth_keys, "add", customer, as_of=AS_OF, months="3")
    assert body["rows"] == [{"currency": "EUR", "add_days": "16.46", "dso_days": "52.46",
                             "best_possible_dso_days": "36.00", "receivables": "1020.00",
                             "current_receivables": "700.00", "credit_sales": "1750.00",
                             "days": 90}]  # fmt: skip


async def test_cei_with_total_and_monthly_average_sales(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    window = {"from": "2026-02-01", "to": "2026-03-31"}
    total = await kpi(client, auth_keys, "cei", customer, **window)
    # (1000 + 750 - 1020) / (1000 + 750 - 700) x 100
    assert total["rows"] == [{"currency": "EUR", "cei_percent": "69.52",
                              "opening_receivables": "1000.00", "credit_sales": "750.00",
                              "closing_receivables": "1020.00",
                              "closing_current_receivables": "700.00", "months": 2}]  # fmt: skip
    average = await kpi(client, auth_keys, "cei", customer, sales_basis="monthly_average", **window)
    # (1000 + 375 - 1020) / (1000 + 375 - 700) x 100
    assert [r["cei_percent"] for r in average["rows"]] == ["52.59"]
    march = await kpi(client, auth_keys, "cei", customer, **{"from": "2026-03-01", "to": AS_OF})
    # (800 + 350 - 1020) / (800 + 350 - 700) x 100
    assert [r["cei_percent"] for r in march["rows"]] == ["28.89"]


async def test_a_customer_without_sales_has_a_null_figure_with_its_reason(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    body = await kpi(client, auth_keys, "dso", customer, as_of="2026-06-30", months="1")
    assert [(r["dso_days"], r["null_reason"]) for r in body["rows"]] == [
        (None, "no credit sales in the window")
    ]


async def test_bad_kpi_parameters_are_refused_naming_them(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    async def get(path: str, **params: str) -> httpx.Response:
        return await client.get(
            f"/v1/reports/{path}", params=params, headers=auth_keys.auth("auditor")
        )

    for path, params, field in [
        ("dso", {"as_of": AS_OF, "months": "0"}, "months"),
        ("dso", {"as_of": AS_OF, "months": "25"}, "months"),
        ("dso", {"as_of": AS_OF, "method": "magic"}, "method"),
        ("dso", {"as_of": AS_OF, "group_by": "planet"}, "group_by"),
        ("add", {"as_of": "1899-01-01"}, "as_of"),
        ("cei", {"from": "2026-01-01"}, "to"),
    ]:
        assert_problem(await get(path, **params), 422, "validation-error", fields=[field])
    for params, field in [
        ({"from": "2026-04-01", "to": AS_OF}, "from"),
        ({"from": "2020-01-01", "to": AS_OF}, "from"),
        ({"from": "2026-03-02", "to": AS_OF, "sales_basis": "monthly_average"}, "sales_basis"),
    ]:
        assert_problem(await get("cei", **params), 422, "invalid-window", fields=[field])


async def test_the_trend_gives_one_point_per_month_counted_back_from_to(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    window = {"from": "2026-01-31", "to": AS_OF}

    async def series(kpi_name: str, field: str) -> list[tuple[str, str | None]]:
        body = await kpi(client, auth_keys, "kpi-trend", customer, kpi=kpi_name, **window)
        return [(p["as_of"], *(r[field] for r in p["rows"])) for p in body["points"]]  # type: ignore[misc]

    # 1000 / 1000 x 92; 800 / 1400 x 90; 1020 / 1750 x 90
    assert await series("dso", "dso_days") == [
        ("2026-01-31", "92.00"), ("2026-02-28", "51.43"), ("2026-03-31", "52.46")
    ]  # fmt: skip
    cei_points = await series("cei", "cei_percent")
    assert cei_points[-1] == ("2026-03-31", "28.89")
    overdue = await series("overdue_ratio", "overdue_ratio_percent")
    # (1020 - 700) / 1020 x 100
    assert overdue[-1] == ("2026-03-31", "31.37")
    bad = await client.get(
        "/v1/reports/kpi-trend",
        params={"from": "2026-04-01", "to": AS_OF, "kpi": "dso"},
        headers=auth_keys.auth("auditor"),
    )
    assert_problem(bad, 422, "invalid-window", fields=["from"])
    unknown = await client.get(
        "/v1/reports/kpi-trend",
        params={"from": "2026-01-01", "to": AS_OF, "kpi": "luck"},
        headers=auth_keys.auth("auditor"),
    )
    assert_problem(unknown, 422, "validation-error", fields=["kpi"])
