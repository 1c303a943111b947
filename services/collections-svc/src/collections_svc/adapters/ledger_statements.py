"""A customer's statement of account as the ledger prints it (PDF), read over REST with
collections-svc's own service credentials when a notice or statement is sent."""

from datetime import date
from typing import Protocol

from ledgerflow_platform.service_client import ServiceClient, UpstreamRefused, UpstreamUnavailable


class StatementUnavailable(Exception):
    """The ledger could not be reached or would not print the statement: the e-mail waits and
    is tried again, as when the SMTP server refuses."""


class StatementSource(Protocol):
    async def statement_pdf(self, customer_id: str, date_from: date, date_to: date) -> bytes: ...


class LedgerStatements:
    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def statement_pdf(self, customer_id: str, date_from: date, date_to: date) -> bytes:
        params = {"from": date_from.isoformat(), "to": date_to.isoformat(), "format": "pdf"}
        try:
            response = await self._client.get(
                f"/v1/customers/{customer_id}/statement", params=params
            )
        except UpstreamUnavailable as exc:
            raise StatementUnavailable(f"ledger statement: {exc}") from exc
        except UpstreamRefused as exc:
            raise StatementUnavailable(
                f"ledger statement: refused with {exc.status_code}: {exc.body}"
            ) from exc
        return response.content
