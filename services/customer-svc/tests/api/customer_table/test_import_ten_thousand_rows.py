import csv
import io
import time

from stdnum.cn import uscc

from ledgerflow_platform.testing import ServiceDb

from .conftest import COLUMNS, Upload

ROWS = 10_000


def ten_thousand_customers() -> bytes:
    """A customer per row, each with a contact and a signed contract: the heaviest table shape."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n in range(ROWS):
        body = f"91330000{n:09d}"
        writer.writerow(
            [
                f"Zhejiang Supplier {n:05d} Co., Ltd.",
                f"ZJ{n:05d}",
                "CN",
                body + uscc.calc_check_digit(body),
                "CNY",
                "45",
                f"Contact {n:05d}",
                f"+86 139 {n // 10000:04d} {n % 10000:04d}",
                f"buyer{n}@zj-supplier{n}.example",
                f"Project {n}",
                f"ZJ-{n:05d}",
                "2025-04-01",
                f"{1000 + n}.50",
                "0.00",
                f"{1000 + n}.50",
                "monthly",
                "",
            ]
        )
    return out.getvalue().encode()


async def test_ten_thousand_rows_are_filed_in_one_import(upload: Upload, db: ServiceDb) -> None:
    table = ten_thousand_customers()
    started = time.perf_counter()

    response = await upload(table, "ten-thousand.csv")

    seconds = time.perf_counter() - started
    print(f"\n10,000-row import: {seconds:.2f} s ({ROWS / seconds:.0f} rows/s)")
    assert response.status_code == 201, response.text[:2000]
    assert response.json() == {
        "customers_created": ROWS,
        "contacts_created": ROWS,
        "contracts_created": ROWS,
    }
    assert await db.counts("customers", "customer_contacts", "contracts", "outbox") == {
        "customers": ROWS,
        "customer_contacts": ROWS,
        "contracts": ROWS,
        "outbox": 3 * ROWS,
    }
    [(total,)] = await db.rows("SELECT sum(total_minor) FROM contract_versions")
    assert total == sum((1000 + n) * 100 + 50 for n in range(ROWS))
