"""Wire shapes: envelopes, error bodies and per-resource mappers. Never imports starlette."""
