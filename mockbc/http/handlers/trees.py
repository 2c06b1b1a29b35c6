"""Placeholder: filled in by the categories/trees work."""

from __future__ import annotations

HANDLERS: dict[str, tuple[object, str | None]] = {}
