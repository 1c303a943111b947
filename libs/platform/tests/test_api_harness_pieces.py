"""The pieces that keep every service's API honest: cursors and dates refused as problems,
an OpenAPI document that tells the truth, role checks an authorization table can read, and
tokens that carry roles and no scope."""

from datetime import date
from typing import Annotated, Any

import httpx
import jsonschema
import jwt
import pytest
from fastapi import APIRouter, Depends, FastAPI, Query
from pydantic import BaseModel, ConfigDict

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal, issue_token
from ledgerflow_platform.auth.verifier import TokenVerifier
from ledgerflow_platform.testing import KeyPair, assert_problem
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.authorization import OPEN, table_drift
from ledgerflow_platform.web.bounds import BusinessDate
from ledgerflow_platform.web.deps import IdempotencyKey
from ledgerflow_platform.web.openapi import install_truthful_openapi, problems
from ledgerflow_platform.web.pagination import Cursor, decode_cursor, encode_cursor
from ledgerflow_platform.web.preconditions import RequiredIfMatch
from ledgerflow_platform.web.problems import Problem, install_problem_handlers

KEYS = KeyPair.generate()
CanWrite = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN))]


class Dated(BaseModel):
    model_config = ConfigDict(extra="forbid")
    on: BusinessDate


class Thing(BaseModel):
    id: str
    amount: str
    on: date


def app() -> FastAPI:
    app = FastAPI()
    app.state.auth = TokenVerifier(KEYS.public_pem, issuer="ledgerflow", audience="ledgerflow")
    install_problem_handlers(app, {})
    router = APIRouter()

    @router.get("/things", response_model=list[Thing])
    async def things(
        cursor: Cursor = None, on: Annotated[BusinessDate | None, Query()] = None
    ) -> Any:
        return [
            {"id": decode_cursor(cursor) or "first", "amount": "1.00", "on": on or date(2026, 1, 2)}
        ]

    @router.post("/things", status_code=201, response_model=Thing, responses=problems(404))
    async def make(body: Dated, _: CanWrite, key: IdempotencyKey) -> Any:
        return {"id": key or "new", "amount": "1.00", "on": body.on}

    @router.put("/things/{thing_id}", response_model=Thing)
    async def replace(thing_id: str, if_match: RequiredIfMatch, _: CanWrite) -> Any:
        return {"id": thing_id, "amount": "1.00", "on": date(2026, 1, 2)}

    @router.post("/things/{thing_id}:archive", response_model=Thing)
    async def archive(thing_id: str, _: CanWrite) -> Any:
        return {"id": thing_id, "amount": "1.00", "on": date(2026, 1, 2)}

    app.include_router(router)
    install_truthful_openapi(app)
    return app


@pytest.fixture
async def client() -> Any:
    transport = httpx.ASGITransport(app=app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.mark.parametrize("cursor", ["é", "%%%", "AA", encode_cursor("a\x00b"), "x" * 4097])
async def test_a_cursor_this_api_did_not_issue_is_a_problem_naming_it(
    client: httpx.AsyncClient, cursor: str
) -> None:
    response = await client.get("/things", params={"cursor": cursor})
    assert response.status_code in (400, 422), response.text
    slug = "invalid-cursor" if response.status_code == 400 else "validation-error"
    assert_problem(response, response.status_code, slug, fields=["cursor"])


def test_a_non_ascii_cursor_decoded_directly_is_refused_not_a_value_error() -> None:
    with pytest.raises(Problem) as raised:
        decode_cursor("ü")
    assert raised.value.kind.slug == "invalid-cursor"


async def test_a_cursor_it_issued_reads_back(client: httpx.AsyncClient) -> None:
    response = await client.get("/things", params={"cursor": encode_cursor("INV-7|2026")})
    assert response.json()[0]["id"] == "INV-7|2026"


@pytest.mark.parametrize("day", ["9999-12-01", "1899-12-31", "2201-01-01", "0", "20260101"])
async def test_dates_outside_1900_to_2200_or_not_iso_are_refused_naming_the_field(
    client: httpx.AsyncClient, day: str
) -> None:
    response = await client.get("/things", params={"on": day})
    assert_problem(response, 422, "validation-error", fields=["on"])
    auth = KEYS.auth("admin")
    response = await client.post("/things", json={"on": day}, headers=auth)
    assert_problem(response, 422, "validation-error", fields=["on"])


async def test_the_first_and_last_business_dates_are_accepted(client: httpx.AsyncClient) -> None:
    for day in ("1900-01-01", "2200-12-31"):
        response = await client.get("/things", params={"on": day})
        assert response.json()[0]["on"] == day


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/things", "GET, POST"),
        ("DELETE", "/things", "GET, POST"),
        ("GET", "/things/7", "PUT"),
        # the id parameter of PUT /things/{thing_id} matches "7:archive" too
        ("OPTIONS", "/things/7:archive", "POST"),
        ("GET", "/things/7:archive", "POST"),
    ],
)
async def test_a_method_the_path_does_not_serve_is_a_405_allowing_exactly_its_operations(
    client: httpx.AsyncClient, method: str, path: str, allow: str
) -> None:
    response = await client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.headers["content-type"] == "application/problem+json"


