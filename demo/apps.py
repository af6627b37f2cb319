from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data set (``manage.py load_demo``): above every domain app, which it fills."""

    name = "demo"
    verbose_name = _("Demo data")
