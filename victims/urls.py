from django.urls import path

import core.converters  # noqa: F401 (registers the <code:...> converter)

from . import views

app_name = "victims"

urlpatterns = [
    path("victims/", views.VictimListView.as_view(), name="victim_list"),
    path("victims/<code:code>/", views.victim_detail, name="victim_detail"),
]
