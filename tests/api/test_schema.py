"""Schemathesis against the API's own OpenAPI schema: whatever a client sends, no 5xx.

The schema is loaded from the WSGI application (no server), with the Treffs, offers and
dates of `api_world`. Each operation gets at most MAX_EXAMPLES generated requests, derived
from the test's name rather than chance (derandomize), so a run is the same every time and
takes seconds; a failure names the request to replay.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

MAX_EXAMPLES = 25


# Loaded when the module is collected: the schema needs no database (it reads none). A lazy
# schema (schemathesis.pytest.from_fixture) would fail on pytest 9, which dropped the node
# attribute it renames.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def connection_kept():
    """The WSGI handler closes old database connections as each request starts and ends, which
    would close the test's own transaction; Django's test client keeps it open the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    # The database fixture is set up once per operation, not per example: the API only
    # reads, so every example meets the same data (api_world: tests/api/conftest.py).
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_answers_with_a_server_error(case, api_world, connection_kept):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
