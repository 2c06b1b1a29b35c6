"""Gift certificates: /v2/gift_certificates[/{id}] (upstream marketing.v2.yml)."""

from __future__ import annotations

from mockbc.domain.gift_certificates import GiftCertificate
from mockbc.domain.query import Page
from mockbc.http.operations import bindings
from mockbc.presentation import gift_certificates_v2 as wire
from mockbc.presentation.call import Call
from mockbc.services import gift_certificates as service

FILTERABLE = frozenset(service.filters())


def list_certificates(call: Call) -> Page[GiftCertificate]:
    """In id order; ``direction=desc`` reverses it (upstream getGiftCertificates sorts by id only)."""
    listing = call.view.listing(call, FILTERABLE)
    found = service.find(call.store, listing.conditions)
    return call.view.page(found.reversed() if call.query.get("direction") == "desc" else found, listing)


def get_certificate(call: Call) -> GiftCertificate:
    return service.get(call.store, call.path["id"])


def create_certificate(call: Call) -> GiftCertificate:
    return service.create(call.store, call.view.parse(call.body))


def update_certificate(call: Call) -> GiftCertificate:
    return service.update(call.store, call.path["id"], call.view.parse(call.body))


def delete_certificate(call: Call) -> None:
    service.get(call.store, call.path["id"])  # 404 for an unknown id, as the other v2 resources answer
    service.delete(call.store, [call.path["id"]])


def delete_certificates(call: Call) -> None:
    """``DELETE /v2/gift_certificates``: every gift certificate (upstream deleteGiftCertificates)."""
    service.delete(call.store, [certificate.id for certificate in service.find(call.store, [])])


OPERATIONS = bindings(
    "v2",
    wire.VIEW_V2,
    scope="marketing",
    handlers={
        "getGiftCertificates": list_certificates,
        "getGiftCertificate": get_certificate,
        "createGiftCertificate": create_certificate,
        "updateGiftCertificate": update_certificate,
        "deleteGiftCertificate": delete_certificate,
        "deleteGiftCertificates": delete_certificates,
    },
)
