"""The endpoints outside the REST APIs (``POST /oauth2/token``, ``/login/token/{jwt}``,
``/customer/current.jwt``) have their own documents in ``specs/web/``, and conform to them.

* every web route is documented there, and every documented operation is routed;
* each document is valid OpenAPI, and where BigCommerce publishes one (``info.x-upstream``) its
  operations are upstream's (method, path, operationId), with upstream's parameters and no
  status upstream leaves out unless ``STATUS_ALLOWANCES`` says why;
* every status each operation documents is produced here and the answer validated against the
  document with openapi-core, and against upstream's where upstream documents the status.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_spec_validator import validate
from starlette.routing import Route

from mockbc import create_app
from mockbc.domain.clock import FrozenClock
from mockbc.fixtures import load_seed
from mockbc.http.app import MockApp
from mockbc.http.inprocess import InProcessTransport
from mockbc.http.web import web_app
from mockbc.services import customers
from mockbc.services.customers import NewCustomer
from mockbc.store.registry import StoreRegistry

WEB_SPECS = Path(__file__).resolve().parents[2] / "specs" / "web"
STORE = "webstore1"
HOST = f"http://store-{STORE}.mybigcommerce.test"
CALLBACK = "https://app.example.com/auth"
START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
NOT_DOCUMENTS = {"/graphql"}
_PARAM = re.compile(r"\{[^}]*\}")  # the storefront GraphQL API is described by its SDL, not OpenAPI

# (operationId, status) -> why the mock answers a status upstream's document leaves out.
STATUS_ALLOWANCES = {
    ("getCustomerLogin", "302"): "BigCommerce's customer-login guide: the endpoint redirects (BC_FACTS §3.14); "
    "the spec's 200 with an empty object is never what a browser sees",
    ("getCurrentCustomer", "400"): "decision: a request without app_client_id (upstream requires it, names no answer)",
    ("getCurrentCustomer", "403"): "decision: an app_client_id that is not the store's",
    ("getCurrentCustomer", "404"): "BigCommerce's current-customer guide: a guest gets 404 (BC_FACTS §3.15)",
}
# (operationId, status) -> why the answer is not checked against upstream's schema for that status.
UPSTREAM_SCHEMA_ALLOWANCES = {
    ("getCurrentCustomer", "200"): "upstream types the JWT as application/json; the body is the bare token, "
    "so it is sent as text/plain (BC_FACTS §3.15)",
}


def _load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


DOCUMENTS = {path.name: _load(path) for path in sorted(WEB_SPECS.glob("*.yml"))}


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for template, item in document["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield method.upper(), template, operation


def _ours() -> dict[str, tuple[str, str, dict[str, Any], str]]:
    found = {}
    for name, document in DOCUMENTS.items():
        for method, template, operation in _operations(document):
            found[operation["operationId"]] = (method, template, operation, name)
    return found


OURS = _ours()


@pytest.fixture(scope="module")
def upstream(upstream_specs_dir: Path) -> dict[str, dict[str, Any]]:
    return {
        name: _load(upstream_specs_dir / document["info"]["x-upstream"])
        for name, document in DOCUMENTS.items()
        if document["info"]["x-upstream"] is not None
    }


def test_every_web_route_is_documented_and_every_operation_routed() -> None:
    registry = StoreRegistry(seed_loader=load_seed)
    routed = {
        (method, _PARAM.sub("{}", route.path))
        for route in web_app(registry).routes
        if isinstance(route, Route) and route.path not in NOT_DOCUMENTS
        for method in set(route.methods or ()) - {"HEAD"}
    }
    documented = {(method, _PARAM.sub("{}", template)) for method, template, _, _ in OURS.values()}
    assert routed == documented


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_document_is_valid_openapi(name: str) -> None:
    validate(DOCUMENTS[name])


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_document_has_upstreams_operations_parameters_and_statuses(
    name: str, upstream: dict[str, dict[str, Any]]
) -> None:
    if name not in upstream:
        assert DOCUMENTS[name]["info"]["x-upstream"] is None
        return
    theirs = {op["operationId"]: (method, template, op) for method, template, op in _operations(upstream[name])}
    for method, template, operation in _operations(DOCUMENTS[name]):
        op_id = operation["operationId"]
        assert theirs[op_id][:2] == (method, template)
        upstream_op = theirs[op_id][2]
        upstream_params = {
            (p["name"], p["in"]): p.get("required", False)
            for p in (_resolved(upstream[name], p) for p in upstream_op.get("parameters", []))
        }
        for param in operation.get("parameters", []):
            assert upstream_params[(param["name"], param["in"])] == param.get("required", False)
        for status in operation["responses"]:
            assert status in upstream_op["responses"] or (op_id, status) in STATUS_ALLOWANCES, (op_id, status)


def test_every_allowance_is_still_needed(upstream: dict[str, dict[str, Any]]) -> None:
    for op_id, status in STATUS_ALLOWANCES:
        _, _, operation, name = OURS[op_id]
        upstream_op = next(op for _, _, op in _operations(upstream[name]) if op["operationId"] == op_id)
        assert status in operation["responses"] and status not in upstream_op["responses"]


def _resolved(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = document
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    assert isinstance(target, dict)
    return target


# ----------------------------------------------------------------------------- answers


@pytest.fixture
def mock() -> MockApp:
    registry = StoreRegistry(clock=FrozenClock(START), seed_loader=load_seed, default_store_hash=STORE)
    store = registry.create_store(STORE, fixtures="empty")
    customers.create(store, NewCustomer({"email": "ida.marsh@example.com", "first_name": "Ida", "last_name": "Marsh"}))
    return create_app(registry)


@pytest.fixture
def http(mock: MockApp) -> Iterator[httpx.Client]:
    with httpx.Client(transport=InProcessTransport(mock), base_url=HOST) as client:
        yield client


def _answers(mock: MockApp, http: httpx.Client) -> list[tuple[str, httpx.Response]]:
    """One answer of every status each web operation documents."""
    answers: list[tuple[str, httpx.Response]] = []
    app = http.post(
        "http://127.0.0.1/_mockbc/apps", json={"scopes": ["store_v2_products"], "auth_callback": CALLBACK}
    ).json()
    grant = http.post(f"http://127.0.0.1/_mockbc/stores/{STORE}/installs", json={"client_id": app["client_id"]}).json()
    fields = {
        "client_id": app["client_id"], "client_secret": app["client_secret"], "code": grant["code"],
        "context": grant["context"], "scope": grant["scope"], "grant_type": "authorization_code",
        "redirect_uri": CALLBACK,
    }  # fmt: skip
    answers.append(("exchangeAuthorizationCode", http.post("https://login.bigcommerce.com/oauth2/token", json=fields)))
    answers.append(("exchangeAuthorizationCode", http.post("https://login.bigcommerce.com/oauth2/token", data=fields)))
    answers.append(
        (
            "exchangeAuthorizationCode",
            http.post("https://login.bigcommerce.com/oauth2/token", json={**fields, "client_secret": "x"}),
        )
    )

    registry = mock.state.registry
    sso = registry.create_account(STORE, name="sso", scopes=["store_v2_customers_login"])
    claims = {
        "iss": sso.client_id, "iat": int(START.timestamp()), "jti": str(uuid.uuid4()), "operation": "customer_login",
        "store_hash": STORE, "customer_id": 1, "redirect_to": "/cart.php",
    }  # fmt: skip
    answers.append(("getCurrentCustomer", http.get("/customer/current.jwt", params={"app_client_id": sso.client_id})))
    answers.append(("getCustomerLogin", http.get("/login/token/not-a-jwt")))
    signed = jwt.encode(claims, sso.client_secret, algorithm="HS256")
    answers.append(("getCustomerLogin", http.get(f"/login/token/{signed}")))
    answers.append(("getCurrentCustomer", http.get("/customer/current.jwt", params={"app_client_id": sso.client_id})))
    answers.append(("getCurrentCustomer", http.get("/customer/current.jwt")))
    answers.append(("getCurrentCustomer", http.get("/customer/current.jwt", params={"app_client_id": "nobody"})))
    return answers


def _validate(document: dict[str, Any], method: str, template: str, response: httpx.Response) -> None:
    server = document["servers"][0]
    url = server["url"].format(**{k: v["default"] for k, v in server.get("variables", {}).items()})
    request = MockRequest(
        url, method.lower(), response.request.url.path, args=dict(response.request.url.params),
    )  # fmt: skip
    content_type = response.headers.get("content-type", "").split(";")[0]
    OpenAPI.from_dict(document).validate_response(
        request,
        MockResponse(response.content, status_code=response.status_code, content_type=content_type or "application/json",
                     headers=dict(response.headers)),
    )  # fmt: skip


def test_every_documented_status_is_answered_and_conforms(
    mock: MockApp, http: httpx.Client, upstream: dict[str, dict[str, Any]]
) -> None:
    seen: set[tuple[str, str]] = set()
    for op_id, response in _answers(mock, http):
        method, template, operation, name = OURS[op_id]
        status = str(response.status_code)
        assert status in operation["responses"], (op_id, status, response.text)
        _validate(DOCUMENTS[name], method, template, response)
        if name in upstream and (op_id, status) not in STATUS_ALLOWANCES | UPSTREAM_SCHEMA_ALLOWANCES:
            _validate(upstream[name], method, template, response)
        seen.add((op_id, status))
    documented = {(op_id, status) for op_id, (_, _, op, _) in OURS.items() for status in op["responses"]}
    assert seen == documented
