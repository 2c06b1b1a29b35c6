"""Create, change, find and delete gift certificates (upstream marketing.v2.yml, ``/v2/gift_certificates``)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mockbc.domain.errors import NotFound, conflict, invalid
from mockbc.domain.gift_certificates import CODE_KEPT, GiftCertificate, code_key
from mockbc.domain.query import Condition, Filter
from mockbc.store.select import Rows, select
from mockbc.store.store import Store

_CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

FILTERS = {
    "id": Filter(get=lambda g: g.id, primary=True),
    "code": Filter(get=lambda g: code_key(g.code), index="code"),  # ignoring case, as shoppers type it
    "order_id": Filter(get=lambda g: g.order_id, index="order_id"),
    "to_name": Filter(get=lambda g: g.to_name),
    "to_email": Filter(get=lambda g: g.to_email),
    "from_name": Filter(get=lambda g: g.from_name),
    "from_email": Filter(get=lambda g: g.from_email),
}


def filters() -> Mapping[str, Filter]:
    return FILTERS


def get(store: Store, certificate_id: int) -> GiftCertificate:
    certificate: GiftCertificate | None = store.gift_certificates.get(certificate_id)
    if certificate is None:
        raise NotFound("gift_certificate", certificate_id)
    return certificate


def find(store: Store, conditions: Sequence[Condition]) -> Rows:
    return select(store.gift_certificates, conditions, FILTERS, context=store)


def find_by_code(store: Store, code: str) -> GiftCertificate | None:
    """The gift certificate a shopper's code names, ignoring case; None when there is none."""
    found = store.gift_certificates.unique("code", code_key(code))
    return None if found is None else store.gift_certificates.get(found)


def _new_code(store: Store, certificate_id: int) -> str:
    """``XXX-XXX-XXX-XXX`` in capitals and digits, as upstream's examples look; drawn from a generator seeded by
    the store and the certificate id, so a test sees the same code every run."""
    draw = random.Random(f"{store.store_hash}:gift:{certificate_id}")
    while True:
        code = "-".join("".join(draw.choice(_CODE_ALPHABET) for _ in range(3)) for _ in range(4))
        if store.gift_certificates.unique("code", code_key(code)) is None:
            return code


def _check_code(store: Store, code: str, own_id: int | None) -> None:
    owner = store.gift_certificates.unique("code", code_key(code))
    if owner is not None and owner != own_id:
        raise conflict("gift_certificate_code_taken", "code", "gift_certificate_code_taken", value=code)


def _check_balance(amount: float, balance: float) -> None:
    if balance > amount:
        raise invalid("body", "balance", "balance_over_amount")


def create(store: Store, changes: Mapping[str, Any], *, certificate_id: int | None = None) -> GiftCertificate:
    """A new gift certificate: its balance is its amount, its purchase date today and its code generated, unless
    given; a code longer than 20 characters keeps its first 20 (upstream giftCertificate_Post)."""
    fields = dict(changes)
    if certificate_id is not None and store.gift_certificates.get(certificate_id) is not None:
        raise conflict("id_taken", "id", "id_taken", id=certificate_id)
    if fields.get("code") is not None:
        fields["code"] = fields["code"][:CODE_KEPT]
        _check_code(store, fields["code"], None)
    fields.setdefault("balance", fields["amount"])
    _check_balance(fields["amount"], fields["balance"])
    fields.setdefault("purchase_date", store.clock.now())
    if certificate_id is None:
        certificate_id = store.next_id("gift_certificates")
    else:
        store.sequence("gift_certificates").claim(certificate_id)
    if fields.get("code") is None:
        fields["code"] = _new_code(store, certificate_id)
    certificate = GiftCertificate(id=certificate_id, **fields)
    store.gift_certificates.put(certificate.id, certificate)
    store.emit("gift_certificate", "created", certificate.id)
    return certificate


def update(store: Store, certificate_id: int, changes: Mapping[str, Any]) -> GiftCertificate:
    certificate = get(store, certificate_id)
    fields = dict(changes)
    if fields.get("code") is not None:
        fields["code"] = fields["code"][:CODE_KEPT]
        _check_code(store, fields["code"], certificate.id)
    elif "code" in fields:
        del fields["code"]
    updated = replace(certificate, **fields)
    _check_balance(updated.amount, updated.balance)
    store.gift_certificates.put(updated.id, updated)
    store.emit("gift_certificate", "updated", updated.id)
    return updated


def delete(store: Store, certificate_ids: Sequence[int]) -> list[int]:
    return sorted(store.delete("gift_certificates", certificate_ids).get("gift_certificates", ()))


def spend(store: Store, code: str, amount: float) -> GiftCertificate:
    """Take ``amount`` off the balance of the gift certificate ``code`` names (for orders paid with one): it must
    exist, be active, not be past its expiry date and hold at least that much."""
    certificate = find_by_code(store, code)
    if certificate is None:
        raise invalid("gift_certificate", "gift_certificate_code", "gift_certificate_unknown", value=code)
    expired = certificate.expiry_date is not None and certificate.expiry_date <= store.clock.now()
    if certificate.status != "active" or expired:
        raise invalid(
            "gift_certificate", "gift_certificate_code", "gift_certificate_inactive", value=certificate.code,
            status="expired" if expired else certificate.status,
        )  # fmt: skip
    if amount <= 0 or amount > certificate.balance:
        raise invalid(
            "gift_certificate", "amount", "gift_certificate_balance", value=certificate.code,
            balance=f"{certificate.balance:.2f}",
        )  # fmt: skip
    spent = replace(certificate, balance=round(certificate.balance - amount, 4))
    store.gift_certificates.put(spent.id, spent)
    store.emit("gift_certificate", "updated", spent.id)
    return spent
