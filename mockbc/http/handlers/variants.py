"""Catalog variants: /v3/catalog/products/{product_id}/variants[/{variant_id}[/image]] and the
store-wide /v3/catalog/variants list and batch."""

from __future__ import annotations

from typing import Any

from mockbc.domain.errors import invalid
from mockbc.domain.query import Page
from mockbc.domain.variants import Variant
from mockbc.http import multipart
from mockbc.http.operations import bindings
from mockbc.presentation import variants as wire
from mockbc.presentation.call import Batch, Call
from mockbc.presentation.uploads import upload_url
from mockbc.services import images, uploads
from mockbc.services import variants as service

# The filters upstream getVariants declares.
FILTERABLE = frozenset({"id", "sku", "upc", "product_id"})


def list_product_variants(call: Call) -> Page[Variant]:
    listing = call.view.listing(call, ())
    return call.view.page(service.of_product(call.store, call.path["product_id"]), listing)


def create_product_variant(call: Call) -> Variant:
    return service.create(call.store, call.path["product_id"], call.view.parse(call.body))


def get_product_variant(call: Call) -> Variant:
    return service.get(call.store, call.path["product_id"], call.path["variant_id"])


def update_product_variant(call: Call) -> Variant:
    return service.update(call.store, call.path["product_id"], call.path["variant_id"], call.view.parse(call.body))


def delete_product_variant(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["variant_id"])


def _checked_url(url: Any, field: str) -> str:
    # The mock fetches nothing, so a URL is kept as given; it must at least be one a server could fetch.
    if not isinstance(url, str) or not url:
        raise invalid("payload", field, "missing")
    images.check_url(url, field)
    return url


def create_product_variant_image(call: Call) -> Variant:
    """A JSON ``image_url`` or a form's ``image_file`` (upstream createProductVariantImage)."""
    product_id, variant_id = call.path["product_id"], call.path["variant_id"]
    service.get(call.store, product_id, variant_id)  # a 404 before any upload is kept
    body = call.body
    if isinstance(body, multipart.Form):
        part = body.files.get("image_file")
        if part is None:
            if "image_url" not in body.fields:
                raise invalid("payload", "image_file", "missing")
            url = _checked_url(body.fields["image_url"], "image_url")
        else:
            url = upload_url(call, uploads.store_image(call.store, part.data, part.filename))
    else:
        url = _checked_url((body or {}).get("image_url"), "image_url")
    return service.set_image(call.store, product_id, variant_id, url)


def list_variants(call: Call) -> Page[Variant]:
    listing = call.view.listing(call, FILTERABLE)
    return call.view.page(service.find(call.store, listing.conditions), listing)


def update_variants(call: Call) -> Batch[Variant]:
    items = wire.batch_from_v3(call.body)
    done, failures = service.update_batch(call.store, items)
    return Batch(done, failures, total=len(items))


OPERATIONS = (
    *bindings(
        "v3",
        wire.VIEW_V3,
        scope="products",
        handlers={
            "getProductVariants": list_product_variants,
            "createProductVariant": create_product_variant,
            "getProductVariant": get_product_variant,
            "updateProductVariant": update_product_variant,
            "deleteProductVariant": delete_product_variant,
            "getVariants": list_variants,
        },
    ),
    *bindings(
        "v3", wire.IMAGE_VIEW_V3, scope="products", handlers={"createProductVariantImage": create_product_variant_image}
    ),
    *bindings("v3", wire.BATCH_VIEW_V3, scope="products", handlers={"updateVariantsBatch": update_variants}),
)
