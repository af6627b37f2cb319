"""Top-level URLs: the back office and the public pages.

English is at the plain paths, Arabic at the same paths under ``/ar/``
(``i18n_patterns`` without a prefix for the default language): the URL alone
says the language, so a page, its cached copy and every link on it agree.
Evidence files are the same bytes in every language and stay unprefixed.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, reverse_lazy

from core.health import HealthView
from reports.views import home

# The back office's "View site" link opens the public site in the back office's language.
admin.site.site_url = reverse_lazy("home")

urlpatterns = [
    path("evidence/", include("incidents.media_urls")),
    # For monitors and the compose healthcheck: the same in every language.
    path("health/", HealthView.as_view(), name="health"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", home, name="home"),
    path("", include("incidents.urls")),
    path("", include("victims.urls")),
    path("", include("facilities.urls")),
    path("", include("reports.urls")),
    # The read-only JSON API: /api/v1/, and /ar/api/v1/ for its messages and schema in Arabic.
    path("", include("api.urls")),
    # The two-factor pages belong to the back office and follow its language.
    path("account/", include("accounts.urls")),
    prefix_default_language=False,
)

# A request Django refuses itself (too many fields, a bad host header...) gets the site's 400 page.
handler400 = "core.views.handler400"
# A server error; a 503 while the database cannot be reached.
handler500 = "core.views.handler500"
