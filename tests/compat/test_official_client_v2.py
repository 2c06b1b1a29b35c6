"""The official Python client (PyPI ``bigcommerce``) on the v2 API, against the mock on a real socket.

``BigcommerceApi`` talks v2 through an ``OAuthConnection``, which always builds ``https://``
URLs; the one change a user makes is the scheme and host (``LocalConnection``).
"""

from __future__ import annotations

from typing import Any

import pytest
from bigcommerce.api import BigcommerceApi
from bigcommerce.exception import ClientRequestException

from mockbc import Store

NEW = {"name": "Client Tee", "type": "physical", "price": "19.99", "categories": [21], "availability": "available",
       "weight": 0.3}  # fmt: skip


def test_official_client_iterall_pages_through_every_product(api: BigcommerceApi, store: Store) -> None:
    products = list(api.Products.iterall())

    assert [p.id for p in products] == [p.id for p in store.products.values()]
    assert products[0].price == "76.0000"


def test_official_client_all_takes_v2_filters_and_paging(api: BigcommerceApi, store: Store) -> None:
    cheap = api.Products.all(max_price=10, limit=5)
    second = api.Products.all(page=2, limit=3)

    assert [p.id for p in cheap] == [p.id for p in store.products.values() if p.price <= 10][:5]
    assert [p.id for p in second] == [p.id for p in store.products.values()][3:6]


def test_official_client_reads_an_empty_page_as_empty(api: BigcommerceApi) -> None:
    assert api.connection.get("products", name="No Such Product") == {}
    assert api.connection._last_response.status_code == 204
    assert list(api.Products.iterall(name="No Such Product")) == []


def test_official_client_count(api: BigcommerceApi, store: Store) -> None:
    assert api.Products.count() == len(store.products)
    assert api.Products.count(category=36) == sum(1 for p in store.products.values() if 36 in p.categories)
    assert api.Categories.count() == 27
    assert api.Brands.count() == 9


def test_official_client_creates_updates_and_deletes_a_product(api: BigcommerceApi, store: Store) -> None:
    product = api.Products.create(**NEW)
    assert product.price == "19.9900" and product.is_visible is False
    assert store.products.require(product.id).price == 19.99

    updated = product.update(price=21, is_visible=True)
    assert (updated.price, updated.is_visible) == ("21.0000", True)
    assert api.Products.get(product.id).price == "21.0000"

    product.delete()
    assert store.products.get(product.id) is None


def test_official_client_sees_v2_errors_as_client_errors(api: BigcommerceApi) -> None:
    with pytest.raises(ClientRequestException) as raised:
        api.Products.create(**{**NEW, "name": "Compact Bluetooth Speaker"})

    assert raised.value.response.status_code == 409
    assert raised.value.response.json() == [
        {"status": 409, "message": "A product named 'Compact Bluetooth Speaker' already exists."}
    ]


def test_official_client_follows_product_sub_resources(api: BigcommerceApi, store: Store) -> None:
    product = api.Products.get(95)

    skus = product.skus()
    options = product.options()

    assert [s.sku for s in skus] == [v.sku for v in store.variants.values() if v.product_id == 95]
    assert [o.display_name for o in options] == ["Color", "Size"]
    assert product.skus(skus[0].id).sku == skus[0].sku
    assert not isinstance(product.images(), list)  # 204: the client's empty answer
    assert not isinstance(product.custom_fields(), list)


def test_official_client_reads_custom_fields_and_images_made_through_v3(api: BigcommerceApi, connection: Any) -> None:
    v3 = connection
    v3.create("catalog/products/77/custom-fields", {"name": "Material", "value": "Cotton"})
    v3.create("catalog/products/77/images", {"image_url": "https://cdn.example.com/a.jpg"})
    product = api.Products.get(77)

    (field,) = product.custom_fields()
    (image,) = product.images()

    assert (field.name, field.text) == ("Material", "Cotton")
    assert (image.image_file, image.is_thumbnail) == ("a.jpg", True)
    assert api.Products.get(77).primary_image["id"] == image.id


def test_official_client_delete_all_products(api: BigcommerceApi, store: Store) -> None:
    api.Products.delete_all()

    assert len(store.products) == 0
    assert api.Products.count() == 0


def test_official_client_categories(api: BigcommerceApi, store: Store) -> None:
    category = api.Categories.create(name="Polos", parent_id=20)
    assert category.parent_category_list == [19, 20, category.id]

    renamed = category.update(name="Polo Shirts")
    assert renamed.name == "Polo Shirts"
    assert [c.id for c in api.Categories.all(parent_id=20)] == [21, 22, category.id]

    category.delete()
    assert store.categories.get(category.id) is None


def test_official_client_delete_all_categories_is_refused_while_products_exist(api: BigcommerceApi) -> None:
    with pytest.raises(ClientRequestException) as raised:
        api.Categories.delete_all()

    assert raised.value.response.status_code == 400


def test_official_client_brands(api: BigcommerceApi, store: Store) -> None:
    brand = api.Brands.create(name="Saltmarsh", meta_keywords="sea,salt")
    assert store.brands.require(brand.id).meta_keywords == ("sea", "salt")

    assert brand.update(page_title="Saltmarsh | Demo").page_title == "Saltmarsh | Demo"
    assert [b.name for b in api.Brands.all(min_id=brand.id)] == ["Saltmarsh"]

    brand.delete()
    assert store.brands.get(brand.id) is None


def test_official_client_store_and_time(api: BigcommerceApi, store: Store) -> None:
    info = api.Store.all()
    time = api.Time.all()

    assert (info.id, info.currency, info.weight_units) == (store.store_hash, "USD", "LBS")
    assert isinstance(time.time, int) and time.time > 0
