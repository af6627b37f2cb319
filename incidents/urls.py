from django.urls import path

from . import views

app_name = "incidents"

urlpatterns = [
    path("incidents/", views.IncidentListView.as_view(), name="incident_list"),
    path("incidents/<str:code>/", views.incident_detail, name="incident_detail"),
    path("attacks/", views.AttackListView.as_view(), name="attack_list"),
    path("perpetrators/", views.perpetrator_list, name="perpetrator_list"),
    path("perpetrators/<slug:code>/", views.perpetrator_detail, name="perpetrator_detail"),
]
