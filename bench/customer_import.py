"""POST /v1/customer-imports with a 10,000-row finance customer table, against raw asyncpg.

Starts its own embedded Postgres, imports a generated table through customer-svc's real app
(validation, sealing, events and all), then copies the same rows into a second database with
raw asyncpg and nothing else: the floor the import is measured against. Prints one JSON line.

    uv run python bench/customer_import.py [rows]
"""

import asyncio
import importlib.util
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from uuid import uuid4

import asyncpg

from customer_svc.service import SPEC
from customer_svc.settings import Settings
from ledgerflow_devstack.port_claims import free_ports
from ledgerflow_devstack.postgres import Postgres
from ledgerflow_devstack.testing import PgServer
from ledgerflow_platform.testing import KeyPair, app_client, migrate

# The tests' generator of the same table, so both measure one shape; loaded by path, as the
# tests are no importable package.
GENERATOR = Path(__file__).parents[1] / "services/customer-svc/tests/api/customer_table"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generated_table", GENERATOR / "generated_table.py"
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"no table generator in {GENERATOR}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generated_table = _load_generator()

# What raw asyncpg copies per row: the same customer, contact, contract and its terms.
RAW_COLUMNS = {
    "customers": "id name currency payment_terms_days registered_at code status country"
    " tax_id_sealed version updated_at",
    "customer_contacts": "id customer_id name_sealed phone_sealed email_sealed roles version"
    " created_at",
    "contracts": "id customer_id number status current_version created_at updated_at",
    "contract_versions": "contract_id version project signed_on currency total_minor"
    " payment_terms_days payment_cycle changed_fields recorded_at recorded_by",
}


async def through_the_service(database_url: str, table: bytes) -> float:
    keys = KeyPair.generate()
    settings = Settings(database_url=database_url, auth_public_key=keys.public_pem)
    async with app_client(SPEC, settings) as client:
        started = time.perf_counter()
        response = await client.post(
            "/v1/customer-imports",
            files={"file": ("bench.csv", table)},
            headers=keys.auth("accountant"),
            timeout=600,
        )
        seconds = time.perf_counter() - started
    if response.status_code != 201:
        raise RuntimeError(f"the import answered {response.status_code}: {response.text[:500]}")
    return seconds


def raw_records(rows: list[list[str]]) -> dict[str, list[tuple[object, ...]]]:
    now = datetime.now(UTC)
    records: dict[str, list[tuple[object, ...]]] = {table: [] for table in RAW_COLUMNS}
    for r in rows:
        customer, contact, contract = str(uuid4()), str(uuid4()), str(uuid4())
        records["customers"].append(
            (customer, r[0], r[4], int(r[5]), now, r[1], "active", r[2], r[3], 1, now)
        )
        records["customer_contacts"].append(
            (contact, customer, r[6], r[7], r[8], ["primary"], 1, now)
        )
        records["contracts"].append((contract, customer, r[10], "active", 1, now, now))
        total_minor = int(r[12].replace(".", ""))
        records["contract_versions"].append(
            (contract, 1, r[9], date(2025, 4, 1), "CNY", total_minor, 45, r[15], [], now, "bench")
        )
    return records


async def raw_asyncpg(dsn: str, rows: list[list[str]]) -> float:
    """The same customers, contacts and contracts copied in clear, unchecked: the floor."""
    records = raw_records(rows)
    connection = await asyncpg.connect(dsn)
    try:
        started = time.perf_counter()
        async with connection.transaction():
            for table, columns in RAW_COLUMNS.items():
                await connection.copy_records_to_table(
                    table, columns=columns.split(), records=records[table]
                )
        return time.perf_counter() - started
    finally:
        await connection.close()


async def main(rows: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="lf-bench-"))
    postgres = Postgres(root / "pg", free_ports(1)[0])
    try:
        postgres.init()
        postgres.start()
        server = PgServer(postgres)
        service_url, raw_url = (server.create_database(p) for p in ("import", "raw"))
        for url in (service_url, raw_url):
            await migrate(SPEC, url)
        generated = generated_table.supplier_rows(rows)
        seconds = await through_the_service(service_url, generated_table.as_csv(generated))
        baseline = await raw_asyncpg(raw_url.replace("postgresql+asyncpg", "postgresql"), generated)
    finally:
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(
        json.dumps(
            {
                "bench": "customer_import",
                "rows": rows,
                "seconds": round(seconds, 3),
                "rows_per_second": round(rows / seconds),
                "baseline_raw_asyncpg_seconds": round(baseline, 3),
                "baseline_rows_per_second": round(rows / baseline),
                "times_the_baseline": round(seconds / baseline, 1),
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
