"""Who may call each operation of reporting-svc: the service's row of the authorization matrix.

The routes enforce it (`require_roles`); tests/fuzz checks that they and this table agree and
that every operation answers 401 without a token and 403 to every role left out here. The
README's Security section renders it (`make authorization-matrix`). The platform's own
operations (probes, admin) are in ledgerflow_platform.web.authorization.
"""

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.authorization import AuthorizationTable

EVERYONE_BUT_CASHIER = frozenset(
    {Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.COLLECTOR, Role.AUDITOR, Role.ADMIN, Role.SERVICE}
)

AUTHORIZATION: AuthorizationTable = {
    "GET /v1/reports/aging": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/dso": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/add": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/cei": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/kpi-trend": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/payment-behaviour": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/reconciliations": EVERYONE_BUT_CASHIER,
}
