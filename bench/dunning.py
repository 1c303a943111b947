"""How fast a dunning run makes its notices, and how fast they reach an SMTP server:
`make bench-dunning` (python bench/dunning.py).

Starts its own Postgres (isolated port and data), migrates collections-svc's database and
loads 100,000 overdue invoices of 20,000 customers (five each, due 2026-10-01, never dunned)
by COPY, then prints one JSON line per figure:

  sql_baseline   the same selection the run makes (each open invoice whose next level of the
                 default policy is due on 2026-12-08, grouped into one notice per customer),
                 done by one raw SQL query: its time and the notices it finds
  run            POST /v1/dunning-runs' use case on the real database: its time to select,
                 record every invoice's step and write the notices (target <= 60 s)
  send_baseline  one sender, a new SMTP connection per e-mail (how notices used to leave): a
                 sample of --baseline-sample notices to a local aiosmtpd sink (recheck,
                 `sending`, SMTP, `sent`), its rate and what all notices would take at it
  send           the worker's --senders concurrent senders, each on its own reused connection,
                 sending every notice left (or --send of them): count, seconds, notices/s

Everything runs in this process on the same two cores as Postgres (and the sink).
`--customers N` shrinks the book (five invoices each) on a machine too loaded for the full one.
"""

import argparse
import asyncio
import json
import shutil
import signal
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import asyncpg
from aiosmtpd.controller import Controller

from collections_svc.adapters.recipients import Recipients
from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.notice_sender import send_next_notice
from collections_svc.resources import CollectionsResources, notice_sending
from collections_svc.service import SPEC
from collections_svc.settings import Settings
from collections_svc.use_cases.run_dunning import run_dunning
from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.port_claims import free_ports
from ledgerflow_devstack.postgres import Postgres
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.migrations import upgrade_to_head
from ledgerflow_platform.spec import Sessions

PER_CUSTOMER = 5
DUE = date(2026, 10, 1)
AS_OF = date(2026, 12, 8)


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="dunning run and notice sending benchmark")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--senders", type=int, default=4)
    parser.add_argument("--send", type=int, default=None, help="notices to send (default all)")
    parser.add_argument("--baseline-sample", type=int, default=200)
    return parser.parse_args()


def emit(measure: str, **figures: Any) -> None:
    print(json.dumps({"measure": measure, **figures}), flush=True)


class Sink:
    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received += 1
        return "250 Message accepted"


class Everyone:
    async def recipients_of(self, customer_id: str) -> Recipients:
        return Recipients((f"ap-{customer_id[:8]}@example.com",), "en")


class SmallStatement:
    """The ledger's statement PDF every notice carries, of a typical size (12 KB)."""

    async def statement_pdf(self, customer_id: str, date_from: date, date_to: date) -> bytes:
        return b"%PDF-1.4\n" + b"0" * 12_000


async def load(dsn: str, customers: int) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        records = []
        for c in range(customers):
            customer = str(uuid.UUID(int=c + 1))
            for i in range(PER_CUSTOMER):
                invoice = str(uuid.UUID(int=(c + 1) * 16 + i))
                records.append((invoice, customer, "EUR", 12_000 + i, True, f"INV-{c}-{i}", DUE, 0))
        await conn.copy_records_to_table(
            "receivables",
            records=records,
            columns=[
                "invoice_id",
                "customer_id",
                "currency",
                "open_amount",
                "overdue",
                "number",
                "due_date",
                "level",
            ],
        )
        await conn.execute("ANALYZE receivables")
    finally:
        await conn.close()


async def baseline(dsn: str) -> None:
    query = """
    WITH levels(level, days_from_due) AS (VALUES (1, -5), (2, 7), (3, 21), (4, 30)),
    nxt AS (
      SELECT r.customer_id, l.level
      FROM receivables r
      JOIN LATERAL (
        SELECT l.level, l.days_from_due FROM levels l
        WHERE l.level > r.level AND NOT (l.days_from_due < 0 AND $1::date >= r.due_date)
        ORDER BY l.level LIMIT 1
      ) l ON true
      WHERE r.open_amount > 0 AND r.due_date IS NOT NULL
        AND $1::date >= r.due_date + l.days_from_due
        AND (r.last_notice_on IS NULL OR r.last_notice_on <= $1::date - 7)
    )
    SELECT count(DISTINCT customer_id) AS notices, count(*) AS invoices FROM nxt
    """
    conn = await asyncpg.connect(dsn)
    try:
        started = time.perf_counter()
        row = await conn.fetchrow(query, AS_OF)
        elapsed = time.perf_counter() - started
    finally:
        await conn.close()
    emit(
        "sql_baseline",
        seconds=round(elapsed, 3),
        notices=row["notices"],
        invoices=row["invoices"],
    )


