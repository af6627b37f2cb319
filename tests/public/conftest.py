import pytest
from django.core.cache import cache

from tests.public.world import build_world


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world()
