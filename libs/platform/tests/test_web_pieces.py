"""The web pieces every service shares: If-Match preconditions, capped uploads, problems with
extension members."""

import asyncio
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from fastapi import FastAPI, File, Form, Request, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from ledgerflow_platform.documents.fonts import find_font_file
from ledgerflow_platform.testing import assert_problem
from ledgerflow_platform.web.preconditions import (
    OptionalIfMatch,
    RequiredIfMatch,
    accepted_tags,
    accepted_versions,
)
from ledgerflow_platform.web.problems import Problem, ProblemType, install_problem_handlers
from ledgerflow_platform.web.uploads import (
    FileContent,
    file_required,
    form_body,
    form_fields,
    publish_forms,
    read_upload,
)

IMPORT_REFUSED = ProblemType(422, "import-refused", "The file was refused")


def app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app, {})

    @app.put("/versioned")
    async def versioned(if_match: RequiredIfMatch) -> dict[str, Any]:
        return {"versions": accepted_versions(if_match)}

    @app.put("/tagged")
    async def tagged(if_match: OptionalIfMatch) -> dict[str, Any]:
        return {"tags": accepted_tags(if_match)}

    @app.post("/uploads")
    async def upload(request: Request) -> dict[str, Any]:
        got = await read_upload(request, max_bytes=100, raw_types=("text/csv",))
        return {"size": len(got.content), "filename": got.filename, "fields": got.fields}

    @app.post("/refusals")
    async def refuse() -> None:
        raise Problem(IMPORT_REFUSED, "2 rows are wrong", members={"error_count": 2})

    @app.get("/printed")
    async def printed() -> None:
        # As a PDF is rendered: off the event loop, finding the font first.
        await asyncio.to_thread(find_font_file, (Path("/no/such/font.ttc"),))

    return app


