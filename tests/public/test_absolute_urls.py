"""``get_absolute_url`` of the public models leads to their public page, and only public records'
pages answer."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("group", "key", "path"),
    [
        ("incidents", "A", "/incidents/"),
        ("facilities", "hospital", "/facilities/"),
        ("parties", "regime", "/perpetrators/"),
        ("victims", "nurse", "/victims/"),
    ],
)
def test_absolute_url_is_the_public_page(client, world, group, key, path):
    record = getattr(world, group)[key]
    url = record.get_absolute_url()
    assert url == f"{path}{record.code}/"
    response = client.get(url)
    assert response.status_code == 200
    assert record.code in response.content.decode()


def test_a_draft_has_an_address_but_no_page(client, world):
    draft = world.incidents["G"]
    assert client.get(draft.get_absolute_url()).status_code == 404
