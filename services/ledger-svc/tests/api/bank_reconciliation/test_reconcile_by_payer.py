"""The bank reconciliation cases a finance team met with a Chinese customer: a credit from the
customer's exact legal name a day after the payment, money paid out the day a refund was paid,
reversed payments, lines that say why they are unmatched, matches by hand, Chinese (non-IBAN)
accounts, and the statement period the file declares."""

from datetime import UTC, datetime

import httpx

from ledger_svc.domain.bank_reconciliation.bank_accounts import AccountFingerprints
from ledger_svc.settings import PayerAccountSettings
from ledgerflow_events.contracts.customer import CustomerProfileUpdated
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .bank_files import Books, Entry, Json

LEGAL_NAME = "上海华东贸易有限公司"


def seen(run: Json) -> list[tuple[object, ...]]:
    return [
        (x["amount"], x["outcome"], x["reason"], x["payment_id"], x["refund_id"], x["customer_id"])
        for x in run["lines"]
    ]


async def test_a_credit_from_the_exact_legal_name_the_next_day_matches_the_payment(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR", name=LEGAL_NAME)
    other = await register_customer("EUR", name=f"Other {books.tag}")
    payment = await books.payment(customer, "40000.00", "2026-03-01", "phoned in")
    await books.payment(other, "40000.00", "2026-03-02", "phoned in too")
    statement = await books.statement(
        [Entry("40000.00", booked="2026-03-02", payer_name="上海 华东贸易 有限公司")]
    )

    run = (await books.reconcile(statement, date_window_days=3)).json()

    assert seen(run) == [("40000.00", "matched", None, payment["id"], None, customer)]


async def test_a_renamed_customer_is_matched_by_its_new_legal_name_and_no_longer_by_its_old(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, delivery: EventDelivery
) -> None:
    books = Books(client, auth_keys)
    old_name, new_name = f"Old Harbour {books.tag} Ltd", f"新港航运 {books.tag} 有限公司"
    customer = await register_customer("EUR", name=old_name)
    other = await register_customer("EUR", name=f"Bystander {books.tag}")
    payment = await books.payment(customer, "8150.25", "2026-03-02", "phoned in")
    await books.payment(other, "8150.25", "2026-03-02", "phoned in too")
    # As customer-svc announces a rename: the field by name, its new value beside it.
    renamed = CustomerProfileUpdated(
        customer_id=customer,
        changed_fields=["name"],
        updated_at=datetime(2026, 3, 1, tzinfo=UTC),
        name=new_name,
    )
    assert await delivery.deliver(renamed) == Outcome.APPLIED
    by_old = await books.statement([Entry("8150.25", payer_name=old_name.upper())])
    by_new = await books.statement([Entry("8150.25", payer_name=new_name.replace(" ", ""))])

    old_run = (await books.reconcile(by_old)).json()
    new_run = (await books.reconcile(by_new)).json()

    assert seen(new_run) == [("8150.25", "matched", None, payment["id"], None, customer)]
    assert seen(old_run) == [("8150.25", "unmatched", "several_candidates", None, None, None)]


async def test_an_alias_names_the_customer_and_can_be_forgotten(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR", name=f"Bright Sun {books.tag} Co., Ltd.")
    alias = f"华东 {books.tag}"
    path = f"/v1/customers/{customer}/payer-aliases"
    added = await client.post(path, json={"name": alias}, headers=books.accountant)
    again = await client.post(path, json={"name": f" {alias}"}, headers=books.accountant)
    payment = await books.payment(customer, "125.00", "2026-03-02", "cash desk")
    statement = await books.statement([Entry("125.00", payer_name=alias.upper())])
    named = (await books.reconcile(statement)).json()
    forgotten = await client.post(f"{path}:forget", json={"name": alias}, headers=books.accountant)
    blank = await client.post(path, json={"name": " .,;"}, headers=books.accountant)

    assert (added.status_code, again.status_code) == (201, 200)
    assert added.json() == {"customer_id": customer, "aliases": [alias]}
    assert seen(named) == [("125.00", "matched", None, payment["id"], None, customer)]
    assert forgotten.json() == {"customer_id": customer, "aliases": []}
    assert_problem(blank, 422, "invalid-payer-name", fields=["name"])


async def test_money_paid_out_the_day_a_refund_was_paid_matches_it_without_a_reference(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR")
    await books.payment(customer, "500.00", "2026-02-20", "overpaid")
    requested = await client.post(
        f"/v1/customers/{customer}/refunds",
        json={"amount": "300.00", "method": "bank_transfer", "requested_on": "2026-02-27"},
        headers=auth_keys.auth("accountant", subject="requester"),
    )
    refund = requested.json()
    paid = await client.post(
        f"/v1/refunds/{refund['id']}:pay",
        json={"paid_on": "2026-03-02"},
        headers=auth_keys.auth("cashier", subject="payer"),
    )
    statement = await books.statement([Entry("300.00", direction="DBIT", booked="2026-03-02")])

    run = (await books.reconcile(statement, date_window_days=0)).json()

    assert (requested.status_code, paid.status_code) == (201, 200), paid.text
    assert seen(run) == [("300.00", "matched", None, None, refund["id"], customer)]
    assert (
        run["lines"][0]["note"] == "the only refund of 300.00 EUR paid within 0 days of 2026-03-02"
    )


async def test_a_reversed_payment_is_no_candidate_and_each_unmatched_line_says_why(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR", name=f"Reversed {books.tag}")
    bounced = await books.payment(customer, "777.00", "2026-03-02", f"CHQ-{books.tag}")
    reversed_ = await client.post(
        f"/v1/payments/{bounced['id']}:reverse",
        json={"reversed_on": "2026-03-03", "reason": "bounced"},
        headers=books.accountant,
    )
    statement = await books.statement(
        [
            Entry("777.00", remittance=f"CHQ-{books.tag}"),
            Entry("913.57", booked="2026-03-02"),
        ]
    )

    run = (await books.reconcile(statement)).json()

    assert reversed_.status_code == 200, reversed_.text
    assert seen(run) == [
        ("777.00", "unmatched", "no_candidate", None, None, None),
        ("913.57", "unmatched", "no_candidate", None, None, None),
    ]
    assert (
        run["lines"][1]["note"] == "no payment of 913.57 EUR recorded within 3 days of 2026-03-02"
    )


async def test_a_line_is_matched_by_hand_to_a_payment_recorded_with_the_user(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR")
    payment = await books.payment(customer, "64.10", "2026-02-10", "no reference")
    other = await books.payment(customer, "64.11", "2026-03-02", "another")
    statement = await books.statement([Entry("64.10"), Entry("5.00", direction="DBIT")])
    path = f"/v1/bank-statements/{statement['id']}/lines"
    li = auth_keys.auth("accountant", subject="li.na")

    differs = await client.post(f"{path}/0:match", json={"payment_id": other["id"]}, headers=li)
    matched = await client.post(f"{path}/0:match", json={"payment_id": payment["id"]}, headers=li)
    twice = await client.post(f"{path}/0:match", json={"payment_id": payment["id"]}, headers=li)
    debit = await client.post(f"{path}/1:match", json={"payment_id": payment["id"]}, headers=li)
    nowhere = await client.post(f"{path}/9:match", json={"payment_id": payment["id"]}, headers=li)
    both = await client.post(
        f"{path}/0:match", json={"payment_id": payment["id"], "invoice_ids": ["x"]}, headers=li
    )
    run = (await books.reconcile(statement, date_window_days=0)).json()

    assert matched.status_code == 201, matched.text
    body = matched.json()
    assert body == {
        "statement_id": statement["id"],
        "line_id": statement["lines"][0]["id"],
        "position": 0,
        "payment_id": payment["id"],
        "customer_id": customer,
        "payment_created": False,
        "matched_by": "li.na",
        "matched_at": body["matched_at"],
    }
    problem = assert_problem(differs, 422, "match-does-not-agree", fields=["payment_id"])
    assert problem["detail"].startswith("The amount differs by 0.01 EUR")
    assert_problem(twice, 409, "line-already-matched")
    assert_problem(debit, 422, "not-money-received", fields=["position"])
    assert_problem(nowhere, 404, "bank-line-not-found")
    assert both.status_code == 422
    by_hand = run["lines"][0]
    assert (by_hand["outcome"], by_hand["payment_id"]) == ("matched", payment["id"])
    rows = await ledger_db.rows(
        "SELECT payment_id, matched_by, reconciliation_id FROM bank_line_matches "
        "WHERE line_id = :l",
        l=statement["lines"][0]["id"],
    )
    assert rows == [(payment["id"], "li.na", None)]


async def test_a_line_matched_by_hand_to_invoices_records_their_payment(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR")
    first = await books.invoice(customer, "100.00")
    second = await books.invoice(customer, "50.00")
    statement = await books.statement([Entry("150.00", booked="2026-03-04")])

    matched = await client.post(
        f"/v1/bank-statements/{statement['id']}/lines/0:match",
        json={"invoice_ids": [first["id"], second["id"]]},
        headers=books.cashier,
    )

    assert matched.status_code == 201, matched.text
    assert (matched.json()["payment_created"], matched.json()["customer_id"]) == (True, customer)
    payment = await client.get(
        f"/v1/payments/{matched.json()['payment_id']}", headers=books.cashier
    )
    assert payment.status_code == 200, payment.text
    assert (payment.json()["amount"], payment.json()["received_on"]) == ("150.00", "2026-03-04")
    assert sorted((a["invoice_id"], a["amount"]) for a in payment.json()["allocations"]) == sorted(
        [(first["id"], "100.00"), (second["id"], "50.00")]
    )


async def test_a_chinese_bank_account_is_kept_as_a_fingerprint_and_a_mask(
    client: httpx.AsyncClient, auth_keys: KeyPair, ledger_db
) -> None:
    books = Books(client, auth_keys)
    account = f"6222 0212 {books.tag[-4:]}"
    statement = await books.statement([Entry("88.00", payer_account=account)])

    [line] = statement["lines"]
    rows = await ledger_db.rows(
        "SELECT counterparty_iban_hash FROM bank_statement_lines WHERE id = :i", i=line["id"]
    )

    assert line["counterparty_account"] == f"****{account.replace(' ', '')[-4:].upper()}"
    fingerprints = AccountFingerprints(PayerAccountSettings().payer_key())
    assert rows == [(fingerprints.of(account),)]


async def test_the_statement_period_is_the_one_the_file_declares(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    books = Books(client, auth_keys)
    declared = await books.statement(
        [Entry("1.00", booked="2026-03-02")], ("2026-03-01", "2026-03-31")
    )
    undeclared = await books.statement([Entry("1.00", booked="2026-03-02")])

    assert (declared["period_from"], declared["period_to"]) == ("2026-03-01", "2026-03-31")
    assert (undeclared["period_from"], undeclared["period_to"]) == ("2026-03-02", "2026-03-02")


async def test_a_statement_stands_reconciled_explained_or_not(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    books = Books(client, auth_keys)
    customer = await register_customer("EUR")
    payment = await books.payment(customer, "19.00", "2026-03-02", "no reference")
    statement = await books.statement(
        [Entry("19.00"), Entry("4.00", direction="DBIT"), Entry("6.66")]
    )
    path = f"/v1/bank-statements/{statement['id']}"
    auditor = auth_keys.auth("auditor")

    never = (await client.get(f"{path}/standing", headers=auditor)).json()
    await books.reconcile(statement)
    explained = (await client.get(f"{path}/standing", headers=auditor)).json()
    await client.post(
        f"{path}/lines/0:match", json={"payment_id": payment["id"]}, headers=books.accountant
    )
    by_hand = (await client.get(f"{path}/standing", headers=auditor)).json()
    missing = await client.get("/v1/bank-statements/nope/standing", headers=auditor)

    def standing(reconciled: int, explained: bool, open_: list[int]) -> Json:
        return {
            "statement_id": statement["id"],
            "lines": 3,
            "reconciled": reconciled,
            "fully_reconciled": reconciled == 3,
            "explained": explained,
            "unexplained_positions": open_,
        }

    assert never == standing(0, False, [0, 1, 2])
    # The credits say why they are unmatched; the debit is none of the ledger's business.
    assert explained == standing(1, True, [])
    assert by_hand == standing(2, True, [])
    assert_problem(missing, 404, "bank-statement-not-found")
