"""A statement line matched by hand: someone says which payment it is, or which invoices it
pays (and the ledger records that payment). The rules a hand-made match still obeys:
1. only money received (a credit line) is matched to a payment;
2. a line is matched once, and a payment to one line;
3. a reversed payment is no money a line can be;
4. the payment is in the line's currency and of its amount (to the cent);
5. the invoices a line pays are one customer's, in the line's currency.
"""

from dataclasses import dataclass
from datetime import datetime

from ledgerflow_platform.errors import DomainError


@dataclass(frozen=True)
class ManualMatch:
    """A line matched by hand, by whom and when; created_payment when the match recorded it."""

    statement_id: str
    line_id: str
    position: int
    payment_id: str
    customer_id: str
    matched_by: str
    matched_at: datetime
    created_payment: bool


class BankLineNotFound(DomainError):
    def __init__(self, statement_id: str, position: int) -> None:
        super().__init__(f"Bank statement {statement_id} has no line {position}.")


class LineAlreadyMatched(DomainError):
    """Rule 2: the line is matched to a payment or refund already."""

    def __init__(self, position: int, movement_id: str) -> None:
        super().__init__(f"Line {position} is matched to {movement_id} already.")
        self.movement_id = movement_id


class PaymentAlreadyMatched(DomainError):
    """Rule 2: the payment is another line's."""

    def __init__(self, payment_id: str, line_id: str) -> None:
        super().__init__(
            f"Payment {payment_id} is matched to statement line {line_id} already.",
            field="payment_id",
        )
        self.line_id = line_id


class NotMoneyReceived(DomainError):
    """Rule 1: a debit line is money paid out; it matches a refund, not a payment."""

    def __init__(self, position: int) -> None:
        super().__init__(
            f"Line {position} is money paid out: it matches a refund, not a payment.",
            field="position",
        )


class ReversedPaymentNotMatchable(DomainError):
    """Rule 3."""

    def __init__(self, payment_id: str) -> None:
        super().__init__(
            f"Payment {payment_id} was reversed: no bank line can be it.", field="payment_id"
        )


class MatchDoesNotAgree(DomainError):
    """Rules 4 and 5: currency, amount or customer differ; `detail` says by what."""

    def __init__(self, detail: str, field: str) -> None:
        super().__init__(detail, field=field)
