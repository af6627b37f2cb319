"""Shared fixtures: users in each working group."""

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
