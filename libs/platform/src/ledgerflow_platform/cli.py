"""Every service's command line: migrate, serve (API and worker, as two processes), api,
worker."""

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Callable

import uvicorn

from ledgerflow_platform.app import build_app
from ledgerflow_platform.logs import configure_logging
from ledgerflow_platform.migrations import upgrade_to_head
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec
from ledgerflow_platform.supervisor import supervise
from ledgerflow_platform.worker import run_worker


async def _serve(spec: ServiceSpec, settings: ServiceSettings, *, api: bool, worker: bool) -> None:
    server = uvicorn.Server(
        uvicorn.Config(
            build_app(spec, settings),
            host=settings.host,
            port=settings.port,
            log_config=None,
            access_log=False,
            lifespan="on",
        )
    )
    if not worker:
        await server.serve()
        return
    worker_task = asyncio.create_task(run_worker(spec, settings))
    if api:
        # uvicorn owns SIGTERM/SIGINT; when it has drained, the worker stops too.
        await server.serve()
        worker_task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await worker_task


def service_main(spec: ServiceSpec, settings_factory: Callable[[], ServiceSettings]) -> None:
    parser = argparse.ArgumentParser(prog=f"{spec.name}-svc", description=spec.description)
    parser.add_argument("command", choices=["migrate", "serve", "api", "worker"])
    command = parser.parse_args().command
    settings = settings_factory()
    configure_logging(spec.name, json_lines=settings.log_json, level=settings.log_level)
    if command == "migrate":
        upgrade_to_head(spec.migrations_dir, settings.database_url)
        return
    if command == "serve":
        # The command line that started us, once per half: `... api` and `... worker`.
        sys.exit(supervise(sys.orig_argv[:-1]))
    asyncio.run(_serve(spec, settings, api=command == "api", worker=command == "worker"))
