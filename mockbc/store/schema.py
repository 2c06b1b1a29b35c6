"""Every table a store holds: the ``TABLES`` each module of ``mockbc.domain`` declares.

Discovered, not listed, so a new resource module is picked up without editing the store.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from mockbc import domain
from mockbc.domain.storage import TableSpec


@functools.cache
def tables() -> tuple[TableSpec, ...]:
    found: list[TableSpec] = []
    for module in sorted(info.name for info in pkgutil.iter_modules(domain.__path__)):
        found.extend(getattr(importlib.import_module(f"{domain.__name__}.{module}"), "TABLES", ()))
    names = [spec.name for spec in found]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise LookupError(f"tables declared twice in mockbc.domain: {', '.join(duplicates)}")
    targets = {spec.name for spec in found}
    for spec in found:
        indexes = {index.name for index in spec.indexes}
        for reference in spec.references:
            if reference.target not in targets or reference.index not in indexes:
                raise LookupError(f"table {spec.name}: reference {reference} names an unknown table or index")
    return tuple(found)
