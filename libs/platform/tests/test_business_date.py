"""The business date and the guard against future-dated runs and postings; domain errors that
carry extension members."""

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.business_date import BusinessDate, Dates
from ledgerflow_platform.web.clock import request_time
from ledgerflow_platform.web.problems import ProblemType, install_problem_handlers

CLOSED = ProblemType(409, "period-closed", "The period is closed")


class PeriodShut(DomainError):
    def members(self) -> dict[str, object]:
        return {"period": "2026-03"}


def app(business_date: date | None, max_days_ahead: int = 0) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app, {PeriodShut: CLOSED})
    app.state.settings = SimpleNamespace(business_date=business_date, max_days_ahead=max_days_ahead)
    app.dependency_overrides[request_time] = lambda: datetime(2026, 11, 30, 23, 0, tzinfo=UTC)

    @app.get("/today")
    async def today(on: BusinessDate) -> dict[str, str]:
        return {"business_date": on.isoformat()}

    @app.post("/runs/{as_of}")
    async def run(as_of: date, dates: Dates) -> dict[str, str]:
        return {"as_of": dates.run(as_of, field="as_of").isoformat()}

    @app.post("/postings/{on}")
    async def post(on: date, dates: Dates) -> dict[str, str]:
        return {"on": dates.posting(on, field="received_on").isoformat()}

    @app.post("/shut")
    async def shut() -> None:
        raise PeriodShut("March is closed", field="issue_date")

    return app


async def call(app: FastAPI, method: str, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        return await c.request(method, path)


async def test_the_business_date_is_the_request_date_unless_set() -> None:
    assert (await call(app(None), "GET", "/today")).json() == {"business_date": "2026-11-30"}
    fixed = await call(app(date(2026, 6, 15)), "GET", "/today")
    assert fixed.json() == {"business_date": "2026-06-15"}


async def test_a_run_on_the_business_date_passes_and_one_day_later_is_refused() -> None:
    service = app(date(2026, 6, 15))
    assert (await call(service, "POST", "/runs/2026-06-15")).json() == {"as_of": "2026-06-15"}
    refused = await call(service, "POST", "/runs/2026-06-16")
    assert refused.status_code == 422
    message = (
        "as_of 2026-06-16 is after 2026-06-15: a run may not be dated after the business "
        "date 2026-06-15."
    )
    assert refused.json() == {
        "type": "https://ledgerflow.dev/problems/date-in-future",
        "title": "The date is after the business date",
        "status": 422,
        "detail": message,
        "instance": "/runs/2026-06-16",
        "errors": [{"field": "as_of", "message": message}],
        "business_date": "2026-06-15",
        "latest": "2026-06-15",
    }


@pytest.mark.parametrize(
    ("ahead", "on", "status"),
    [
        (0, "2026-06-15", 200),
        (0, "2026-06-16", 422),
        (3, "2026-06-18", 200),
        (3, "2026-06-19", 422),
    ],
)
async def test_postings_may_be_dated_max_days_ahead(ahead: int, on: str, status: int) -> None:
    answer = await call(app(date(2026, 6, 15), ahead), "POST", f"/postings/{on}")
    assert answer.status_code == status
    if status == 422:
        body: dict[str, Any] = answer.json()
        assert body["errors"][0]["field"] == "received_on"
        assert body["latest"] == f"2026-06-{15 + ahead}"


async def test_a_domain_error_answers_with_its_members() -> None:
    answer = await call(app(None), "POST", "/shut")
    assert answer.status_code == 409
    assert answer.json() == {
        "type": "https://ledgerflow.dev/problems/period-closed",
        "title": "The period is closed",
        "status": 409,
        "detail": "March is closed",
        "instance": "/shut",
        "errors": [{"field": "issue_date", "message": "March is closed"}],
        "period": "2026-03",
    }
