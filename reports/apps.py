from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Public pages that aggregate across apps: home, period reports."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from core.search import set_trigram_threshold

        connection_created.connect(set_trigram_threshold, dispatch_uid="core.search.trigram_threshold")
