"""A customer's contacts: add, read (clear or masked by role), correct, remove."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.contacts.render import contact_out
from customer_svc.api.contacts.schemas import AddContact, ChangeContact, ContactOut, ContactPage
from customer_svc.api.deps import CurrentReader, Vault
from customer_svc.api.records import disclosed_page, disclosed_record, removed
from customer_svc.use_cases.contacts.add_contact import add_contact
from customer_svc.use_cases.contacts.change_contact import change_contact
from customer_svc.use_cases.contacts.read_contacts import list_contacts, read_contact
from customer_svc.use_cases.contacts.remove_contact import remove_contact
from customer_svc.use_cases.personal_data.disclosure import WRITER, Disclosures
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit
from ledgerflow_platform.web.preconditions import RequiredIfMatch, accepted_versions, etag

router = APIRouter(prefix="/v1/customers/{customer_id}/contacts", tags=["contacts"])

CanManage = Annotated[
    Principal,
    Depends(require_roles(Role.ACCOUNTANT, Role.COLLECTOR, Role.ADMIN, Role.SERVICE)),
]
WRITE_NOTE = "Personal values in the response are masked; read them back with GET."


@router.post(
    "", status_code=201, response_model=ContactOut, summary="Add a contact", description=WRITE_NOTE
)
async def add(
    customer_id: str,
    _: CanManage,
    body: AddContact,
    session: DbSession,
    idempotency: Idempotent,
    vault: Vault,
    now: Now,
) -> Response | ContactOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    contact = await add_contact(
        uow,
        vault,
        customer_id,
        name=body.name,
        phone=body.phone,
        email=body.email,
        roles=body.roles,
        now=now,
    )
    response = contact_out(Disclosures(vault, WRITER).contact(contact))
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get("", response_model=ContactPage, summary="A customer's contacts")
async def list_(
    customer_id: str,
    session: DbSession,
    vault: Vault,
    reader: CurrentReader,
    now: Now,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ContactPage:
    items, after = await disclosed_page(
        list_contacts,
        contact_out,
        lambda v: v.contact.id,
        session,
        vault,
        reader,
        customer_id,
        limit=limit,
        cursor=cursor,
        now=now,
    )
    return ContactPage(items=items, next_cursor=after)


@router.get("/{contact_id}", response_model=ContactOut, summary="One contact")
async def get(
    customer_id: str,
    contact_id: str,
    response: Response,
    session: DbSession,
    vault: Vault,
    reader: CurrentReader,
    now: Now,
) -> ContactOut:
    view = await disclosed_record(
        read_contact, session, vault, reader, customer_id, contact_id, now=now
    )
    response.headers["ETag"] = etag(view.contact.version)
    return contact_out(view)


@router.patch(
    "/{contact_id}",
    response_model=ContactOut,
    summary="Correct a contact",
    description="Needs `If-Match` with the contact's ETag. " + WRITE_NOTE,
)
async def change(
    customer_id: str,
    contact_id: str,
    _: CanManage,
    body: ChangeContact,
    response: Response,
    session: DbSession,
    vault: Vault,
    if_match: RequiredIfMatch,
    now: Now,
) -> ContactOut:
    uow = CustomerUnitOfWork(session)
    contact = await change_contact(
        uow,
        vault,
        customer_id,
        contact_id,
        body.model_dump(exclude_unset=True),
        expected_versions=accepted_versions(if_match),
        now=now,
    )
    await uow.commit()
    response.headers["ETag"] = etag(contact.version)
    return contact_out(Disclosures(vault, WRITER).contact(contact))


@router.delete("/{contact_id}", status_code=204, summary="Remove a contact")
async def remove(
    customer_id: str, contact_id: str, _: CanManage, session: DbSession, now: Now
) -> Response:
    return await removed(remove_contact, session, customer_id, contact_id, now=now)
