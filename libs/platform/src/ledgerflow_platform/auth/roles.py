"""The platform's roles; segregation of duties is expressed as which roles a route admits."""

from enum import StrEnum


class Role(StrEnum):
    CASHIER = "cashier"
    ACCOUNTANT = "accountant"
    CREDIT_MANAGER = "credit_manager"
    COLLECTOR = "collector"
    AUDITOR = "auditor"
    ADMIN = "admin"
    SERVICE = "service"


EVERY_ROLE = frozenset(Role)
