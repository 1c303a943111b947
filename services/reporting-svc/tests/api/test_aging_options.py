"""GET /v1/reports/aging's options over facts delivered through the real inbox: instalments,
known_at, grouping from customer, credit and collections facts, custom buckets, disputes,
paging, exports and refusals."""

import csv
import dataclasses
import io
from datetime import UTC, date, datetime
from typing import Any

import httpx
from openpyxl import load_workbook
from uuid6 import uuid7

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.collections import CaseAssigned, DisputeOpened, DisputeResolved
from ledgerflow_events.contracts.credit import GradeChanged
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import InvoiceInstalment
from ledgerflow_events.inbox import Outcome
from ledgerflow_events.testing import as_record, cloud_event
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .test_aging_report import issued, paid

AS_OF = date(2026, 6, 30)
T = datetime(2026, 12, 1, tzinfo=UTC)


async def deliver_at(delivery: EventDelivery, data: EventData, hour: int) -> None:
    """Deliver a fact recorded by its producer at `hour` o'clock on 1 December 2026."""
    event = dataclasses.replace(cloud_event(data), time=T.replace(hour=hour))
    record = as_record(event, topic=f"{data.producer}.events", offset=hour)
    assert await delivery.processor.process(record) == Outcome.APPLIED


async def get(client: httpx.AsyncClient, keys: KeyPair, **params: str) -> httpx.Response:
    return await client.get("/v1/reports/aging", params=params, headers=keys.auth("accountant"))


