"""Reports by customer come in pages, as the aging does: a whole book's customers are never
answered at once. DSO, ADD, CEI and credit exposure by customer read each page's customers
only; the cash forecast and payment behaviour cut their pages from the whole answer. Each test's
history lies in a year of its own, before every other test's facts (and the previous tests'
histories), so its customers are the only ones its reports see.

At 31 March, one month back (31 days):
- a owes 1,000.00 EUR not yet due and 500.00 CNY past due, all sold in March: DSO 31.00 each;
- b owes 300.00 EUR past due of 600.00 sold in March: DSO 15.50;
- c has only a credit note on account of 100.00 EUR in March;
- d paid its only invoice the year before: no figures, so no row, though it has an invoice;
- e owes 400.00 EUR not yet due, sold in March: DSO 31.00;
- f (sorting between a and b) has only a credit limit of 900.00 EUR, set in January: a row
  of exposure, nothing else.
"""

import base64
import itertools
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from uuid6 import uuid7

from ledgerflow_events.contracts.credit import CreditLimitChanged
from ledgerflow_events.contracts.ledger import CreditNoteIssued
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .test_aging_report import issued, paid

# Each history a few years before the last one: the earlier histories' debts stay open, the
# later ones are not known yet at an earlier date.
YEARS = itertools.count(1990, -3)


@dataclass(frozen=True)
class History:
    year: int
    customers: dict[str, str]

    @property
    def as_of(self) -> str:
        return f"{self.year}-03-31"

    @property
    def window(self) -> dict[str, str]:
        return {"from": f"{self.year}-03-01", "to": self.as_of}


@pytest.fixture
async def history(delivery: EventDelivery) -> History:
    y, prefix = next(YEARS), f"paging-{uuid7()}"
    # f sorts between a and b: its page is found by its limit, not by an invoice.
    a, f, b, c, d, e = (f"{prefix}-{n}" for n in ("a", "ab", "b", "c", "d", "e"))
    facts = [
        issued(a, f"{a}/1", "1000.00", on=date(y, 3, 1), due=date(y, 4, 30)),
        issued(a, f"{a}/2", "500.00", on=date(y, 3, 10), due=date(y, 3, 20), cur="CNY"),
        issued(b, f"{b}/1", "600.00", on=date(y, 3, 5), due=date(y, 3, 25)),
        paid(b, f"{b}/p", date(y, 3, 28), {f"{b}/1": "300.00"}),
        CreditNoteIssued(customer_id=c, credit_note_id=f"{c}/n", number="CN-1", currency="EUR",
                         amount="100.00", tax="0.00", issue_date=date(y, 3, 15)),
        issued(d, f"{d}/1", "200.00", on=date(y - 1, 1, 10), due=date(y - 1, 2, 9)),
        paid(d, f"{d}/p", date(y - 1, 2, 1), {f"{d}/1": "200.00"}),
        issued(e, f"{e}/1", "400.00", on=date(y, 3, 20), due=date(y, 4, 19)),
        CreditLimitChanged(customer_id=f, limit_id=f"{f}/l", currency="EUR", previous_limit=None,
                           credit_limit="900.00", reason="first",
                           effective_at=datetime(y, 1, 5, tzinfo=UTC)),
    ]  # fmt: skip
    for fact in facts:
        await delivery.deliver(fact)
    return History(y, {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f})


