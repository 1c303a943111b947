"""Who may call each operation of reporting-svc: the service's row of the authorization matrix.

The routes enforce it (`require_roles`); tests/fuzz checks that they and this table agree and
that every operation answers 401 without a token and 403 to every role left out here. The
README's Security section renders it (`make authorization-matrix`). The platform's own
operations (probes, admin) are in ledgerflow_platform.web.authorization.
"""

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.authorization import AuthorizationTable

ACCOUNTANT_ADMIN = frozenset({Role.ACCOUNTANT, Role.ADMIN})
ACCOUNTANT_AUDITOR_ADMIN = frozenset({Role.ACCOUNTANT, Role.AUDITOR, Role.ADMIN})
ADMIN = frozenset({Role.ADMIN})
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
    # customer-svc decides whose people are shown: its refusal of the caller is a 403 too.
    "GET /v1/reports/customer-table": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/credit-exposure": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/top-risks": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/customer-value": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/cash-forecast": EVERYONE_BUT_CASHIER,
    "GET /v1/reports/collection-budgets": EVERYONE_BUT_CASHIER,
    "GET /v1/collection-budgets/{month}": EVERYONE_BUT_CASHIER,
    "PUT /v1/collection-budgets/{month}": ACCOUNTANT_ADMIN,
    # The pack reconciles to the ledger's journal, read with the caller's token.
    "POST /v1/report-packs": ACCOUNTANT_AUDITOR_ADMIN,
    "POST /v1/admin/projections:rebuild": ADMIN,
    "GET /v1/admin/projections:rebuild/{rebuild_id}": ADMIN,
}
