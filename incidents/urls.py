from django.urls import path

import core.converters  # noqa: F401 (registers the <code:...> converter)

from . import views

app_name = "incidents"

urlpatterns = [
    path("incidents/", views.IncidentListView.as_view(), name="incident_list"),
    path("incidents/<code:code>/", views.incident_detail, name="incident_detail"),
    path("attacks/", views.AttackListView.as_view(), name="attack_list"),
    path("facilities/", views.FacilityListView.as_view(), name="facility_list"),
]
