"""Request bodies the benchmark sends, shared by bench/run.py and bench/loadgen.py.

Nothing here imports mockbc (the load generator is spawned for every HTTP measurement, and
importing the mock would add ~0.15 s to each start).
"""

from __future__ import annotations

from typing import Any

UPLOAD_BYTES = 1_000_000  # "1 MB"; Starlette spools a file over 1 MiB to disk, so the baseline stays in memory
UPLOAD_BOUNDARY = "mockbcBenchBoundary7MA4YWxkTrZu0gW"
UPLOAD_FILENAME = "bench-upload.png"
# A PNG signature and IHDR chunk (a 1x1 RGB image), then filler: the mock sniffs the magic bytes only.
_PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def post_body(n: int) -> dict[str, Any]:
    """A valid create body; name and sku are unique per n (a repeat would be a 409)."""
    return {"name": f"Bench product {n}", "type": "physical", "weight": 1, "price": 9.99, "sku": f"BENCH-{n}"}


# The order create's three catalog lines: simple demo products (a base variant, no options) whose stock is not
# tracked ("inventory_tracking": "none"), so no measurement ever runs out (bench/orders.py checks this at capture).
ORDER_PRODUCTS = ((92, 1), (132, 2), (84, 1))  # (product id, quantity): two physical products and a digital guide
ORDER_BILLING = {
    "first_name": "Jane", "last_name": "Doe", "company": "Bench Supplies", "street_1": "123 Main Street",
    "city": "Austin", "state": "Texas", "zip": "78751", "country": "United States", "country_iso2": "US",
    "phone": "512-555-0100", "email": "janedoe@example.com",
}  # fmt: skip
CUSTOMERS_PER_BATCH = 10  # the v3 batch cap


def order_body() -> dict[str, Any]:
    """``POST /v2/orders``: a billing address and three catalog lines (priced from the catalog)."""
    return {
        "billing_address": ORDER_BILLING,
        "products": [{"product_id": pid, "quantity": quantity} for pid, quantity in ORDER_PRODUCTS],
    }


def customers_body(n: int) -> list[dict[str, Any]]:
    """``POST /v3/customers``: 10 new customers, emails unique per n (a repeat would be a 422). No passwords:
    the mock hashes them with scrypt, deliberately slow, which would measure the hash."""
    return [
        {"email": f"bench-{n}-{k}@example.com", "first_name": f"Bench{k}", "last_name": f"Customer {n}",
         "company": "Bench Supplies", "phone": "512-555-0100"}
        for k in range(CUSTOMERS_PER_BATCH)
    ]  # fmt: skip


def upload_file(size: int = UPLOAD_BYTES) -> bytes:
    """``size`` bytes that start as a PNG (so the mock takes them as one) and carry filler after."""
    filler = size - len(_PNG_HEAD)
    return _PNG_HEAD + (bytes(range(251)) * (filler // 251 + 1))[:filler]


def upload_body(size: int = UPLOAD_BYTES) -> tuple[str, bytes]:
    """``(content_type, body)`` of a ``multipart/form-data`` request with one part, ``image_file``."""
    head = (
        f"--{UPLOAD_BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="image_file"; filename="{UPLOAD_FILENAME}"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    body = head + upload_file(size) + f"\r\n--{UPLOAD_BOUNDARY}--\r\n".encode()
    return f"multipart/form-data; boundary={UPLOAD_BOUNDARY}", body