async def timed_run(sessions: Sessions, invoices: int) -> int:
    started = time.perf_counter()
    async with sessions() as session:
        uow = CollectionsUnitOfWork(session)
        run, _ = await run_dunning(
            uow,
            as_of=AS_OF,
            business_date=AS_OF,
            run_id=str(uuid.uuid4()),
            now=datetime.now(UTC),
            new_id=lambda: str(uuid.uuid4()),
            mail_domain="bench.ledgerflow.local",
        )
        await uow.commit()
    elapsed = time.perf_counter() - started
    emit(
        "run",
        seconds=round(elapsed, 3),
        notices=run.notices_created,
        invoices=invoices,
        target_seconds=60,
    )
    return run.notices_created


async def send_baseline(
    resources: CollectionsResources, sink: Sink, sample: int, total: int
) -> None:
    """One sender, a new connection per message."""
    before = sink.received
    started = time.perf_counter()
    for _ in range(sample):
        await send_next_notice(resources)
    elapsed = time.perf_counter() - started
    rate = sample / elapsed
    emit(
        "send_baseline",
        senders=1,
        connection="one per e-mail",
        notices=sample,
        received=sink.received - before,
        seconds=round(elapsed, 3),
        per_second=round(rate, 1),
        all_notices_seconds=round(total / rate, 1),
    )


async def send_concurrently(
    resources: CollectionsResources, sink: Sink, senders: int, limit: int
) -> None:
    """`senders` senders, each on its own reused connection, until `limit` notices went."""
    before = sink.received
    taken = 0

    async def sender() -> None:
        nonlocal taken
        connection = resources.sending.mailer.connection()
        try:
            while taken < limit:
                taken += 1
                if not await send_next_notice(resources, connection=connection):
                    return
        finally:
            await connection.close()

    started = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        for _ in range(senders):
            group.create_task(sender())
    elapsed = time.perf_counter() - started
    sent = sink.received - before
    emit(
        "send",
        senders=senders,
        connection="one per sender, reused",
        notices=sent,
        seconds=round(elapsed, 3),
        per_second=round(sent / elapsed, 1),
    )


async def run_and_send(settings: Settings, args: argparse.Namespace) -> None:
    engine = create_engine(settings, pool_size=args.senders + 1)
    sessions = session_factory(engine)
    sink = Sink()
    [port] = free_ports(1)
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        notices = await timed_run(sessions, args.customers * PER_CUSTOMER)
        smtp = settings.model_copy(update={"smtp_port": port, "smtp_attempts": 1})
        resources = CollectionsResources(
            sessions=sessions,
            pinned_business_date=AS_OF,
            mail_domain="bench.ledgerflow.local",
            sending=notice_sending(smtp, Everyone(), SmallStatement()),
        )
        sample = min(args.baseline_sample, notices)
        await send_baseline(resources, sink, sample, notices)
        left = notices - sample
        await send_concurrently(
            resources, sink, args.senders, left if args.send is None else min(args.send, left)
        )
    finally:
        controller.stop()
        await engine.dispose()


async def measure(config: StackConfig, args: argparse.Namespace) -> None:
    url = config.database_url("collections")
    await asyncio.to_thread(upgrade_to_head, SPEC.migrations_dir, url)
    dsn = url.replace("postgresql+asyncpg", "postgresql")
    invoices = args.customers * PER_CUSTOMER
    started = time.perf_counter()
    await load(dsn, args.customers)
    emit("load", seconds=round(time.perf_counter() - started, 3), invoices=invoices)
    await baseline(dsn)
    settings = Settings(database_url=url, auth_public_key="unused", business_date=AS_OF)
    await run_and_send(settings, args)


def _interrupt(_signum: int, _frame: object) -> None:
    # a timeout's SIGTERM still stops the Postgres this started (the finally below)
    raise KeyboardInterrupt


def main() -> None:
    args = options()
    signal.signal(signal.SIGTERM, _interrupt)
    home = Path(tempfile.mkdtemp(prefix="lf-bench-dunning-"))
    config = StackConfig.isolated(home)
    postgres = Postgres(config.pgdata, config.pg_port)
    postgres.init()
    postgres.start()
    try:
        postgres.create_service_database("collections")
        asyncio.run(measure(config, args))
    finally:
        postgres.stop()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
