"""The ASGI app: `uvicorn --factory credit_svc.main:create_app`."""

from fastapi import FastAPI

from credit_svc.service import SPEC
from credit_svc.settings import Settings
from ledgerflow_platform.app import build_app


def create_app(settings: Settings | None = None) -> FastAPI:
    return build_app(SPEC, settings or Settings())
