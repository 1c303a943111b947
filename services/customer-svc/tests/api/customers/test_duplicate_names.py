"""One company, one file: a legal name already on file (compared NFKC, case-folded, without
spaces and punctuation) is refused unless the request says it is another company, or both
tax ids show it is."""

import itertools

import httpx

from ledgerflow_platform.testing import KeyPair, ServiceDb

from ..customer_file import Register, new_uscc

_serial = itertools.count(1)


def company() -> str:
    return f"Jinling Precision Machinery {next(_serial)} Co., Ltd."


async def test_the_same_legal_name_written_otherwise_is_refused_naming_the_customer_on_file(
    register: Register, db: ServiceDb
) -> None:
    name = company()
    first = (await register(name=name, allow_duplicate_name=False)).json()
    spelled = name.upper().replace(",", "").replace(".", "").replace(" ", "\u3000")
    before = await db.counts("customers", "outbox")

    again = await register(name=f" {spelled}", allow_duplicate_name=False)

    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    problem = again.json()
    assert problem["type"].rsplit("/", 1)[1] == "duplicate-customer-name"
    assert problem["existing_customer_id"] == first["id"]
    assert problem["errors"] == [
        {
            "field": "name",
            "message": f"Customer {first['id']} has the same legal name; if this is another "
            "company, say allow_duplicate_name: true.",
        }
    ]
    assert await db.counts("customers", "outbox") == before


async def test_full_width_letters_are_the_same_name(register: Register) -> None:
    full_width = "Acme \uff34\uff52\uff41\uff44\uff49\uff4e\uff47 77 Ltd"
    first = (await register(name=full_width, allow_duplicate_name=False)).json()

    again = await register(name="ACME TRADING 77 LTD.", allow_duplicate_name=False)

    assert (again.status_code, again.json()["existing_customer_id"]) == (409, first["id"])


async def test_a_duplicate_name_is_filed_when_the_request_says_it_is_another_company(
    register: Register,
) -> None:
    name = company()
    await register(name=name, allow_duplicate_name=False)

    again = await register(name=name, allow_duplicate_name=True)

    assert again.status_code == 201, again.text


async def test_two_different_tax_ids_make_two_companies_but_one_missing_does_not(
    register: Register,
) -> None:
    name = company()
    first = await register(name=name, country="CN", tax_id=new_uscc(), allow_duplicate_name=False)

    other = await register(name=name, country="CN", tax_id=new_uscc(), allow_duplicate_name=False)
    without = await register(name=name, allow_duplicate_name=False)

    assert (first.status_code, other.status_code) == (201, 201)
    assert (without.status_code, without.json()["existing_customer_id"]) == (
        409,
        first.json()["id"],
    )


async def test_a_different_name_is_not_a_duplicate(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register
) -> None:
    name = company()
    await register(name=name, allow_duplicate_name=False)

    other = await register(name=name.replace("Machinery", "Tools"), allow_duplicate_name=False)

    assert other.status_code == 201
