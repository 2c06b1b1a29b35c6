"""Category and brand images: /v3/catalog/categories/{category_id}/image and
/v3/catalog/brands/{brand_id}/image. Upstream takes a ``multipart/form-data`` upload only; the
file's URL on the mock becomes the record's ``image_url``, and a delete clears it."""

from __future__ import annotations

from mockbc.domain.brands import Brand
from mockbc.domain.categories import Category
from mockbc.domain.errors import UnsupportedMediaType
from mockbc.http import multipart
from mockbc.http.handlers.images import url_of
from mockbc.http.operations import bindings
from mockbc.presentation import images as wire
from mockbc.presentation.call import Call
from mockbc.services import images as service
from mockbc.services.images import FileInput


def _file(call: Call) -> FileInput:
    body = call.body
    if not isinstance(body, multipart.Form):  # the pipeline lets only forms through; kept for the type
        raise UnsupportedMediaType()
    wire.check_file_form(body.fields, body.files.keys())
    part = body.files["image_file"]
    return FileInput(part.data, part.filename)


def create_category_image(call: Call) -> Category:
    return service.attach_category_image(call.store, call.path["category_id"], _file(call), url_of(call))


def delete_category_image(call: Call) -> None:
    service.detach_category_image(call.store, call.path["category_id"])


def create_brand_image(call: Call) -> Brand:
    return service.attach_brand_image(call.store, call.path["brand_id"], _file(call), url_of(call))


def delete_brand_image(call: Call) -> None:
    service.detach_brand_image(call.store, call.path["brand_id"])


OPERATIONS = bindings(
    "v3",
    wire.RECORD_IMAGE_VIEW,
    scope="products",
    handlers={
        "createCategoryImage": create_category_image,
        "deleteCategoryImage": delete_category_image,
        "createBrandImage": create_brand_image,
        "deleteBrandImage": delete_brand_image,
    },
)