async def report(
    client: httpx.AsyncClient, keys: KeyPair, path: str, **params: str | int
) -> dict[str, Any]:
    response = await client.get(
        f"/v1/reports/{path}", params=params, headers=keys.auth("accountant")
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def walk(
    client: httpx.AsyncClient, keys: KeyPair, path: str, limit: int, **params: str | int
) -> list[list[dict[str, Any]]]:
    """Every page from the first, following next_cursor until it is null."""
    pages, cursor = [], None
    for _ in range(20):
        page = await report(
            client, keys, path, limit=limit, **params, **({"cursor": cursor} if cursor else {})
        )
        pages.append(page["rows"])
        cursor = page["next_cursor"]
        if cursor is None:
            return pages
    raise AssertionError("the pages never ended")


def dso_row(customer: str, currency: str, owed: str, current: str, sales: str, days: str) -> Any:
    return {"customer_id": customer, "currency": currency, "receivables": owed,
            "current_receivables": current, "credit_sales": sales, "days": 31,
            "dso_days": days}  # fmt: skip


async def test_dso_by_customer_pages_hold_at_most_limit_rows_in_customer_order(
    client: httpx.AsyncClient, auth_keys: KeyPair, history: History
) -> None:
    customers = history.customers
    a, b, e = customers["a"], customers["b"], customers["e"]
    params = {"as_of": history.as_of, "months": 1, "group_by": "customer"}
    pages = await walk(client, auth_keys, "dso", 2, **params)

    def strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "months"} for r in rows]

    # d's invoice makes it a key of the third page, but it has nothing to show.
    assert [len(p) for p in pages] == [2, 2, 1]
    rows = [r for p in pages for r in p]
    assert strip([r for r in rows if r["customer_id"] != customers["c"]]) == [
        dso_row(a, "CNY", "500.00", "0.00", "500.00", "31.00"),
        dso_row(a, "EUR", "1000.00", "1000.00", "1000.00", "31.00"),
        dso_row(b, "EUR", "300.00", "0.00", "600.00", "15.50"),
        dso_row(e, "EUR", "400.00", "400.00", "400.00", "31.00"),
    ]
    # Each customer's row is the one its own report gives.
    for customer in customers.values():
        alone = await report(client, auth_keys, "dso", customer_id=customer, **params)
        assert alone["rows"] == [r for r in rows if r["customer_id"] == customer]
        assert alone["next_cursor"] is None
    whole = await report(client, auth_keys, "dso", **params)
    assert whole["rows"] == rows
    assert whole["next_cursor"] is None


# The countback reads 24 months, so d's sale of the year before gives it a row there.
@pytest.mark.parametrize(("path", "params", "d_shown"), [
    ("add", {"months": "1"}, False),
    ("cei", {}, False),
    ("dso", {"method": "countback"}, True),
    # As known at a time, the figures are worked out from the facts by another statement.
    ("dso", {"months": "1", "known_at": "2199-01-01T00:00:00Z"}, False),
])  # fmt: skip
async def test_add_cei_and_countback_pages_add_up_to_the_whole_report(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    history: History,
    path: str,
    params: dict[str, str],
    d_shown: bool,
) -> None:
    customers = history.customers
    dates = history.window if path == "cei" else {"as_of": history.as_of}
    by_customer = {**params, **dates, "group_by": "customer"}
    pages = await walk(client, auth_keys, path, 1, **by_customer)
    whole = await report(client, auth_keys, path, **by_customer)
    assert [r for p in pages for r in p] == whole["rows"]
    assert all(len(p) <= 1 for p in pages)
    shown = {(r["customer_id"], r["currency"]) for r in whole["rows"]}
    assert {(customers["a"], "CNY"), (customers["b"], "EUR")} <= shown
    assert (customers["d"] in {c for c, _ in shown}) is d_shown


async def test_currency_totals_page_by_currency(
    client: httpx.AsyncClient, auth_keys: KeyPair, history: History
) -> None:
    pages = await walk(client, auth_keys, "dso", 1, as_of=history.as_of, months=1)
    assert [[(r["currency"], r["receivables"]) for r in p] for p in pages] == [
        [("CNY", "500.00")],
        [("EUR", "1700.00")],
    ]


