"""The customer file and the ledger, as an integrator and a finance team use them on the
running platform: register and invoice in two calls, a currency kept while amounts are open,
and a finance table brought in with its balances in one upload, or not at all."""

import csv
import io
import uuid
from datetime import date

import httpx
import pytest

from .conftest import Api
from .flow import issue_invoice, until_equal

pytestmark = pytest.mark.e2e

TABLE_COLUMNS = (
    "customer",
    "customer_code",
    "currency",
    "payment_terms_days",
    "contact",
    "phone",
    "email",
    "project",
    "contract_number",
    "contract_date",
    "contract_total",
    "contract_currency",
    "paid",
    "unpaid",
    "payment_cycle",
    "notes",
)


async def test_a_customer_registered_a_moment_ago_is_invoiced_in_the_next_call(api: Api) -> None:
    name = f"Two Calls Trading {uuid.uuid4().hex[:8]} Ltd"
    registered = await api.post(
        "customer",
        "/v1/customers",
        {"name": name, "currency": "CNY", "payment_terms_days": 45},
        role="accountant",
    )
    assert registered.status_code == 201, registered.text
    customer = registered.json()["id"]

    invoice = await issue_invoice(api, customer, date(2026, 11, 2), "1280.00")

    assert (invoice["currency"], invoice["due_date"], invoice["total"]) == (
        "CNY",
        "2026-12-17",
        "1280.00",
    )
    # The ledger holds an open amount now: customer-svc asks it and keeps the currency.
    changed = await api.client.patch(
        api.platform.url("customer") + f"/v1/customers/{customer}",
        json={"currency": "EUR"},
        headers={**api.auth("accountant"), "If-Match": '"1"'},
    )
    assert changed.status_code == 409, changed.text
    assert changed.json()["type"].rsplit("/", 1)[1] == "currency-in-use"