async def report(client: httpx.AsyncClient, keys: KeyPair, **params: str) -> dict[str, Any]:
    response = await get(client, keys, as_of=AS_OF.isoformat(), **params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def amounts(row: dict[str, Any]) -> list[str]:
    return [b["amount"] for b in row["buckets"]]


async def test_an_instalment_invoice_ages_per_instalment_the_oldest_settled_first(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice = str(uuid7()), str(uuid7())
    dues = [date(2026, 3, 1), date(2026, 5, 1), date(2026, 7, 31)]
    parts = [InvoiceInstalment(due_date=d, amount="100.00") for d in dues]
    fact = issued(customer, invoice, "300.00", due=dues[-1]).model_copy(
        update={"instalments": parts}
    )
    await delivery.deliver(fact)
    await delivery.deliver(paid(customer, str(uuid7()), date(2026, 6, 1), {invoice: "150.00"}))

    row = (await report(client, auth_keys, customer_id=customer))["rows"][0]

    # The March instalment is settled; 50.00 of May's is 60 days late; July's is current.
    assert amounts(row) == ["100.00", "0.00", "50.00", "0.00", "0.00"]
    assert (row["current"], row["days_31_60"], row["total"]) == ("100.00", "50.00", "150.00")


async def test_known_at_leaves_out_a_backdated_payment_recorded_later(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice = str(uuid7()), str(uuid7())
    await deliver_at(delivery, issued(customer, invoice, "100.00", due=date(2026, 6, 1)), 8)
    await deliver_at(
        delivery, paid(customer, str(uuid7()), date(2026, 6, 10), {invoice: "60.00"}), 12
    )

    def total(body: dict[str, Any]) -> list[str]:
        return [r["total"] for r in body["rows"]]

    assert (
        total(
            await report(client, auth_keys, customer_id=customer, known_at="2026-12-01T07:00:00Z")
        )
        == []
    )
    assert total(
        await report(client, auth_keys, customer_id=customer, known_at="2026-12-01T10:00:00+00:00")
    ) == ["100.00"]
    assert total(
        await report(client, auth_keys, customer_id=customer, known_at="2026-12-01T12:00:00Z")
    ) == ["40.00"]
    assert total(await report(client, auth_keys, customer_id=customer)) == ["40.00"]  # fmt: skip


async def _graded_customer(delivery: EventDelivery, segments: list[str]) -> str:
    customer = str(uuid7())
    registered = CustomerRegistered(
        customer_id=customer, name="Kunde", currency="EUR", payment_terms_days=30,
        registered_at=T, industry="food", region="north", segments=segments,
    )  # fmt: skip
    await delivery.deliver(registered)
    grade = GradeChanged(
        customer_id=customer, assessment_id="a1", from_grade=None, to_grade="B",
        score="71.5", policy_version=1, assessed_on=date(2026, 5, 1),
    )  # fmt: skip
    await delivery.deliver(grade)
    case = CaseAssigned(customer_id=customer, case_id="k1", collector="u-7", assigned_on=AS_OF)
    await delivery.deliver(case)
    await delivery.deliver(issued(customer, f"{customer}/1", "80.00", due=date(2026, 5, 16)))
    return customer


async def test_rows_group_by_what_customer_credit_and_collections_said_in_custom_buckets(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer = await _graded_customer(delivery, ["retail", "key"])
    spans = [
        {"label": "current", "from_days": None, "to_days": 0, "amount": "0.00"},
        {"label": "1-15", "from_days": 1, "to_days": 15, "amount": "0.00"},
        {"label": "16-45", "from_days": 16, "to_days": 45, "amount": "80.00"},
        {"label": "over 45", "from_days": 46, "to_days": None, "amount": "0.00"},
    ]
    line = {"currency": "EUR", "buckets": spans, "disputed": "0.00", "total": "80.00"}
    for group_by, rows in [
        ("segment", [{"segment": "key", **line}, {"segment": "retail", **line}]),
        ("region", [{"region": "north", **line}]),
        ("industry", [{"industry": "food", **line}]),
        ("grade", [{"grade": "B", **line}]),
        ("collector", [{"collector": "u-7", **line}]),
        ("currency", [line]),
    ]:
        body = await report(
            client, auth_keys, customer_id=customer, group_by=group_by, buckets="15,45"
        )
        assert body["rows"] == rows, group_by
        # A customer in two segments counts once in the totals.
        assert body["totals"] == [line]
        assert body["next_cursor"] is None


async def test_a_disputed_amount_is_shown_until_its_resolution(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice = str(uuid7()), str(uuid7())
    await delivery.deliver(issued(customer, invoice, "100.00", due=date(2026, 6, 1)))
    terms: dict[str, Any] = {"customer_id": customer, "dispute_id": "d1", "invoice_id": invoice,
                             "currency": "EUR", "amount": "30.00"}  # fmt: skip
    await delivery.deliver(DisputeOpened(**terms, opened_on=date(2026, 6, 5)))
    await delivery.deliver(
        DisputeResolved(**terms, outcome="rejected", resolved_on=date(2026, 7, 10))
    )

    async def disputed(on: date) -> list[str]:
        body = await get(client, auth_keys, as_of=on.isoformat(), customer_id=customer)
        return [r["disputed"] for r in body.json()["rows"]]

    assert await disputed(date(2026, 6, 4)) == ["0.00"]
    assert await disputed(date(2026, 6, 5)) == ["30.00"]
    assert await disputed(date(2026, 7, 10)) == ["0.00"]


async def test_pages_follow_the_cursor_to_the_end(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer = await _graded_customer(delivery, ["a", "b", "c"])
    seen: list[str] = []
    cursor: dict[str, str] = {}
    for _ in range(3):
        body = await report(
            client, auth_keys, customer_id=customer, group_by="segment", limit="2", **cursor
        )
        seen += [r["segment"] for r in body["rows"]]
        if body["next_cursor"] is None:
            break
        cursor = {"cursor": body["next_cursor"]}
    assert seen == ["a", "b", "c"]


async def test_exports_neutralise_formulas_and_type_amounts(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer = await _graded_customer(delivery, ["=HYPERLINK(1)"])
    query = {"customer_id": customer, "group_by": "segment"}

    as_csv = await get(client, auth_keys, as_of=AS_OF.isoformat(), format="csv", **query)
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(as_csv.text))) == [
        ["line", "segment", "currency", "current", "1-30", "31-60", "61-90", "over 90",
         "disputed", "total"],
        ["row", "'=HYPERLINK(1)", "EUR", "0.00", "0.00", "80.00", "0.00", "0.00", "0.00", "80.00"],
        ["total", "", "EUR", "0.00", "0.00", "80.00", "0.00", "0.00", "0.00", "80.00"],
    ]  # fmt: skip

    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = await client.get(
        "/v1/reports/aging",
        params={"as_of": AS_OF.isoformat(), **query},
        headers={**auth_keys.auth("auditor"), "Accept": xlsx_type},
    )
    assert response.headers["content-type"] == xlsx_type
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0][:3] == ["row", "'=HYPERLINK(1)", "EUR"]
    assert rows[0][3:] == [0, 0, 80, 0, 0, 0, 80]
    assert all(isinstance(v, int | float) for v in rows[0][3:])


async def test_bad_parameters_are_refused_naming_them(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    day = AS_OF.isoformat()
    assert_problem(await get(client, auth_keys, as_of=day, buckets="60,30"), 422,
                   "invalid-buckets", fields=["buckets"])  # fmt: skip
    assert_problem(await get(client, auth_keys, as_of=day, buckets="30,x"), 422,
                   "invalid-buckets", fields=["buckets"])  # fmt: skip
    for params, field in [
        ({"as_of": "1899-12-31"}, "as_of"),
        ({"as_of": "2201-01-01"}, "as_of"),
        ({"as_of": day, "group_by": "planet"}, "group_by"),
        ({"as_of": day, "basis": "whim"}, "basis"),
        ({"as_of": day, "known_at": "2026-12-01T10:00:00"}, "known_at"),
        ({"as_of": day, "limit": "0"}, "limit"),
        ({"as_of": day, "limit": "501"}, "limit"),
        ({"as_of": day, "format": "pdf"}, "format"),
    ]:
        assert_problem(await get(client, auth_keys, **params), 422, "validation-error",
                       fields=[field])  # fmt: skip
    assert_problem(await get(client, auth_keys, as_of=day, cursor="bm90IGpzb24"), 400,
                   "invalid-cursor")  # fmt: skip
