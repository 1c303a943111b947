import httpx

from ledgerflow_platform.testing import KeyPair, ServiceDb

from .conftest import Upload, csv_table, line
from .reads import contacts_of, contracts_of, customer_by


async def test_rows_of_one_customer_file_one_customer_with_distinct_contacts_and_each_contract(
    client: httpx.AsyncClient, auth_keys: KeyPair, upload: Upload, db: ServiceDb
) -> None:
    first = line(contract_number="")
    same_contact = {**first, "contract_number": "", "project": "Spare parts", "contract_date": ""}
    # Later rows may leave the customer's cells empty, or repeat them; no code joins by name.
    by_name = {
        "customer": first["customer"].upper(),
        "contact": "Li Na",
        "phone": "",
        "email": "li.na@pearl-river.example",
    }
    contact_only = {"customer": first["customer"], "customer_code": first["customer_code"]}
    contact_only |= {"contact": "Zhang  Wei", "phone": "+86 13800138000"}
    contact_only |= {"email": "Zhang.Wei@Pearl-River.example"}

    response = await upload(csv_table([first, same_contact, by_name, contact_only]))

    assert response.status_code == 201, response.text
    assert response.json() == {
        "customers_created": 1,
        "contacts_created": 2,
        "contracts_created": 2,
    }
    customer = await customer_by(client, auth_keys, first["customer_code"])
    assert await contacts_of(client, auth_keys, customer["id"]) == [
        ("Zhang Wei", "+8613800138000", "zhang.wei@pearl-river.example", ["primary"]),
        ("Li Na", None, "li.na@pearl-river.example", []),
    ]
    contracts = await contracts_of(client, auth_keys, customer["id"])
    assert [(c["number"], c["project"], c["status"], c["signed_on"]) for c in contracts] == [
        (f"{first['customer_code']}-01", "Packaging line", "active", "2025-05-20"),
        (f"{first['customer_code']}-02", "Spare parts", "draft", None),
    ]
    events = [kind for kind, _ in await db.outbox(customer["id"])]
    assert events == [
        "customer.customer_registered.v1",
        "customer.profile_updated.v1",
        "customer.contract_signed.v1",
    ]


async def test_a_customer_without_contacts_or_contracts_is_filed_alone(
    client: httpx.AsyncClient, auth_keys: KeyPair, upload: Upload, db: ServiceDb
) -> None:
    row = {k: line()[k] for k in ("customer", "customer_code", "currency", "payment_terms_days")}

    response = await upload(csv_table([row]))

    assert response.json() == {
        "customers_created": 1,
        "contacts_created": 0,
        "contracts_created": 0,
    }
    customer = await customer_by(client, auth_keys, row["customer_code"])
    assert (customer["country"], customer["tax_id"]) == (None, None)
    assert [kind for kind, _ in await db.outbox(customer["id"])] == [
        "customer.customer_registered.v1"
    ]


async def test_imported_contacts_and_tax_ids_are_sealed_at_rest(
    upload: Upload, db: ServiceDb
) -> None:
    row = line(contact="Ouyang Xiu", email="ouyang.xiu@sealed.example")

    assert (await upload(csv_table([row]))).status_code == 201

    [(tax_id, name, phone, email)] = await db.rows(
        "SELECT c.tax_id_sealed, k.name_sealed, k.phone_sealed, k.email_sealed"
        " FROM customers c JOIN customer_contacts k ON k.customer_id = c.id WHERE c.code = :code",
        code=row["customer_code"],
    )
    stored = " ".join((tax_id, name, phone, email)).lower()
    assert all(token.startswith("dev:") for token in (tax_id, name, phone, email))
    for clear in (row["tax_id"].lower(), "ouyang", "8613800138000", "sealed.example"):
        assert clear not in stored
