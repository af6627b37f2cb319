"""Shared fixtures: users in each working group."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts from an empty cache: pages keep fragments (the filter form's option
    lists) and counts there for minutes, which must not carry one test's data into another."""
    cache.clear()
    yield
    cache.clear()


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
