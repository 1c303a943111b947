from ledgerflow_platform.idempotency import fingerprint


def test_the_same_json_in_another_key_order_or_spacing_is_the_same_request() -> None:
    assert fingerprint("POST", "/v1/payments", b'{"a": 1, "b": "2.00"}') == fingerprint(
        "POST", "/v1/payments", b'{"b":"2.00","a":1}'
    )


def test_another_body_or_endpoint_is_another_request() -> None:
    base = fingerprint("POST", "/v1/payments", b'{"amount": "2.00"}')
    assert base != fingerprint("POST", "/v1/payments", b'{"amount": "2.01"}')
    assert base != fingerprint("POST", "/v1/invoices", b'{"amount": "2.00"}')
