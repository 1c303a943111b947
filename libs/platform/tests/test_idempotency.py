from ledgerflow_platform.idempotency import fingerprint, fingerprint_document


def test_the_same_json_in_another_key_order_or_spacing_is_the_same_request() -> None:
    assert fingerprint("POST", "/v1/payments", b'{"a": 1, "b": "2.00"}') == fingerprint(
        "POST", "/v1/payments", b'{"b":"2.00","a":1}'
    )


def test_another_body_or_endpoint_is_another_request() -> None:
    base = fingerprint("POST", "/v1/payments", b'{"amount": "2.00"}')
    assert base != fingerprint("POST", "/v1/payments", b'{"amount": "2.01"}')
    assert base != fingerprint("POST", "/v1/invoices", b'{"amount": "2.00"}')


def test_a_parsed_body_has_the_fingerprint_of_the_bytes_it_came_from() -> None:
    body = b'{"customer_id": "c-1", "amount": "2.00", "allocations": [{"invoice_id": "i"}]}'
    document = {"allocations": [{"invoice_id": "i"}], "amount": "2.00", "customer_id": "c-1"}
    assert fingerprint_document("POST", "/v1/payments", document) == fingerprint(
        "POST", "/v1/payments", body
    )
