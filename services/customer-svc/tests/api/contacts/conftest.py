"""Fixtures of the customer file's tests (see ../customer_file.py)."""

from ..customer_file import client, customer, db, register

__all__ = ["client", "customer", "db", "register"]
