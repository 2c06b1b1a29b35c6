"""One module per resource; each exposes ``HANDLERS``: operationId -> (handler, scope family)."""
