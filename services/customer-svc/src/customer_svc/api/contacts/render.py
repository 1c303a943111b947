"""Contacts as the HTTP contract shows them."""

from customer_svc.api.contacts.schemas import ContactOut
from customer_svc.use_cases.personal_data.disclosure import ContactView


def contact_out(view: ContactView) -> ContactOut:
    contact = view.contact
    return ContactOut(
        id=contact.id,
        customer_id=contact.customer_id,
        name=view.name,
        phone=view.phone,
        email=view.email,
        roles=[r.value for r in contact.roles],
        version=contact.version,
        created_at=contact.created_at,
    )
