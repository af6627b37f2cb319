"""The report's shortcuts give what the plain calls they replace give."""

import datetime

import pytest
from django.utils import translation
from django.utils.http import urlencode

from facilities.models import Place
from incidents.choices import DatePrecision
from incidents.wording import IncidentWording, short_date_text
from reports.queries import Period

DAYS = [datetime.date(2018, month, day) for month in range(1, 13) for day in (1, 9, 28)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_page_wording_short_date_is_the_short_date_tag(language):
    with translation.override(language):
        wording = IncidentWording()
        for day in DAYS:
            for precision in DatePrecision.values:
                assert wording.short_date(day, precision) == short_date_text(day, precision)


def test_list_query_is_the_urlencoded_list_params():
    governorate = Place(pk=7, name="Idleb", pcode="SY07")
    period = Period(datetime.date(2018, 1, 1), datetime.date(2018, 1, 31), governorate)
    extra = {"harm": ["killed", "tortured_to_death"], "perpetrator": "a&b c/é", "report_class": None, "x": 3}
    assert period.list_query(**extra) == urlencode(period.list_pairs(**extra))
    assert period.list_query() == period.list_params().urlencode()
