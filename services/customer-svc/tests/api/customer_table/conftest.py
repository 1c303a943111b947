import itertools
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import Any

import httpx
import pytest
from stdnum.cn import uscc

from customer_svc.service import SPEC
from customer_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair, ServiceDb, app_client, service_db

from .generated_table import COLUMNS, as_csv

# Every table an import writes: the same counts before and after = nothing written.
IMPORT_TABLES = (
    "customers",
    "customer_contacts",
    "contracts",
    "contract_versions",
    "event_streams",
    "outbox",
)
Upload = Callable[..., Awaitable[httpx.Response]]
_serial = itertools.count(random.randrange(10**6))


def new_uscc() -> str:
    """A valid, never-used Chinese unified social credit code."""
    body = f"91310000{next(_serial) % 10**9:09d}"
    return body + uscc.calc_check_digit(body)


def line(**cells: str) -> dict[str, str]:
    """A valid contract line of a new Chinese customer; unique names, codes and numbers."""
    n = next(_serial)
    return {
        "customer": f"Pearl River Trading {n} Co., Ltd.",
        "customer_code": f"PRT{n}",
        "country": "CN",
        "tax_id": new_uscc(),
        "currency": "CNY",
        "payment_terms_days": "30",
        "contact": "Zhang Wei",
        "phone": "+86 138 0013 8000",
        "email": "zhang.wei@pearl-river.example",
        "project": "Packaging line",
        "contract_number": f"PR-{n}",
        "contract_date": "2025-05-20",
        "contract_total": "120000.00",
        "paid": "20000.00",
        "unpaid": "100000.00",
        "payment_cycle": "monthly",
        "notes": "",
        **cells,
    }


def csv_table(rows: Sequence[Mapping[str, str]], columns: Sequence[str] = COLUMNS) -> bytes:
    return as_csv([[row.get(c, "") for c in columns] for row in rows], columns)


@pytest.fixture(scope="module")
async def client(database_url: str, auth_keys: KeyPair) -> AsyncIterator[httpx.AsyncClient]:
    """One app per module: every test files customers of its own, so none share state."""
    settings = Settings(database_url=database_url, auth_public_key=auth_keys.public_pem)
    async with app_client(SPEC, settings) as c:
        yield c


@pytest.fixture(scope="module")
async def db(database_url: str) -> AsyncIterator[ServiceDb]:
    async with service_db(database_url) as reader:
        yield reader


@pytest.fixture
def written(db: ServiceDb) -> Callable[[], Awaitable[dict[str, int]]]:
    return lambda: db.counts(*IMPORT_TABLES)


@pytest.fixture
def upload(client: httpx.AsyncClient, auth_keys: KeyPair) -> Upload:
    """POST a table file to /v1/customer-imports, as an accountant unless told otherwise."""

    async def post(
        content: bytes,
        filename: str = "customers.csv",
        *,
        role: str = "accountant",
        headers: Mapping[str, str] | None = None,
        **params: Any,
    ) -> httpx.Response:
        return await client.post(
            "/v1/customer-imports",
            files={"file": (filename, content)},
            params=params,
            headers={**auth_keys.auth(role), **(headers or {})},
        )

    return post


def report(response: httpx.Response) -> list[tuple[int, str]]:
    """(row, column) of every error a refused table was reported with."""
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error_count"] == len(body["errors"])
    return [(e["row"], e["column"]) for e in body["errors"]]
