"""Customer routes: parse, call the use case, commit, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from customer_svc.adapters.customers import CustomerSearch
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.deps_profile import CurrentReader, Vault
from customer_svc.api.errors import conflict
from customer_svc.api.render_profile import customer_out
from customer_svc.api.schemas import CustomerOut, CustomerPage, RegisterCustomer, Status
from customer_svc.domain.customers.profile import CustomerCodeTaken, DuplicateTaxId
from customer_svc.use_cases.customers.read_customers import read_customer, search_customers
from customer_svc.use_cases.customers.register_customer import register_customer
from customer_svc.use_cases.personal_data.disclosure import WRITER, Disclosures
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from ledgerflow_platform.web.preconditions import etag

router = APIRouter(prefix="/v1/customers", tags=["customers"])

CanRegister = Annotated[
    Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))
]
Filter = Annotated[str | None, Query(max_length=200)]


@router.post(
    "",
    status_code=201,
    response_model=CustomerOut,
    summary="Register a customer",
    description="Personal values in the response are masked; read them back with GET.",
    responses={409: {"description": "Code or tax id taken; `existing_customer_id` names it"}},
)
async def register(
    body: RegisterCustomer,
    session: DbSession,
    idempotency: Idempotent,
    vault: Vault,
    _: CanRegister,
    now: Now,
) -> Response | CustomerOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    basics = {"name", "currency", "payment_terms_days", "status"}
    try:
        customer = await register_customer(
            uow,
            name=body.name,
            currency=body.currency,
            payment_terms_days=body.payment_terms_days,
            status=body.status,
            profile=body.model_dump(exclude=basics, exclude_none=True),
            vault=vault,
            now=now,
        )
    except (DuplicateTaxId, CustomerCodeTaken) as exc:
        raise conflict(exc, existing_customer_id=exc.existing_customer_id) from exc
    response = customer_out(Disclosures(vault, WRITER).customer(customer))
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get("/{customer_id}", response_model=CustomerOut, summary="One customer file")
async def get_customer(
    customer_id: str,
    response: Response,
    session: DbSession,
    vault: Vault,
    reader: CurrentReader,
    now: Now,
) -> CustomerOut:
    uow = CustomerUnitOfWork(session)
    view = await read_customer(uow, vault, reader, customer_id, now=now)
    await uow.commit()
    response.headers["ETag"] = etag(view.customer.version)
    return customer_out(view)


@router.get(
    "",
    response_model=CustomerPage,
    summary="Search customers, oldest first",
    description="`q` matches part of the name, the exact code, or the exact tax id.",
)
async def list_customers(
    session: DbSession,
    vault: Vault,
    reader: CurrentReader,
    now: Now,
    q: Filter = None,
    segment: Filter = None,
    region: Filter = None,
    industry: Filter = None,
    status: Status | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CustomerPage:
    uow = CustomerUnitOfWork(session)
    search = CustomerSearch(q=q, segment=segment, region=region, industry=industry, status=status)
    views = await search_customers(
        uow, vault, reader, search, after=decode_cursor(cursor), limit=limit, now=now
    )
    await uow.commit()
    return CustomerPage(
        items=[customer_out(v) for v in views],
        next_cursor=next_cursor([v.customer.id for v in views], limit),
    )
