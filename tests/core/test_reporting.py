import sys

from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from core.reporting import IdentityRedactingFilter


def report_for(request):
    request.exception_reporter_filter = IdentityRedactingFilter()
    real_name = " ".join(["Frame", "Variable", "Canary"])  # noqa: F841 - a local the report must not show
    try:
        raise ValueError("boom")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
        return reporter.get_traceback_text() + reporter.get_traceback_html()


def test_error_reports_never_carry_identities(settings):
    request = RequestFactory().post(
        "/admin/incidents/incident/1/change/",
        {
            "witness_accounts-0-real_name": "Post Canary Name",
            "witness_accounts-0-contact": "+963 999 canary",
            "title": "Strike on the hospital",
        },
    )
    text = report_for(request)
    assert "Post Canary Name" not in text
    assert "+963 999 canary" not in text
    assert "Frame Variable Canary" not in text
    assert "Strike on the hospital" in text


def test_every_error_report_uses_the_redacting_filter():
    from django.conf import settings

    assert settings.DEFAULT_EXCEPTION_REPORTER_FILTER == "core.reporting.IdentityRedactingFilter"


def test_settings_with_keys_are_hidden(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["settings-canary-key"]
    safe = IdentityRedactingFilter().get_safe_settings()
    assert "settings-canary-key" not in repr(safe["FIELD_ENCRYPTION_KEYS"])
