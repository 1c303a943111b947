import httpx


async def test_the_openapi_document_shows_the_cash_application_routes_with_examples(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/openapi.json")).json()
    paths = document["paths"]
    for path in (
        "/v1/payments",
        "/v1/payments:batch",
        "/v1/payments/{payment_id}:reverse",
        "/v1/customers/{customer_id}/credit-applications",
    ):
        assert paths[path]["post"]["summary"], path
    schemas = document["components"]["schemas"]
    for name in ("RecordPayment", "RecordPaymentBatch", "ReversePayment", "ApplyCredit"):
        assert schemas[name]["examples"], name
    assert schemas["PaymentMethod"]["enum"] == ["bank_transfer", "card", "cash", "cheque"]
    assert schemas["ReversalReason"]["enum"] == ["bounced", "returned", "error"]
