"""Every service's command line: migrate, serve (API + worker), api, worker."""

import argparse
import asyncio
import contextlib
from collections.abc import Callable

import uvicorn

from ledgerflow_platform.app import build_app
from ledgerflow_platform.logs import configure_logging
from ledgerflow_platform.migrations import upgrade_to_head
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec
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
    run = {"serve": (True, True), "api": (True, False), "worker": (False, True)}[command]
    asyncio.run(_serve(spec, settings, api=run[0], worker=run[1]))
