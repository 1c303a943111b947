"""The customer file's routers beyond registration and search."""

from customer_svc.api.routes_access_log import router as access_log_router
from customer_svc.api.routes_bank_accounts import router as bank_accounts_router
from customer_svc.api.routes_contacts import router as contacts_router
from customer_svc.api.routes_profile import router as profile_router

PROFILE_ROUTERS = [profile_router, contacts_router, bank_accounts_router, access_log_router]
