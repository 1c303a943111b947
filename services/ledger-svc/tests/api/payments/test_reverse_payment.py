import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from .payment_steps import (
    EARLY_DISCOUNT,
    PAYMENT_TABLES,
    balance,
    books_balance,
    invoice_now,
    issue,
    journal_of,
    lines,
    pay,
)

BOUNCED = {"reversed_on": "2026-03-12", "reason": "bounced", "note": "Cheque returned unpaid"}


async def reverse(
    client: httpx.AsyncClient, keys: KeyPair, payment_id: str, body: dict[str, str] = BOUNCED
) -> httpx.Response:
    return await client.post(
        f"/v1/payments/{payment_id}:reverse", json=body, headers=keys.auth("cashier")
    )


async def test_after_a_reversal_every_invoice_is_back_exactly_where_it_was(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    discounted = await issue(client, auth_keys, customer_id, "1000.00", terms=EARLY_DISCOUNT)
    older = await issue(client, auth_keys, customer_id, "100.00", issued="2026-01-10")
    partly = await issue(client, auth_keys, customer_id, "250.00", issued="2026-01-20")
    await pay(client, auth_keys, customer_id, "50.00", allocations=[{"invoice_id": partly["id"]}])
    invoices = [discounted, older, partly]
    before = [await invoice_now(client, auth_keys, i["id"]) for i in invoices]
    owed_before = await balance(client, auth_keys, customer_id)
    # Older first (100.00), then the rest of `partly` (200.00), then 980.00 + 20.00 discount
    # closes `discounted`, 15.00 left as credit.
    paid = await pay(client, auth_keys, customer_id, "1295.00", method="cheque")
    assert [
        i["status"] for i in [await invoice_now(client, auth_keys, i["id"]) for i in invoices]
    ] == ["paid"] * 3

    response = await reverse(client, auth_keys, paid["id"])

    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["reversal"]) == ("reversed", BOUNCED)
    assert response.json()["unapplied_amount"] == "0.00"
    assert [await invoice_now(client, auth_keys, i["id"]) for i in invoices] == before
    assert await balance(client, auth_keys, customer_id) == owed_before
    assert await books_balance(client, auth_keys)
    _, reversal = await journal_of(client, auth_keys, customer_id, "early_payment_discount")
    assert lines(reversal) == [
        ("discounts_allowed", "0.00", "20.00", None),
        ("receivable", "20.00", "0.00", discounted["id"]),
    ]
    *_, payment_reversal = await journal_of(client, auth_keys, customer_id, "payment")
    assert payment_reversal["memo"] == (
        f"Payment {paid['id']} reversed: bounced (Cheque returned unpaid)"
    )
    assert lines(payment_reversal) == [
        ("bank", "0.00", "1295.00", None),
        ("receivable", "100.00", "0.00", older["id"]),
        ("receivable", "200.00", "0.00", partly["id"]),
        ("receivable", "980.00", "0.00", discounted["id"]),
        ("customer_credit", "15.00", "0.00", None),
    ]
    kind, event = (await ledger_db.outbox(customer_id))[-1]
    assert kind == "ledger.payment_reversed.v1"
    assert event == {
        "customer_id": customer_id,
        "payment_id": paid["id"],
        "currency": "EUR",
        "amount": "1295.00",
        "received_on": "2026-03-08",
        "reversed_on": "2026-03-12",
        "reason": "bounced",
        "reopened": [
            {
                "invoice_id": older["id"],
                "amount": "100.00",
                "discount": "0.00",
                "open_amount_after": "100.00",
            },
            {
                "invoice_id": partly["id"],
                "amount": "200.00",
                "discount": "0.00",
                "open_amount_after": "200.00",
            },
            {
                "invoice_id": discounted["id"],
                "amount": "980.00",
                "discount": "20.00",
                "open_amount_after": "1000.00",
            },
        ],
        "credit_removed": "15.00",
    }


async def test_a_payment_is_reversed_once_and_a_retry_with_its_key_replays_the_first(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    await issue(client, auth_keys, customer_id, "40.00")
    paid = await pay(client, auth_keys, customer_id, "40.00")
    headers = {**auth_keys.auth("cashier"), "Idempotency-Key": f"reverse-{paid['id']}"}
    url = f"/v1/payments/{paid['id']}:reverse"
    first = await client.post(url, json=BOUNCED, headers=headers)
    before = await ledger_db.counts(*PAYMENT_TABLES)

    retried = await client.post(url, json=BOUNCED, headers=headers)
    again = await reverse(client, auth_keys, paid["id"], {**BOUNCED, "reason": "error"})

    assert retried.json() == first.json()
    assert again.status_code == 409
    assert again.json()["type"].endswith("/payment-already-reversed")
    assert again.json()["detail"] == (
        f"Payment {paid['id']} was already reversed on 2026-03-12 (bounced)."
    )
    assert await ledger_db.counts(*PAYMENT_TABLES) == before


async def test_a_payment_whose_credit_was_applied_since_cannot_be_reversed(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    paid = await pay(client, auth_keys, customer_id, "80.00")
    await issue(client, auth_keys, customer_id, "30.00", issued="2026-03-09")
    applied = await client.post(
        f"/v1/customers/{customer_id}/credit-applications",
        json={"as_of": "2026-03-10"},
        headers=auth_keys.auth("accountant"),
    )
    assert applied.status_code == 201, applied.text
    before = await ledger_db.counts(*PAYMENT_TABLES)

    response = await reverse(client, auth_keys, paid["id"])

    assert response.status_code == 409
    assert response.json()["type"].endswith("/payment-credit-already-used")
    assert response.json()["detail"] == (
        f"Payment {paid['id']} created 80.00 EUR of credit; 30.00 EUR of it was applied to "
        "invoices and 0.00 EUR set aside for refunds since, so it is no longer held to be "
        "taken back."
    )
    assert await ledger_db.counts(*PAYMENT_TABLES) == before


@pytest.mark.parametrize(
    ("body", "status", "slug", "field"),
    [
        ({**BOUNCED, "reversed_on": "2026-03-07"}, 422, "reversal-before-receipt", "reversed_on"),
        ({**BOUNCED, "reason": "changed_mind"}, 422, "validation-error", "reason"),
        ({"reason": "returned"}, 422, "validation-error", "reversed_on"),
    ],
)
async def test_a_reversal_the_ledger_cannot_make_is_refused_naming_the_field(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    body: dict[str, str],
    status: int,
    slug: str,
    field: str,
) -> None:
    customer_id = await register_customer("EUR")
    paid = await pay(client, auth_keys, customer_id, "5.00")
    before = await ledger_db.counts(*PAYMENT_TABLES)

    response = await reverse(client, auth_keys, paid["id"], body)

    assert response.status_code == status
    assert response.json()["type"].endswith(f"/{slug}")
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await ledger_db.counts(*PAYMENT_TABLES) == before


async def test_reversing_an_unknown_payment_is_a_404_and_auditors_may_not_reverse(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    assert (await reverse(client, auth_keys, "no-such-payment")).status_code == 404
    customer_id = await register_customer("EUR")
    paid = await pay(client, auth_keys, customer_id, "5.00")
    forbidden = await client.post(
        f"/v1/payments/{paid['id']}:reverse", json=BOUNCED, headers=auth_keys.auth("auditor")
    )
    assert forbidden.status_code == 403
