"""Customer files as the HTTP contract shows them."""

from dataclasses import asdict

from customer_svc.api.customers.schemas import AddressOut, CustomerOut
from customer_svc.domain.customers.places import Address
from customer_svc.use_cases.personal_data.disclosure import CustomerView


def _address(address: Address | None) -> AddressOut | None:
    if address is None:
        return None
    return AddressOut.model_validate({**asdict(address), "lines": list(address.lines)})


def customer_out(view: CustomerView) -> CustomerOut:
    customer = view.customer
    return CustomerOut(
        id=customer.id,
        code=customer.code,
        name=customer.name,
        currency=customer.currency,
        payment_terms_days=customer.payment_terms_days,
        registered_at=customer.registered_at,
        status=customer.status.value,
        country=customer.country,
        tax_id=view.tax_id,
        industry=customer.industry,
        region=customer.region,
        billing_address=_address(customer.billing_address),
        shipping_address=_address(customer.shipping_address),
        segments=list(customer.segments),
        parent_id=customer.parent_id,
        version=customer.version,
        updated_at=customer.updated_at or customer.registered_at,
    )
