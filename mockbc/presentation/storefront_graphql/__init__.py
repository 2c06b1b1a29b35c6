"""The GraphQL Storefront API (``POST /graphql`` on the storefront host): schema, limits, ids and the
resolvers of ``areas/``. The HTTP side (tokens, CORS, the body) is ``mockbc.http.graphql``.
"""

from mockbc.presentation.storefront_graphql.engine import Answer, Engine
from mockbc.presentation.storefront_graphql.seam import Area, Context

__all__ = ["Answer", "Area", "Context", "Engine"]
