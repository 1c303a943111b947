"""The ASGI app: `uvicorn --factory ledger_svc.main:create_app`."""

from fastapi import FastAPI

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_platform.app import build_app


def create_app(settings: Settings | None = None) -> FastAPI:
    return build_app(SPEC, settings or Settings())
