"""Top-level URLs: the back office and the public pages."""

from django.contrib import admin
from django.urls import include, path

from reports.views import home

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", home, name="home"),
    path("", include("incidents.urls")),
    path("", include("victims.urls")),
    path("", include("facilities.urls")),
    path("", include("reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("evidence/", include("incidents.media_urls")),
    path("account/", include("accounts.urls")),
]
