"""The credit check's route: the order path's common request answered without FastAPI's
per-request dependency solving, everything else by the route as declared.

Order systems call the check on every order, and solving its declared dependencies (token,
session, Idempotency-Key, clock, role), then validating the answer against the response model
again, cost more of the process's CPU than the check's own work. A request that is plainly
well formed (a JSON body this route accepts, a bearer token, no Idempotency-Key, no
dependency overridden but the clock) is answered here with the same steps in the same order:
the token verified (401), the role checked (403), the body read, the check decided on the
order path's own connection (adapters/order_book.py): one read, and one write guarded by it. Any
other request, and any body the declared route would refuse, goes to the declared route,
which answers it as it always has; its OpenAPI operation is the declared one. Domain errors
raised here meet the same problem handlers.
"""

import json
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

import asyncpg
from fastapi import Request, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from pydantic import ValidationError

from credit_svc.adapters.order_book import NeedsFullUnitOfWork, StandingMoved, order_book
from credit_svc.adapters.resources import CreditResources
from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CHECKERS
from credit_svc.api.order_schemas import CheckCredit, check_out
from credit_svc.use_cases.check_credit import CreditCheck, OrderToCheck, check_credit
from ledgerflow_platform.web.auth import current_principal
from ledgerflow_platform.web.clock import request_time

Handler = Callable[[Request], Coroutine[Any, Any, Response]]

_bearer = HTTPBearer(auto_error=False)
# Reads of a customer's standing before the order path hands a check to the full unit of work.
_DECIDE_AGAIN = 3
_JSON = "application/json"


class CreditCheckRoute(APIRoute):
    """`POST /v1/credit-checks` as declared, with the common request answered directly."""

    def get_route_handler(self) -> Handler:
        declared = super().get_route_handler()

        async def handle(request: Request) -> Response:
            answered = await _answer_directly(request)
            return answered if answered is not None else await declared(request)

        return handle


async def _answer_directly(request: Request) -> Response | None:
    """The check's response, or None when the declared route must answer the request."""
    headers = request.headers
    if (
        "idempotency-key" in headers
        or headers.get("content-type") != _JSON
        or request.app.dependency_overrides.keys() - {request_time}
    ):
        return None
    credentials = await _bearer(request)
    if credentials is None:
        return None
    principal = await current_principal(request, credentials)
    await CHECKERS(principal)
    try:
        body = CheckCredit.model_validate(json.loads(await request.body()))
    except (ValueError, ValidationError):
        return None
    now = await _now(request)
    order = _order(body)
    books = _order_books(request)
    if books is None:
        return None
    checked = await _on_the_order_book(books, order, now)
    if checked is None:
        async with request.app.state.sessions() as session:
            uow = CreditUnitOfWork(session)
            checked = await check_credit(uow, order, now)
            await uow.commit()
    answer = check_out(checked.outcome, body.currency, checked.reservation_id)
    return Response(answer.model_dump_json(), media_type=_JSON)


async def _on_the_order_book(
    books: "asyncpg.Pool[Any]", order: OrderToCheck, now: datetime
) -> CreditCheck | None:
    """The check decided on the order path, again on a fresh read each time the customer
    changed between its read and its write; None when only the full unit of work can."""
    for _ in range(_DECIDE_AGAIN):
        try:
            async with order_book(books) as book:
                return await check_credit(book, order, now)
        except StandingMoved:
            continue
        except NeedsFullUnitOfWork:
            return None
    # A customer written to this often: the full unit of work decides under its lock.
    return None


def _order_books(request: Request) -> "asyncpg.Pool[Any] | None":
    resources: CreditResources = request.app.state.resources
    return resources.order_books


async def _now(request: Request) -> datetime:
    # Tests set the clock by overriding the declared dependency: honoured here too.
    clock = request.app.dependency_overrides.get(request_time, request_time)
    now = clock()
    return await now if isinstance(now, Coroutine) else now  # type: ignore[no-any-return]


def _order(body: CheckCredit) -> OrderToCheck:
    return OrderToCheck(
        customer_id=body.customer_id,
        amount=body.amount,
        currency=body.currency,
        order_reference=body.order_reference,
        reserve=body.reserve,
        expires_at=body.expires_at,
    )
