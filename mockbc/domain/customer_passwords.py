"""Customer passwords, kept only as scrypt hashes with a random salt per password.

A stored hash reads ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``, so hashes made with other
parameters still verify after ``PARAMETERS`` change.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScryptParameters:
    n: int = 2**14  # CPU/memory cost: 16 MiB per hash with r=8
    r: int = 8
    p: int = 1
    salt_bytes: int = 16
    hash_bytes: int = 32


PARAMETERS = ScryptParameters()
_SCHEME = "scrypt"


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r * 2, dklen=length)


def hash_password(password: str, parameters: ScryptParameters = PARAMETERS) -> str:
    salt = secrets.token_bytes(parameters.salt_bytes)
    digest = _derive(password, salt, parameters.n, parameters.r, parameters.p, parameters.hash_bytes)
    return f"{_SCHEME}${parameters.n}${parameters.r}${parameters.p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from; an empty or unreadable hash matches nothing."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = bytes.fromhex(digest)
        actual = _derive(password, bytes.fromhex(salt), int(n), int(r), int(p), len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)
