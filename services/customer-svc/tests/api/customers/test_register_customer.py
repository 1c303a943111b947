import httpx

from ledgerflow_platform.testing import KeyPair, service_db

# Filed again and again under one name: the duplicate-name rule is tested on its own.
ACME = {
    "name": "Acme Trading Ltd",
    "currency": "EUR",
    "payment_terms_days": 30,
    "allow_duplicate_name": True,
}


async def outbox_rows(database_url: str, customer_id: str) -> list[tuple[str, int, dict]]:  # type: ignore[type-arg]
    async with service_db(database_url) as db:
        return await db.rows(  # type: ignore[return-value]
            "SELECT type, sequence, payload FROM outbox WHERE aggregateid = :c ORDER BY position",
            c=customer_id,
        )


async def test_registering_a_customer_records_customer_registered_in_the_outbox(
    client: httpx.AsyncClient, auth_keys: KeyPair, database_url: str
) -> None:
    response = await client.post("/v1/customers", json=ACME, headers=auth_keys.auth("accountant"))

    assert response.status_code == 201
    customer = response.json()
    assert customer["name"] == "Acme Trading Ltd"
    [(event_type, sequence, payload)] = await outbox_rows(database_url, customer["id"])
    assert (event_type, sequence) == ("customer.customer_registered.v1", 1)
    assert payload["currency"] == "EUR"
    assert payload["payment_terms_days"] == 30


async def test_a_retried_registration_with_the_same_key_replays_the_first_response(
    client: httpx.AsyncClient, auth_keys: KeyPair, database_url: str
) -> None:
    headers = {**auth_keys.auth("service"), "Idempotency-Key": "crm-42"}
    first = await client.post("/v1/customers", json=ACME, headers=headers)
    again = await client.post("/v1/customers", json=ACME, headers=headers)

    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(await outbox_rows(database_url, first.json()["id"])) == 1


async def test_the_same_key_with_another_body_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    headers = {**auth_keys.auth("service"), "Idempotency-Key": "crm-43"}
    await client.post("/v1/customers", json=ACME, headers=headers)
    other = await client.post("/v1/customers", json={**ACME, "name": "Other"}, headers=headers)

    assert other.status_code == 422
    assert other.json()["type"].endswith("/idempotency-key-reused")


async def test_an_unknown_currency_is_refused_naming_the_field_and_nothing_is_written(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    before = (await client.get("/v1/customers?limit=500", headers=auth_keys.auth("auditor"))).json()
    response = await client.post(
        "/v1/customers", json={**ACME, "currency": "ABC"}, headers=auth_keys.auth("admin")
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "currency", "message": "'ABC' is not an ISO 4217 currency code"}
    ]
    after = (await client.get("/v1/customers?limit=500", headers=auth_keys.auth("auditor"))).json()
    assert after == before


async def test_malformed_json_gets_a_400_problem(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/customers",
        content=b"{not json",
        headers={**auth_keys.auth("admin"), "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["type"].endswith("/malformed-request")


async def test_registration_needs_a_token(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/customers", json=ACME)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_forged_token_is_refused(client: httpx.AsyncClient) -> None:
    forged = KeyPair.generate().auth("admin")
    response = await client.post("/v1/customers", json=ACME, headers=forged)
    assert response.status_code == 401


async def test_a_cashier_may_not_register_customers(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post("/v1/customers", json=ACME, headers=auth_keys.auth("cashier"))
    assert response.status_code == 403


async def test_customers_are_listed_page_by_page(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    headers = auth_keys.auth("admin")
    for n in range(3):
        await client.post("/v1/customers", json={**ACME, "name": f"Paged {n}"}, headers=headers)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/customers", params=params, headers=headers)).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen))
    assert seen == sorted(seen)
    assert {"Paged 0", "Paged 1", "Paged 2"} <= {
        (await client.get(f"/v1/customers/{i}", headers=headers)).json()["name"] for i in seen
    }
