"""Dunning notices as stored: their invoices and dropped invoices as JSON, never addresses."""

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.dunning_tables import dunning_notices
from collections_svc.domain.dunning_policy import Channel
from collections_svc.domain.notice import DroppedLine, Notice, NoticeLine, NoticeStatus


def _line_json(line: NoticeLine) -> dict[str, Any]:
    return {
        "invoice_id": line.invoice_id,
        "number": line.number,
        "level": line.level,
        "currency": line.currency,
        "open_amount": line.open_amount,
        "days_past_due": line.days_past_due,
        "fee": line.fee,
    }


def _notice(row: Any) -> Notice:
    return Notice(
        id=row.id,
        run_id=row.run_id,
        customer_id=row.customer_id,
        channel=Channel(row.channel),
        status=NoticeStatus(row.status),
        invoices=tuple(NoticeLine(**found) for found in row.invoices),
        message_id=row.message_id,
        dropped=tuple(DroppedLine(**found) for found in row.dropped),
        recipients_masked=tuple(row.recipients_masked),
        suppressed_reason=row.suppressed_reason,
        error=row.error,
        attempts=row.attempts,
        sent_at=row.sent_at,
    )


def _row(notice: Notice) -> dict[str, Any]:
    return {
        "id": notice.id,
        "run_id": notice.run_id,
        "customer_id": notice.customer_id,
        "channel": notice.channel.value,
        "level": notice.level,
        "status": notice.status.value,
        "invoices": [_line_json(line) for line in notice.invoices],
        "dropped": [{"invoice_id": d.invoice_id, "reason": d.reason} for d in notice.dropped],
        "message_id": notice.message_id,
        "recipients_masked": list(notice.recipients_masked),
        "suppressed_reason": notice.suppressed_reason,
        "error": notice.error,
        "attempts": notice.attempts,
        "sent_at": notice.sent_at,
    }


class Notices:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_many(self, notices: list[Notice]) -> None:
        """A run's new notices, in one executemany."""
        if notices:
            await self._session.execute(insert(dunning_notices), [_row(n) for n in notices])

    async def save(self, notice: Notice) -> None:
        values = _row(notice)
        statement = insert(dunning_notices).values(values)
        changing = {k: v for k, v in values.items() if k not in ("id", "run_id", "customer_id")}
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=[dunning_notices.c.id], set_=changing)
        )

    async def get(self, notice_id: str, *, for_update: bool = False) -> Notice | None:
        query = select(dunning_notices).where(dunning_notices.c.id == notice_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        return _notice(row) if row else None

    async def page(
        self,
        *,
        customer_id: str | None,
        run_id: str | None,
        status: NoticeStatus | None,
        after: str | None,
        limit: int,
    ) -> list[Notice]:
        query = select(dunning_notices).order_by(dunning_notices.c.id).limit(limit)
        if customer_id is not None:
            query = query.where(dunning_notices.c.customer_id == customer_id)
        if run_id is not None:
            query = query.where(dunning_notices.c.run_id == run_id)
        if status is not None:
            query = query.where(dunning_notices.c.status == status.value)
        if after is not None:
            query = query.where(dunning_notices.c.id > after)
        return [_notice(row) for row in await self._session.execute(query)]

    async def claim_next(self, at: datetime, lease: timedelta) -> Notice | None:
        """The oldest e-mail waiting, or one left `sending` longer than `lease` by a sender that
        died, marked `sending` since `at`; locked while claimed so two senders never both
        take it."""
        stale = at - lease
        query = (
            select(dunning_notices)
            .where(
                dunning_notices.c.channel == Channel.EMAIL.value,
                or_(
                    dunning_notices.c.status == NoticeStatus.QUEUED.value,
                    and_(
                        dunning_notices.c.status == NoticeStatus.SENDING.value,
                        dunning_notices.c.sending_since < stale,
                    ),
                ),
            )
            .order_by(dunning_notices.c.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        await self._session.execute(
            update(dunning_notices)
            .where(dunning_notices.c.id == row.id)
            .values(
                status=NoticeStatus.SENDING.value,
                sending_since=at,
                attempts=dunning_notices.c.attempts + 1,
            )
        )
        return replace(_notice(row), status=NoticeStatus.SENDING, attempts=row.attempts + 1)

    async def requeue_failed(self) -> int:
        """Failed e-mails get another chance with the next run."""
        result = await self._session.execute(
            update(dunning_notices)
            .where(dunning_notices.c.status == NoticeStatus.FAILED.value)
            .values(status=NoticeStatus.QUEUED.value, error=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def sent_to(self, customer_id: str) -> list[Notice]:
        """Every e-mail sent and letter made ready for the customer, oldest first."""
        query = (
            select(dunning_notices)
            .where(
                dunning_notices.c.customer_id == customer_id,
                dunning_notices.c.channel.in_([Channel.EMAIL.value, Channel.LETTER.value]),
                dunning_notices.c.status.in_(
                    [NoticeStatus.SENT.value, NoticeStatus.LETTER_READY.value]
                ),
            )
            .order_by(dunning_notices.c.id)
        )
        return [_notice(row) for row in await self._session.execute(query)]
