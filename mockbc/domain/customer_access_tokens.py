"""Customer access tokens of the GraphQL Storefront API: what ``login`` and
``loginWithCustomerLoginJwt`` hand out and ``X-Bc-Customer-Access-Token`` sends back.

A token is kept per store, in its own table, so a store's reset forgets every token. The table holds
only the SHA-256 of each token (the value itself is shown once, in the login answer), the customer
and channel it signs in, and when it expires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from mockbc.domain.storage import Index, TableSpec

# BigCommerce documents no lifetime for a customer access token; the mock's is one day, as long as a
# storefront session lasts.
LIFETIME = timedelta(days=1)
# Random bytes per token: 32, so two tokens never collide.
TOKEN_BYTES = 32
# At most this many live tokens per store: a loop of logins drops the oldest, never grows the memory.
MAX_TOKENS = 10_000


@dataclass(frozen=True, slots=True)
class CustomerAccessToken:
    id: int
    digest: str  # sha256 hex of the token value
    customer_id: int
    channel_id: int
    expires_at: datetime


TABLES = (
    TableSpec(
        "customer_access_tokens",
        CustomerAccessToken,
        indexes=(Index("digest", lambda t: t.digest, unique=True), Index("customer_id", lambda t: t.customer_id)),
    ),
)
