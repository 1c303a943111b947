import csv
import io
from pathlib import Path
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "customer-table-example.csv"


async def _customer(client: httpx.AsyncClient, auth: dict[str, str], q: str) -> dict[str, Any]:
    found = (await client.get("/v1/customers", params={"q": q}, headers=auth)).json()["items"]
    assert len(found) == 1, found
    customer: dict[str, Any] = found[0]
    return customer


@pytest.fixture(scope="module")
async def imported(client: httpx.AsyncClient, auth_keys: KeyPair) -> httpx.Response:
    """The example table, imported once into this module's database."""
    return await client.post(
        "/v1/customer-imports",
        files={"file": ("customer-table-example.csv", EXAMPLE.read_bytes())},
        headers=auth_keys.auth("accountant"),
    )


async def test_the_example_table_files_four_customers_with_their_contacts_and_contracts(
    client: httpx.AsyncClient, auth_keys: KeyPair, imported: httpx.Response
) -> None:
    response = imported

    assert response.status_code == 201, response.text
    assert response.json() == {
        "customers_created": 4,
        "contacts_created": 4,
        "contracts_created": 5,
    }
    auth = auth_keys.auth("accountant")
    yangtze = await _customer(client, auth, "YZC-SH")
    assert {k: yangtze[k] for k in ("name", "country", "tax_id", "currency", "status")} == {
        "name": "Yangtze Components Co., Ltd.",
        "country": "CN",
        "tax_id": "91310000132211580J",
        "currency": "CNY",
        "status": "active",
    }
    assert yangtze["payment_terms_days"] == 60
    contacts = (await client.get(f"/v1/customers/{yangtze['id']}/contacts", headers=auth)).json()
    assert [(c["name"], c["phone"], c["email"], c["roles"]) for c in contacts["items"]] == [
        ("Wang Fang", "+8613800138000", "wang.fang@yangtze-components.cn", ["primary"])
    ]
    contracts = (
        await client.get("/v1/contracts", params={"customer_id": yangtze["id"]}, headers=auth)
    ).json()["items"]
    assert sorted(
        (c["number"], c["project"], c["signed_on"], c["total"], c["currency"], c["status"])
        for c in contracts
    ) == [
        (
            "HT-2025-001",
            "Warehouse automation, phase 1",
            "2025-03-15",
            "1280000.00",
            "CNY",
            "active",
        ),
        ("HT-2025-014", "Conveyor maintenance 2025", "2025-06-01", "96000.00", "CNY", "active"),
    ]


async def test_the_example_customer_without_a_code_gets_one_and_its_contract_keeps_its_number(
    client: httpx.AsyncClient, auth_keys: KeyPair, imported: httpx.Response
) -> None:
    auth = auth_keys.auth("accountant")
    shenzhen = await _customer(client, auth, "深圳明亮电子")
    assert shenzhen["code"].startswith("C")
    assert shenzhen["payment_terms_days"] == 30
    contracts = (
        await client.get("/v1/contracts", params={"customer_id": shenzhen["id"]}, headers=auth)
    ).json()["items"]
    assert [
        (c["number"], c["project"], c["signed_on"], c["total"], c["payment_cycle"])
        for c in contracts
    ] == [("SZ-2025-088", "智能仓储系统", "2025-09-20", "450000.00", "月结")]
    nordic = await _customer(client, auth, "NTB")
    [numbered] = (
        await client.get("/v1/contracts", params={"customer_id": nordic["id"]}, headers=auth)
    ).json()["items"]
    assert (numbered["number"], numbered["total"], numbered["currency"]) == (
        "NTB-01",
        "742500.50",
        "SEK",
    )


async def test_each_imported_customer_is_announced_then_each_signed_contract(
    client: httpx.AsyncClient, auth_keys: KeyPair, db: ServiceDb, imported: httpx.Response
) -> None:
    yangtze = await _customer(client, auth_keys.auth("accountant"), "YZC-SH")

    events = await db.outbox(yangtze["id"])

    assert [kind for kind, _ in events] == [
        "customer.customer_registered.v1",
        "customer.profile_updated.v1",
        "customer.contract_signed.v1",
        "customer.contract_signed.v1",
    ]
    assert events[1][1]["changed_fields"] == ["code", "contacts", "country", "tax_id"]
    assert sorted(p["number"] for _, p in events[2:]) == ["HT-2025-001", "HT-2025-014"]
    sequences = await db.rows(
        "SELECT sequence FROM outbox WHERE aggregateid = :c ORDER BY position", c=yangtze["id"]
    )
    assert [s for (s,) in sequences] == [1, 2, 3, 4]
    [(last,)] = await db.rows(
        "SELECT last_sequence FROM event_streams WHERE subject = :c", c=yangtze["id"]
    )
    assert last == 4


async def test_the_example_table_comes_back_out_cell_for_cell_in_normal_form(
    client: httpx.AsyncClient, auth_keys: KeyPair, imported: httpx.Response
) -> None:
    shenzhen = await _customer(client, auth_keys.auth("admin"), "深圳明亮电子")
    code = shenzhen["code"]

    exported = await client.get("/v1/customer-exports", headers=auth_keys.auth("admin"))

    assert list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:] == [
        next(csv.reader([line]))
        for line in [
            '"Yangtze Components Co., Ltd.",YZC-SH,CN,91310000132211580J,CNY,60,Wang Fang,'
            '\'+8613800138000,wang.fang@yangtze-components.cn,"Warehouse automation, phase 1",'
            'HT-2025-001,2025-03-15,1280000.00,,,"30% on signing, 70% on acceptance",'
            "Invoices go to the Shanghai office",
            '"Yangtze Components Co., Ltd.",YZC-SH,CN,91310000132211580J,CNY,60,Wang Fang,'
            "'+8613800138000,wang.fang@yangtze-components.cn,Conveyor maintenance 2025,"
            "HT-2025-014,2025-06-01,96000.00,,,quarterly,",
            "Harbour Logistics GmbH,HLG-HH,DE,136695976,EUR,30,Anna Weber,'+494032904411,"
            "a.weber@harbour-logistics.de,Cold-store racking Hamburg,HL-2025-07,2025-07-10,"
            "185000.00,,,monthly,Call the site office before delivery",
            "Nordic Timber AB,NTB,SE,556036079301,SEK,45,Erik Lindqvist,'+46701234567,"
            "erik.lindqvist@nordictimber.se,Sawmill sensor retrofit,NTB-01,2025-08-20,"
            "742500.50,,,on milestones,",
            f"深圳明亮电子有限公司,{code},CN,91440300715267260N,CNY,30,李娜,'+8613923456789,"
            f"li.na@bright-elec.cn,智能仓储系统,SZ-2025-088,2025-09-20,450000.00,,,月结,"
            "发票寄深圳总部",
        ]
    ]
