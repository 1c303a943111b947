"""The credit check's route: the order path's common request answered without FastAPI's
per-request dependency solving, everything else by the route as declared.

Order systems call the check on every order, and solving its declared dependencies (token,
session, Idempotency-Key, clock, role), then validating the answer against the response model
again, cost more of the process's CPU than the check's own work. A request that is plainly
well formed (a JSON body this route accepts, a bearer token, no dependency overridden but the
clock) is answered here with the same steps in the same order: the token verified (401), the
role checked (403), the body read, the check decided on the order path's own connection
(adapters/order_book.py): one read, and one write guarded by it. An Idempotency-Key is looked
up first and kept with that write, its answer with it: a retry is answered as the first
request was, byte for byte as the declared route replays it; a key another request holds,
or held for another body, is the declared route's to answer. Any other request, and any body
the declared route would refuse, goes to the declared route, which answers it as it always
has; its OpenAPI operation is the declared one. Domain errors raised here meet the same
problem handlers.
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

from credit_svc.adapters.order_book import (
    KeyedRequest,
    KeyTaken,
    NeedsFullUnitOfWork,
    Remembered,
    StandingMoved,
    order_book,
)
from credit_svc.adapters.resources import CreditResources
from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CHECKERS
from credit_svc.api.order_schemas import CheckCredit, check_out
from credit_svc.use_cases.check_credit import OrderToCheck, check_credit
from ledgerflow_platform.idempotency import fingerprint
from ledgerflow_platform.web.auth import current_principal
from ledgerflow_platform.web.clock import request_time
from ledgerflow_platform.web.deps import MAX_KEY_LENGTH, replayed

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
    if headers.get("content-type") != _JSON or request.app.dependency_overrides.keys() - {
        request_time
    }:
        return None
    credentials = await _bearer(request)
    if credentials is None:
        return None
    principal = await current_principal(request, credentials)
    await CHECKERS(principal)
    raw = await request.body()
    try:
        body = CheckCredit.model_validate(json.loads(raw))
    except (ValueError, ValidationError):
        return None
    keyed = None
    if (key := headers.get("idempotency-key")) is not None:
        if not 0 < len(key) <= MAX_KEY_LENGTH:
            return None
        keyed = KeyedRequest(principal.subject, key, fingerprint("POST", request.url.path, raw))
    now = await _now(request)
    order = _order(body)
    books = _order_books(request)
    if books is None:
        return None
    answered = await _on_the_order_book(books, order, body.currency, now, keyed)
    if answered is not None or keyed is not None:
        # A keyed check the order path could not answer is the declared route's whole: it
        # claims the key, checks under the customer's lock and keeps the answer.
        return answered
    async with request.app.state.sessions() as session:
        uow = CreditUnitOfWork(session)
        checked = await check_credit(uow, order, now)
        await uow.commit()
    answer = check_out(checked.outcome, body.currency, checked.reservation_id)
    return Response(answer.model_dump_json(), media_type=_JSON)


async def _on_the_order_book(
    books: "asyncpg.Pool[Any]",
    order: OrderToCheck,
    currency: str,
    now: datetime,
    keyed: KeyedRequest | None,
) -> Response | None:
    """The check decided on the order path, again on a fresh read each time the customer
    changed between its read and its write; None when only the full unit of work can. A key
    used before is answered as it first was, if it came with this request."""
    for _ in range(_DECIDE_AGAIN):
        try:
            async with order_book(books, keyed) as book:
                if (first := await book.remembered()) is not None:
                    return _replay(first, keyed)
                checked = await check_credit(book, order, now)
                answer = check_out(checked.outcome, currency, checked.reservation_id)
                book.answer = answer.model_dump_json()
            return Response(book.answer, media_type=_JSON)
        except StandingMoved:
            continue
        except (NeedsFullUnitOfWork, KeyTaken):
            return None
    # A customer written to this often: the full unit of work decides under its lock.
    return None


def _replay(first: Remembered, keyed: KeyedRequest | None) -> Response | None:
    # Another request's key, or one still being answered: the declared route refuses it or
    # waits for its answer.
    if keyed is None or first.fingerprint != keyed.fingerprint or first.status_code is None:
        return None
    return replayed(first.status_code, first.body)


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
