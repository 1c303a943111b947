"""Dates collections accepts: real business dates, not typos a century away."""

from ledgerflow_platform.web.bounds import BusinessDate

__all__ = ["BusinessDate"]
