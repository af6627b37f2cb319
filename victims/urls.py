from django.urls import path

from . import views

app_name = "victims"

urlpatterns = [
    path("victims/", views.VictimListView.as_view(), name="victim_list"),
    path("victims/<str:code>/", views.victim_detail, name="victim_detail"),
]
