"""Product images: /v3/catalog/products/{product_id}/images[/{image_id}].

A write takes a JSON body (an ``image_url``) or a ``multipart/form-data`` one (an
``image_file``), as upstream createProductImage and updateProductImage do.
"""

from __future__ import annotations

from typing import Any

from mockbc.domain.images import ProductImage
from mockbc.domain.query import Page
from mockbc.domain.uploads import Upload
from mockbc.http import multipart
from mockbc.http.operations import bindings
from mockbc.presentation import images as wire
from mockbc.presentation.call import Call
from mockbc.presentation.uploads import upload_url
from mockbc.services import images as service
from mockbc.services.images import FileInput, UrlOf


def url_of(call: Call) -> UrlOf:
    def url(upload: Upload) -> str:
        return upload_url(call, upload)

    return url


def read_body(call: Call, *, file_required: bool) -> tuple[dict[str, Any], FileInput | None]:
    """The changes a body asks for, and the file it carries when it is a form."""
    body = call.body
    if isinstance(body, multipart.Form):
        changes = wire.changes_from_form(body.fields, body.files.keys(), file_required=file_required)
        part = body.files.get("image_file")
        return changes, None if part is None else FileInput(part.data, part.filename)
    return call.view.parse(body), None


def list_images(call: Call) -> Page[ProductImage]:
    listing = call.view.listing(call, ())
    return call.view.page(service.list_for(call.store, call.path["product_id"]), listing)


def get_image(call: Call) -> ProductImage:
    return service.get(call.store, call.path["product_id"], call.path["image_id"])


def create_image(call: Call) -> ProductImage:
    changes, file = read_body(call, file_required=True)
    return service.create(call.store, call.path["product_id"], changes, file=file, url_of=url_of(call))


def update_image(call: Call) -> ProductImage:
    changes, file = read_body(call, file_required=False)
    return service.update(
        call.store, call.path["product_id"], call.path["image_id"], changes, file=file, url_of=url_of(call)
    )


def delete_image(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["image_id"])


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getProductImages": list_images,
        "createProductImage": create_image,
        "getProductImage": get_image,
        "updateProductImage": update_image,
        "deleteProductImage": delete_image,
    },
)
