"""The banner record (upstream marketing.v2.yml, ``/v2/banners``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mockbc.domain.storage import TableSpec

PAGES = ("home_page", "category_page", "brand_page", "search_page")
LOCATIONS = ("top", "bottom")
DATE_TYPES = ("always", "custom")


@dataclass(frozen=True, slots=True)
class Banner:
    id: int
    name: str
    content: str
    page: str
    location: str
    date_type: str
    date_created: datetime
    date_from: datetime | None = None  # only for date_type "custom"
    date_to: datetime | None = None
    visible: bool = True
    item_id: int = 0  # the category or brand whose page shows it; 0 for the other pages


TABLES = (TableSpec("banners", Banner),)
