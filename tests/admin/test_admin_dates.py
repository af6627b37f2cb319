"""The change lists' date hierarchy: the years present, found through the date's index.

``core.templatetags.admin_dates`` replaces only the top level of Django's
date hierarchy (the years, when none is chosen). Its links must be exactly
the years Django's own tag would list, with the list's search and filters
applied, and below the top level Django's tag answers unchanged.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.admin import site
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.templatetags import admin_dates
from incidents.models import Incident
from tests.factories import IncidentFactory, PlaceFactory, VictimFactory
from tests.html import parse
from victims.models import Victim

pytestmark = pytest.mark.django_db


def year_links(response, field: str) -> list[str]:
    """The years the page's date hierarchy links to, in order."""
    years = []
    for link in links(response):
        query = parse_qs(urlsplit(link).query)
        if f"{field}__year" in query and f"{field}__month" not in query:
            years.append(query[f"{field}__year"][0])
    return years


def links(response) -> list[str]:
    return [a.attrs.get("href") or "" for a in parse(response.content).find_all("a")]


@pytest.fixture
def spread(db):
    saraqeb = PlaceFactory(name="Saraqeb")
    other = PlaceFactory(name="Ariha")
    for day in ["2014-03-01", "2016-12-31", "2017-01-01", "2017-06-05", "2023-11-30"]:
        IncidentFactory(date=datetime.date.fromisoformat(day), place=saraqeb)
    for day in ["2015-05-05", "2019-02-02"]:
        IncidentFactory(date=datetime.date.fromisoformat(day), place=other)


def test_incident_list_offers_exactly_the_years_present(client, superuser, spread):
    client.force_login(superuser)
    response = client.get(reverse("admin:incidents_incident_changelist"))
    assert year_links(response, "date") == ["2014", "2015", "2016", "2017", "2019", "2023"]


def test_years_follow_the_search(client, superuser, spread):
    client.force_login(superuser)
    response = client.get(reverse("admin:incidents_incident_changelist"), {"q": "Saraqeb"})
    assert year_links(response, "date") == ["2014", "2016", "2017", "2023"]
    expected = [d.year for d in Incident.objects.filter(place__name="Saraqeb").dates("date", "year")]
    assert [int(year) for year in year_links(response, "date")] == expected


def test_a_year_link_keeps_the_search(client, superuser, spread):
    client.force_login(superuser)
    response = client.get(reverse("admin:incidents_incident_changelist"), {"q": "Saraqeb"})
    link = next(href for href in links(response) if "date__year=2017" in href)
    drilled = client.get(reverse("admin:incidents_incident_changelist") + link)
    assert drilled.context["cl"].result_count == 2


def test_one_year_goes_down_to_its_months_as_django_does(client, superuser):
    for day in ["2018-01-05", "2018-04-05"]:
        IncidentFactory(date=datetime.date.fromisoformat(day))
    client.force_login(superuser)
    response = client.get(reverse("admin:incidents_incident_changelist"))
    months = {
        parse_qs(urlsplit(href).query)["date__month"][0] for href in links(response) if "date__month=" in href
    }
    assert months == {"1", "4"}


def test_victims_without_a_date_are_left_out_as_django_leaves_them(client, superuser):
    undated = VictimFactory()
    Victim.objects.filter(pk=undated.pk).update(date_of_harm=None)  # save() would take the incident's
    VictimFactory(
        date_of_harm=datetime.date(2012, 7, 1), incident=IncidentFactory(date=datetime.date(2012, 7, 1))
    )
    VictimFactory(
        date_of_harm=datetime.date(2020, 7, 1), incident=IncidentFactory(date=datetime.date(2020, 7, 1))
    )
    client.force_login(superuser)
    response = client.get(reverse("admin:victims_victim_changelist"))
    assert Victim.objects.filter(date_of_harm=None).exists()
    expected = [str(d.year) for d in Victim.objects.dates("date_of_harm", "year")]
    assert year_links(response, "date_of_harm") == expected
    assert expected == ["2012", "2020"]


def test_the_same_choices_as_djangos_tag(rf, superuser, spread):
    """Context for context, the top level equals what Django's own tag returns."""
    request = rf.get("/", {"q": "Saraqeb"})
    request.user = superuser
    model_admin = site._registry[Incident]
    changelist = model_admin.get_changelist_instance(request)
    assert admin_dates.indexed_date_hierarchy(changelist) == date_hierarchy(changelist)


def test_many_years_finish_with_one_query(client, superuser, monkeypatch):
    """Past the probe limit the remaining years come from one DISTINCT query, none lost."""
    monkeypatch.setattr(admin_dates, "MAX_YEAR_PROBES", 2)
    for year in [2001, 2003, 2005, 2007, 2009]:
        IncidentFactory(date=datetime.date(year, 2, 2))
    client.force_login(superuser)
    response = client.get(reverse("admin:incidents_incident_changelist"))
    assert year_links(response, "date") == ["2001", "2003", "2005", "2007", "2009"]


def test_no_pass_over_every_row_for_the_years(client, superuser, spread):
    """The top level asks for each year's first date, never for the DISTINCT years of every row."""
    client.force_login(superuser)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:incidents_incident_changelist"), {"q": "Saraqeb"})
    assert year_links(response, "date") == ["2014", "2016", "2017", "2023"]
    assert not [q["sql"] for q in queries.captured_queries if '"datefield"' in q["sql"]]
