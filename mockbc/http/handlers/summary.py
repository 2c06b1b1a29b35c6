"""The catalog summary: /v3/catalog/summary."""

from __future__ import annotations

from mockbc.http.operations import bindings
from mockbc.presentation import summary as wire
from mockbc.presentation.call import Call
from mockbc.services import summary as service
from mockbc.services.summary import CatalogSummary


def get_summary(call: Call) -> CatalogSummary:
    return service.summary(call.store)


OPERATIONS = bindings("v3", wire.VIEW, scope="products", handlers={"getCatalogSummary": get_summary})
