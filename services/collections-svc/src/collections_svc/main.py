"""The ASGI app: `uvicorn --factory collections_svc.main:create_app`."""

from fastapi import FastAPI

from collections_svc.service import SPEC
from collections_svc.settings import Settings
from ledgerflow_platform.app import build_app


def create_app(settings: Settings | None = None) -> FastAPI:
    return build_app(SPEC, settings or Settings())
