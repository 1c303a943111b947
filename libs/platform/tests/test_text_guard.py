"""Text Postgres cannot store is refused at the door with a 422 naming the field, however the
JSON body writes it; every other body reaches the route as it was sent."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request

from ledgerflow_platform.web.problems import install_problem_handlers
from ledgerflow_platform.web.text_guard import TextGuardMiddleware

JSON = {"content-type": "application/json"}


def app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app, {})
    app.add_middleware(TextGuardMiddleware)

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, Any]:
        return {"received": await request.json()}

    return app


async def post(body: bytes, path: str = "/echo") -> httpx.Response:
    transport = httpx.ASGITransport(app=app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.post(path, content=body, headers=JSON)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"name": "a\\u0000b"}', "name"),
        (b'{"lines": [{"memo": "ok"}, {"memo": "\\ud800"}]}', "lines.1.memo"),
        (b'{"name": "\\uDFFF"}', "name"),
        (b'{"bad\\u0000key": 1}', "body"),
        # A surrogate's own UTF-8 bytes, which Python's JSON decoder accepts.
        (b'{"name": "\xed\xa0\x80"}', "name"),
        # UTF-16, which JSON decoders detect by its NUL bytes.
        ('{"name": "x\\u0000"}'.encode("utf-16-le"), "name"),
    ],
)
async def test_unstorable_text_is_refused_naming_its_field(body: bytes, field: str) -> None:
    answer = await post(body)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"] == [
        {"field": field, "message": "text may not contain NUL or unpaired surrogate characters"}
    ]


@pytest.mark.parametrize(
    ("body", "received"),
    [
        ('{"name": "张三", "amount": "1.00"}'.encode(), {"name": "张三", "amount": "1.00"}),
        # A backslash written out, then the letters u0000: text, not a NUL.
        (b'{"memo": "C:\\\\u0000"}', {"memo": "C:\\u0000"}),
        # A surrogate pair, correctly escaped: one character outside the BMP.
        (b'{"memo": "\\ud83d\\ude00"}', {"memo": "\U0001f600"}),
    ],
)
async def test_storable_text_reaches_the_route_as_sent(body: bytes, received: Any) -> None:
    answer = await post(body)
    assert answer.status_code == 200
    assert answer.json() == {"received": received}


async def test_an_encoded_nul_in_the_query_is_refused() -> None:
    answer = await post(b"{}", path="/echo?q=a%00b")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "query"
