"""Idempotency-Key: a retried write replays the first response instead of acting twice.

The key is recorded in the same transaction as the write it guards, so a key exists if
and only if its effects do. A concurrent duplicate blocks on the key's unique index until
the first commits, then replays it.

A request that carries many keys (a batch of payments, each with its own; or single payments
written together by group commit) claims, remembers and releases them by the many, one
statement each, under the same contract: `claim_many`, `remember_many`, `release_many`.
"""

import hashlib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, Table, Text, func, select, text
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.driver import driver_connection


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


KeyRef = tuple[str, str]
"""A caller's key: (subject, key). A key belongs to the caller who sent it."""


@dataclass(frozen=True)
class StoredResponse:
    """What a key's first request got back, and that request's fingerprint."""

    status_code: int
    body: Any
    fingerprint: str = ""


class IdempotencyStore:
    def __init__(self, table: Table) -> None:
        self._table = table
        self._many = _ManyKeys(table.name)

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
        return StoredResponse(row.status_code, row.response, row.fingerprint)

    async def remember(
        self, session: AsyncSession, subject: str, key: str, status_code: int, body: Any
    ) -> None:
        await session.execute(
            self._table.update()
            .where(self._table.c.subject == subject, self._table.c.key == key)
            .values(status_code=status_code, response=body)
        )

    async def claim_many(
        self, session: AsyncSession, prints: Mapping[KeyRef, str]
    ) -> dict[KeyRef, StoredResponse]:
        """Claim every key not used before (key -> its request's fingerprint); return the keys
        that were, as first answered. Whether a used key came with the same request is the
        caller's to judge (compare the fingerprints): in a batch it refuses one item only."""
        if not prints:
            return {}
        refs = list(prints)
        params = {**_columns(refs), "prints": [prints[r] for r in refs]}
        claimed = {(s, k) for s, k in (await session.execute(self._many.claim, params)).all()}
        used = [r for r in refs if r not in claimed]
        if not used:
            return {}
        rows = await session.execute(self._many.on_file, _columns(used))
        return {(s, k): StoredResponse(code, body, fp) for s, k, fp, code, body in rows.all()}

    async def remember_many(
        self, session: AsyncSession, answers: Mapping[KeyRef, tuple[int, str]]
    ) -> None:
        """Store each claimed key's answer: (status code, the body as JSON text, passed on to
        Postgres as it is: a batch's thousand answers are not parsed again)."""
        if not answers:
            return
        refs = list(answers)
        # Straight to the driver: every single payment sends it, and SQLAlchemy's binding of
        # the arrays cost more than sending them. The transaction is the claim's, begun.
        driver = await driver_connection(session)
        await driver.execute(
            self._many.remember,
            [s for s, _ in refs],
            [k for _, k in refs],
            [answers[r][0] for r in refs],
            [answers[r][1] for r in refs],
        )

    async def release_many(self, session: AsyncSession, refs: Collection[KeyRef]) -> None:
        """Give back the claims of requests that were refused while others in the same
        transaction went through: a corrected retry is judged afresh."""
        if refs:
            await session.execute(self._many.release, _columns(list(refs)))


class _ManyKeys:
    """The statements of the batch API, each over arrays of (subject, key)."""

    def __init__(self, table: str) -> None:
        # Sorted: two transactions sharing keys wait on each other in one order, never crosswise.
        self.claim = text(f"""
INSERT INTO {table} (subject, key, fingerprint)
SELECT subject, key, fingerprint
FROM unnest(CAST(:subjects AS text[]), CAST(:keys AS text[]), CAST(:prints AS text[]))
    AS v(subject, key, fingerprint)
ORDER BY subject, key
ON CONFLICT DO NOTHING
RETURNING subject, key
""")  # noqa: S608 - the table's own name, no input
        self.on_file = text(f"""
SELECT k.subject, k.key, k.fingerprint, k.status_code, k.response
FROM {table} AS k
JOIN unnest(CAST(:subjects AS text[]), CAST(:keys AS text[])) AS v(subject, key)
    ON k.subject = v.subject AND k.key = v.key
""")  # noqa: S608
        self.remember = f"""
UPDATE {table} AS k SET status_code = v.status_code, response = CAST(v.response AS jsonb)
FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[])
    AS v(subject, key, status_code, response)
WHERE k.subject = v.subject AND k.key = v.key
"""  # noqa: S608
        self.release = text(f"""
DELETE FROM {table} AS k
USING unnest(CAST(:subjects AS text[]), CAST(:keys AS text[])) AS v(subject, key)
WHERE k.subject = v.subject AND k.key = v.key
""")  # noqa: S608


def _columns(refs: list[KeyRef]) -> dict[str, list[str]]:
    return {"subjects": [s for s, _ in refs], "keys": [k for _, k in refs]}