async def test_without_a_token_the_answer_is_401_whatever_the_idempotency_key(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/things", json={"on": "2026-01-02"}, headers={"Idempotency-Key": "k" * 256}
    )
    assert_problem(response, 401, "unauthenticated")


def test_the_openapi_documents_problems_headers_and_examples_truthfully() -> None:
    document = app().openapi()
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert "ValidationError" not in schemas
    assert schemas["Problem"]["required"] == ["type", "title", "status", "detail"]
    post = document["paths"]["/things"]["post"]
    assert sorted(post["responses"]) == ["201", "400", "401", "403", "404", "409", "422", "503"]
    for code in ("400", "401", "403", "404", "409", "422", "503"):
        content = post["responses"][code]["content"]
        assert list(content) == ["application/problem+json"], code
        assert content["application/problem+json"]["schema"] == {
            "$ref": "#/components/schemas/Problem"
        }
        assert content["application/problem+json"]["example"]["status"] == int(code)
    headers = {p["name"]: p for p in post["parameters"] if p["in"] == "header"}
    assert headers["Idempotency-Key"]["required"] is False
    put = document["paths"]["/things/{thing_id}"]["put"]
    assert {p["name"]: p["required"] for p in put["parameters"]}["If-Match"] is True
    assert {"412", "428", "404"} <= set(put["responses"])
    listing = document["paths"]["/things"]["get"]
    assert sorted(listing["responses"]) == ["200", "400", "422", "503"]
    assert listing["responses"]["200"]["content"]["application/json"]["example"] == [
        {"id": "example", "amount": "125.00", "on": "2026-01-31"}
    ]


def test_every_example_the_document_gives_is_valid_against_its_own_schema() -> None:
    document = app().openapi()
    for item in document["paths"].values():
        for operation in item.values():
            for response in operation["responses"].values():
                for media in response.get("content", {}).values():
                    schema = {**media["schema"], "components": document["components"]}
                    jsonschema.validate(media["example"], schema)


def test_an_operation_missing_from_the_table_or_admitting_other_roles_is_named() -> None:
    routes = app()
    drift = table_drift(routes, {"GET /things": OPEN, "POST /things": frozenset({Role.ADMIN})})
    mine = [d for d in drift if "/things" in d]
    assert mine == [
        "PUT /things/{thing_id} is missing from the authorization table (api/authorization.py); "
        "its route admits: accountant, admin",
        "POST /things/{thing_id}:archive is missing from the authorization table "
        "(api/authorization.py); its route admits: accountant, admin",
        "POST /things: the table admits admin but the route admits accountant, admin",
    ]
    agreed = {
        "GET /things": OPEN,
        "POST /things": frozenset({Role.ACCOUNTANT, Role.ADMIN}),
        "PUT /things/{thing_id}": frozenset({Role.ACCOUNTANT, Role.ADMIN}),
        "POST /things/{thing_id}:archive": frozenset({Role.ACCOUNTANT, Role.ADMIN}),
    }
    assert [d for d in table_drift(routes, agreed) if "/things" in d] == []


def test_tokens_carry_roles_and_no_scope() -> None:
    token = issue_token(KEYS.private_pem, ["cashier"], subject="ana")
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["roles"] == ["cashier"]
    assert "scope" not in claims


@pytest.mark.parametrize("wrong", [True, "3", 3.0])
def test_an_outbox_replay_takes_positions_as_json_integers_only(wrong: object) -> None:
    from pydantic import ValidationError

    from ledgerflow_platform.web.admin import ReplayRequest

    assert ReplayRequest.model_validate({"from_position": 3}).from_position == 3
    with pytest.raises(ValidationError) as refused:
        ReplayRequest.model_validate({"from_position": wrong})
    assert [e["loc"] for e in refused.value.errors()] == [("from_position",)]
