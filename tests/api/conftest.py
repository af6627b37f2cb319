import pytest

from tests.public.world import build_world


@pytest.fixture
def world(db):
    return build_world()


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()["results"]
