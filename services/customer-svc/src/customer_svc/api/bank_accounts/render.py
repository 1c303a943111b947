"""Bank accounts as the HTTP contract shows them."""

from customer_svc.api.bank_accounts.schemas import BankAccountOut
from customer_svc.use_cases.personal_data.disclosure import BankAccountView


def bank_account_out(view: BankAccountView) -> BankAccountOut:
    account = view.account
    return BankAccountOut(
        id=account.id,
        customer_id=account.customer_id,
        iban=view.iban,
        bic=account.bic,
        currency=account.currency,
        created_at=account.created_at,
    )
