"""The resolvers of the storefront schema, one module per root area, each exporting ``AREA``
(``mockbc.presentation.storefront_graphql.seam``)."""
