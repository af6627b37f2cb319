from django.urls import path

import core.converters  # noqa: F401 (registers the <code:...> converter)

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report, name="report"),
    path("perpetrators/", views.perpetrator_list, name="perpetrator_list"),
    path("perpetrators/<code:code>/", views.perpetrator_detail, name="perpetrator_detail"),
]
