"""Idempotency keys for batches: many keys claimed, remembered or released per statement,
in the same table and under the same contract as the Idempotency-Key header
(ledgerflow_platform.idempotency): a key exists if and only if its effects do."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.tables import idempotency_keys

TABLE = idempotency_keys.name
# Sorted: two batches sharing keys wait on each other in one order, never crosswise.
CLAIM = text(f"""
INSERT INTO {TABLE} (subject, key, fingerprint)
SELECT :subject, key, fingerprint
FROM unnest(CAST(:keys AS text[]), CAST(:prints AS text[])) AS v(key, fingerprint)
ORDER BY key
ON CONFLICT DO NOTHING
RETURNING key
""")  # noqa: S608 - the table's own name, no input
ON_FILE = text(f"""
SELECT key, fingerprint, status_code, response FROM {TABLE}
WHERE subject = :subject AND key = ANY(CAST(:keys AS text[]))
""")  # noqa: S608
REMEMBER = text(f"""
UPDATE {TABLE} AS k SET status_code = v.status_code, response = CAST(v.response AS jsonb)
FROM unnest(CAST(:keys AS text[]), CAST(:codes AS integer[]), CAST(:bodies AS text[]))
    AS v(key, status_code, response)
WHERE k.subject = :subject AND k.key = v.key
""")  # noqa: S608
RELEASE = text(f"""
DELETE FROM {TABLE} WHERE subject = :subject AND key = ANY(CAST(:keys AS text[]))
""")  # noqa: S608


@dataclass(frozen=True)
class KeyOnFile:
    """A key used before: the request it was first used for, and what that got back."""

    fingerprint: str
    status_code: int
    response: Any


class BatchKeys:
    """The idempotency keys of one caller (`subject`) within the caller's transaction."""

    def __init__(self, session: AsyncSession, subject: str) -> None:
        self._session = session
        self._subject = subject

    async def claim(self, prints: Mapping[str, str]) -> dict[str, KeyOnFile]:
        """Claim every key not used before (key -> request fingerprint); the ones that were,
        as they were first answered. A key another transaction is using waits for it."""
        if not prints:
            return {}
        keys = list(prints)
        params = {"subject": self._subject, "keys": keys, "prints": [prints[k] for k in keys]}
        claimed = set((await self._session.execute(CLAIM, params)).scalars())
        used = [k for k in keys if k not in claimed]
        if not used:
            return {}
        rows = await self._session.execute(ON_FILE, {"subject": self._subject, "keys": used})
        return {key: KeyOnFile(fp, code, body) for key, fp, code, body in rows.all()}

    async def remember(self, answers: Mapping[str, tuple[int, str]]) -> None:
        """Store each claimed key's answer: (status code, JSON body)."""
        if answers:
            keys = list(answers)
            await self._session.execute(
                REMEMBER,
                {
                    "subject": self._subject,
                    "keys": keys,
                    "codes": [answers[k][0] for k in keys],
                    "bodies": [answers[k][1] for k in keys],
                },
            )

    async def release(self, keys: Collection[str]) -> None:
        """Give back claims whose request was refused: a retry is judged afresh."""
        if keys:
            await self._session.execute(RELEASE, {"subject": self._subject, "keys": list(keys)})
