"""Shared fixtures: users in each working group."""

import pgtrigger
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import TransactionTestCase
from django.utils import translation

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts from an empty cache: pages keep fragments (the filter form's option
    lists) and counts there for minutes, which must not carry one test's data into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """Every test starts in English: a request to an /ar/ page leaves Arabic active in the thread
    (the locale middleware activates a language and never deactivates it), which would turn the
    next test's messages into Arabic."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


ROLE_GROUPS = {
    "documenter": "Documenter",
    "reviewer": "Reviewer",
    "custodian": "Identity custodian",
    "data_manager": "Data manager",
}


@pytest.fixture
def documenter(db):
    return UserFactory(username="documenter", groups=["Documenter"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", groups=["Reviewer"])


@pytest.fixture
def custodian(db):
    return UserFactory(username="custodian", groups=["Documenter", "Identity custodian"])


@pytest.fixture
def data_manager(db):
    return UserFactory(username="datamanager", groups=["Data manager"])


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture(autouse=True, scope="session")
def _flush_past_append_only_logs():
    """A transactional test ends by emptying every table with one TRUNCATE, which the
    append-only logs refuse on PostgreSQL (core.append_only): that wipe, and only it, passes.

    Ignored where the wipe runs: the browser tests' teardown reaches the database through
    another connection object than a fixture would see."""
    original = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self):
        with pgtrigger.ignore(
            "incidents.CustodyEvent:append_only_truncate",
            "incidents.IdentityReveal:append_only_truncate",
            "incidents.IdentityCorrection:append_only_truncate",
        ):
            original(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", _fixture_teardown)
        yield
