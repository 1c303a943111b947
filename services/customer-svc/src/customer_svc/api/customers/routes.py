"""Customer files: register, read and search, change at a known version, move through the
lifecycle. Parse, call the use case, commit, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from customer_svc.adapters.customers import CustomerSearch
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.customers.render import customer_out
from customer_svc.api.customers.schemas import (
    ChangeStatus,
    CustomerOut,
    CustomerPage,
    RegisterCustomer,
    Status,
    UpdateCustomer,
)
from customer_svc.api.deps import CurrentReader, Resources, Vault
from customer_svc.api.errors import conflict
from customer_svc.domain.customers.names import DuplicateCustomerName
from customer_svc.domain.customers.profile import CustomerCodeTaken, DuplicateTaxId
from customer_svc.use_cases.customers.change_customer_status import change_customer_status
from customer_svc.use_cases.customers.read_customers import read_customer, search_customers
from customer_svc.use_cases.customers.register_customer import register_customer
from customer_svc.use_cases.customers.update_customer_profile import update_customer_profile
from customer_svc.use_cases.personal_data.disclosure import WRITER, Disclosures
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from ledgerflow_platform.web.preconditions import (
    OptionalIfMatch,
    RequiredIfMatch,
    accepted_versions,
    etag,
)

router = APIRouter(prefix="/v1/customers", tags=["customers"])

CanEdit = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanChangeStatus = Annotated[
    Principal,
    Depends(require_roles(Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.ADMIN, Role.SERVICE)),
]
Filter = Annotated[str | None, Query(max_length=200)]


@router.post(
    "",
    status_code=201,
    response_model=CustomerOut,
    summary="Register a customer",
    description="Personal values in the response are masked; read them back with GET.",
    responses={
        409: {
            "description": "Code, tax id or legal name taken (duplicate-customer-name); "
            "`existing_customer_id` names the customer on file"
        }
    },
)
async def register(
    body: RegisterCustomer,
    session: DbSession,
    idempotency: Idempotent,
    vault: Vault,
    _: CanEdit,
    now: Now,
) -> Response | CustomerOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    basics = {"name", "currency", "payment_terms_days", "status", "allow_duplicate_name"}
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
            allow_duplicate_name=body.allow_duplicate_name,
        )
    except (DuplicateTaxId, CustomerCodeTaken, DuplicateCustomerName) as exc:
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


@router.patch(
    "/{customer_id}",
    response_model=CustomerOut,
    summary="Change fields of a customer file",
    description="Needs `If-Match` with the ETag of the version read (412 if it moved on, "
    "428 if missing). Only the fields sent change; null empties an optional one.",
    responses={
        409: {
            "description": "Code or tax id taken (`existing_customer_id` names it), or the "
            "currency is in use: the ledger holds an open amount or credit (currency-in-use)"
        },
        503: {"description": "The ledger did not answer about the customer's amounts"},
        412: {"description": "If-Match names a version since replaced: read it again"},
        428: {"description": "If-Match is missing"},
    },
)
async def update_customer(
    customer_id: str,
    _: CanEdit,
    body: UpdateCustomer,
    response: Response,
    session: DbSession,
    vault: Vault,
    resources: Resources,
    if_match: RequiredIfMatch,
    now: Now,
) -> CustomerOut:
    uow = CustomerUnitOfWork(session)
    try:
        customer, _changed = await update_customer_profile(
            uow,
            vault,
            customer_id,
            body.model_dump(exclude_unset=True),
            expected_versions=accepted_versions(if_match),
            now=now,
            ledger=resources.ledger,
        )
    except (DuplicateTaxId, CustomerCodeTaken) as exc:
        raise conflict(exc, existing_customer_id=exc.existing_customer_id) from exc
    await uow.commit()
    response.headers["ETag"] = etag(customer.version)
    return customer_out(Disclosures(vault, WRITER).customer(customer))


@router.post(
    "/{customer_id}/status",
    response_model=CustomerOut,
    summary="Activate, suspend, reactivate or close a customer",
    description="Prospect -> active | closed; active <-> suspended; any -> closed; closed is "
    "final. An If-Match header, if sent, must match.",
)
async def change_status(
    customer_id: str,
    _: CanChangeStatus,
    body: ChangeStatus,
    response: Response,
    session: DbSession,
    vault: Vault,
    if_match: OptionalIfMatch,
    now: Now,
) -> CustomerOut:
    uow = CustomerUnitOfWork(session)
    customer = await change_customer_status(
        uow,
        customer_id,
        body.status,
        body.reason,
        expected_versions=accepted_versions(if_match),
        now=now,
    )
    await uow.commit()
    response.headers["ETag"] = etag(customer.version)
    return customer_out(Disclosures(vault, WRITER).customer(customer))
