from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from customer_svc.service import SPEC
from customer_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair, app_client, migrate

from .conftest import new_uscc

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "customer-table-example.csv"


@pytest.fixture
async def fresh(pg_server, auth_keys: KeyPair) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    """customer-svc on a database of its own, empty."""
    url = pg_server.create_database("customer_fresh")
    await migrate(SPEC, url)
    settings = Settings(database_url=url, auth_public_key=auth_keys.public_pem)
    async with app_client(SPEC, settings) as c:
        yield c


@pytest.fixture(scope="module")
async def on_file(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    """The example table, plus customers filed one record at a time with what a table can hold."""
    admin = auth_keys.auth("admin")
    imported = await client.post(
        "/v1/customer-imports",
        files={"file": ("example.csv", EXAMPLE.read_bytes())},
        headers=admin,
    )
    assert imported.status_code == 201, imported.text
    body = {
        "name": "Alpine Instruments AG",
        "currency": "CHF",
        "payment_terms_days": 20,
        "allow_duplicate_name": True,
    }
    body |= {"code": "ALP", "country": "CN", "tax_id": new_uscc()}
    alpine = (await client.post("/v1/customers", json=body, headers=admin)).json()
    base = f"/v1/customers/{alpine['id']}"
    for contact in (
        {"name": "Urs Keller", "email": "urs.keller@alpine.example", "roles": ["billing"]},
        {"name": "Heidi Brunner", "phone": "+41 44 668 18 00", "roles": ["primary"]},
        {"name": "Marco Rossi", "phone": "+41 79 123 45 67"},
    ):
        assert (await client.post(f"{base}/contacts", json=contact, headers=admin)).is_success
    for contract in (
        {"number": "ALP-1", "project": "Lab scales", "signed_on": "2025-10-01", "total": "50.05"},
        {"number": "ALP-2", "project": "Calibration", "total": "700", "status": "draft"},
        {"number": "ALP-3", "project": "US service", "signed_on": "2025-10-02", "total": "99.99"},
    ):
        extra = (
            {"currency": "USD", "payment_terms_days": 10} if contract["number"] == "ALP-3" else {}
        )
        contract = {"status": "active", **contract, **extra}
        filed = await client.post(f"{base}/contracts", json=contract, headers=admin)
        assert filed.status_code == 201, filed.text
    bare = {
        "name": "Bare Minimum Ltd",
        "currency": "GBP",
        "payment_terms_days": 0,
        "allow_duplicate_name": True,
    }
    assert (await client.post("/v1/customers", json=bare, headers=admin)).is_success


async def _export(client: httpx.AsyncClient, auth_keys: KeyPair, file_format: str) -> bytes:
    response = await client.get(
        "/v1/customer-exports", params={"format": file_format}, headers=auth_keys.auth("admin")
    )
    assert response.status_code == 200, response.text
    return response.content


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
async def test_an_export_imported_into_an_empty_database_gives_the_same_table(
    client: httpx.AsyncClient,
    fresh: httpx.AsyncClient,
    auth_keys: KeyPair,
    on_file: None,
    file_format: str,
) -> None:
    exported = await _export(client, auth_keys, file_format)

    imported = await fresh.post(
        "/v1/customer-imports",
        files={"file": (f"customers.{file_format}", exported)},
        headers=auth_keys.auth("admin"),
    )

    assert imported.status_code == 201, imported.text
    assert imported.json() == {
        "customers_created": 6,
        "contacts_created": 7,
        "contracts_created": 8,
    }
    source, copy = await _export(client, auth_keys, "csv"), await _export(fresh, auth_keys, "csv")
    assert copy.decode().splitlines() == source.decode().splitlines()
    assert len(source.decode().splitlines()) == 1 + 2 + 1 + 1 + 1 + 3 + 1
