"""The store's information and clock: /v2/store and /v2/time (upstream store_information.v2.yml)."""

from __future__ import annotations

from datetime import datetime

from mockbc.http.operations import bindings
from mockbc.presentation import store_v2 as wire
from mockbc.presentation.call import Call
from mockbc.store.store import Store


def get_store_information(call: Call) -> Store:
    return call.store


def get_system_timestamp(call: Call) -> datetime:
    return call.store.clock.now()


OPERATIONS = bindings(
    "v2", wire.STORE_VIEW, scope="information", handlers={"getStoreInformation": get_store_information}
) + bindings("v2", wire.TIME_VIEW, scope="information", handlers={"getSystemTimestamp": get_system_timestamp})
