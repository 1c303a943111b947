import time
import uuid

from ledgerflow_events.ids import time_ordered_ids


def test_bulk_ids_are_uuid7_in_the_order_they_are_made() -> None:
    ids = time_ordered_ids()
    made = [next(ids) for _ in range(5000)]

    assert made == sorted(made)
    assert len(set(made)) == 5000
    assert {uuid.UUID(i).version for i in made} == {7}


def test_fifty_thousand_ids_all_carry_the_millisecond_they_were_made_in() -> None:
    before = time.time_ns() // 1_000_000
    ids = time_ordered_ids()
    made = [next(ids) for _ in range(50_000)]
    after = time.time_ns() // 1_000_000

    stamps = {uuid.UUID(i).int >> 80 for i in made}
    assert len(stamps) == 1
    assert before <= stamps.pop() <= after
