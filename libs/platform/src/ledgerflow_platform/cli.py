"""Every service's command line: migrate, serve (API and worker, as two processes), api,
worker."""

import argparse
import gc
import os
import socket
import sys
from collections.abc import Callable

import prometheus_client
import uvicorn
import uvloop

from ledgerflow_platform.app import build_app
from ledgerflow_platform.logs import configure_logging
from ledgerflow_platform.migrations import upgrade_to_head
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec
from ledgerflow_platform.supervisor import LISTEN_FD, supervise
from ledgerflow_platform.telemetry import TelemetrySettings, configure_tracing
from ledgerflow_platform.worker import run_worker


async def _serve_api(spec: ServiceSpec, settings: ServiceSettings) -> None:
    config = uvicorn.Config(
        build_app(spec, settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        lifespan="on",
    )
    # Under `serve` the supervisor holds the listening socket and shares it between API
    # processes; alone, the API binds its own. (Not uvicorn's `fd`, which takes any socket
    # for a Unix one, so TCP replies would wait on Nagle's algorithm.)
    shared = os.environ.get(LISTEN_FD)
    sockets = [socket.socket(fileno=int(shared))] if shared else None
    await uvicorn.Server(config).serve(sockets=sockets)


def service_main(spec: ServiceSpec, settings_factory: Callable[[], ServiceSettings]) -> None:
    parser = argparse.ArgumentParser(prog=f"{spec.name}-svc", description=spec.description)
    parser.add_argument("command", choices=["migrate", "serve", "api", "worker"])
    command = parser.parse_args().command
    settings = settings_factory()
    configure_logging(spec.name, json_lines=settings.log_json, level=settings.log_level)
    configure_tracing(spec.name, TelemetrySettings())
    if command == "migrate":
        upgrade_to_head(spec.migrations_dir, settings.database_url)
        return
    if command == "serve":
        # The command line that started us, once per process: `... api` and `... worker`.
        sys.exit(
            supervise(
                sys.orig_argv[:-1],
                listen=(settings.host, settings.port),
                api_processes=settings.api_processes,
            )
        )
    # What start-up built lives as long as the process: keep the collector from walking it
    # again on every full collection, which paused requests for up to 150 ms under load.
    gc.freeze()
    # uvloop: asyncpg, aiokafka and the HTTP server spend much of their time in the loop's
    # socket handling, which it does in C.
    if command == "worker" and settings.worker_metrics_port is not None:
        prometheus_client.start_http_server(settings.worker_metrics_port, addr=settings.host)
    uvloop.run(_serve_api(spec, settings) if command == "api" else run_worker(spec, settings))
