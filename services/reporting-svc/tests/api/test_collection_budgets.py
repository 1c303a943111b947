"""Collection budgets per month and segment, set through REST and reported against the cash
collected from each segment's customers, checked against sums written here."""

from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .test_aging_report import issued, paid

CENT = Decimal("0.01")


async def test_budgets_against_what_each_segment_paid(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    receipts = {"retail": [("2026-10-15", "600.00"), ("2026-11-03", "300.00")],
                "wholesale": [("2026-10-31", "2000.00")]}  # fmt: skip
    for segment, paid_on in receipts.items():
        c = str(uuid7())
        await delivery.deliver(CustomerRegistered(
            customer_id=c, name=segment, currency="EUR", payment_terms_days=30,
            registered_at=datetime(2026, 9, 1, tzinfo=UTC), segments=[segment]))  # fmt: skip
        await delivery.deliver(issued(c, f"{c}/1", "5000.00", on=date(2026, 10, 1),
                                      due=date(2026, 10, 31)))  # fmt: skip
        for day, amount in paid_on:
            await delivery.deliver(paid(c, str(uuid7()), date.fromisoformat(day),
                                        {f"{c}/1": amount}))  # fmt: skip
    accountant = auth_keys.auth("accountant")
    budgets = {"2026-10": {"retail": "500.00", "wholesale": "2500.00"},
               "2026-11": {"retail": "400.00"}}  # fmt: skip
    for month, lines in budgets.items():
        body = {"budgets": [{"segment": s, "currency": "EUR", "amount": a}
                            for s, a in lines.items()]}  # fmt: skip
        read = await client.get(f"/v1/collection-budgets/{month}", headers=accountant)
        tag = {"If-Match": read.headers["ETag"]}
        put = await client.put(f"/v1/collection-budgets/{month}", json=body,
                               headers={**accountant, **tag})  # fmt: skip
        assert put.status_code == 200, put.text
        assert put.json() == {"month": month, **body}

    report = await client.get("/v1/reports/collection-budgets",
                              params={"from": "2026-10", "to": "2026-11"},
                              headers=auth_keys.auth("auditor"))  # fmt: skip
    assert report.status_code == 200, report.text
    expected = []
    for month in ("2026-10", "2026-11"):
        for segment in ("retail", "wholesale"):
            got = sum((Decimal(a) for d, a in receipts[segment] if d.startswith(month)),
                      Decimal(0))  # fmt: skip
            plan = budgets[month].get(segment)
            if plan is None and not got:
                continue
            budget = None if plan is None else Decimal(plan)
            expected.append({
                "month": month, "segment": segment, "currency": "EUR",
                "budget": plan, "collected": str(got.quantize(CENT)),
                "variance": None if budget is None else str((got - budget).quantize(CENT)),
                "achieved_percent": str((got / budget * 100).quantize(CENT)) if budget else None,
            })  # fmt: skip
    assert report.json()["rows"] == expected
    # By hand: retail 600 of 500 in October (120.00 %), 300 of 400 in November (75.00 %).
    assert [r["achieved_percent"] for r in expected] == ["120.00", "80.00", "75.00"]


async def test_bad_budgets_are_refused_naming_the_field(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    line = {"segment": "retail", "currency": "EUR", "amount": "1.00"}
    refused = await client.put("/v1/collection-budgets/2026-10", json={"budgets": [line]},
                               headers=auth_keys.auth("collector"))  # fmt: skip
    assert refused.status_code == 403
    accountant = auth_keys.auth("accountant")
    for month, body, slug, field in [
        ("2026-10", {"budgets": [{**line, "amount": "1.234"}]}, "invalid-budget",
         "budgets[0].amount"),
        ("2026-10", {"budgets": [{**line, "currency": "XXQ"}]}, "invalid-budget",
         "budgets[0].currency"),
        ("2026-10", {"budgets": [line, line]}, "invalid-budget", "budgets[1]"),
        ("2026-13", {"budgets": [line]}, "validation-error", "month"),
    ]:  # fmt: skip
        response = await client.put(f"/v1/collection-budgets/{month}", json=body,
                                    headers={**accountant, "If-Match": '"0"'})  # fmt: skip
        assert_problem(response, 422, slug, fields=[field])
    backwards = await client.get("/v1/reports/collection-budgets",
                                 params={"from": "2026-11", "to": "2026-10"},
                                 headers=accountant)  # fmt: skip
    assert_problem(backwards, 422, "invalid-budget", fields=["from"])


async def test_a_months_budgets_change_only_from_the_version_read(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    accountant, url = auth_keys.auth("accountant"), "/v1/collection-budgets/2031-02"
    first = {"budgets": [{"segment": "retail", "currency": "EUR", "amount": "100.00"}]}
    second = {"budgets": [{"segment": "retail", "currency": "EUR", "amount": "250.00"}]}

    async def read(expected_tag: str, expected: dict[str, object]) -> None:
        got = await client.get(url, headers=auth_keys.auth("auditor"))
        assert (got.status_code, got.headers["ETag"]) == (200, expected_tag)
        assert got.json() == {"month": "2031-02", **expected}

    await read('"0"', {"budgets": []})
    missing = await client.put(url, json=first, headers=accountant)
    assert_problem(missing, 428, "precondition-required", fields=["If-Match"])
    await read('"0"', {"budgets": []})
    made = await client.put(url, json=first, headers={**accountant, "If-Match": '"0"'})
    assert (made.status_code, made.headers["ETag"], made.json()) == (
        200, '"1"', {"month": "2031-02", **first})  # fmt: skip
    stale = await client.put(url, json=second, headers={**accountant, "If-Match": '"0"'})
    assert_problem(stale, 412, "stale-budgets", fields=["If-Match"])
    await read('"1"', first)
    changed = await client.put(url, json=second, headers={**accountant, "If-Match": '"1"'})
    assert (changed.status_code, changed.headers["ETag"]) == (200, '"2"')
    weak = await client.put(url, json=first, headers={**accountant, "If-Match": 'W/"2"'})
    assert_problem(weak, 412, "stale-budgets", fields=["If-Match"])
    anyway = await client.put(url, json=first, headers={**accountant, "If-Match": "*"})
    assert (anyway.status_code, anyway.headers["ETag"]) == (200, '"3"')
    await read('"3"', first)
