"""``/api/v1/`` (and ``/ar/api/v1/``, whose messages and schema are in Arabic)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

import core.converters  # noqa: F401 (registers the <code:...> converter)

from . import errors, views

app_name = "api"

DETAIL = {"get": "retrieve"}

urlpatterns = [
    path("api/v1/", views.RootView.as_view(), name="root"),
    path("api/v1/incidents/", views.IncidentViewSet.as_list_view(), name="incident-list"),
    path("api/v1/incidents/<code:code>/", views.IncidentViewSet.as_view(DETAIL), name="incident-detail"),
    path("api/v1/attacks/", views.AttackViewSet.as_list_view(), name="attack-list"),
    path(
        "api/v1/attacks/<code:incident>/<code:facility>/",
        views.AttackViewSet.as_view(DETAIL),
        name="attack-detail",
    ),
    path("api/v1/victims/", views.VictimViewSet.as_list_view(), name="victim-list"),
    path("api/v1/victims/<code:code>/", views.VictimViewSet.as_view(DETAIL), name="victim-detail"),
    path("api/v1/facilities/", views.FacilityViewSet.as_list_view(), name="facility-list"),
    path("api/v1/facilities/<code:code>/", views.FacilityViewSet.as_view(DETAIL), name="facility-detail"),
    path("api/v1/perpetrators/", views.PerpetratorViewSet.as_list_view(), name="perpetrator-list"),
    path(
        "api/v1/perpetrators/<code:code>/",
        views.PerpetratorViewSet.as_view(DETAIL),
        name="perpetrator-detail",
    ),
    path("api/v1/reports/", views.ReportView.as_view(), name="report"),
    path("api/v1/schema/", views.SchemaView.as_view(), name="schema"),
    # Swagger UI from the sidecar package's static files; its start-up script is a file of its own
    # (?script), not inline, so the site's Content-Security-Policy holds.
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under the API: a JSON 404, not the site's page.
    re_path(r"^api/v1/", errors.not_found),
]
