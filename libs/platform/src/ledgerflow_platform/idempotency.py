"""Idempotency-Key: a retried write replays the first response instead of acting twice.

The key is recorded in the same transaction as the write it guards, so a key exists if
and only if its effects do. A concurrent duplicate blocks on the key's unique index until
the first commits, then replays it.
"""

import hashlib
import json
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, Table, Text, func, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession


def define_idempotency_table(metadata: MetaData) -> Table:
    return Table(
        "idempotency_keys",
        metadata,
        Column("subject", Text, primary_key=True),
        Column("key", Text, primary_key=True),
        Column("fingerprint", Text, nullable=False),
        Column("status_code", Integer),
        Column("response", JSONB),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests the same: method, path and the body, as JSON if it is JSON
    (so key order and spacing do not count)."""
    try:
        document = json.loads(body)
    except ValueError:
        return _digest(method, path, body)
    return fingerprint_document(method, path, document)


def fingerprint_document(method: str, path: str, document: Any) -> str:
    """The fingerprint of a request whose JSON body is `document`, already parsed."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    return _digest(method, path, canonical)


def _digest(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


class KeyReusedForOtherRequest(Exception):
    """The same Idempotency-Key came with a different request."""


class StoredResponse:
    def __init__(self, status_code: int, body: Any) -> None:
        self.status_code = status_code
        self.body = body


class IdempotencyStore:
    def __init__(self, table: Table) -> None:
        self._table = table

    async def claim(
        self, session: AsyncSession, subject: str, key: str, print_: str
    ) -> StoredResponse | None:
        """Claim the key for this request, or return the response it already produced."""
        claim = (
            insert(self._table)
            .values(subject=subject, key=key, fingerprint=print_)
            .on_conflict_do_nothing()
            .returning(self._table.c.key)
        )
        if (await session.execute(claim)).first() is not None:
            return None
        row = (
            await session.execute(
                select(self._table).where(
                    self._table.c.subject == subject, self._table.c.key == key
                )
            )
        ).one()
        if row.fingerprint != print_:
            raise KeyReusedForOtherRequest(key)
        return StoredResponse(row.status_code, row.response)

    async def remember(
        self, session: AsyncSession, subject: str, key: str, status_code: int, body: Any
    ) -> None:
        await session.execute(
            self._table.update()
            .where(self._table.c.subject == subject, self._table.c.key == key)
            .values(status_code=status_code, response=body)
        )
