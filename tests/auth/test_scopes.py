"""``parse_scopes``: the text of ``--scopes``, ``MOCKBC_SCOPES`` and the control plane's scope strings."""

from __future__ import annotations

import pytest

from mockbc.auth.scopes import ALL_SCOPES, parse_scopes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("all", ALL_SCOPES),
        ("  all\n", ALL_SCOPES),
        ("", ()),
        ("   ", ()),
        ("\t\n", ()),
        (",", ()),
        ("store_v2_products", ("store_v2_products",)),
        ("store_v2_products,store_v2_orders_read_only", ("store_v2_products", "store_v2_orders_read_only")),
        ("store_v2_products store_v2_orders_read_only", ("store_v2_products", "store_v2_orders_read_only")),
        (" store_v2_products , store_v2_content,", ("store_v2_products", "store_v2_content")),
        ("default", ("default",)),
    ],
)
def test_parse_scopes(text: str, expected: tuple[str, ...]) -> None:
    assert parse_scopes(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nope", "unknown scope(s): nope"),
        ("store_v2_products,nope,also_nope", "unknown scope(s): nope, also_nope"),
        ("ALL", "unknown scope(s): ALL"),
        ("all,store_v2_products", "unknown scope(s): all"),
        ("store_v2_products_readonly", "unknown scope(s): store_v2_products_readonly"),
    ],
)
def test_parse_scopes_refuses_unknown_names(text: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_scopes(text)

    assert str(refused.value) == message
