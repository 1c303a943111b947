import io
from datetime import datetime
from decimal import Decimal

import httpx
import openpyxl

from ledgerflow_platform.testing import KeyPair

from .conftest import COLUMNS, Upload, csv_table, line
from .reads import contacts_of, contracts_of, customer_by

CHINESE = ("客户", "客户编码", "国家", "联系人", "电话", "邮箱", "项目")
CHINESE += ("合同日期", "合同金额\uff08元\uff09", "已付", "未付", "付款周期", "备注")


async def test_a_workbook_with_numbers_and_dates_in_cells_is_filed_as_typed(
    client: httpx.AsyncClient, auth_keys: KeyPair, upload: Upload
) -> None:
    row: dict[str, object] = {**line(), "payment_terms_days": 45, "contract_total": 185000.5}
    row |= {"phone": 13800138000, "contract_date": datetime(2025, 7, 10), "paid": 100.25}
    # Typed as numbers too, and adding up to the total as the import checks.
    row |= {"unpaid": 184900.25}
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(COLUMNS)
    sheet.append([row[c] for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)

    response = await upload(out.getvalue(), "customers.xlsx")

    assert response.status_code == 201, response.text
    customer = await customer_by(client, auth_keys, str(row["customer_code"]))
    assert customer["payment_terms_days"] == 45
    [contract] = await contracts_of(client, auth_keys, customer["id"])
    assert (contract["total"], contract["signed_on"]) == ("185000.50", "2025-07-10")
    [(_, phone, _, _)] = await contacts_of(client, auth_keys, customer["id"])
    assert phone == "+8613800138000"


async def test_a_chinese_table_in_gb18030_with_defaults_for_the_whole_file_is_filed(
    client: httpx.AsyncClient, auth_keys: KeyPair, upload: Upload
) -> None:
    code = line()["customer_code"]
    cells = (f"杭州绿源科技有限公司{code}", code, "CN", "陈静", "139 2345 6789")
    cells += ("chen.jing@lvyuan.example", "光伏电站运维", "2025年8月1日", "1,250,000.00")
    cells += ("250000", "1000000", "季度", "含税价")
    table = csv_table([dict(zip(CHINESE, cells, strict=True))], CHINESE).decode()

    response = await upload(table.encode("gb18030"), currency="CNY", payment_terms_days=90)

    assert response.status_code == 201, response.text
    customer = await customer_by(client, auth_keys, code)
    assert (customer["name"], customer["currency"], customer["payment_terms_days"]) == (
        f"杭州绿源科技有限公司{code}",
        "CNY",
        90,
    )
    assert await contacts_of(client, auth_keys, customer["id"]) == [
        ("陈静", "+8613923456789", "chen.jing@lvyuan.example", ["primary"])
    ]
    [contract] = await contracts_of(client, auth_keys, customer["id"])
    assert (contract["project"], contract["total"], contract["signed_on"]) == (
        "光伏电站运维",
        "1250000.00",
        "2025-08-01",
    )
    assert (contract["payment_cycle"], contract["notes"], contract["number"]) == (
        "季度",
        "含税价",
        f"{code}-01",
    )


async def test_a_semicolon_csv_with_a_bom_and_quoted_signs_is_filed_as_text(
    client: httpx.AsyncClient, auth_keys: KeyPair, upload: Upload
) -> None:
    row = line(notes="'- deliver in two lots", phone="'+86 138 0013 8000")
    table = csv_table([row]).decode().replace(",", ";")

    response = await upload(("\ufeff" + table).encode())

    assert response.status_code == 201, response.text
    customer = await customer_by(client, auth_keys, row["customer_code"])
    [contract] = await contracts_of(client, auth_keys, customer["id"])
    assert contract["notes"] == "- deliver in two lots"


async def test_a_contract_in_another_currency_and_terms_keeps_them(
    client: httpx.AsyncClient, auth_keys: KeyPair, upload: Upload
) -> None:
    row = line(contract_currency="USD", contract_payment_terms_days="15", contract_total="9.99")
    row |= {"paid": "0", "unpaid": "9.99"}
    columns = (*COLUMNS, "contract_currency", "contract_payment_terms_days")

    response = await upload(csv_table([row], columns))

    assert response.status_code == 201, response.text
    customer = await customer_by(client, auth_keys, row["customer_code"])
    [contract] = await contracts_of(client, auth_keys, customer["id"])
    assert (contract["currency"], contract["total"], contract["payment_terms_days"]) == (
        "USD",
        "9.99",
        15,
    )
    assert Decimal(contract["total"]) == Decimal("9.99")
