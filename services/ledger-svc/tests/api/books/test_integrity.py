from decimal import Decimal
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledgerflow_platform.testing import KeyPair

CHECKS = ["entries_balance", "invoice_open_amounts", "customer_balances", "refunds_payable"]


async def integrity(client: httpx.AsyncClient, auth_keys: KeyPair) -> dict[str, Any]:
    response = await client.get("/v1/integrity", headers=auth_keys.auth("auditor"))
    assert response.status_code == 200, response.text
    return dict(response.json())


def cents(minor: int) -> str:
    return f"{Decimal(minor).scaleb(-2):.2f}"


issues = st.tuples(st.just("issue"), st.integers(1, 50_000), st.sampled_from([None, "7", "19"]))
payments = st.tuples(st.just("pay"), st.integers(1, 80_000), st.none())
voids = st.tuples(st.just("void"), st.integers(0, 7), st.none())


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(st.one_of(issues, payments, voids), min_size=1, max_size=8))
async def test_any_sequence_of_invoices_payments_and_voids_keeps_the_books_balanced(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    operations: list[tuple[str, int, str | None]],
) -> None:
    customer_id = await register_customer("EUR")
    headers = auth_keys.auth("service")
    invoices: list[dict[str, Any]] = []
    paid_in = 0
    for kind, amount, tax_rate in operations:
        if kind == "issue":
            line = {"description": "Goods", "quantity": "1", "unit_price": cents(amount)}
            body = {
                "customer_id": customer_id,
                "issue_date": "2026-05-01",
                "lines": [{**line, **({"tax_rate": tax_rate} if tax_rate else {})}],
            }
            response = await client.post("/v1/invoices", json=body, headers=headers)
            invoices.append(response.json())
        elif kind == "pay":
            body = {
                "customer_id": customer_id,
                "amount": cents(amount),
                "currency": "EUR",
                "received_on": "2026-05-10",
            }
            response = await client.post("/v1/payments", json=body, headers=headers)
            paid_in += amount
        elif invoices:
            target = invoices[amount % len(invoices)]["id"]
            before = (await client.get(f"/v1/invoices/{target}", headers=headers)).json()
            response = await client.post(
                f"/v1/invoices/{target}:void",
                json={"voided_on": "2026-05-11", "reason": "Cancelled"},
                headers=headers,
            )
            voidable = before["status"] == "issued"
            assert response.status_code == (200 if voidable else 409), response.text
            continue
        else:
            continue
        assert response.status_code == 201, response.text

    report = await integrity(client, auth_keys)
    assert report["ok"], report
    billed = 0
    for invoice in invoices:
        now = (await client.get(f"/v1/invoices/{invoice['id']}", headers=headers)).json()
        assert Decimal(now["open_amount"]) >= 0
        billed += 0 if now["status"] == "void" else int(Decimal(now["total"]) * 100)
    balance = (await client.get(f"/v1/customers/{customer_id}/balance", headers=headers)).json()
    # Nothing is created or lost: what is still owed less the credit held is what was
    # billed (and not voided) less what was paid in.
    owed = int(Decimal(balance["open_amount"]) * 100) - int(Decimal(balance["credit_amount"]) * 100)
    assert owed == billed - paid_in
    assert Decimal(balance["credit_amount"]) >= 0


async def test_honest_books_pass_every_check_and_the_report_names_each_one(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    report = await integrity(client, auth_keys)
    assert report["ok"] is True
    assert [
        (c["name"], c["ok"], c["violation_count"], c["violations"]) for c in report["checks"]
    ] == [(name, True, 0, []) for name in CHECKS]
