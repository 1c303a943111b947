"""Who may call each operation of collections-svc: the service's row of the authorization matrix.

The routes enforce it (`require_roles`); tests/fuzz checks that they and this table agree and
that every operation answers 401 without a token and 403 to every role left out here. The
README's Security section renders it (`make authorization-matrix`). The platform's own
operations (probes, admin) are in ledgerflow_platform.web.authorization.
"""

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.authorization import AuthorizationTable

CREDIT_MANAGER_ADMIN = frozenset({Role.CREDIT_MANAGER, Role.ADMIN})
CREDIT_MANAGER_ADMIN_SERVICE = frozenset({Role.CREDIT_MANAGER, Role.ADMIN, Role.SERVICE})
CREDIT_MANAGER_COLLECTOR_ADMIN = frozenset({Role.CREDIT_MANAGER, Role.COLLECTOR, Role.ADMIN})
PERFORMANCE_READERS = frozenset({Role.CREDIT_MANAGER, Role.ADMIN, Role.AUDITOR, Role.ACCOUNTANT})
EVERYONE_BUT_CASHIER = frozenset(
    {Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.COLLECTOR, Role.AUDITOR, Role.ADMIN, Role.SERVICE}
)

AUTHORIZATION: AuthorizationTable = {
    "GET /v1/cases": EVERYONE_BUT_CASHIER,
    "GET /v1/cases/{case_id}": EVERYONE_BUT_CASHIER,
    "POST /v1/dunning-policies": CREDIT_MANAGER_ADMIN,
    "POST /v1/dunning-policies/{policy_id}:activate": CREDIT_MANAGER_ADMIN,
    "GET /v1/dunning-policies": EVERYONE_BUT_CASHIER,
    "PUT /v1/customers/{customer_id}/dunning-policy": CREDIT_MANAGER_ADMIN,
    "POST /v1/dunning-runs": CREDIT_MANAGER_ADMIN_SERVICE,
    "GET /v1/notices": EVERYONE_BUT_CASHIER,
    "GET /v1/notices/{notice_id}": EVERYONE_BUT_CASHIER,
    "POST /v1/customers/{customer_id}/dunning-pauses": CREDIT_MANAGER_COLLECTOR_ADMIN,
    "POST /v1/customers/{customer_id}/dunning-pauses/{pause_id}:end": (
        CREDIT_MANAGER_COLLECTOR_ADMIN
    ),
    "POST /v1/disputes": CREDIT_MANAGER_COLLECTOR_ADMIN,
    "POST /v1/disputes/{dispute_id}:resolve": CREDIT_MANAGER_COLLECTOR_ADMIN,
    "GET /v1/disputes/{dispute_id}": EVERYONE_BUT_CASHIER,
    "POST /v1/cases/{case_id}/promises": CREDIT_MANAGER_COLLECTOR_ADMIN,
    "GET /v1/promises/{promise_id}": EVERYONE_BUT_CASHIER,
    # Case work: a collector reads and acts on only the cases assigned to them (the routes
    # check the case); credit managers and admins assign them.
    "POST /v1/cases/{case_id}:assign": CREDIT_MANAGER_ADMIN,
    "POST /v1/cases/{case_id}/activities": CREDIT_MANAGER_COLLECTOR_ADMIN,
    "GET /v1/cases/{case_id}/activities": EVERYONE_BUT_CASHIER,
    "GET /v1/worklist": EVERYONE_BUT_CASHIER,
    "POST /v1/cases/{case_id}/payment-plans": CREDIT_MANAGER_COLLECTOR_ADMIN,
    "GET /v1/payment-plans/{plan_id}": EVERYONE_BUT_CASHIER,
    "GET /v1/notices/{notice_id}/letter.pdf": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/collector-performance": PERFORMANCE_READERS,
    "POST /v1/statement-runs": CREDIT_MANAGER_ADMIN,
    "GET /v1/statement-runs/{run_id}": EVERYONE_BUT_CASHIER,
    "GET /v1/cases/{case_id}/legal-bundle.pdf": EVERYONE_BUT_CASHIER,
}
