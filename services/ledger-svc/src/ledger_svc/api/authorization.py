"""Who may call each operation of ledger-svc: the service's row of the authorization matrix.

The routes enforce it (`require_roles`); tests/fuzz checks that they and this table agree and
that every operation answers 401 without a token and 403 to every role left out here. The
README's Security section renders it (`make authorization-matrix`). The platform's own
operations (probes, admin) are in ledgerflow_platform.web.authorization.
"""

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.web.authorization import EVERYONE, AuthorizationTable

ACCOUNTANT_ADMIN = frozenset({Role.ACCOUNTANT, Role.ADMIN})
ACCOUNTANT_ADMIN_SERVICE = frozenset({Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE})
ACCOUNTANT_AUDITOR_ADMIN = frozenset({Role.ACCOUNTANT, Role.AUDITOR, Role.ADMIN})
ACCOUNTANT_CREDIT_MANAGER_ADMIN = frozenset({Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.ADMIN})
CASHIER_ACCOUNTANT_ADMIN = frozenset({Role.CASHIER, Role.ACCOUNTANT, Role.ADMIN})
CASHIER_ACCOUNTANT_ADMIN_SERVICE = frozenset(
    {Role.CASHIER, Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE}
)
CASHIER_ACCOUNTANT_AUDITOR_ADMIN = frozenset(
    {Role.CASHIER, Role.ACCOUNTANT, Role.AUDITOR, Role.ADMIN}
)
CREDIT_MANAGER_ADMIN = frozenset({Role.CREDIT_MANAGER, Role.ADMIN})
EVERYONE_BUT_CASHIER = frozenset(
    {Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.COLLECTOR, Role.AUDITOR, Role.ADMIN, Role.SERVICE}
)

AUTHORIZATION: AuthorizationTable = {
    "POST /v1/invoices": ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/invoices/{invoice_id}:void": ACCOUNTANT_ADMIN_SERVICE,
    "GET /v1/invoices/{invoice_id}": EVERYONE,
    "GET /v1/invoices": EVERYONE,
    "POST /v1/overdue-runs": ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/invoice-imports": ACCOUNTANT_ADMIN_SERVICE,
    "GET /v1/invoice-imports/{import_id}": EVERYONE,
    "GET /v1/invoice-imports/{import_id}/invoices": EVERYONE,
    "POST /v1/payments": CASHIER_ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/payments:batch": CASHIER_ACCOUNTANT_ADMIN_SERVICE,
    "GET /v1/payments/{payment_id}": EVERYONE,
    "POST /v1/payments/{payment_id}:reverse": CASHIER_ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/customers/{customer_id}/credit-applications": CASHIER_ACCOUNTANT_ADMIN_SERVICE,
    "GET /v1/journal": ACCOUNTANT_AUDITOR_ADMIN,
    "GET /v1/integrity": ACCOUNTANT_AUDITOR_ADMIN,
    "GET /v1/customers/{customer_id}/balance": EVERYONE,
    "POST /v1/invoices/{invoice_id}/credit-notes": ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/customers/{customer_id}/credit-notes": ACCOUNTANT_ADMIN_SERVICE,
    "GET /v1/credit-notes/{credit_note_id}": EVERYONE,
    "GET /v1/credit-notes": EVERYONE,
    "POST /v1/customers/{customer_id}/refunds": ACCOUNTANT_ADMIN,
    "POST /v1/refunds/{refund_id}:pay": CASHIER_ACCOUNTANT_ADMIN,
    "POST /v1/refunds/{refund_id}:cancel": ACCOUNTANT_ADMIN,
    "GET /v1/refunds/{refund_id}": EVERYONE,
    "GET /v1/refunds": EVERYONE,
    "POST /v1/invoices/{invoice_id}/write-offs": ACCOUNTANT_CREDIT_MANAGER_ADMIN,
    "POST /v1/write-offs/{write_off_id}:approve": CREDIT_MANAGER_ADMIN,
    "POST /v1/write-offs/{write_off_id}:reject": CREDIT_MANAGER_ADMIN,
    "GET /v1/write-offs/{write_off_id}": EVERYONE,
    "GET /v1/write-offs": EVERYONE,
    "PUT /v1/late-fee-policies/{currency}": ACCOUNTANT_ADMIN,
    "GET /v1/late-fee-policies/{currency}": EVERYONE,
    "GET /v1/late-fee-policies": EVERYONE,
    "POST /v1/late-fee-runs": ACCOUNTANT_ADMIN_SERVICE,
    "GET /v1/late-fees": EVERYONE,
    "GET /v1/customers/{customer_id}/statement": EVERYONE_BUT_CASHIER,
    "POST /v1/bank-statements": CASHIER_ACCOUNTANT_ADMIN,
    "GET /v1/bank-statements": CASHIER_ACCOUNTANT_AUDITOR_ADMIN,
    "GET /v1/bank-statements/{statement_id}": CASHIER_ACCOUNTANT_AUDITOR_ADMIN,
    "POST /v1/bank-statements/{statement_id}:reconcile": CASHIER_ACCOUNTANT_ADMIN,
    "GET /v1/reconciliations/{reconciliation_id}": CASHIER_ACCOUNTANT_AUDITOR_ADMIN,
    "POST /v1/customers/{customer_id}/bank-accounts": ACCOUNTANT_ADMIN_SERVICE,
    "POST /v1/customers/{customer_id}/bank-accounts:forget": ACCOUNTANT_ADMIN_SERVICE,
}
