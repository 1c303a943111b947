"""Customer routes: parse, call the use case, commit, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.schemas import CustomerOut, CustomerPage, RegisterCustomer
from customer_svc.domain.customer import Customer, CustomerNotFound
from customer_svc.use_cases.register_customer import register_customer
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1/customers", tags=["customers"])

CanRegister = Annotated[
    Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))
]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


def _out(customer: Customer) -> CustomerOut:
    return CustomerOut(
        id=customer.id,
        name=customer.name,
        currency=customer.currency,
        payment_terms_days=customer.payment_terms_days,
        registered_at=customer.registered_at,
    )


@router.post("", status_code=201, response_model=CustomerOut, summary="Register a customer")
async def register(
    body: RegisterCustomer, session: DbSession, idempotency: Idempotent, _: CanRegister
) -> Response | CustomerOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    customer = await register_customer(
        uow, name=body.name, currency=body.currency, payment_terms_days=body.payment_terms_days
    )
    response = _out(customer)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get("/{customer_id}", response_model=CustomerOut, summary="One customer")
async def get_customer(customer_id: str, session: DbSession, _: CanRead) -> CustomerOut:
    customer = await CustomerUnitOfWork(session).customers.get(customer_id)
    if customer is None:
        raise CustomerNotFound(customer_id)
    return _out(customer)


@router.get("", response_model=CustomerPage, summary="Customers, oldest first")
async def list_customers(
    session: DbSession, _: CanRead, limit: Limit = 50, cursor: Cursor = None
) -> CustomerPage:
    customers = await CustomerUnitOfWork(session).customers.page(
        after=decode_cursor(cursor), limit=limit
    )
    return CustomerPage(
        items=[_out(c) for c in customers],
        next_cursor=next_cursor([c.id for c in customers], limit),
    )
