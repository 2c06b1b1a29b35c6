"""Product videos: /v3/catalog/products/{product_id}/videos[/{id}] (upstream names the video's path parameter ``id``)."""

from __future__ import annotations

from mockbc.domain.query import Page
from mockbc.domain.videos import ProductVideo
from mockbc.http.operations import bindings
from mockbc.presentation import videos as wire
from mockbc.presentation.call import Call
from mockbc.services import videos as service


def list_videos(call: Call) -> Page[ProductVideo]:
    listing = call.view.listing(call, ())
    return call.view.page(service.list_for(call.store, call.path["product_id"]), listing)


def get_video(call: Call) -> ProductVideo:
    return service.get(call.store, call.path["product_id"], call.path["id"])


def create_video(call: Call) -> ProductVideo:
    return service.create(call.store, call.path["product_id"], call.view.parse(call.body))


def update_video(call: Call) -> ProductVideo:
    return service.update(call.store, call.path["product_id"], call.path["id"], call.view.parse(call.body))


def delete_video(call: Call) -> None:
    service.delete(call.store, call.path["product_id"], call.path["id"])


OPERATIONS = bindings(
    "v3",
    wire.VIEW_V3,
    scope="products",
    handlers={
        "getProductVideos": list_videos,
        "createProductVideo": create_video,
        "getProductVideo": get_video,
        "updateProductVideo": update_video,
        "deleteProductVideo": delete_video,
    },
)
