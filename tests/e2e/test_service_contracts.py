"""What every service promises at its edge: health, metrics, OpenAPI, auth, problem details."""

import httpx
import pytest

from .conftest import Api

pytestmark = pytest.mark.e2e
SERVICES = ["customer", "ledger", "credit", "collections", "reporting"]
# A protected read of each service and a role that may not read it.
PROTECTED = {
    "customer": ("/v1/customers", None),
    "ledger": ("/v1/invoices", None),
    "credit": ("/v1/customers/x/exposure", "cashier"),
    "collections": ("/v1/cases", "cashier"),
    "reporting": ("/v1/reports/aging?as_of=2026-11-01", "cashier"),
}


@pytest.mark.parametrize("service", SERVICES)
async def test_each_service_is_ready_and_exposes_metrics_and_openapi(
    api: Api, service: str
) -> None:
    base = api.platform.url(service)
    ready = await api.client.get(f"{base}/health/ready")
    assert ready.json() == {
        "status": "ready",
        "checks": {"database": True, "migrations": True, "broker": True},
    }
    assert (await api.client.get(f"{base}/health/live")).status_code == 200
    metrics = (await api.client.get(f"{base}/metrics")).text
    assert "ledgerflow_http_requests_total" in metrics
    # The API process's own figures, and (from the worker process) the relay's.
    assert "process_resident_memory_bytes" in metrics
    if service != "reporting":
        assert f'ledgerflow_relay_leader{{service="{service}"}} 1.0' in metrics
    spec = (await api.client.get(f"{base}/openapi.json")).json()
    assert spec["info"]["title"] == f"Ledgerflow {service}-svc"


@pytest.mark.parametrize("service", SERVICES)
async def test_each_service_refuses_calls_without_a_valid_token(api: Api, service: str) -> None:
    path, _ = PROTECTED[service]
    response = await api.client.get(api.platform.url(service) + path)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    forged = await api.client.get(
        api.platform.url(service) + path, headers={"Authorization": "Bearer not-a-jwt"}
    )
    assert forged.status_code == 401


@pytest.mark.parametrize("service", [s for s in SERVICES if PROTECTED[s][1]])
async def test_a_role_without_the_right_gets_403(api: Api, service: str) -> None:
    path, role = PROTECTED[service]
    response = await api.client.get(api.platform.url(service) + path, headers=api.auth(str(role)))
    assert response.status_code == 403
    assert response.json()["type"].endswith("/forbidden")


async def test_unknown_routes_are_problem_details(api: Api) -> None:
    response = await api.client.get(api.platform.url("ledger") + "/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert isinstance(response, httpx.Response)
