from collections.abc import Awaitable, Callable

from .conftest import Upload, csv_table, line

Written = Callable[[], Awaitable[dict[str, int]]]


async def test_a_retried_upload_with_the_same_key_replays_the_first_answer(
    upload: Upload, written: Written
) -> None:
    table = csv_table([line(), line()])
    first = await upload(table, headers={"Idempotency-Key": "table-retry-1"})
    assert first.status_code == 201, first.text
    after_first = await written()

    again = await upload(table, headers={"Idempotency-Key": "table-retry-1"})

    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert (
        again.json()
        == first.json()
        == {
            "customers_created": 2,
            "contacts_created": 2,
            "contracts_created": 2,
        }
    )
    assert await written() == after_first


async def test_the_same_key_with_another_table_is_refused(upload: Upload, written: Written) -> None:
    assert (await upload(csv_table([line()]), headers={"Idempotency-Key": "table-2"})).is_success
    before = await written()

    response = await upload(csv_table([line()]), headers={"Idempotency-Key": "table-2"})

    assert response.status_code == 422
    assert response.json()["type"].endswith("/idempotency-key-reused")
    assert await written() == before


async def test_a_refused_table_leaves_its_key_free_for_the_corrected_one(
    upload: Upload, written: Written
) -> None:
    wrong = await upload(csv_table([line(phone="1")]), headers={"Idempotency-Key": "table-3"})
    assert wrong.status_code == 422

    fixed = await upload(csv_table([line()]), headers={"Idempotency-Key": "table-3"})

    assert fixed.status_code == 201, fixed.text
    assert "Idempotent-Replayed" not in fixed.headers
