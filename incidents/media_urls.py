from django.urls import path

from . import media_views

app_name = "evidence"

urlpatterns = [
    path("<int:pk>/display/", media_views.display_image, name="display"),
    path("<int:pk>/thumbnail/", media_views.thumbnail, name="thumbnail"),
    path("<int:pk>/original/", media_views.original, name="original"),
]