async def test_exposure_and_cash_forecast_by_customer_come_in_pages(
    client: httpx.AsyncClient, auth_keys: KeyPair, history: History
) -> None:
    customers = history.customers
    exposure = await walk(client, auth_keys, "credit-exposure", 1, as_of=history.as_of)
    # A page reads its own customers: c's and d's keys owe nothing, so their pages are empty;
    # f is found by its limit.
    assert [len(p) for p in exposure] == [1, 1, 1, 1, 0, 0, 1]
    assert [
        (r["customer_id"], r["currency"], r["receivables"], r["credit_limit"])
        for p in exposure
        for r in p
    ] == [
        (customers["a"], "CNY", "500.00", None),
        (customers["a"], "EUR", "1000.00", None),
        (customers["f"], "EUR", "0.00", "900.00"),
        (customers["b"], "EUR", "300.00", None),
        (customers["e"], "EUR", "400.00", None),
    ]
    # A forecast from a day to come is made from every open item, this module's histories all.
    params = {"from": "2199-01-05", "group_by": "customer"}
    pages = await walk(client, auth_keys, "cash-forecast", 2, **params)
    whole = await report(client, auth_keys, "cash-forecast", **params)
    assert [r for p in pages for r in p] == whole["rows"]
    assert all(len(p) <= 2 for p in pages)
    assert len(pages) >= 2
    assert {(customers["e"], "EUR")} <= {(r["customer_id"], r["currency"]) for r in whole["rows"]}


@pytest.fixture
async def paid_history(delivery: EventDelivery) -> tuple[int, dict[str, int]]:
    """Four customers, each paying one invoice due 30 June: this many days late."""
    y, prefix = next(YEARS), f"paying-{uuid7()}"
    late = {f"{prefix}-p": 10, f"{prefix}-q": 20, f"{prefix}-r": 0, f"{prefix}-s": 10}
    for customer, days in late.items():
        invoice = f"{customer}/1"
        await delivery.deliver(
            issued(customer, invoice, "100.00", on=date(y, 6, 1), due=date(y, 6, 30))
        )
        on = date(y, 6, 30) + timedelta(days=days)
        await delivery.deliver(paid(customer, f"{customer}/p", on, {invoice: "100.00"}))
    return y, late


@pytest.mark.parametrize("direction", ["desc", "asc"])
async def test_payment_behaviour_pages_follow_its_sort_ties_by_customer(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    paid_history: tuple[int, dict[str, int]],
    direction: str,
) -> None:
    y, late = paid_history
    window = {"from": f"{y}-06-01", "to": f"{y}-12-31", "direction": direction}
    pages = await walk(client, auth_keys, "payment-behaviour", 1, **window)
    found = [(r["customer_id"], r["average_days_beyond_terms"]) for p in pages for r in p]
    # An independent order: by lateness, then by customer id whatever the direction.
    sign = -1 if direction == "desc" else 1
    expected = sorted(late.items(), key=lambda kv: (sign * kv[1], kv[0]))
    assert found == [(c, f"{days}.00") for c, days in expected]
    # Not a figure, or one past what a decimal can be negated to.
    for figure in ("soon", "1e999999999", "NaN"):
        bad = await client.get(
            "/v1/reports/payment-behaviour",
            params={**window, "cursor": cursor_of([figure, None, "EUR"])},
            headers=auth_keys.auth("auditor"),
        )
        assert_problem(bad, 400, "invalid-cursor", fields=["cursor"])


def cursor_of(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


@pytest.mark.parametrize(("params", "status", "slug"), [
    ({"limit": 0}, 422, "validation-error"),
    ({"limit": 501}, 422, "validation-error"),
    ({"cursor": "not a cursor"}, 422, "validation-error"),
    ({"cursor": cursor_of(["x"])}, 400, "invalid-cursor"),
    ({"cursor": cursor_of([None, "EUR"]), "group_by": "customer"}, 400, "invalid-cursor"),
    # Nested past what the JSON parser will follow.
    ({"cursor": base64.urlsafe_b64encode(b"[" * 1500 + b"]" * 1500).decode().rstrip("=")},
     400, "invalid-cursor"),
])  # fmt: skip
async def test_a_bad_limit_or_cursor_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair, params: dict[str, Any], status: int, slug: str
) -> None:
    as_of, window = {"as_of": "1989-03-31"}, {"from": "1989-03-01", "to": "1989-03-31"}
    for path, dates in (("dso", as_of), ("add", as_of), ("cei", window)):
        response = await client.get(
            f"/v1/reports/{path}", params={**dates, **params}, headers=auth_keys.auth("auditor")
        )
        field = "limit" if "limit" in params else "cursor"
        assert_problem(response, status, slug, fields=[field])
