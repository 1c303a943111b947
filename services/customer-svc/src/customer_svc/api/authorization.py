"""Who may call each operation of customer-svc: the service's row of the authorization matrix.

The routes enforce it (`require_roles`); tests/fuzz checks that they and this table agree and
that every operation answers 401 without a token and 403 to every role left out here. The
README's Security section renders it (`make authorization-matrix`). The platform's own
operations (probes, admin) are in ledgerflow_platform.web.authorization.
"""

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.authorization import EVERYONE, AuthorizationTable

ACCOUNTANT_ADMIN = frozenset({Role.ACCOUNTANT, Role.ADMIN})
ACCOUNTANT_ADMIN_SERVICE = frozenset({Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE})
ACCOUNTANT_COLLECTOR_ADMIN_SERVICE = frozenset(
    {Role.ACCOUNTANT, Role.COLLECTOR, Role.ADMIN, Role.SERVICE}
)
ACCOUNTANT_CREDIT_MANAGER_ADMIN_SERVICE = frozenset(
    {Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.ADMIN, Role.SERVICE}
)
ACCOUNTANT_CREDIT_MANAGER_COLLECTOR_ADMIN = frozenset(
    {Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.COLLECTOR, Role.ADMIN}
)
AUDITOR_ADMIN = frozenset({Role.AUDITOR, Role.ADMIN})
EVERYONE_BUT_CASHIER_SERVICE = frozenset(
    {Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.COLLECTOR, Role.AUDITOR, Role.ADMIN}
)

AUTHORIZATION: AuthorizationTable = {
    "GET /v1/contracts": EVERYONE,
    "GET /v1/contracts/{contract_id}": EVERYONE,
    "GET /v1/contracts/{contract_id}/versions": EVERYONE,
    "GET /v1/contracts/{contract_id}/versions/{version}": EVERYONE,
    "POST /v1/customers/{customer_id}/contracts": ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/contracts/{contract_id}/amendments": ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/contracts/{contract_id}/status": ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/complaints": ACCOUNTANT_CREDIT_MANAGER_COLLECTOR_ADMIN,
    "POST /v1/complaints/{complaint_id}/assignment": ACCOUNTANT_CREDIT_MANAGER_COLLECTOR_ADMIN,
    "POST /v1/complaints/{complaint_id}/resolution": ACCOUNTANT_CREDIT_MANAGER_COLLECTOR_ADMIN,
    "GET /v1/complaints/stats": EVERYONE_BUT_CASHIER_SERVICE,
    "GET /v1/complaints": EVERYONE_BUT_CASHIER_SERVICE,
    "GET /v1/complaints/{complaint_id}": EVERYONE_BUT_CASHIER_SERVICE,
    "POST /v1/customers": ACCOUNTANT_ADMIN_SERVICE,
    "GET /v1/customers/{customer_id}": EVERYONE,
    "GET /v1/customers": EVERYONE,
    "PATCH /v1/customers/{customer_id}": ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/customers/{customer_id}/status": ACCOUNTANT_CREDIT_MANAGER_ADMIN_SERVICE,
    "POST /v1/customers/{customer_id}/contacts": ACCOUNTANT_COLLECTOR_ADMIN_SERVICE,
    "GET /v1/customers/{customer_id}/contacts": EVERYONE,
    "GET /v1/customers/{customer_id}/contacts/{contact_id}": EVERYONE,
    "PATCH /v1/customers/{customer_id}/contacts/{contact_id}": ACCOUNTANT_COLLECTOR_ADMIN_SERVICE,
    "DELETE /v1/customers/{customer_id}/contacts/{contact_id}": ACCOUNTANT_COLLECTOR_ADMIN_SERVICE,
    "POST /v1/customers/{customer_id}/bank-accounts": ACCOUNTANT_ADMIN,
    "GET /v1/customers/{customer_id}/bank-accounts": EVERYONE,
    "GET /v1/customers/{customer_id}/bank-accounts/{account_id}": EVERYONE,
    "DELETE /v1/customers/{customer_id}/bank-accounts/{account_id}": ACCOUNTANT_ADMIN,
    "GET /v1/access-log": AUDITOR_ADMIN,
    "POST /v1/customer-imports": ACCOUNTANT_ADMIN,
    "GET /v1/customer-exports": ACCOUNTANT_CREDIT_MANAGER_COLLECTOR_ADMIN,
}