def _table(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(TABLE_COLUMNS)
    writer.writerows([[row.get(c, "") for c in TABLE_COLUMNS] for row in rows])
    return out.getvalue().encode()


def _line(customer: str, code: str, number: str, total: str, paid: str, unpaid: str) -> dict:  # type: ignore[type-arg]
    return {
        "customer": customer,
        "customer_code": code,
        "currency": "CNY",
        "payment_terms_days": "30",
        "contact": "Li Na",
        "phone": "+86 139 2345 6789",
        "email": "li.na@opening.example",
        "project": f"Project {number}",
        "contract_number": number,
        "contract_date": "2025-06-01",
        "contract_total": total,
        "paid": paid,
        "unpaid": unpaid,
        "payment_cycle": "monthly",
    }


async def _customer_id(api: Api, code: str) -> str:
    found = await api.get("customer", "/v1/customers", q=code)
    [customer] = [c for c in found.json()["items"] if c["code"] == code]
    return str(customer["id"])


async def test_a_finance_table_moves_in_with_its_balances_in_one_upload(api: Api) -> None:
    run = uuid.uuid4().hex[:6].upper()
    east, west = f"OBE{run}", f"OBW{run}"
    rows = [
        _line(
            f"Opening East {run} Co., Ltd.",
            east,
            f"E{run}-1",
            "360,000.00",
            "120000.00",
            "240000.00",
        ),
        _line(
            f"Opening East {run} Co., Ltd.", east, f"E{run}-2", "96000.00", "24000.00", "72000.00"
        ),
        _line(f"Opening West {run} Co., Ltd.", west, f"W{run}-1", "185000.50", "185000.50", "0.00"),
    ]

    response = await api.client.post(
        api.platform.url("customer") + "/v1/customer-imports",
        params={"with_balances": "true", "cutover_date": "2026-01-01"},
        files={"file": ("table.csv", _table(rows), "text/csv")},
        headers=api.auth("accountant"),
        timeout=httpx.Timeout(60.0),
    )

    assert response.status_code == 201, response.text
    assert response.json() == {
        "customers_created": 2,
        "contacts_created": 2,
        "contracts_created": 3,
        "opening_balances": {"rows": 3, "invoices_created": 3, "payments_created": 3},
    }
    east_id, west_id = await _customer_id(api, east), await _customer_id(api, west)
    balances = {
        who: (await api.get("ledger", f"/v1/customers/{who}/balance")).json()
        for who in (east_id, west_id)
    }
    # The unpaid column, to the cent: 240,000.00 + 72,000.00 and 0.00.
    assert (balances[east_id]["open_amount"], balances[east_id]["credit_amount"]) == (
        "312000.00",
        "0.00",
    )
    assert balances[west_id]["open_amount"] == "0.00"

    async def aged_total() -> list[str]:
        report = await api.get(
            "reporting", "/v1/reports/aging", as_of="2026-01-01", customer_id=east_id
        )
        return [row["total"] for row in report.json()["rows"]]

    await until_equal(aged_total, ["312000.00"], within=30)

    # Brought in as opening balances, East's 456,000.00 invoiced over the years is owed but
    # no sale of January: the ledger marks them and reporting reads the mark off the broker.
    async def january_dso() -> list[tuple[str, str]]:
        report = await api.get(
            "reporting", "/v1/reports/dso", as_of="2026-01-31", months="1", customer_id=east_id
        )
        return [(r["receivables"], r["credit_sales"]) for r in report.json()["rows"]]

    await until_equal(january_dso, [("312000.00", "0.00")], within=30)


async def _import_with_balances(api: Api, rows: list[dict[str, str]]) -> httpx.Response:
    return await api.client.post(
        api.platform.url("customer") + "/v1/customer-imports",
        params={"with_balances": "true", "cutover_date": "2026-01-01"},
        files={"file": ("table.csv", _table(rows), "text/csv")},
        headers=api.auth("accountant"),
        timeout=httpx.Timeout(60.0),
    )


async def test_balances_the_ledger_refuses_leave_nothing_of_the_table_in_either_service(
    api: Api,
) -> None:
    run = uuid.uuid4().hex[:6].upper()
    north, south = f"ATN{run}", f"ATS{run}"
    rows = [
        _line(
            f"Atomic North {run} Co., Ltd.", north, f"N{run}-1", "100000.00", "40000.00", "60000.00"
        ),
        # A contract in dollars for a customer kept in yuan: the ledger takes no such balance.
        {
            **_line(
                f"Atomic South {run} Co., Ltd.", south, f"S{run}-1", "5000.00", "0.00", "5000.00"
            ),
            "contract_currency": "USD",
        },
    ]

    refused = await _import_with_balances(api, rows)

    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["type"].rsplit("/", 1)[1] == "opening-balances-refused"
    assert (problem["rows"], problem["errors"]) == (
        [3],
        [
            {
                "field": "rows.3.contract_currency",
                "message": "The customer's account is kept in CNY.",
            }
        ],
    )
    assert problem["ledger"]["type"].rsplit("/", 1)[1] == "opening-balances-rejected"
    for code in (north, south):
        found = await api.get("customer", "/v1/customers", q=code)
        assert found.json()["items"] == []

    # Corrected, the same table moves in whole: no code, contract or balance of the refused
    # import stayed behind in customer-svc or in the ledger to clash with it.
    rows[1]["contract_currency"] = ""
    taken = await _import_with_balances(api, rows)

    assert taken.status_code == 201, taken.text
    assert taken.json()["opening_balances"] == {
        "rows": 2,
        "invoices_created": 2,
        "payments_created": 1,
    }
    north_id, south_id = await _customer_id(api, north), await _customer_id(api, south)
    owed = [
        (await api.get("ledger", f"/v1/customers/{who}/balance")).json()["open_amount"]
        for who in (north_id, south_id)
    ]
    assert owed == ["60000.00", "5000.00"]
