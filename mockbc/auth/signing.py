"""HS256 JSON Web Tokens signed with a client secret: the signed payloads of app callbacks,
Customer Login tokens and Current Customer tokens.

BigCommerce's own client secrets are 64 characters, but a secret chosen on the command line or
through the control plane may be shorter; PyJWT warns about short HMAC keys, and the mock signs
and checks with whatever secret the account holds, as the platform does with what it issued.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import jwt
from jwt.warnings import InsecureKeyLengthWarning

ALGORITHM = "HS256"
# Only the signature: the callers check the claims themselves, with BigCommerce's rules.
_SIGNATURE_ONLY = {
    "verify_signature": True, "verify_exp": False, "verify_nbf": False, "verify_iat": False,
    "verify_aud": False, "verify_iss": False, "verify_jti": False, "verify_sub": False,
}  # fmt: skip


def sign(claims: Mapping[str, Any], secret: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)
        return jwt.encode(dict(claims), secret, algorithm=ALGORITHM)


def check_signature(token: str, secret: str) -> None:
    """Raise ``jwt.InvalidSignatureError`` (or another ``jwt.PyJWTError``) unless ``secret`` signed ``token``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)
        jwt.decode(token, secret, algorithms=[ALGORITHM], options=_SIGNATURE_ONLY)  # type: ignore[arg-type]
