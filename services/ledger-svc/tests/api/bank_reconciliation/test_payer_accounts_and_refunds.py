import hashlib

import httpx

from ledger_svc.domain.bank_reconciliation.bank_accounts import AccountFingerprints
from ledger_svc.settings import PayerAccountSettings
from ledgerflow_platform.testing import KeyPair

from .bank_files import Books, Entry, new_iban


async def test_a_registered_account_is_kept_only_as_a_fingerprint_and_registering_again_is_a_no_op(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer = await register_customer("EUR")
    iban = new_iban()
    service = auth_keys.auth("service")
    spaced = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)).lower()

    path = f"/v1/customers/{customer}/bank-accounts"
    first = await client.post(path, json={"iban": iban}, headers=service)
    again = await client.post(path, json={"iban": spaced}, headers=service)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json() == {"customer_id": customer, "account": f"****{iban[-4:]}"}
    rows = await ledger_db.rows(
        "SELECT iban_hash, iban_masked FROM customer_bank_accounts WHERE customer_id = :c",
        c=customer,
    )
    assert len(rows) == 1
    # Keyed: not the plain hash anyone could compute from a guessed account number.
    assert rows[0][0] not in (iban, hashlib.sha256(iban.encode()).hexdigest())
    assert rows[0][0] == AccountFingerprints(PayerAccountSettings().payer_key()).of(iban)
    assert rows[0][1] == f"****{iban[-4:]}"


async def test_a_bad_iban_an_unknown_customer_or_a_cashier_registers_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer = await register_customer("EUR")
    iban = new_iban()
    wrong_check_digits = iban[:2] + f"{(int(iban[2:4]) + 1) % 100:02d}" + iban[4:]
    accountant = auth_keys.auth("accountant")
    before = await ledger_db.counts("customer_bank_accounts")

    path = f"/v1/customers/{customer}/bank-accounts"
    invalid = await client.post(path, json={"iban": wrong_check_digits}, headers=accountant)
    unknown = await client.post(
        "/v1/customers/nobody/bank-accounts", json={"iban": iban}, headers=accountant
    )
    cashier = await client.post(path, json={"iban": iban}, headers=auth_keys.auth("cashier"))
    missing = await client.post(path, json={}, headers=accountant)

    assert (invalid.status_code, invalid.json()["errors"][0]["field"]) == (422, "iban")
    assert (unknown.status_code, unknown.json()["type"]) == (
        404,
        "https://ledgerflow.dev/problems/customer-not-found",
    )
    assert cashier.status_code == 403
    assert (missing.status_code, missing.json()["errors"][0]["field"]) == (422, "iban")
    assert await ledger_db.counts("customer_bank_accounts") == before


async def test_a_forgotten_account_no_longer_names_its_customer(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR")
    iban = new_iban()
    path = f"/v1/customers/{customer}/bank-accounts"
    await client.post(path, json={"iban": iban}, headers=books.accountant)
    statement = await books.statement([Entry("60.00", payer_iban=iban)])
    named = (await books.reconcile(statement)).json()

    account = {"iban": iban}
    forgotten = await client.post(f"{path}:forget", json=account, headers=books.accountant)
    forgotten_again = await client.post(f"{path}:forget", json=account, headers=books.accountant)
    unnamed = (await books.reconcile(statement)).json()

    assert (forgotten.status_code, forgotten_again.status_code) == (204, 204)
    assert [(x["outcome"], x["customer_id"]) for x in named["lines"]] == [("proposed", customer)]
    assert [(x["outcome"], x["customer_id"]) for x in unnamed["lines"]] == [("unmatched", None)]


async def test_money_paid_out_is_matched_to_the_refund_paid_and_otherwise_not_applicable(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR")
    await books.payment(customer, "50.00", "2026-02-20", "overpaid")
    reference = f"REFUND-{books.tag}"
    requested = await client.post(
        f"/v1/customers/{customer}/refunds",
        json={
            "amount": "30.00",
            "method": "bank_transfer",
            "reference": reference,
            "requested_on": "2026-02-27",
        },
        headers=books.accountant,
    )
    refund = requested.json()
    paid = await client.post(
        f"/v1/refunds/{refund['id']}:pay",
        json={"paid_on": "2026-03-01"},
        # Segregation of duties: not the user who requested it.
        headers=auth_keys.auth("cashier", subject="bob"),
    )
    statement = await books.statement(
        [
            Entry("30.00", direction="DBIT", remittance=f"Refund {reference}"),
            Entry("30.00", direction="DBIT", booked="2026-03-03", end_to_end=reference),
            Entry("29.99", direction="DBIT", remittance="Rent March"),
        ]
    )

    run = (await books.reconcile(statement)).json()

    assert (requested.status_code, paid.status_code) == (201, 200), paid.text
    assert [
        (x["outcome"], x["refund_id"], x["payment_id"], x["recorded_amount"], x["customer_id"])
        for x in run["lines"]
    ] == [
        ("matched", refund["id"], None, "30.00", customer),
        ("duplicate", refund["id"], None, "30.00", customer),
        ("not_applicable", None, None, None, None),
    ]
    assert run["summary"] == {
        "matched": 1, "proposed": 0, "created": 0, "duplicates": 1, "amount_mismatches": 0,
        "unmatched": 0, "not_applicable": 1,
    }  # fmt: skip
