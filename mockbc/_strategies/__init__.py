"""Private home of ``mockbc.strategies``; import from there."""
