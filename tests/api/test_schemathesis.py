"""Schemathesis drives every operation of the OpenAPI document with values it draws from the
schema (a small budget, in every ``make test``): no answer is a server error, and every answer
conforms to the document (status code, content type, body)."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

EXAMPLES = 15
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def application():
    """Django's WSGI application, answering inside the test's transaction: as the test client does,
    the requests must not close the database connection when they start and finish."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_every_operation_answers_as_documented(world, application, prefix):
    schema = schemathesis.openapi.from_wsgi(f"{prefix}/api/v1/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=bool(os.environ.get("CI")),
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)

        answers_as_documented()


def test_known_records_answer_as_documented(world, application):
    """The drawn codes almost never exist: these do."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    incident, facility = world.incidents["A"].code, world.facilities["hospital"].code
    calls = [
        ("/api/v1/incidents/{code}/", {"code": incident}),
        ("/api/v1/victims/{code}/", {"code": world.victims["nurse"].code}),
        ("/api/v1/victims/{code}/", {"code": world.victims["unnamed"].code}),
        ("/api/v1/facilities/{code}/", {"code": facility}),
        ("/api/v1/perpetrators/{code}/", {"code": "syrian-or-russian-forces"}),
        ("/api/v1/attacks/{incident}/{facility}/", {"incident": incident, "facility": facility}),
    ]
    for path, parameters in calls:
        case = schema[path]["GET"].Case(path_parameters=parameters)
        response = case.call()
        assert response.status_code == 200, path
        case.validate_response(response, checks=CHECKS)
    for path, query in [
        ("/api/v1/incidents/", {"page_size": 500}),
        ("/api/v1/attacks/", {"page_size": 500}),
        ("/api/v1/victims/", {"page_size": 500}),
        ("/api/v1/facilities/", {"page_size": 500}),
        ("/api/v1/reports/", {"month": "2018-01"}),
    ]:
        case = schema[path]["GET"].Case(query=query)
        response = case.call()
        assert response.status_code == 200, path
        case.validate_response(response, checks=CHECKS)
