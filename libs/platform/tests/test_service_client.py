"""One service reads another over REST as itself, or on behalf of the person it serves, and a
missing or failing service ends in a clear error, never a hang."""

from typing import Annotated, Any

import httpx
import pytest
from fastapi import Depends, FastAPI

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.auth.verifier import TokenVerifier
from ledgerflow_platform.service_client import (
    ServiceClient,
    ServiceCredentials,
    UpstreamRefused,
    UpstreamUnavailable,
)
from ledgerflow_platform.testing import KeyPair
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.problems import install_problem_handlers


class Flaky:
    failures_left = 0
    posted = 0


def customer_app(keys: KeyPair) -> FastAPI:
    app = FastAPI()
    app.state.auth = TokenVerifier(keys.public_pem, issuer="ledgerflow", audience="ledgerflow")
    install_problem_handlers(app, {})
    reader = Annotated[Principal, Depends(require_roles(Role.SERVICE, Role.ACCOUNTANT))]

    @app.get("/v1/customers/{customer_id}")
    async def customer(customer_id: str, principal: reader) -> dict[str, Any]:
        if Flaky.failures_left:
            Flaky.failures_left -= 1
            raise RuntimeError("database restarting")
        return {"id": customer_id, "read_by": principal.subject}

    @app.post("/v1/customers/{customer_id}/notes")
    async def note(customer_id: str, _: reader) -> dict[str, Any]:
        Flaky.posted += 1
        raise RuntimeError("failed after writing")

    return app


@pytest.fixture
def client(auth_keys: KeyPair) -> ServiceClient:
    credentials = ServiceCredentials(
        auth_keys.private_pem, subject="ledger-svc", issuer="ledgerflow", audience="ledgerflow"
    )
    transport = httpx.ASGITransport(app=customer_app(auth_keys), raise_app_exceptions=False)
    return ServiceClient("customer", "http://customer", credentials, transport=transport)


async def test_a_service_reads_as_itself_or_on_behalf_of_its_caller(
    client: ServiceClient, auth_keys: KeyPair
) -> None:
    Flaky.failures_left = 0
    as_itself = await client.get("/v1/customers/c1")
    assert as_itself.json() == {"id": "c1", "read_by": "ledger-svc"}
    token = auth_keys.auth("accountant", subject="mei")["Authorization"].removeprefix("Bearer ")
    for_mei = await client.get("/v1/customers/c1", on_behalf_of=token)
    assert for_mei.json() == {"id": "c1", "read_by": "mei"}


async def test_a_passing_failure_is_retried_and_a_refusal_is_not(
    client: ServiceClient, auth_keys: KeyPair
) -> None:
    Flaky.failures_left = 2
    assert (await client.get("/v1/customers/c2")).json()["id"] == "c2"
    cashier = auth_keys.auth("cashier")["Authorization"].removeprefix("Bearer ")
    with pytest.raises(UpstreamRefused) as refused:
        await client.get("/v1/customers/c2", on_behalf_of=cashier)
    assert refused.value.status_code == 403


async def test_a_service_that_keeps_failing_or_is_down_is_unavailable(
    client: ServiceClient,
) -> None:
    Flaky.failures_left = 5
    with pytest.raises(UpstreamUnavailable, match="customer did not answer"):
        await client.get("/v1/customers/c3")
    Flaky.failures_left = 0
    down = ServiceClient("ledger", "http://127.0.0.1:9", None, timeout_s=0.5, attempts=2)
    with pytest.raises(UpstreamUnavailable, match="ledger did not answer"):
        await down.get("/v1/customers/c3/balance")
    await down.aclose()


async def test_a_failed_post_is_not_sent_again(client: ServiceClient) -> None:
    # The upstream may have done the work before it failed: a second POST could do it twice.
    Flaky.posted = 0
    with pytest.raises(UpstreamUnavailable):
        await client.post("/v1/customers/c4/notes", json={"text": "called"})
    assert Flaky.posted == 1
