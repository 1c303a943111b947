"""Idempotency keys by the many: claimed, remembered or released per statement, in the same
table and under the same contract as the Idempotency-Key header
(ledgerflow_platform.idempotency): a key exists if and only if its effects do. A key belongs
to its caller: it is named by (subject, key)."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.tables.messaging import idempotency_keys

TABLE = idempotency_keys.name
# Sorted: two transactions sharing keys wait on each other in one order, never crosswise.
CLAIM = text(f"""
INSERT INTO {TABLE} (subject, key, fingerprint)
SELECT subject, key, fingerprint
FROM unnest(CAST(:subjects AS text[]), CAST(:keys AS text[]), CAST(:prints AS text[]))
    AS v(subject, key, fingerprint)
ORDER BY subject, key
ON CONFLICT DO NOTHING
RETURNING subject, key
""")  # noqa: S608 - the table's own name, no input
ON_FILE = text(f"""
SELECT k.subject, k.key, k.fingerprint, k.status_code, k.response
FROM {TABLE} AS k
JOIN unnest(CAST(:subjects AS text[]), CAST(:keys AS text[])) AS v(subject, key)
    ON k.subject = v.subject AND k.key = v.key
""")  # noqa: S608
REMEMBER = text(f"""
UPDATE {TABLE} AS k SET status_code = v.status_code, response = CAST(v.response AS jsonb)
FROM unnest(CAST(:subjects AS text[]), CAST(:keys AS text[]), CAST(:codes AS integer[]),
            CAST(:bodies AS text[])) AS v(subject, key, status_code, response)
WHERE k.subject = v.subject AND k.key = v.key
""")  # noqa: S608
RELEASE = text(f"""
DELETE FROM {TABLE} AS k
USING unnest(CAST(:subjects AS text[]), CAST(:keys AS text[])) AS v(subject, key)
WHERE k.subject = v.subject AND k.key = v.key
""")  # noqa: S608

KeyRef = tuple[str, str]
"""A caller's key: (subject, key)."""


@dataclass(frozen=True)
class KeyOnFile:
    """A key used before: the request it was first used for, and what that got back."""

    fingerprint: str
    status_code: int
    response: Any


class BatchKeys:
    """Idempotency keys of any callers, within the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, prints: Mapping[KeyRef, str]) -> dict[KeyRef, KeyOnFile]:
        """Claim every key not used before (key -> request fingerprint); the ones that were,
        as they were first answered. A key another transaction is using waits for it."""
        if not prints:
            return {}
        refs = list(prints)
        params = {**_columns(refs), "prints": [prints[r] for r in refs]}
        claimed = {(s, k) for s, k in (await self._session.execute(CLAIM, params)).all()}
        used = [r for r in refs if r not in claimed]
        if not used:
            return {}
        rows = await self._session.execute(ON_FILE, _columns(used))
        return {(s, k): KeyOnFile(fp, code, body) for s, k, fp, code, body in rows.all()}

    async def remember(self, answers: Mapping[KeyRef, tuple[int, str]]) -> None:
        """Store each claimed key's answer: (status code, JSON body)."""
        if answers:
            refs = list(answers)
            await self._session.execute(
                REMEMBER,
                {
                    **_columns(refs),
                    "codes": [answers[r][0] for r in refs],
                    "bodies": [answers[r][1] for r in refs],
                },
            )

    async def release(self, refs: Collection[KeyRef]) -> None:
        """Give back claims whose request was refused: a retry is judged afresh."""
        if refs:
            await self._session.execute(RELEASE, _columns(list(refs)))


def _columns(refs: list[KeyRef]) -> dict[str, list[str]]:
    return {"subjects": [s for s, _ in refs], "keys": [k for _, k in refs]}
