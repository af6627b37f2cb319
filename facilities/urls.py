from django.urls import path

import core.converters  # noqa: F401 (registers the <code:...> converter)

from . import views

app_name = "facilities"

urlpatterns = [
    path("facilities/<code:code>/", views.facility_detail, name="facility_detail"),
]
