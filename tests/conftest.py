"""Shared fixtures: users in each working group."""

import pgtrigger
import pytest

from tests.factories import UserFactory

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


def _empties_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    fixtures = getattr(item, "fixturenames", ())
    return transactional or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table with one TRUNCATE, which the
    append-only logs refuse on PostgreSQL (core.append_only): that wipe, and only it, passes."""
    if not _empties_the_database(item):
        return (yield)
    with pgtrigger.ignore(
        "incidents.CustodyEvent:append_only_truncate", "incidents.IdentityReveal:append_only_truncate"
    ):
        return (yield)
