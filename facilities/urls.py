from django.urls import path

from . import views

app_name = "facilities"

urlpatterns = [
    path("facilities/", views.FacilityListView.as_view(), name="facility_list"),
    path("facilities/<str:code>/", views.facility_detail, name="facility_detail"),
]
