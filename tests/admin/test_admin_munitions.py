"""Munitions on the incident page: one row per weapon, frozen with a reviewed incident, in history."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from incidents.choices import Status
from incidents.models import Munition
from tests.admin.test_admin_workflow import change_url, incident_form_data
from tests.factories import IncidentFactory, MunitionFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

DUPLICATE = "This weapon is already listed for this incident; give the total in one row."


def with_munitions(incident, *rows, initial=()) -> dict:
    """The incident form with ``rows`` (weapon, count, note) as new munition rows after the stored
    ones (``initial``: Munition instances, posted unchanged)."""
    data = incident_form_data(incident)
    forms = [(m.pk, m.weapon, m.count, m.note) for m in initial] + [("", *row) for row in rows]
    data.update({"munitions-TOTAL_FORMS": str(len(forms)), "munitions-INITIAL_FORMS": str(len(initial))})
    for i, (pk, weapon, count, note) in enumerate(forms):
        data.update(
            {
                f"munitions-{i}-id": pk,
                f"munitions-{i}-incident": incident.pk,
                f"munitions-{i}-weapon": weapon,
                f"munitions-{i}-count": count,
                f"munitions-{i}-note": note,
            }
        )
    return data


def inline_errors(response) -> list[str]:
    formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "munitions")
    return [str(e) for form in formset.formset.forms for errors in form.errors.values() for e in errors]


def test_a_documenter_records_four_barrel_bombs(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    data = with_munitions(incident, ("barrel_bomb", "4", "dropped by two helicopters"), ("rocket", "1", ""))
    response = client.post(change_url(incident), data)
    assert response.status_code == 302
    assert {(m.weapon, m.count, m.note) for m in incident.munitions.all()} == {
        ("barrel_bomb", 4, "dropped by two helicopters"),
        ("rocket", 1, ""),
    }
    record = Munition.objects.get(weapon="barrel_bomb").history.get()
    assert (record.history_type, record.history_user) == ("+", documenter)


def test_the_same_weapon_twice_is_a_form_error(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    data = with_munitions(incident, ("barrel_bomb", "4", ""), ("barrel_bomb", "2", ""))
    response = client.post(change_url(incident), data)
    assert response.status_code == 200
    assert inline_errors(response) == [DUPLICATE]
    assert not incident.munitions.exists()


def test_a_new_row_repeating_a_stored_weapon_is_a_form_error(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    stored = MunitionFactory(incident=incident, weapon="helicopter", count=2)
    response = client.post(
        change_url(incident), with_munitions(incident, ("helicopter", "1", ""), initial=[stored])
    )
    assert response.status_code == 200
    assert DUPLICATE in inline_errors(response)
    assert list(incident.munitions.values_list("weapon", "count")) == [("helicopter", 2)]


def test_swapping_two_stored_weapons_is_a_form_error_not_a_server_error(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    helicopter = MunitionFactory(incident=incident, weapon="helicopter", count=2)
    barrels = MunitionFactory(incident=incident, weapon="barrel_bomb", count=3)
    swapped = [
        Munition(pk=helicopter.pk, weapon="barrel_bomb", count=2, note=""),
        Munition(pk=barrels.pk, weapon="helicopter", count=3, note=""),
    ]
    response = client.post(change_url(incident), with_munitions(incident, initial=swapped))
    assert response.status_code == 200
    assert len(inline_errors(response)) == 2
    assert all(error.startswith("Another row still holds this weapon") for error in inline_errors(response))
    assert set(incident.munitions.values_list("weapon", "count")) == {("helicopter", 2), ("barrel_bomb", 3)}
    # Renaming a row to a weapon nobody holds is fine.
    renamed = [Munition(pk=helicopter.pk, weapon="drone", count=2, note=""), barrels]
    assert client.post(change_url(incident), with_munitions(incident, initial=renamed)).status_code == 302
    assert set(incident.munitions.values_list("weapon", flat=True)) == {"drone", "barrel_bomb"}


@pytest.mark.parametrize("count", ["0", "-3"])
def test_a_count_below_one_is_a_form_error(client, documenter, count):
    client.force_login(documenter)
    incident = IncidentFactory()
    response = client.post(change_url(incident), with_munitions(incident, ("barrel_bomb", count, "")))
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in inline_errors(response)
    assert not incident.munitions.exists()


def test_the_duplicate_message_is_in_arabic_on_the_arabic_admin(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    data = with_munitions(incident, ("barrel_bomb", "4", ""), ("barrel_bomb", "2", ""))
    with translation.override("ar"):  # also puts the language back after the Arabic request
        response = client.post(change_url(incident), data)
        assert response.wsgi_request.path.startswith("/ar/admin/")
        assert gettext(DUPLICATE) != DUPLICATE
        assert inline_errors(response) == [gettext(DUPLICATE)]
        assert gettext(DUPLICATE) in response.content.decode()


def test_munition_rows_freeze_with_a_reviewed_incident(client, documenter, reviewer):
    incident = IncidentFactory(status=Status.PUBLISHED)
    stored = MunitionFactory(incident=incident, weapon="barrel_bomb", count=4)
    client.force_login(documenter)
    page = client.get(change_url(incident))
    formset = next(f for f in page.context["inline_admin_formsets"] if f.formset.prefix == "munitions")
    assert not formset.has_add_permission and not formset.has_change_permission
    response = client.post(
        change_url(incident), with_munitions(incident, ("rocket", "1", ""), initial=[stored])
    )
    assert response.status_code == 403
    assert list(incident.munitions.values_list("weapon", flat=True)) == ["barrel_bomb"]
    # Nor on the munition's own page.
    add = client.post(
        reverse("admin:incidents_munition_add"), {"incident": incident.pk, "weapon": "rocket", "count": "1"}
    )
    assert add.status_code == 200 and "incident" in add.context["adminform"].form.errors
    assert (
        client.post(
            change_url(stored), {"incident": incident.pk, "weapon": "barrel_bomb", "count": "9"}
        ).status_code
        == 403
    )
    # A reviewer may correct them.
    client.force_login(reviewer)
    response = client.post(
        change_url(incident), with_munitions(incident, ("rocket", "1", ""), initial=[stored])
    )
    assert response.status_code == 302
    assert set(incident.munitions.values_list("weapon", flat=True)) == {"barrel_bomb", "rocket"}


def test_the_incident_history_lists_its_munition_changes(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    client.post(change_url(incident), with_munitions(incident, ("barrel_bomb", "4", "two helicopters")))
    stored = incident.munitions.get()
    client.post(
        change_url(incident),
        with_munitions(incident, initial=[Munition(pk=stored.pk, weapon="barrel_bomb", count=6, note="")]),
    )
    assert incident.munitions.get().count == 6
    other = MunitionFactory(weapon="mortar", count=3)  # another incident's: not listed
    page = client.get(reverse("admin:incidents_incident_history", args=[incident.pk]))
    section = parse(page.content).find("div", id="munition-history")
    rows = [
        [cell.text.strip() for cell in row.find_all("td")] for row in section.find("tbody").find_all("tr")
    ]
    assert [row[1:4] for row in rows] == [
        ["6 × Barrel bomb", "-", "Changed"],
        ["4 × Barrel bomb", "two helicopters", "Created"],
    ]
    assert {row[4] for row in rows} == {str(documenter)}
    assert str(other.count) + " × Mortar" not in section.text
