import time

from ledgerflow_platform.testing import ServiceDb

from .conftest import Upload
from .generated_table import as_csv, supplier_rows

ROWS = 10_000


async def test_ten_thousand_rows_are_filed_in_one_import(upload: Upload, db: ServiceDb) -> None:
    table = as_csv(supplier_rows(ROWS))
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
