"""Pure domain: records, errors, query helpers. Imports the standard library only."""
