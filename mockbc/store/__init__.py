"""State: tables with an immutable seed and a write overlay, stores, the registry."""
