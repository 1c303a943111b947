"""Who may call each operation of credit-svc: the service's row of the authorization matrix.

The routes enforce it (`require_roles`); tests/fuzz checks that they and this table agree and
that every operation answers 401 without a token and 403 to every role left out here. The
README's Security section renders it (`make authorization-matrix`). The platform's own
operations (probes, admin) are in ledgerflow_platform.web.authorization.
"""

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.authorization import AuthorizationTable

CREDIT_MANAGER = frozenset({Role.CREDIT_MANAGER})
CREDIT_MANAGER_ADMIN_SERVICE = frozenset({Role.CREDIT_MANAGER, Role.ADMIN, Role.SERVICE})
EVERYONE_BUT_CASHIER = frozenset(
    {Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.COLLECTOR, Role.AUDITOR, Role.ADMIN, Role.SERVICE}
)

AUTHORIZATION: AuthorizationTable = {
    "GET /v1/customers/{customer_id}/exposure": EVERYONE_BUT_CASHIER,
    "GET /v1/customers/{customer_id}/credit": EVERYONE_BUT_CASHIER,
    "GET /v1/credit-profiles": EVERYONE_BUT_CASHIER,
    "POST /v1/customers/{customer_id}/credit-limits": CREDIT_MANAGER,
    "POST /v1/credit-limits/{limit_id}:approve": CREDIT_MANAGER,
    "GET /v1/customers/{customer_id}/credit-limits": EVERYONE_BUT_CASHIER,
    "POST /v1/customers/{customer_id}/holds": CREDIT_MANAGER,
    "POST /v1/holds/{hold_id}:release": CREDIT_MANAGER,
    "POST /v1/credit-checks": CREDIT_MANAGER_ADMIN_SERVICE,
    "POST /v1/credit-overrides": CREDIT_MANAGER,
    "POST /v1/credit-reservations": CREDIT_MANAGER_ADMIN_SERVICE,
    "GET /v1/credit-reservations/{reservation_id}": EVERYONE_BUT_CASHIER,
    "POST /v1/credit-reservations/{reservation_id}:release": CREDIT_MANAGER_ADMIN_SERVICE,
    "POST /v1/reservation-expiry-runs": CREDIT_MANAGER_ADMIN_SERVICE,
    "POST /v1/customers/{customer_id}/financial-statements": CREDIT_MANAGER,
    "GET /v1/customers/{customer_id}/financial-statements": EVERYONE_BUT_CASHIER,
    "POST /v1/customers/{customer_id}/bureau-reports": CREDIT_MANAGER,
    "GET /v1/customers/{customer_id}/bureau-reports": EVERYONE_BUT_CASHIER,
    "POST /v1/credit-policies": CREDIT_MANAGER,
    "POST /v1/credit-policies/{version}:activate": CREDIT_MANAGER,
    "GET /v1/credit-policies": EVERYONE_BUT_CASHIER,
    "GET /v1/credit-policies/{version}": EVERYONE_BUT_CASHIER,
}
