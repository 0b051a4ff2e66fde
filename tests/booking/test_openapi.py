"""The OpenAPI document describes every /api/v1 route; schemathesis finds no server error and no schema violation."""

from __future__ import annotations

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from service.web.api.openapi import document

EXAMPLES = 25
# A booking's slot id is opaque and its contact a phone number or an e-mail address: a schema-valid body may still
# be refused with 422 (documented), so "schema-valid data must be accepted" cannot hold for it.
EXCLUDED = {"POST /bookings": [schemathesis.checks.positive_data_acceptance],
            "POST /feedback": [schemathesis.checks.positive_data_acceptance]}  # the entry must exist


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.removeprefix("/api/v1"))


def test_every_api_route_is_described(app) -> None:
    described = {(path, method.upper()) for path, item in document()["paths"].items() for method in item}
    routes = {(_openapi_path(rule.rule), method) for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/v1/") for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes - described == set()
    assert described - routes == set()


def test_the_document_is_served(client, db) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.get_json()["openapi"] == "3.1.0"


def _checker(operation, mode):  # noqa: ANN001, ANN202
    excluded = EXCLUDED.get(operation.label, [])

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                         suppress_health_check=list(HealthCheck))
    def check(case) -> None:  # noqa: ANN001
        case.call_and_validate(excluded_checks=excluded)

    return check


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda mode: mode.value)
def test_every_operation_conforms(app, every_day, mode) -> None:
    """Bounded examples per operation, valid and invalid: no 5xx, statuses and bodies as documented."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    described = {f"{method.upper()} {path}" for path, item in document()["paths"].items() for method in item}
    assert {operation.label for operation in operations} == described - {"GET /openapi.json"}  # skipped: itself
    unsatisfiable: list[str] = []
    for operation in operations:
        check = _checker(operation, mode)
        try:
            check()
        except Unsatisfiable:  # nothing in this operation's schema can be violated (only free strings)
            assert mode is GenerationMode.NEGATIVE
            unsatisfiable.append(operation.label)
    assert len(unsatisfiable) < len(operations) / 2, unsatisfiable
