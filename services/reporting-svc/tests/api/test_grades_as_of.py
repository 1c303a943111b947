"""Reports that show credit grades show the grade in force at their as_of: kept from each
credit.grade_changed by its assessment date, not the customer's grade today. One customer
graded twice (B from 1 March, D from 1 June, the second recorded first), read before, between
and after."""

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from uuid6 import uuid7

from ledgerflow_events.contracts.credit import GradeChanged
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import Outcome
from ledgerflow_events.testing import as_record, cloud_event
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .test_aging_report import issued

BEFORE, BETWEEN, AFTER = date(2026, 2, 20), date(2026, 4, 30), date(2026, 7, 31)
EXPECTED = {BEFORE: None, BETWEEN: "B", AFTER: "D"}


async def grade(delivery: EventDelivery, customer: str, to: str, on: date, hour: int) -> None:
    fact = GradeChanged(customer_id=customer, assessment_id=str(uuid7()), from_grade=None,
                        to_grade=to, score="60", policy_version=1, assessed_on=on)  # fmt: skip
    event = dataclasses.replace(cloud_event(fact), time=datetime(2026, 8, 1, hour, tzinfo=UTC))
    record = as_record(event, topic="credit.events", offset=hour)
    assert await delivery.processor.process(record) == Outcome.APPLIED


@pytest.fixture
async def customer(delivery: EventDelivery) -> str:
    c = str(uuid7())
    await delivery.deliver(CustomerRegistered(
        customer_id=c, name="Graded", currency="EUR", payment_terms_days=30,
        registered_at=datetime(2026, 1, 1, tzinfo=UTC)))  # fmt: skip
    await delivery.deliver(issued(c, f"{c}/1", "1000.00", on=date(2026, 1, 10),
                                  due=date(2026, 2, 9)))  # fmt: skip
    await grade(delivery, c, "D", date(2026, 6, 1), 9)
    await grade(delivery, c, "B", date(2026, 3, 1), 10)
    return c


async def report(client: httpx.AsyncClient, keys: KeyPair, name: str, **params: str) -> Any:
    response = await client.get(f"/v1/reports/{name}", params=params,
                                headers=keys.auth("credit_manager"))  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


async def test_each_report_shows_the_grade_in_force_at_its_date(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: str
) -> None:
    for as_of, expected in EXPECTED.items():
        day = as_of.isoformat()
        aging = await report(client, auth_keys, "aging", as_of=day, group_by="grade",
                             customer_id=customer)  # fmt: skip
        # Overdue since 10 February: 11, 80 and 172 days past due.
        bucket = {BEFORE: "days_1_30", BETWEEN: "days_61_90", AFTER: "days_over_90"}[as_of]
        assert [(r["grade"], r[bucket], r["total"]) for r in aging["rows"]] == [
            (expected, "1000.00", "1000.00")
        ], as_of
        risks = await report(client, auth_keys, "top-risks", as_of=day)
        assert [(r["customer_id"], r["grade"]) for r in risks["rows"]] == [(customer, expected)]
        value = await report(client, auth_keys, "customer-value", as_of=day, customer_id=customer)
        assert [(r["customer_id"], r["grade"]) for r in value["rows"]] == [(customer, expected)]
        exposure = await report(client, auth_keys, "credit-exposure", as_of=day,
                                group_by="grade", customer_id=customer)  # fmt: skip
        assert [r["grade"] for r in exposure["rows"]] == [expected], exposure
