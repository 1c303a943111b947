import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, assert_problem

from .steps import TRACE_TABLES, assert_books_balance, entry_lines, invoice, issue, pay

REQUEST = {"reason": "Customer insolvent", "requested_on": "2026-06-30"}
APPROVE = {"approved_on": "2026-07-01"}


async def request(
    client: httpx.AsyncClient, auth_keys: KeyPair, invoice_id: str, subject: str = "alice"
) -> httpx.Response:
    return await client.post(
        f"/v1/invoices/{invoice_id}/write-offs",
        json=REQUEST,
        headers=auth_keys.auth("credit_manager", subject=subject),
    )


async def approve(
    client: httpx.AsyncClient, auth_keys: KeyPair, write_off_id: str, subject: str
) -> httpx.Response:
    return await client.post(
        f"/v1/write-offs/{write_off_id}:approve",
        json=APPROVE,
        headers=auth_keys.auth("credit_manager", subject=subject),
    )


async def test_a_write_off_request_posts_nothing_until_someone_else_approves_it(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "100.00", tax_rate="19")
    await pay(client, auth_keys, customer_id, "79.00")

    requested = await request(client, auth_keys, billed["id"])

    assert requested.status_code == 201, requested.text
    write_off = requested.json()
    assert (write_off["status"], write_off["amount"], write_off["requested_by"]) == (
        "requested",
        "40.00",
        "alice",
    )
    assert await entry_lines(ledger_db, "write_off", write_off["id"]) == []
    pending = await client.get(
        "/v1/write-offs",
        params={"status": "requested", "customer_id": customer_id},
        headers=auth_keys.auth("auditor"),
    )
    assert [w["id"] for w in pending.json()["items"]] == [write_off["id"]]

    approved = await approve(client, auth_keys, write_off["id"], subject="bob")

    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["decided_by"]) == ("approved", "bob")
    after = await invoice(client, auth_keys, billed["id"])
    assert (after["open_amount"], after["status"]) == ("0.00", "written_off")
    assert await entry_lines(ledger_db, "write_off", write_off["id"]) == [
        [("bad_debt_expense", 4000, 0, None), ("receivable", 0, 4000, billed["id"])]
    ]
    assert (await ledger_db.outbox(customer_id))[-1] == (
        "ledger.invoice_written_off.v1",
        {
            "customer_id": customer_id,
            "invoice_id": billed["id"],
            "write_off_id": write_off["id"],
            "currency": "EUR",
            "amount": "40.00",
            "written_off_on": "2026-07-01",
        },
    )
    await assert_books_balance(client, auth_keys)


async def test_the_requester_cannot_approve_their_own_write_off(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "100.00")
    write_off = (await request(client, auth_keys, billed["id"], subject="alice")).json()
    before = await ledger_db.counts(*TRACE_TABLES)

    # Even holding the admin role: the subject decides, not the role.
    own = await client.post(
        f"/v1/write-offs/{write_off['id']}:approve",
        json=APPROVE,
        headers=auth_keys.auth("admin", subject="alice"),
    )

    assert_problem(own, 403, "segregation-of-duties")
    assert "segregation of duties" in own.json()["detail"]
    assert await ledger_db.counts(*TRACE_TABLES) == before
    assert (await invoice(client, auth_keys, billed["id"]))["status"] == "issued"


async def test_a_rejected_write_off_leaves_the_invoice_owed_and_can_be_asked_again(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "100.00")
    write_off = (await request(client, auth_keys, billed["id"])).json()

    rejected = await client.post(
        f"/v1/write-offs/{write_off['id']}:reject",
        json={"rejected_on": "2026-07-01", "reason": "Payment plan agreed"},
        headers=auth_keys.auth("admin", subject="bob"),
    )

    assert rejected.status_code == 200, rejected.text
    assert (rejected.json()["status"], rejected.json()["rejection_reason"]) == (
        "rejected",
        "Payment plan agreed",
    )
    assert (await invoice(client, auth_keys, billed["id"]))["open_amount"] == "100.00"
    assert_problem(
        await approve(client, auth_keys, write_off["id"], subject="carol"),
        409,
        "write-off-not-pending",
        fields=["write_off_id"],
    )
    assert (await request(client, auth_keys, billed["id"])).status_code == 201


async def test_a_write_off_outdated_by_a_payment_is_not_approved(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "100.00")
    write_off = (await request(client, auth_keys, billed["id"])).json()
    await pay(client, auth_keys, customer_id, "30.00")
    before = await ledger_db.counts(*TRACE_TABLES)

    response = await approve(client, auth_keys, write_off["id"], subject="bob")

    assert_problem(response, 409, "write-off-outdated", fields=["invoice_id"])
    assert await ledger_db.counts(*TRACE_TABLES) == before


async def test_paid_unknown_and_pending_invoices_cannot_be_written_off(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    paid = await issue(client, auth_keys, customer_id, "20.00")
    await pay(client, auth_keys, customer_id, "20.00")
    owed = await issue(client, auth_keys, customer_id, "30.00")
    await request(client, auth_keys, owed["id"])
    before = await ledger_db.counts(*TRACE_TABLES)

    assert_problem(
        await request(client, auth_keys, paid["id"]),
        409,
        "invoice-not-write-offable",
        fields=["invoice_id"],
    )
    assert_problem(
        await request(client, auth_keys, owed["id"]),
        409,
        "invoice-not-write-offable",
        fields=["invoice_id"],
    )
    assert_problem(
        await request(client, auth_keys, "nope"), 404, "invoice-not-found", fields=["invoice_id"]
    )
    assert_problem(
        await approve(client, auth_keys, "nope", subject="bob"),
        404,
        "write-off-not-found",
        fields=["write_off_id"],
    )
    assert await ledger_db.counts(*TRACE_TABLES) == before


@pytest.mark.parametrize(
    ("path", "role", "status"),
    [
        ("request", "cashier", 403),
        ("request", "accountant", 201),
        ("approve", "accountant", 403),
        ("approve", "collector", 403),
    ],
)
async def test_who_may_request_and_who_may_approve(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    path: str,
    role: str,
    status: int,
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "10.00")
    if path == "request":
        response = await client.post(
            f"/v1/invoices/{billed['id']}/write-offs", json=REQUEST, headers=auth_keys.auth(role)
        )
    else:
        write_off = (await request(client, auth_keys, billed["id"])).json()
        response = await client.post(
            f"/v1/write-offs/{write_off['id']}:approve",
            json=APPROVE,
            headers=auth_keys.auth(role, subject="bob"),
        )
    assert response.status_code == status, response.text