@pytest.fixture
async def client() -> Any:
    transport = httpx.ASGITransport(app=app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


def test_if_match_lists_strong_tags_and_star_means_any_version() -> None:
    assert accepted_tags('"3", W/"4" ,"x-7"') == ["3", "x-7"]
    assert accepted_tags("*") is None
    assert accepted_tags(None) is None
    assert accepted_versions('"12"') == [12]


async def test_an_update_without_if_match_is_428_and_a_bad_tag_400(client: Any) -> None:
    assert_problem(
        await client.put("/versioned"), 428, "precondition-required", fields=["If-Match"]
    )
    bad = await client.put("/versioned", headers={"If-Match": "3"})
    assert_problem(bad, 400, "invalid-if-match", fields=["If-Match"])
    not_ours = await client.put("/versioned", headers={"If-Match": '"abc"'})
    assert_problem(not_ours, 400, "invalid-if-match")
    assert (await client.put("/versioned", headers={"If-Match": '"7"'})).json() == {"versions": [7]}
    assert (await client.put("/tagged")).json() == {"tags": None}


async def test_an_upload_is_read_with_its_fields_up_to_its_cap(client: Any) -> None:
    ok = await client.post(
        "/uploads", files={"file": ("t.csv", b"a,b\n1,2\n")}, data={"format": "csv"}
    )
    assert ok.json() == {"size": 8, "filename": "t.csv", "fields": {"format": "csv"}}
    raw = await client.post("/uploads", content=b"a\n", headers={"Content-Type": "text/csv"})
    assert raw.json() == {"size": 2, "filename": None, "fields": {}}


async def test_an_upload_past_its_cap_or_of_another_type_is_refused(client: Any) -> None:
    big = await client.post("/uploads", files={"file": ("t.csv", b"x" * 101)})
    assert_problem(big, 413, "file-too-large")

    async def endless() -> Any:
        while True:
            yield b"x" * 70_000

    # No Content-Length: the cap is enforced on what arrives.
    chunked = await client.post("/uploads", content=endless(), headers={"Content-Type": "text/csv"})
    assert_problem(chunked, 413, "file-too-large")
    other = await client.post("/uploads", content=b"{}", headers={"Content-Type": "text/json"})
    assert_problem(other, 415, "unsupported-media-type")
    no_file = await client.post("/uploads", data={"format": "csv"}, files={"x": ("a", b"1")})
    assert_problem(no_file, 400, "malformed-upload", fields=["file"])


async def test_a_problem_carries_its_extension_members(client: Any) -> None:
    body = assert_problem(await client.post("/refusals"), 422, "import-refused")
    assert body == {
        "type": "https://ledgerflow.dev/problems/import-refused",
        "title": "The file was refused",
        "status": 422,
        "detail": "2 rows are wrong",
        "instance": "/refusals",
        "error_count": 2,
    }


async def test_a_document_without_its_font_is_503_saying_how_to_install_it(client: Any) -> None:
    body = assert_problem(await client.get("/printed"), 503, "document-font-missing")
    assert "make fonts" in body["detail"], body


class Size(StrEnum):
    SMALL = "small"
    LARGE = "large"


# The form a route reads itself, published under the name FastAPI gave the declared form (a
# docstring would become its description).
class PhotoForm(BaseModel):
    model_config = ConfigDict(title="Body_add_photo_photos_post")

    file: FileContent = Field(description="The photo")
    size: Size | None = Field(default=None, description="Guessed if not given")
    caption: str | None = Field(default=None, max_length=10, description="Below the photo")


def declared() -> FastAPI:
    """The same route with FastAPI's own File and Form parameters."""
    app = FastAPI()

    @app.post("/photos")
    async def add_photo(
        file: Annotated[UploadFile, File(description="The photo")],
        size: Annotated[Size | None, Form(description="Guessed if not given")] = None,
        caption: Annotated[str | None, Form(max_length=10, description="Below the photo")] = None,
    ) -> dict[str, Any]:
        """Adds a photo."""
        return {}

    return app


def read_itself() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app, {})

    @app.post("/photos", openapi_extra=form_body(PhotoForm))
    async def add_photo(request: Request) -> dict[str, Any]:
        """Adds a photo."""
        upload = await read_upload(
            request,
            max_bytes=100,
            unsupported=lambda _: file_required(),
            missing_file=file_required,
        )
        form = form_fields(PhotoForm, upload)
        return {"size": form.size, "caption": form.caption, "bytes": len(form.file)}

    publish_forms(app, [PhotoForm])
    return app


def test_a_form_read_by_its_route_is_documented_as_fastapi_documents_a_declared_one() -> None:
    assert read_itself().openapi() == declared().openapi()


async def test_a_form_read_by_its_route_is_refused_as_fastapi_refuses_a_declared_one() -> None:
    transport = httpx.ASGITransport(app=read_itself())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        ok = await client.post("/photos", files={"file": ("p.png", b"png")}, data={"size": "small"})
        no_file = await client.post("/photos", data={"size": "small"})
        bad_size = await client.post("/photos", files={"file": ("p", b"1")}, data={"size": "huge"})
        long_caption = await client.post(
            "/photos", files={"file": ("p", b"1")}, data={"caption": "x" * 11}
        )

    assert ok.json() == {"size": "small", "caption": None, "bytes": 3}
    assert assert_problem(no_file, 422, "validation-error", fields=["file"])["detail"] == (
        "file: Field required"
    )
    assert_problem(bad_size, 422, "validation-error", fields=["size"])
    assert_problem(long_caption, 422, "validation-error", fields=["caption"])


def test_a_problem_of_a_larger_answer_is_the_document_without_its_instance() -> None:
    refused = Problem(IMPORT_REFUSED, "2 rows are wrong", errors=[{"field": "x", "message": "m"}])
    assert refused.document() == {
        "type": "https://ledgerflow.dev/problems/import-refused",
        "title": "The file was refused",
        "status": 422,
        "detail": "2 rows are wrong",
        "errors": [{"field": "x", "message": "m"}],
    }
    assert refused.document("/imports")["instance"] == "/imports"
