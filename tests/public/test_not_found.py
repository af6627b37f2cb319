"""A missing page is the site's own 404 page, in the language of its address."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", ["/no-such-page/", "/incidents/INC-0000-00000/"])
def test_a_missing_page_says_so_in_the_page_language(client, language, path):
    response = client.get(f"/ar{path}" if language == "ar" else path)
    assert response.status_code == 404
    document = parse(response.content)
    assert document.find("html").attrs["lang"] == language
    with translation.override(language):
        assert document.find("h1").text == gettext("Page not found")
        home = "/ar/" if language == "ar" else "/"
        assert home in [link.attrs.get("href") for link in document.find_all("a")]
