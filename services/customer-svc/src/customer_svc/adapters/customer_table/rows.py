"""Rows of a filed customer table as its tables take them."""

from typing import Any

from customer_svc.domain.contacts import Contact
from customer_svc.domain.contracts.contract import Contract
from customer_svc.domain.customers.customer import Customer
from customer_svc.domain.customers.names import legal_name_key


def customer_row(customer: Customer) -> dict[str, Any]:
    return {
        "id": customer.id,
        "name": customer.name,
        "currency": customer.currency,
        "payment_terms_days": customer.payment_terms_days,
        "registered_at": customer.registered_at,
        "code": customer.code,
        "status": customer.status.value,
        "country": customer.country,
        "tax_id_sealed": customer.tax_id.token if customer.tax_id else None,
        "tax_id_index": customer.tax_id.index if customer.tax_id else None,
        "segments": list(customer.segments),
        "version": customer.version,
        "updated_at": customer.updated_at or customer.registered_at,
        "legal_name_key": legal_name_key(customer.name),
    }


def contact_row(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "customer_id": contact.customer_id,
        "name_sealed": contact.name.token,
        "phone_sealed": contact.phone.token if contact.phone else None,
        "email_sealed": contact.email.token if contact.email else None,
        "roles": [r.value for r in contact.roles],
        "version": contact.version,
        "created_at": contact.created_at,
    }


def contract_rows(contract: Contract) -> tuple[dict[str, Any], dict[str, Any]]:
    terms, version = contract.terms, contract.current
    head = {
        "id": contract.id,
        "customer_id": contract.customer_id,
        "number": contract.number,
        "status": contract.status.value,
        "current_version": version.version,
        "created_at": contract.created_at,
        "updated_at": contract.created_at,
    }
    return head, {
        "contract_id": contract.id,
        "version": version.version,
        "project": terms.project,
        "signed_on": terms.signed_on,
        "currency": terms.currency,
        "total_minor": terms.total_minor,
        "payment_terms_days": terms.payment_terms_days,
        "payment_cycle": terms.payment_cycle,
        "notes": terms.notes,
        "changed_fields": list(version.changed_fields),
        "reason": version.reason,
        "recorded_at": version.recorded_at,
        "recorded_by": version.recorded_by,
    }
