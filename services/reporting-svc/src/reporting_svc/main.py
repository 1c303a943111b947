"""The ASGI app: `uvicorn --factory reporting_svc.main:create_app`."""

from fastapi import FastAPI

from ledgerflow_platform.app import build_app
from reporting_svc.service import SPEC
from reporting_svc.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    return build_app(SPEC, settings or Settings())
