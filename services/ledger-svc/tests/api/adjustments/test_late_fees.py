from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, assert_problem

from .steps import TRACE_TABLES, assert_books_balance, entry_lines, invoice, issue, pay

# Each test uses its own currency: policies are per currency and the database is shared.


async def set_policy(
    client: httpx.AsyncClient, auth_keys: KeyPair, currency: str, **policy: Any
) -> httpx.Response:
    return await client.put(
        f"/v1/late-fee-policies/{currency}", json=policy, headers=auth_keys.auth("admin")
    )


async def run(client: httpx.AsyncClient, auth_keys: KeyPair, as_of: str) -> Any:
    response = await client.post(
        "/v1/late-fee-runs", json={"as_of": as_of}, headers=auth_keys.auth("service")
    )
    assert response.status_code == 200, response.text
    return response.json()


def mine(run_result: Any, invoice_id: str) -> list[Any]:
    return [f for f in run_result["fees"] if f["invoice_id"] == invoice_id]


async def test_a_run_charges_each_overdue_invoice_once_a_month_as_its_own_lf_invoice(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    policy = await set_policy(client, auth_keys, "CHF", kind="percent", percent_per_month="1.5")
    assert policy.json() == {
        "currency": "CHF",
        "kind": "percent",
        "amount": None,
        "percent_per_month": "1.5",
        "grace_days": 0,
    }
    customer_id = await register_customer("CHF")
    # Due 2026-03-31; 333.33 open after a payment of 66.67.
    billed = await issue(client, auth_keys, customer_id, "400.00", due_date="2026-03-31")
    await pay(client, auth_keys, customer_id, "66.67", currency="CHF")

    april = await run(client, auth_keys, "2026-04-15")

    [fee] = mine(april, billed["id"])
    assert (april["period"], fee["base_amount"], fee["amount"]) == ("2026-04", "333.33", "5.00")
    assert fee["fee_invoice_number"].startswith("LF-2026-")
    billed_fee = await invoice(client, auth_keys, fee["fee_invoice_id"])
    assert (billed_fee["total"], billed_fee["open_amount"], billed_fee["due_date"]) == (
        "5.00",
        "5.00",
        "2026-04-15",
    )
    assert await entry_lines(ledger_db, "late_fee", fee["fee_invoice_id"]) == [
        [("receivable", 500, 0, fee["fee_invoice_id"]), ("late_fee_income", 0, 500, None)]
    ]
    types = [t for t, _ in (await ledger_db.outbox(customer_id))[-2:]]
    assert types == ["ledger.invoice_issued.v1", "ledger.late_fee_charged.v1"]
    assert (await ledger_db.outbox(customer_id))[-1][1] == {
        "customer_id": customer_id,
        "late_fee_id": fee["id"],
        "invoice_id": billed["id"],
        "fee_invoice_id": fee["fee_invoice_id"],
        "fee_invoice_number": fee["fee_invoice_number"],
        "currency": "CHF",
        "amount": "5.00",
        "period": "2026-04",
        "as_of": "2026-04-15",
    }

    before = await ledger_db.counts(*TRACE_TABLES)
    assert mine(await run(client, auth_keys, "2026-04-30"), billed["id"]) == []
    assert await ledger_db.counts("late_fees", "invoices") == {
        k: before[k] for k in ("late_fees", "invoices")
    }
    # A new month charges the original again, but never the fee invoice itself.
    may = await run(client, auth_keys, "2026-05-02")
    assert [f["amount"] for f in mine(may, billed["id"])] == ["5.00"]
    assert mine(may, fee["fee_invoice_id"]) == []
    await assert_books_balance(client, auth_keys)


async def test_a_late_fee_is_collected_like_any_invoice_and_can_be_waived(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    await set_policy(client, auth_keys, "SEK", kind="fixed", amount="150.00", grace_days=10)
    customer_id = await register_customer("SEK")
    billed = await issue(client, auth_keys, customer_id, "1000.00", due_date="2026-03-31")

    assert mine(await run(client, auth_keys, "2026-04-10"), billed["id"]) == []  # in grace
    [fee] = mine(await run(client, auth_keys, "2026-04-11"), billed["id"])
    waived = await client.post(
        f"/v1/invoices/{fee['fee_invoice_id']}/credit-notes",
        json={"amount": "50.00", "issue_date": "2026-04-12", "reason": "Partly waived"},
        headers=auth_keys.auth("accountant"),
    )
    assert waived.status_code == 201, waived.text
    assert (await entry_lines(ledger_db, "credit_note", waived.json()["id"]))[0][0] == (
        "late_fee_income",
        5000,
        0,
        None,
    )
    await pay(client, auth_keys, customer_id, "1100.00", "2026-04-20", currency="SEK")
    assert (await invoice(client, auth_keys, fee["fee_invoice_id"]))["status"] == "paid"
    await assert_books_balance(client, auth_keys)


async def test_voiding_an_unpaid_late_fee_invoice_reverses_the_fee(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    await set_policy(client, auth_keys, "PLN", kind="fixed", amount="40.00")
    customer_id = await register_customer("PLN")
    billed = await issue(client, auth_keys, customer_id, "500.00", due_date="2026-03-31")
    [fee] = mine(await run(client, auth_keys, "2026-04-02"), billed["id"])

    voided = await client.post(
        f"/v1/invoices/{fee['fee_invoice_id']}:void",
        json={"voided_on": "2026-04-03", "reason": "Fee cancelled"},
        headers=auth_keys.auth("accountant"),
    )

    assert voided.status_code == 200, voided.text
    assert (await entry_lines(ledger_db, "late_fee", fee["fee_invoice_id"]))[1] == [
        ("receivable", 0, 4000, fee["fee_invoice_id"]),
        ("late_fee_income", 4000, 0, None),
    ]
    assert mine(await run(client, auth_keys, "2026-04-20"), billed["id"]) == []
    await assert_books_balance(client, auth_keys)


async def test_invoices_in_a_currency_without_a_policy_are_not_charged(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("NOK")
    billed = await issue(client, auth_keys, customer_id, "10.00", due_date="2026-03-31")
    assert mine(await run(client, auth_keys, "2026-06-01"), billed["id"]) == []
    missing = await client.get("/v1/late-fee-policies/NOK", headers=auth_keys.auth("auditor"))
    assert_problem(missing, 404, "late-fee-policy-not-found", fields=["currency"])


@pytest.mark.parametrize(
    ("currency", "body", "slug", "field"),
    [
        ("EUR", {"kind": "fixed"}, "invalid-late-fee-policy", "amount"),
        ("EUR", {"kind": "fixed", "amount": "-1.00"}, "invalid-amount", "amount"),
        ("EUR", {"kind": "fixed", "amount": "1.005"}, "invalid-amount", "amount"),
        (
            "EUR",
            {"kind": "percent", "percent_per_month": "0"},
            "invalid-late-fee-policy",
            "percent_per_month",
        ),
        (
            "EUR",
            {"kind": "percent", "percent_per_month": "2", "grace_days": -1},
            "validation-error",
            "grace_days",
        ),
        ("ABC", {"kind": "fixed", "amount": "1.00"}, "invalid-late-fee-policy", "currency"),
    ],
)
async def test_a_refused_policy_names_the_field_and_changes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    ledger_db,
    currency: str,
    body: dict[str, Any],
    slug: str,
    field: str,
) -> None:
    before = await ledger_db.counts(*TRACE_TABLES)
    assert_problem(
        await set_policy(client, auth_keys, currency, **body),
        422,
        slug,
        fields=[field] if field else None,
    )
    assert await ledger_db.counts(*TRACE_TABLES) == before


@pytest.mark.parametrize(
    ("role", "status"), [("accountant", 200), ("cashier", 403), ("auditor", 403)]
)
async def test_only_admins_and_accountants_set_policies(
    client: httpx.AsyncClient, auth_keys: KeyPair, role: str, status: int
) -> None:
    response = await client.put(
        "/v1/late-fee-policies/DKK",
        json={"kind": "fixed", "amount": "100.00"},
        headers=auth_keys.auth(role),
    )
    assert response.status_code == status
