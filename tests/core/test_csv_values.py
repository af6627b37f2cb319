"""The CSV downloads' URL builder gives exactly what ``reverse()`` gives."""

import pytest
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.csv_values import detail_url


@pytest.mark.parametrize("viewname", ["incidents:incident_detail", "victims:victim_detail"])
@pytest.mark.parametrize("code", ["INC-2018-00042", "VIC-000001", "odd_Code-1", "x", "9" * 80])
def test_detail_url_is_reverse(viewname, code):
    request = RequestFactory().get("/incidents/")
    assert detail_url(request, viewname)(code) == "http://testserver" + reverse(viewname, args=[code])


@pytest.mark.parametrize("code", ["INC 2018", "INC/1", "", "9" * 81, "إدلب"])
def test_codes_outside_the_url_alphabet_fail_as_reverse_does(code):
    request = RequestFactory().get("/incidents/")
    with pytest.raises(NoReverseMatch):
        reverse("incidents:incident_detail", args=[code])
    with pytest.raises(NoReverseMatch):
        detail_url(request, "incidents:incident_detail")(code)


def test_detail_url_keeps_the_script_prefix():
    request = RequestFactory().get("/incidents/")
    set_script_prefix("/hrdb/")
    try:
        url = detail_url(request, "incidents:incident_detail")("INC-2018-00042")
    finally:
        set_script_prefix("/")
    assert url == "http://testserver/hrdb/incidents/INC-2018-00042/"
