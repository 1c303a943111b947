"""Every service's command line: migrate, serve (API and worker, as two processes), api,
worker."""

import argparse
import gc
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable
from functools import partial

import prometheus_client
import uvicorn
import uvloop

from ledgerflow_platform.app import build_app
from ledgerflow_platform.logs import configure_logging
from ledgerflow_platform.migrations import upgrade_to_head
from ledgerflow_platform.settings import ServiceSettings, load_settings
from ledgerflow_platform.spec import ServiceSpec
from ledgerflow_platform.supervisor import LISTEN_FD, METRICS_DIR, Half, supervise
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


# Set by `serve` when it made the metrics directory itself, so it removes it at the end.
_OWN_METRICS_DIR = "LEDGERFLOW_OWN_METRICS_DIR"


def service_main(spec: ServiceSpec, settings_factory: Callable[[], ServiceSettings]) -> None:
    parser = argparse.ArgumentParser(prog=f"{spec.name}-svc", description=spec.description)
    parser.add_argument("command", choices=["migrate", "serve", "api", "worker"])
    command = parser.parse_args().command
    if command == "serve" and METRICS_DIR not in os.environ:
        _serve_again_with_shared_metrics()
    prefix = str(getattr(settings_factory, "model_config", {}).get("env_prefix", ""))
    try:
        settings = load_settings(settings_factory, prefix=prefix)
    except SystemExit as refused:
        raise SystemExit(f"{spec.name}-svc: {refused.code}") from None
    configure_logging(spec.name, json_lines=settings.log_json, level=settings.log_level)
    configure_tracing(spec.name, TelemetrySettings())
    if command == "migrate":
        upgrade_to_head(spec.migrations_dir, settings.database_url)
        return
    # What start-up built lives as long as the process: keep the collector from walking it
    # again on every full collection, which paused requests for up to 150 ms under load.
    # Under `serve`, the halves forked from it share it too.
    gc.freeze()
    if command == "serve":
        sys.exit(_serve(spec, settings))
    _run_half(spec, settings, command)


def _run_half(spec: ServiceSpec, settings: ServiceSettings, half: str) -> None:
    # uvloop: asyncpg, aiokafka and the HTTP server spend much of their time in the loop's
    # socket handling, which it does in C.
    if half == "worker" and settings.worker_metrics_port is not None:
        prometheus_client.start_http_server(settings.worker_metrics_port, addr=settings.host)
    uvloop.run(_serve_api(spec, settings) if half == "api" else run_worker(spec, settings))


def _serve(spec: ServiceSpec, settings: ServiceSettings) -> int:
    halves = [Half("worker", partial(_run_half, spec, settings, "worker"))]
    api = Half("api", partial(_run_half, spec, settings, "api"), listens=True)
    halves += [api] * settings.api_processes
    try:
        return supervise(halves, listen=(settings.host, settings.port))
    finally:
        if os.environ.get(_OWN_METRICS_DIR):
            shutil.rmtree(os.environ[METRICS_DIR], ignore_errors=True)


def _serve_again_with_shared_metrics() -> None:
    """prometheus_client picks multiprocess mode when it is imported, which has happened by
    now: start this same command again with the directory set, before anything is imported.
    (A caller that sets PROMETHEUS_MULTIPROC_DIR itself, as the local platform does, saves
    this second start.)"""
    env = {
        **os.environ,
        METRICS_DIR: tempfile.mkdtemp(prefix="ledgerflow-metrics-"),
        _OWN_METRICS_DIR: "1",
    }
    os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], env)  # noqa: S606
