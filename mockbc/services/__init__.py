"""Operations on a store, one module per resource: the rules BigCommerce enforces on writes."""
